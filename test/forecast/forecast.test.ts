import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync, loadShippedTradeData } from '../../src/io/index.ts';
import {
  cachedViews,
  forecastQuestions,
  readQuestions,
  weekOf,
  type QuestionFile,
} from '../../src/forecast/index.ts';

const BUILTIN = new URL('../../data/questions/us-china.yaml', import.meta.url).pathname;
const { questions } = readQuestions(BUILTIN);
const data = loadShippedTradeData();
const supply = { importer_loss_usd_per_week: 1e8, exporter_loss_usd_per_week: 2e7, basis: 'test bridge' };
const views = cachedViews(() => loadScenarioSync('us-china'));
// three origins of the built-in set, a few runs each
const sub: QuestionFile = {
  ...questions,
  questions: questions.questions.filter((q) => ['2025-05-12', '2025-06-11', '2025-10-10'].includes(q.asked)),
};
const opts = { runs: 60, seed: 5, supply };

test('weeks are counted from the origin: the week containing the date', () => {
  assert.equal(weekOf('2025-06-11', '2025-06-11'), 0);
  assert.equal(weekOf('2025-06-11', '2025-06-17'), 0);
  assert.equal(weekOf('2025-06-11', '2025-06-18'), 1);
  assert.equal(weekOf('2025-06-11', '2025-08-13'), 9);
});

test('forecast: one per question, probabilities, ordered quantiles and a sorted 100-value ensemble for averages; reproducible; outcomes ignored', async () => {
  const a = await forecastQuestions(sub, views, data, opts);
  assert.equal(a.forecasts.length, sub.questions.length);
  assert.deepEqual(
    a.origins.map((o) => o.origin),
    ['2025-05-12', '2025-06-11', '2025-10-10'],
  );
  for (const f of a.forecasts) {
    assert.ok(f.p_yes >= 0 && f.p_yes <= 1, f.id);
    const q = sub.questions.find((x) => x.id === f.id)!;
    assert.equal(f.asked, q.asked);
    if (q.measure.kind === 'average_rate') {
      const k = f.quantiles!;
      assert.ok(k.p5 <= k.p25 && k.p25 <= k.p50 && k.p50 <= k.p75 && k.p75 <= k.p95, f.id);
      assert.equal(f.ensemble!.length, 100);
      assert.ok(f.ensemble!.every((x, i, e) => i === 0 || e[i - 1] <= x));
      // the share of runs above the threshold matches the ensemble (same runs)
      const { op, value } = q.measure as { op: string; value: number };
      const above = f.ensemble!.filter((x) => (op[0] === '<' ? x <= value : x >= value)).length / 100;
      assert.ok(Math.abs(above - f.p_yes) <= 0.05, `${f.id}: ${above} vs ${f.p_yes}`);
    } else assert.equal(f.quantiles, undefined);
  }
  const b = await forecastQuestions(sub, views, data, opts);
  assert.equal(JSON.stringify(b), JSON.stringify(a));
  const flipped: QuestionFile = {
    ...sub,
    questions: sub.questions.map((q) => ({ ...q, outcome: !q.outcome })),
  };
  const c = await forecastQuestions(flipped, views, data, opts);
  assert.equal(JSON.stringify(c.forecasts), JSON.stringify(a.forecasts));
  const d = await forecastQuestions(sub, views, data, { ...opts, seed: 6 });
  assert.notEqual(JSON.stringify(d.forecasts), JSON.stringify(a.forecasts));
});

test("a question's forecast does not depend on the other questions of its origin", async () => {
  const one: QuestionFile = {
    ...sub,
    questions: sub.questions.filter((q) => q.asked === '2025-06-11').slice(0, 1),
  };
  const a = await forecastQuestions(sub, views, data, opts);
  const b = await forecastQuestions(one, views, data, opts);
  assert.deepEqual(
    b.forecasts[0],
    a.forecasts.find((f) => f.id === one.questions[0].id),
  );
});
