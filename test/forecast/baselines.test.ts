import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadShippedTradeData } from '../../src/io/index.ts';
import {
  baselineForecast,
  simulatorVerdictOf,
  verdictOf,
  checkQuestions,
  readQuestions,
  resolveQuestions,
  scoreForecasts,
  shiftedEnsemble,
  crpsEnsemble,
  type QuestionForecast,
} from '../../src/forecast/index.ts';
import { loadScenarioSync } from '../../src/io/index.ts';
import { SRC, baseScenario, writeFiles } from '../helpers.ts';

// A small hand-made ledger: one US tariff on China whose 20-point suspension lapses on
// 2025-08-01 (announced with the step), and a Chinese export control rolled back on 2025-10-01.
const scenario = baseScenario({
  as_of: '2025-12-31',
  measures: [
    {
      id: 'tar',
      kind: 'tariff',
      actor: 'US',
      target: 'CN',
      title: 'A tariff',
      authority: 'Auth T',
      scope: { all: true },
      rates: [
        { from: '2025-03-01', rate_pct: 10 },
        { from: '2025-05-01', rate_pct: 30, suspended_pct: 20, suspended_until: '2025-08-01' },
      ],
      status: [
        { date: '2025-03-01', status: 'in_force' },
        { date: '2025-05-01', status: 'raised' },
      ],
      sources: SRC,
    },
    {
      id: 'ctrl',
      kind: 'export_control',
      actor: 'CN',
      target: 'ALL',
      title: 'A control',
      authority: 'Auth C',
      items: ['magnets'],
      products: { hs: ['8505'] },
      licensing: { required: true },
      status: [
        { date: '2025-04-04', status: 'in_force' },
        { date: '2025-10-01', status: 'rolled_back' },
      ],
      sources: SRC,
    },
  ],
});

const q = (id: string, date: string, measure: Record<string, unknown>) => ({
  id,
  asked: '2025-06-01',
  resolves: date,
  text: id,
  measure: { date, ...measure },
  sources: SRC,
});
const file = {
  id: 'tiny-questions',
  title: 'Tiny',
  scenario: 'scenario.json',
  questions: [
    q('layer-le10', '2025-08-15', {
      kind: 'layer_rate',
      actor: 'US',
      target: 'CN',
      authority: 'Auth T',
      op: '<=',
      value: 10,
    }),
    q('avg-ge20', '2025-08-15', { kind: 'average_rate', actor: 'US', target: 'CN', op: '>=', value: 20 }),
    q('ctrl-on', '2025-10-15', { kind: 'control_status', control: 'ctrl', op: '==', value: 'in_force' }),
  ],
};
const dir = writeFiles({ 'scenario.json': scenario, 'q.yaml': stringify(file) });
const loaded = readQuestions(join(dir, 'q.yaml'));
const scn = loadScenarioSync(loaded.scenarioPath);
checkQuestions(loaded.src, loaded.questions, scn);
const data = loadShippedTradeData();
const [qLayer, qAvg, qCtrl] = loaded.questions.questions;

test('persistence holds the origin state; schedule plays the dated, announced changes; both say 0.9 / 0.1', () => {
  const model: QuestionForecast = {
    id: 'avg-ge20',
    asked: '2025-06-01',
    resolves: '2025-08-15',
    p_yes: 0.5,
    basis: 'simulated',
    ensemble: [8, 10, 12],
  };
  assert.equal(baselineForecast('persistence', qLayer, scn, data, undefined).p_yes, 0.9); // 10% on 06-01
  assert.equal(baselineForecast('schedule', qLayer, scn, data, undefined).p_yes, 0.1); // 30% once the suspension lapses
  assert.equal(baselineForecast('coin', qLayer, scn, data, undefined).p_yes, 0.5);
  assert.equal(baselineForecast('persistence', qCtrl, scn, data, undefined).p_yes, 0.9); // in force on 06-01
  assert.equal(baselineForecast('schedule', qCtrl, scn, data, undefined).p_yes, 0.1); // rolled back 10-01
  // averages: the tariff covers every line, so the average is the rate; a point with the model's spread
  const pa = baselineForecast('persistence', qAvg, scn, data, model);
  assert.equal(pa.p_yes, 0.1);
  assert.deepEqual(
    pa.ensemble!.map((x) => Math.round(x * 1e9) / 1e9),
    [8, 10, 12],
  );
  const sa = baselineForecast('schedule', qAvg, scn, data, model);
  assert.equal(sa.p_yes, 0.9);
  assert.deepEqual(
    sa.ensemble!.map((x) => Math.round(x * 1e9) / 1e9),
    [28, 30, 32],
  );
  assert.deepEqual(shiftedEnsemble(undefined, 4), [4]);
});

