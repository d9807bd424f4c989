import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import {
  baselineForecast,
  forecastSet,
  loadQuestionSet,
  pooled,
  poolWeights,
  recalibrateForecast,
  resolveQuestion,
  shippedData,
  RECALIBRATION_PRIOR,
  REFERENCE_TRACK_BASIS,
  type ForecastResult,
  type PoolWeights,
  type Question,
  type TrackPoint,
} from '../../src/forecast/index.ts';
import { resolveScenarioPath } from '../../src/io/index.ts';
import { writeFiles } from '../helpers.ts';

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
const vec = (w: PoolWeights) => [w.simulated, w.persistence, w.schedule, w.coin];

test('with no track the pool is the prior: an equal pool of the four sources', () => {
  assert.deepEqual(vec(poolWeights([])), [0.25, 0.25, 0.25, 0.25]);
  assert.equal(pooled([1, 0.9, 0.1, 0.5], poolWeights([])), (1 + 0.9 + 0.1 + 0.5) / 4);
});

test('hand-derived: simulator, persistence and schedule all said 1 and it happened, four times', () => {
  // by symmetry w = (a, a, a, 1 - 3a); F(a) = 4 (1.5a - 0.5)^2 + 3 (a - 1/4)^2 + (3/4 - 3a)^2 (lambda = 1),
  // F'(a) = 0 gives a = (1.5 n + 6) / (4.5 n + 24) = 12 / 42 = 2/7 for n = 4
  const track: TrackPoint[] = Array.from({ length: 4 }, () => ({ p: [1, 1, 1, 0.5], outcome: true }));
  const w = vec(poolWeights(track));
  for (let i = 0; i < 3; i++) close(w[i], 2 / 7, 1e-12, `w[${i}]`);
  close(w[3], 1 / 7, 1e-12, 'coin');
});

// an independent reference: F on a grid of the simplex (step 1/100)
function gridMinimum(track: TrackPoint[]): { w: number[]; f: number } {
  const w0 = vec(RECALIBRATION_PRIOR.weights);
  const lambda = RECALIBRATION_PRIOR.pseudo_questions / 4;
  const F = (w: number[]) =>
    track.reduce((s, t) => s + (w.reduce((a, x, i) => a + x * t.p[i], 0) - (t.outcome ? 1 : 0)) ** 2, 0) +
    lambda * w.reduce((s, x, i) => s + (x - w0[i]) ** 2, 0);
  let best = { w: [0, 0, 0, 1], f: Infinity };
  const N = 100;
  for (let a = 0; a <= N; a++)
    for (let b = 0; a + b <= N; b++)
      for (let c = 0; a + b + c <= N; c++) {
        const w = [a / N, b / N, c / N, (N - a - b - c) / N];
        const f = F(w);
        if (f < best.f) best = { w, f };
      }
  return best;
}

test('the closed form per support finds the minimum of the penalised Brier on the simplex (grid check)', () => {
  let s = 7;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let trial = 0; trial < 6; trial++) {
    const n = 3 + trial * 4;
    const track: TrackPoint[] = Array.from({ length: n }, () => {
      const outcome = rnd() < 0.5;
      // the simulator is right more often on later trials, persistence says 0.9/0.1 at random
      const sim = rnd() < trial / 6 ? (outcome ? 0.95 : 0.05) : rnd();
      return { p: [sim, rnd() < 0.5 ? 0.9 : 0.1, rnd() < 0.5 ? 0.9 : 0.1, 0.5], outcome };
    });
    const w = vec(poolWeights(track));
    close(
      w.reduce((a, x) => a + x, 0),
      1,
      1e-12,
      'sum',
    );
    assert.ok(
      w.every((x) => x >= 0),
      `non-negative: ${w}`,
    );
    const g = gridMinimum(track);
    const Fw =
      track.reduce((a, t) => a + (pooled(t.p, poolWeights(track)) - (t.outcome ? 1 : 0)) ** 2, 0) +
      w.reduce((a, x) => a + (x - 0.25) ** 2, 0);
    assert.ok(Fw <= g.f + 1e-12, `trial ${trial}: closed form ${Fw} above the grid's ${g.f}`);
    for (let i = 0; i < 4; i++) close(w[i], g.w[i], 0.02, `trial ${trial} w[${i}]`);
  }
});

