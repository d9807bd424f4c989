import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY_DATES_2025, KEY_DATES_2025_LABELLED } from '../../src/trade/index.ts';
import { cli } from '../helpers.ts';
import { loadQuestionSet, resolveQuestion, shippedData, type Question } from '../../src/forecast/index.ts';

// One list of key dates for the terminal (start, tariffs --key-dates) and the dashboard; its
// labels are claims about the ledger, checked here against the ledger itself.
test('the key dates are one ordered list, and the peak label is true of the ledger', () => {
  assert.deepEqual(
    KEY_DATES_2025,
    KEY_DATES_2025_LABELLED.map((d) => d.date),
  );
  assert.deepEqual([...KEY_DATES_2025].sort(), [...KEY_DATES_2025]);
  const peak = KEY_DATES_2025_LABELLED.find((d) => /Peak, both sides 125%/.test(d.label));
  assert.ok(peak, 'a peak key date');
  const set = loadQuestionSet('data/questions/us-china.yaml');
  const layer = (actor: string, target: string, authority: string, date: string, value: number) =>
    resolveQuestion(
      {
        id: 'k',
        asked: date,
        resolves: date,
        text: 'key date',
        measure: { kind: 'layer_rate', actor, target, authority, date, op: '==', value },
        sources: [],
      } as unknown as Question,
      set.scenario,
      shippedData(),
    ).outcome;
  assert.equal(layer('US', 'CN', 'IEEPA reciprocal', peak.date, 125), true);
  assert.equal(layer('CN', 'US', 'CN counter-tariff (Apr 2025)', peak.date, 125), true);
  // two days before, China was not yet at 125%: the reason the peak is not 10 April
  assert.equal(layer('CN', 'US', 'CN counter-tariff (Apr 2025)', '2025-04-10', 125), false);
});

test('tariffs --help names the same key dates the table uses', async () => {
  const r = await cli(['tariffs', '--help']);
  const help = r.stdout.replace(/\s+/g, ' ');
  // 2025-04-12 -> "12 Apr": the help once listed 10 Apr after the table had moved to 12 April
  const days = KEY_DATES_2025.map((d) =>
    new Date(`${d}T00:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    }),
  );
  assert.ok(help.includes(`key dates (${days.join(', ')})`), help);
});
