import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { forecastSet, loadQuestionSet } from '../../src/forecast/index.ts';
import { resolveScenarioPath } from '../../src/io/index.ts';
import { writeFiles } from '../helpers.ts';
import { variant } from '../simulate/helpers.ts';

// Questions on measures absent from the origin's view (docs/questions.md): at 2025-04-02 China
// has neither its April counter-tariff layer nor the rare-earth licensing of 2025-04-04; each
// is read from the card that would create it, and the forecast says so.
const SRC = ['https://example.org/q'];
const builtin = resolveScenarioPath('us-china');
const q = (id: string, measure: object) => ({
  id,
  asked: '2025-04-02',
  resolves: '2025-05-01',
  text: id,
  measure,
  sources: SRC,
});
const questions = (scenario: string) => ({
  id: 'cards',
  title: 'Absent measures',
  scenario,
  questions: [
    q('cn-layer', {
      kind: 'layer_rate',
      actor: 'CN',
      target: 'US',
      authority: 'CN counter-tariff (Apr 2025)',
      date: '2025-05-01',
      op: '>=',
      value: 1,
    }),
    q('cn-ree', {
      kind: 'control_status',
      control: 'cn-ec-ree-2025-04-04',
      date: '2025-05-01',
      op: '==',
      value: 'in_force',
    }),
    // the US holds no layer card: said so, and the schedule answers
    q('us-s122', {
      kind: 'layer_rate',
      actor: 'US',
      target: 'CN',
      authority: 'Section 122',
      date: '2025-05-01',
      op: '>=',
      value: 1,
    }),
  ],
});
const opts = {
  runs: 60,
  seed: 3,
  priors: true,
  // files on the built-in scenario and on variants: compare their own pools, without the built-in
  // set's reference track (it applies to the built-in scenario only)
  referenceTrack: false,
  supply: { importer_loss_usd_per_week: 1e8, exporter_loss_usd_per_week: 2e7, basis: 'test' },
};

test('an absent authority reads the layer of the actor\u2019s card; an absent control the card control of its groups; an unmatched one says so', async () => {
  const dir = writeFiles({ 'q.yaml': stringify(questions(builtin)) });
  const r = await forecastSet(loadQuestionSet(join(dir, 'q.yaml')), opts);
  const by = new Map(r.forecasts.map((f) => [f.id, f]));
  const layer = by.get('cn-layer')!;
  assert.equal(layer.basis, 'simulated');
  assert.match(layer.absent!, /read from card:cn-card-counter-tariff/);
  const ree = by.get('cn-ree')!;
  assert.equal(ree.basis, 'simulated');
  assert.match(ree.absent!, /read from card:cn-card-ree-licensing/);
  const us = by.get('us-s122')!;
  assert.equal(us.basis, 'scheduled');
  assert.match(us.absent!, /US holds no new_tariff_layer card on CN/);
  assert.equal(us.p_simulated, 0);
});

test('a forecast does not change by one byte when a card announced after its origin is added', async () => {
  // a US card announced 2025-07-01: as known on 2025-06-11 the variant is the built-in scenario
  const file = variant(
    '        - id: us-walk-away-geneva\n',
    `        - id: us-card-later
          kind: new_tariff_layer
          on: D
          authority: Later US authority
          announced: '2025-07-01'
          size: { value: 50, assumption: a test card, range: [0, 100] }
          sources: ['https://example.org/later-card']
        - id: us-walk-away-geneva\n`,
  );
  const avg = (asked: string) => ({
    id: `avg-${asked}`,
    asked,
    resolves: '2025-09-01',
    text: 'US average on China above 45%?',
    measure: { kind: 'average_rate', actor: 'US', target: 'CN', date: '2025-09-01', op: '>=', value: 45 },
    sources: SRC,
  });
  const set = (scenario: string) => ({
    id: 'v',
    title: 'v',
    scenario,
    questions: [avg('2025-06-11'), avg('2025-07-20')],
  });
  const dir = writeFiles({ 'base.yaml': stringify(set(builtin)), 'later.yaml': stringify(set(file)) });
  const a = await forecastSet(loadQuestionSet(join(dir, 'base.yaml')), opts);
  const b = await forecastSet(loadQuestionSet(join(dir, 'later.yaml')), opts);
  const at = (x: typeof a, origin: string) => JSON.stringify(x.forecasts.filter((f) => f.asked === origin));
  assert.equal(at(b, '2025-06-11'), at(a, '2025-06-11'));
  // the card is on the menu from 2025-07-01 (so the test compares something that can differ)
  const later = loadQuestionSet(join(dir, 'later.yaml')).viewOn('2025-07-20').parameters.simulation!;
  assert.ok(later.moves.US.some((m) => m.id === 'us-card-later'));
  const before = loadQuestionSet(join(dir, 'later.yaml')).viewOn('2025-06-11').parameters.simulation!;
  assert.ok(!before.moves.US.some((m) => m.id === 'us-card-later'));
});