test('a simulator that was right earns its weight; one that was wrong loses it', () => {
  const right: TrackPoint[] = Array.from({ length: 40 }, (_, i) => ({
    p: [i % 2 ? 1 : 0, 0.9, 0.9, 0.5],
    outcome: i % 2 === 1,
  }));
  assert.ok(poolWeights(right).simulated > 0.9, JSON.stringify(poolWeights(right)));
  const wrong = right.map((t) => ({ ...t, outcome: !t.outcome }));
  assert.equal(poolWeights(wrong).simulated, 0);
});

// Three questions of the built-in set, with hand-made simulator shares: two resolve before
// 2025-05-12 (asked 2025-04-02), one is asked on 2025-05-12.
const builtin = resolveScenarioPath('us-china');
const all = (
  parse(readFileSync(join('data', 'questions', 'us-china.yaml'), 'utf8')) as { questions: Question[] }
).questions;
const pick = (id: string) => ({ ...all.find((q) => q.id === id)!, outcome: undefined });
const ids = ['q0402-us-recip-ge34-0416', 'q0402-cn-recip-ge34-0416', 'q0512-us-recip-le10-0526'];
const late = 'q0402-cn-avg-ge20-0601'; // asked 2025-04-02, resolves 2025-06-01: after 2025-05-12
const fileOf = (qids: string[]) =>
  stringify({ id: 'recal', title: 'recalibration', scenario: builtin, questions: qids.map(pick) });
const dir = writeFiles({
  'a.yaml': fileOf(ids),
  'b.yaml': fileOf([...ids, late]),
  'held.yaml': fileOf([ids[2]]),
  'ref.yaml': fileOf([...ids.slice(0, 2), late]),
});
const shares: Record<string, number> = {
  'q0402-us-recip-ge34-0416': 0.8,
  'q0402-cn-recip-ge34-0416': 0.1,
  'q0512-us-recip-le10-0526': 0.7,
  [late]: 0.99,
};
function handForecast(qids: string[]): ForecastResult {
  const qs = qids.map(pick);
  return {
    kind: 'forecast',
    questions_id: 'recal',
    scenario: builtin,
    runs: 1,
    seed: 1,
    origins: [...new Set(qs.map((q) => q.asked))].sort().map((origin) => ({
      origin,
      questions: qs.filter((q) => q.asked === origin).length,
      weeks: 1,
      scenario_as_of: null,
      parameters: { basis: 'priors' as const },
    })),
    forecasts: qs.map((q) => ({
      id: q.id,
      asked: q.asked,
      resolves: q.resolves,
      p_yes: shares[q.id],
      basis: 'simulated' as const,
    })),
    basis: [],
  };
}

test('recalibration at an origin reads only the questions resolved before it, as the first origin after they resolved reads them', () => {
  const set = loadQuestionSet(join(dir, 'a.yaml'));
  const data = shippedData();
  const r = recalibrateForecast(set.questions, handForecast(ids), set.viewOn, data);
  const at = (o: string) => r.origins.find((x) => x.origin === o)!.recalibration!;
  assert.deepEqual(at('2025-04-02').weights, RECALIBRATION_PRIOR.weights);
  assert.equal(at('2025-04-02').track_questions, 0);
  assert.equal(at('2025-05-12').track_questions, 2);
  // the same pool from the track built by hand: shares, the baselines of each question's own origin,
  // the outcome as the 2025-05-12 view (the first origin after they resolved) reads it
  const view = set.viewOn('2025-05-12');
  const track = set.questions.questions
    .filter((q) => q.resolves < '2025-05-12')
    .map((q) => {
      const v = set.viewOn(q.asked);
      const b = (n: 'persistence' | 'schedule') => baselineForecast(n, q, v, data, undefined).p_yes;
      return {
        p: [shares[q.id], b('persistence'), b('schedule'), 0.5],
        outcome: resolveQuestion(q, view, data).outcome === true,
      };
    });
  assert.deepEqual(at('2025-05-12').weights, poolWeights(track));
  for (const f of r.forecasts) {
    assert.equal(f.p_simulated, shares[f.id]);
    assert.ok(f.p_yes >= 0 && f.p_yes <= 1);
  }
  // a question resolving after 2025-05-12 changes nothing at that origin
  const setB = loadQuestionSet(join(dir, 'b.yaml'));
  const rb = recalibrateForecast(setB.questions, handForecast([...ids, late]), setB.viewOn, data);
  assert.deepEqual(rb.origins.find((x) => x.origin === '2025-05-12')!.recalibration, at('2025-05-12'));
  const f0512 = (x: ForecastResult) => x.forecasts.find((f) => f.asked === '2025-05-12')!;
  assert.equal(f0512(rb).p_yes, f0512(r).p_yes);
  // recalibrating twice gives the same document (p_simulated is what is pooled)
  assert.deepEqual(recalibrateForecast(set.questions, r, set.viewOn, data), r);
});

