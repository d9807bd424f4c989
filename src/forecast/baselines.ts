// Reference forecasters, built from the vintage view as the model is: a coin flip; persistence
// (every layer, status and average stays as it was on the origin date); schedule (changes
// announced and dated by the origin happen as announced, nothing else). A baseline says 0.9
// for what it predicts and 0.1 otherwise; for averages it is a point forecast carrying the
// model's own spread (the model's ensemble shifted to the point by its median).
import type { Scenario } from '../model/index.ts';
import type { ShippedTrade } from '../trade/index.ts';
import type { QuestionForecast } from './forecast.ts';
import { holds, observe } from './observe.ts';
import type { Question } from './schema.ts';

export const BASELINES = ['coin', 'persistence', 'schedule'] as const;
export type BaselineName = (typeof BASELINES)[number];

export const BASELINE_YES = 0.9;
export const BASELINE_NO = 0.1;

export const BASELINE_TITLES: Record<BaselineName, string> = {
  coin: 'coin flip (0.5)',
  persistence: 'persistence (nothing changes from the origin)',
  schedule: 'schedule (announced, dated changes happen; nothing else)',
};

/** A point forecast with the model's spread: the model ensemble moved so that its median is the point. */
export function shiftedEnsemble(model: readonly number[] | undefined, point: number): number[] {
  if (!model || model.length === 0) return [point];
  const s = Float64Array.from(model).sort();
  const med = median(s);
  return model.map((x) => x - med + point);
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) >> 1] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
}

/** One baseline's forecast of a question from the view as known on its origin. */
export function baselineForecast(
  name: BaselineName,
  q: Question,
  view: Scenario,
  data: ShippedTrade,
  model: QuestionForecast | undefined,
): QuestionForecast {
  const base = { id: q.id, asked: q.asked, resolves: q.resolves, basis: 'scheduled' as const };
  if (name === 'coin') return { ...base, p_yes: 0.5 };
  const reading = observe(view, data, q.measure, name === 'persistence' ? q.asked : q.measure.date);
  const f: QuestionForecast = { ...base, p_yes: holds(q.measure, reading) ? BASELINE_YES : BASELINE_NO };
  if (q.measure.kind === 'average_rate' && 'rate_pct' in reading)
    f.ensemble = shiftedEnsemble(model?.ensemble, reading.rate_pct);
  return f;
}
