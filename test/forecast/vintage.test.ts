import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadQuestionSet, forecastSet, loadView, byOrigin } from '../../src/forecast/index.ts';
import { resolveConfig } from '../../src/simulate/index.ts';
import { resolveScenarioPath } from '../../src/io/index.ts';
import { writeFiles } from '../helpers.ts';

// A variant of the built-in scenario with a measure announced after the origin 2025-06-11: a 50%
// US tariff on everything from China, announced 2025-07-01, in force 2025-07-15. As known on
// 2025-06-11 the variant is the built-in scenario, so the forecast must not change by one byte;
// as known on 2025-07-20 it is not, so the same question asked then must change (the test can fail).
const SRC = ['https://example.org/later-announcement'];
const builtin = resolveScenarioPath('us-china');
const variant = {
  id: 'us-china-later',
  title: 'us-china with a measure announced after the origin',
  extends: builtin,
  measures: [
    {
      id: 'us-later-tariff',
      kind: 'tariff',
      actor: 'US',
      target: 'CN',
      title: 'A later tariff',
      authority: 'Later authority',
      announced: '2025-07-01',
      scope: { all: true },
      rates: [{ from: '2025-07-15', rate_pct: 50, announced: '2025-07-01', sources: SRC }],
      status: [{ date: '2025-07-15', status: 'in_force', announced: '2025-07-01', sources: SRC }],
      sources: SRC,
    },
  ],
};
const avgQ = (asked: string, date: string) => ({
  id: `avg-${asked}`,
  asked,
  resolves: date,
  text: 'US average on China above 45%?',
  measure: { kind: 'average_rate', actor: 'US', target: 'CN', date, op: '>=', value: 45 },
  sources: SRC,
});
const qs = (scenario: string) => ({
  id: 'vintage',
  title: 'Vintage invariance',
  scenario,
  questions: [
    avgQ('2025-06-11', '2025-08-13'),
    {
      ...avgQ('2025-06-11', '2025-09-01'),
      id: 'recip',
      measure: {
        kind: 'layer_rate',
        actor: 'US',
        target: 'CN',
        authority: 'IEEPA reciprocal',
        date: '2025-09-01',
        op: '<=',
        value: 10,
      },
    },
    avgQ('2025-07-20', '2025-09-01'),
  ],
});
const dir = writeFiles({
  'variant.json': variant,
  'base.yaml': stringify(qs(builtin)),
  'later.yaml': stringify(qs(join('.', 'variant.json'))),
});

test('a forecast does not change by one byte when entries announced after its origin are added', async () => {
  // priors on both sides: the built-in scenario has shipped posteriors, the variant (its own
  // folder) none; that calibration reads nothing after its vintage is tested in test/calibrate
  const opts = {
    runs: 80,
    seed: 4,
    priors: true,
    // one file on the built-in scenario, one on a variant: compare their own pools (the reference
    // track of the built-in set applies to the first only)
    referenceTrack: false,
    supply: { importer_loss_usd_per_week: 1e8, exporter_loss_usd_per_week: 2e7, basis: 'test' },
  };
  const a = await forecastSet(loadQuestionSet(join(dir, 'base.yaml')), opts);
  const b = await forecastSet(loadQuestionSet(join(dir, 'later.yaml')), opts);
  const at = (r: typeof a, origin: string) => JSON.stringify(r.forecasts.filter((f) => f.asked === origin));
  assert.equal(at(b, '2025-06-11'), at(a, '2025-06-11'));
  assert.notEqual(at(b, '2025-07-20'), at(a, '2025-07-20'));
});

test('the view at every origin of the built-in sets is a runnable simulation, without moves on what was not yet announced', () => {
  for (const f of ['us-china.yaml', 'us-china-2018-2020.yaml']) {
    const set = loadQuestionSet(join('data', 'questions', f));
    for (const [origin] of byOrigin(set.questions)) {
      const view = set.viewOn(origin);
      assert.doesNotThrow(() => resolveConfig(view), `${f} as known on ${origin}`);
      const agreements = new Set(view.agreements.map((a) => a.id));
      const sim = view.parameters.simulation!;
      for (const list of Object.values(sim.moves))
        for (const mv of list)
          if ('agreement' in mv) assert.ok(agreements.has(mv.agreement), `${origin}: ${mv.id}`);
      for (const k of ['framework', 'truce'] as const) {
        const id = sim.agreements[k];
        assert.ok(id === undefined || agreements.has(id), `${origin}: agreements.${k}`);
      }
    }
  }
  // before Geneva (announced 2025-05-12) no truce is tracked and nobody can propose it
  const april = loadView(builtin, '2025-04-10').parameters.simulation!;
  assert.equal(april.agreements.truce, undefined);
  assert.ok(!april.moves.US.some((m) => m.id === 'us-propose-truce'));
  assert.ok(
    !april.uncertain.some((u) => u.path.startsWith('moves.CN.cn-loosen-ree.')) ||
      april.moves.CN.some((m) => m.id === 'cn-loosen-ree'),
  );
  const june = loadView(builtin, '2025-06-11').parameters.simulation!;
  assert.equal(june.agreements.truce, 'agr-geneva-2025-05');
  assert.ok(june.moves.US.some((m) => m.id === 'us-propose-truce'));
});