test('scorecard on the hand-made ledger: Brier, CRPS and skill as computed by hand', () => {
  const res = resolveQuestions(loaded.questions, scn, data);
  assert.deepEqual(
    res.map((r) => r.outcome),
    [false, true, false],
  );
  const model = {
    runs: 1,
    seed: 1,
    forecasts: [
      {
        id: 'layer-le10',
        asked: '2025-06-01',
        resolves: '2025-08-15',
        p_yes: 0.3,
        basis: 'simulated' as const,
      },
      {
        id: 'avg-ge20',
        asked: '2025-06-01',
        resolves: '2025-08-15',
        p_yes: 0.6,
        basis: 'simulated' as const,
        ensemble: [10, 20, 30],
      },
      { id: 'ctrl-on', asked: '2025-06-01', resolves: '2025-10-15', p_yes: 0.8, basis: 'simulated' as const },
    ],
  };
  const s = scoreForecasts(loaded.questions, res, model, () => scn, data, {
    seed: 3,
    scenario_as_of: scn.as_of ?? null,
  });
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} != ${b}`);
  close(s.overall.model.brier, (0.09 + 0.16 + 0.64) / 3);
  close(s.overall.baselines.persistence.brier, (0.81 + 0.81 + 0.81) / 3);
  close(s.overall.baselines.schedule.brier, (0.01 + 0.01 + 0.01) / 3);
  close(s.overall.baselines.coin.brier, 0.25);
  close(s.overall.model.log_loss, -(Math.log(0.7) + Math.log(0.6) + Math.log(0.2)) / 3);
  close(s.overall.model.crps!, crpsEnsemble([10, 20, 30], 30));
  close(s.overall.baselines.persistence.crps!, crpsEnsemble([0, 10, 20], 30));
  close(s.overall.baselines.schedule.crps!, crpsEnsemble([20, 30, 40], 30));
  assert.equal(s.overall.best_baseline, 'schedule');
  close(s.overall.skill_vs_best.brier_skill!, 1 - 0.89 / 3 / 0.01);
  close(s.overall.skill.persistence.brier_skill!, 1 - 0.89 / 2.43);
  assert.equal(s.origins.length, 1);
  assert.equal(
    s.reliability.reduce((n, b) => n + b.count, 0),
    3,
  );
  assert.match(s.verdict, /beat assuming nothing changes but not the best baseline, schedule/);
  const worse = scoreForecasts(
    loaded.questions,
    res,
    { ...model, forecasts: model.forecasts.map((f, i) => ({ ...f, p_yes: [0.95, 0.05, 0.95][i] })) },
    () => scn,
    data,
    { seed: 3, scenario_as_of: null },
  );
  assert.match(worse.verdict, /^the forecast scored worse than assuming nothing changes/);
  // each verdict names whose odds it judges (issue 17): given shares of runs before recalibration
  // of 1, 0, 1 on outcomes no, yes, no, the simulator's Brier is 1, above persistence's
  // 2.43 / 3 = 0.81, while the forecast's 0.89 / 3 is below it
  const sim = scoreForecasts(
    loaded.questions,
    res,
    { ...model, forecasts: model.forecasts.map((f, i) => ({ ...f, p_simulated: [1, 0, 1][i] })) },
    () => scn,
    data,
    { seed: 3, scenario_as_of: null },
  );
  assert.equal(
    simulatorVerdictOf(sim.overall),
    "the simulator's shares of runs scored worse than assuming nothing changes (Brier 1.000 vs 0.810 for persistence on 3 resolved questions)",
  );
  assert.match(verdictOf(sim.overall), /^the recalibrated forecast beat assuming nothing changes but not/);
  assert.equal(simulatorVerdictOf(s.overall), null);
});
