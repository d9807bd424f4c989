import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadScenarioSync } from '../../src/io/index.ts';
import type { Scenario } from '../../src/model/index.ts';
import { paramsReport } from '../../src/report/index.ts';

describe('paramsReport', () => {
  const full = loadScenarioSync('us-china');

  test('lists every sourced or assumed number with its provenance and range', () => {
    const r = paramsReport(full);
    const pain = r.rows.find((x) => x.path === 'parameters.simulation.pain_unit_usd');
    assert.ok(pain);
    assert.equal(pain.provenance, 'assumption');
    assert.deepEqual(pain.range, [1e9, 1e9]);
    assert.ok(r.rows.filter((x) => x.provenance === 'assumption').every((x) => x.range !== undefined));
  });

  test('as known on a date before data_date shows the prior', () => {
    const p = {
      simulation: {
        share: {
          value: 0.7,
          source: 'https://example.org/sept',
          data_date: '2025-10-20',
          prior: { value: 0.5, assumption: 'half of normal flow' },
        },
      },
    };
    const s = { ...full, parameters: p } as unknown as Scenario;
    const before = paramsReport(s, '2025-10-19').rows[0];
    assert.deepEqual(
      { value: before.value, provenance: before.provenance, prior_shown: before.prior_shown },
      { value: 0.5, provenance: 'assumption', prior_shown: true },
    );
    const after = paramsReport(s, '2025-10-20').rows[0];
    assert.equal(after.value, 0.7);
    assert.equal(after.provenance, 'https://example.org/sept');
  });
});
