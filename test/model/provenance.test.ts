import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadScenarioSync } from '../../src/io/index.ts';
import { sourcedValue } from '../../src/model/params-simulation.ts';

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);

describe('an assumption carries a range', () => {
  const schema = sourcedValue('a share', 0, 1);

  test('an assumption without a range is refused at .range', () => {
    const r = schema.safeParse({ value: 0.5, assumption: 'half' });
    assert.equal(r.success, false);
    assert.deepEqual(messages(r), [
      'range: a share: an assumption needs range: [low, high] (the values it could plausibly take)',
    ]);
  });

  test('a value outside its range is refused at .range', () => {
    const r = schema.safeParse({ value: 0.9, assumption: 'x', range: [0.2, 0.8] });
    assert.equal(r.success, false);
    assert.match(
      messages(r).join('\n'),
      /^range: a share: expected range \[low, high\] with low <= value <= high, got \[0\.2, 0\.8\] for value 0\.9$/,
    );
  });

  test('a range outside the field bounds is refused', () => {
    const r = schema.safeParse({ value: 0.5, assumption: 'x', range: [0, 2] });
    assert.equal(r.success, false);
    assert.match(messages(r).join('\n'), /^range\.1: expected a share, range high <= 1, got 2/m);
  });

  test('a sourced value may carry a range, or not', () => {
    assert.ok(schema.safeParse({ value: 0.5, source: 'https://example.org/x' }).success);
    assert.ok(schema.safeParse({ value: 0.5, source: 'https://example.org/x', range: [0.4, 0.6] }).success);
    assert.ok(schema.safeParse({ value: 0.5, assumption: 'x', range: [0.5, 0.5] }).success);
  });
});

describe('the shipped scenario', () => {
  test('every numeric assumption has a range around its value', () => {
    const s = loadScenarioSync('us-china');
    const found: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      if (typeof o.value === 'number' && typeof o.assumption === 'string') {
        found.push(path);
        const r = o.range as [number, number] | undefined;
        assert.ok(r, `${path}: assumption without range`);
        assert.ok(r[0] <= o.value && o.value <= r[1], `${path}: value outside range`);
      }
      for (const [k, x] of Object.entries(o)) walk(x, path ? `${path}.${k}` : k);
    };
    walk(s.parameters, 'parameters');
    assert.ok(found.length >= 30, `found ${found.length} assumptions`);
  });
});