test('a reference track (the built-in set beside a held-out file) enters the pool only once resolved, and once per question', () => {
  const data = shippedData();
  // the held-out file: only the 2025-05-12 question; the reference: the two April questions and one
  // that resolves after 2025-05-12
  const held = loadQuestionSet(join(dir, 'held.yaml'));
  const ref = loadQuestionSet(join(dir, 'ref.yaml'));
  const reference = { questions: ref.questions, result: handForecast([...ids.slice(0, 2), late]) };
  const alone = recalibrateForecast(held.questions, handForecast([ids[2]]), held.viewOn, data);
  const pooledRef = recalibrateForecast(held.questions, handForecast([ids[2]]), held.viewOn, data, reference);
  const r0 = alone.origins[0].recalibration!;
  const r1 = pooledRef.origins[0].recalibration!;
  // alone: no track, the prior; with the reference: the two April questions, not the late one
  assert.deepEqual([r0.track_questions, r0.reference_questions], [0, 0]);
  assert.deepEqual(r0.weights, RECALIBRATION_PRIOR.weights);
  assert.deepEqual([r1.track_questions, r1.reference_questions], [2, 2]);
  // the same weights as the built-in file's own fit at 2025-05-12 over the same two questions
  const a = loadQuestionSet(join(dir, 'a.yaml'));
  const own = recalibrateForecast(a.questions, handForecast(ids), a.viewOn, data);
  assert.deepEqual(r1.weights, own.origins.find((o) => o.origin === '2025-05-12')!.recalibration!.weights);
  assert.ok(pooledRef.basis.includes(REFERENCE_TRACK_BASIS));
  assert.ok(!alone.basis.includes(REFERENCE_TRACK_BASIS));
  // the held-out file's own share is still p_simulated; p_yes follows the new pool
  const f = pooledRef.forecasts[0];
  assert.equal(f.p_simulated, shares[ids[2]]);
  assert.notEqual(f.p_yes, alone.forecasts[0].p_yes);
  // a reference that repeats the file's questions (the built-in set scored under another path)
  // counts each question once: the same document as without the reference
  const self = { questions: a.questions, result: handForecast(ids) };
  const twice = recalibrateForecast(a.questions, handForecast(ids), a.viewOn, data, self);
  assert.deepEqual(
    twice.origins.map((o) => o.recalibration),
    own.origins.map((o) => o.recalibration),
  );
});

test('forecastSet: a held-out file about the built-in scenario is pooled on the built-in questions resolved before its origin', async () => {
  // one question asked on 2025-06-11 (a copy of a built-in one: counted once)
  const q = all.find((x) => x.asked === '2025-06-11')!;
  const d = writeFiles({ 'held.yaml': fileOf([q.id]) });
  const set = loadQuestionSet(join(d, 'held.yaml'));
  const r = await forecastSet(set, { runs: 20, seed: 1 });
  const rec = r.origins[0].recalibration!;
  const before = all.filter((x) => x.resolves < '2025-06-11');
  assert.ok(before.length >= 4, `built-in questions resolved before 2025-06-11: ${before.length}`);
  // every such built-in question has an outcome by then (none of them is unresolved)
  assert.equal(rec.reference_questions, before.length);
  assert.equal(rec.track_questions, before.length);
  assert.notDeepEqual(rec.weights, RECALIBRATION_PRIOR.weights);
  assert.ok(r.basis.includes(REFERENCE_TRACK_BASIS));
});
