// The scorecard: the model's forecasts and the three baselines scored on the resolved
// questions, per origin and overall, with bootstrap intervals, skill against each baseline, the
// market where questions carry a price, and a reliability table.
import { inputError } from '../errors/index.ts';
import type { ShippedTrade } from '../trade/index.ts';
import { BASELINES, BASELINE_TITLES, baselineForecast, type BaselineName } from './baselines.ts';
import {
  byOrigin,
  type ForecastResult,
  type QuestionForecast,
  type Recalibration,
  type ViewOn,
} from './forecast.ts';
import type { Resolution } from './resolve.ts';
import type { Question, QuestionFile } from './schema.ts';
import {
  bootstrap,
  brier,
  crpsEnsemble,
  logLoss,
  mean,
  reliability,
  skill,
  type Interval,
  type ReliabilityBin,
} from './score.ts';

export const BOOTSTRAP_RESAMPLES = 1000;

export interface Scores {
  brier: number;
  log_loss: number;
  /** Mean CRPS over the average_rate questions, percentage points; null when there are none (or for the coin). */
  crps: number | null;
}

export interface Skill {
  brier_skill: number | null;
  interval: Interval | null;
}

export interface GroupScore {
  /** 'all' or an origin date. */
  origin: string;
  questions: number;
  average_questions: number;
  model: Scores & { brier_90: Interval | null; crps_90: Interval | null };
  /** The simulator's own shares of runs before recalibration (null: forecasts given without them). */
  simulated: { brier: number; log_loss: number } | null;
  baselines: Record<BaselineName, Scores>;
  skill: Record<BaselineName, Skill>;
  /** The baseline with the lowest Brier score here, and the model's skill against it. */
  best_baseline: BaselineName;
  skill_vs_best: Skill;
  /** CRPS skill against persistence and schedule (averages), 1 - CRPS / CRPS_ref. */
  crps_skill: { persistence: number | null; schedule: number | null };
  market: { questions: number; model_brier: number; market_brier: number } | null;
}

export interface QuestionScore {
  id: string;
  asked: string;
  resolves: string;
  text: string;
  kind: string;
  outcome: boolean | 'unresolved';
  /** average_rate: the realised average on the measure's date, percent. */
  realised_pct?: number;
  p: {
    model: number;
    /** The share of runs before recalibration. */
    simulated?: number;
    persistence: number;
    schedule: number;
    coin: number;
    market?: number;
  };
  quantiles?: QuestionForecast['quantiles'];
  brier?: number;
  crps?: number;
  basis: QuestionForecast['basis'];
}

export interface ScoreResult {
  kind: 'score';
  questions_id: string;
  scenario: string;
  scenario_as_of: string | null;
  runs: number;
  seed: number;
  resolved: number;
  unresolved: number;
  overall: GroupScore;
  origins: GroupScore[];
  reliability: ReliabilityBin[];
  /** The recalibration weight of each origin (null: forecasts given without one). */
  recalibration: ({ origin: string } & Recalibration)[] | null;
  questions: QuestionScore[];
  /** The model against persistence and the best baseline, in words (shown beside the odds). */
  verdict: string;
  basis: string[];
}

interface Row {
  q: Question;
  outcome: boolean;
  realised?: number;
  f: Record<'model' | BaselineName, QuestionForecast>;
}

function scoresOf(rows: Row[], who: 'model' | BaselineName): Scores {
  const avg = rows.filter((r) => r.realised !== undefined && r.f[who].ensemble);
  return {
    brier: mean(rows.map((r) => brier(r.f[who].p_yes, r.outcome))),
    log_loss: mean(rows.map((r) => logLoss(r.f[who].p_yes, r.outcome))),
    crps: avg.length ? mean(avg.map((r) => crpsEnsemble(r.f[who].ensemble!, r.realised!))) : null,
  };
}

function group(origin: string, rows: Row[], seed: number, gi: number): GroupScore {
  const model = scoresOf(rows, 'model');
  const baselines = Object.fromEntries(BASELINES.map((b) => [b, scoresOf(rows, b)])) as Record<
    BaselineName,
    Scores
  >;
  const n = rows.length;
  const bsOf = (idx: Int32Array, who: 'model' | BaselineName) => {
    let s = 0;
    for (const i of idx) s += brier(rows[i].f[who].p_yes, rows[i].outcome);
    return s / idx.length;
  };
  const stream = (k: number) => gi * 8 + k;
  const skillOf = (b: BaselineName, k: number): Skill => ({
    brier_skill: skill(model.brier, baselines[b].brier),
    interval: bootstrap(
      n,
      (idx) => skill(bsOf(idx, 'model'), bsOf(idx, b)),
      seed,
      stream(k),
      BOOTSTRAP_RESAMPLES,
    ),
  });
  const sk = Object.fromEntries(BASELINES.map((b, k) => [b, skillOf(b, k + 1)])) as Record<
    BaselineName,
    Skill
  >;
  // ties go to the simpler reference: persistence, then schedule, then the coin
  const best = (['persistence', 'schedule', 'coin'] as const).reduce((a, b) =>
    baselines[b].brier < baselines[a].brier - 1e-15 ? b : a,
  );
  const avgRows = rows.filter((r) => r.realised !== undefined && r.f.model.ensemble);
  const crpsOf = (idx: Int32Array) => {
    let s = 0;
    for (const i of idx) s += crpsEnsemble(avgRows[i].f.model.ensemble!, avgRows[i].realised!);
    return s / idx.length;
  };
  const mk = rows.filter((r) => r.q.market);
  const raw = rows.every((r) => r.f.model.p_simulated !== undefined);
  return {
    origin,
    questions: n,
    average_questions: avgRows.length,
    model: {
      ...model,
      brier_90: bootstrap(n, (idx) => bsOf(idx, 'model'), seed, stream(0), BOOTSTRAP_RESAMPLES),
      crps_90: bootstrap(avgRows.length, crpsOf, seed, stream(4), BOOTSTRAP_RESAMPLES),
    },
    simulated: raw
      ? {
          brier: mean(rows.map((r) => brier(r.f.model.p_simulated!, r.outcome))),
          log_loss: mean(rows.map((r) => logLoss(r.f.model.p_simulated!, r.outcome))),
        }
      : null,
    baselines,
    skill: sk,
    best_baseline: best,
    skill_vs_best: sk[best],
    crps_skill: {
      persistence:
        model.crps !== null && baselines.persistence.crps !== null
          ? skill(model.crps, baselines.persistence.crps)
          : null,
      schedule:
        model.crps !== null && baselines.schedule.crps !== null
          ? skill(model.crps, baselines.schedule.crps)
          : null,
    },
    market: mk.length
      ? {
          questions: mk.length,
          model_brier: mean(mk.map((r) => brier(r.f.model.p_yes, r.outcome))),
          market_brier: mean(mk.map((r) => brier(r.q.market!.price, r.outcome))),
        }
      : null,
  };
}

/**
 * The sentence shown beside a set of scored odds, naming whose odds they are (issue 17: a verdict
 * refers to the numbers it sits under): `who` scored Brier `brier` on the group's questions,
 * against persistence and the group's best baseline.
 */
export function verdictOf(g: GroupScore, who = 'the recalibrated forecast', brier = g.model.brier): string {
  const p = g.baselines.persistence.brier;
  const n = `${g.questions} resolved questions`;
  if (!(brier < p))
    return `${who} scored worse than assuming nothing changes (Brier ${brier.toFixed(3)} vs ${p.toFixed(3)} for persistence on ${n})`;
  const b = g.baselines[g.best_baseline].brier;
  if (!(brier < b))
    return `${who} beat assuming nothing changes but not the best baseline, ${BASELINE_TITLES[g.best_baseline]} (Brier ${brier.toFixed(3)} vs ${b.toFixed(3)} on ${n})`;
  return `${who} beat every baseline (Brier ${brier.toFixed(3)}; best baseline ${BASELINE_TITLES[g.best_baseline]} ${b.toFixed(3)}, on ${n})`;
}

/** The simulator's shares of runs (before recalibration) against the same baselines; null without them. */
export function simulatorVerdictOf(g: GroupScore): string | null {
  return g.simulated ? verdictOf(g, "the simulator's shares of runs", g.simulated.brier) : null;
}

/**
 * Score the model's forecasts (from `forecastQuestions`, or a forecasts file with the same
 * shape) and the baselines (built from the same vintage views) on the resolved questions.
 */
export function scoreForecasts(
  file: QuestionFile,
  res: Resolution[],
  model: Pick<ForecastResult, 'forecasts' | 'runs' | 'seed'> & Partial<Pick<ForecastResult, 'origins'>>,
  viewOn: ViewOn,
  data: ShippedTrade,
  opts: { seed: number; scenario_as_of: string | null },
): ScoreResult {
  const byId = new Map(model.forecasts.map((f) => [f.id, f]));
  const resById = new Map(res.map((r) => [r.id, r]));
  const all: QuestionScore[] = [];
  const rows: Row[] = [];
  for (const [origin, qs] of byOrigin(file)) {
    const view = viewOn(origin);
    for (const q of qs) {
      const mf = byId.get(q.id);
      if (!mf) throw inputError(`the forecasts have no entry for question "${q.id}"`);
      if (mf.asked !== q.asked)
        throw inputError(
          `forecast for "${q.id}" is from origin ${mf.asked}, the question asks on ${q.asked}`,
        );
      const r = resById.get(q.id)!;
      const f = {
        model: mf,
        ...Object.fromEntries(BASELINES.map((b) => [b, baselineForecast(b, q, view, data, mf)])),
      } as Row['f'];
      const realised =
        q.measure.kind === 'average_rate' && r.reading && 'rate_pct' in r.reading
          ? r.reading.rate_pct
          : undefined;
      const row: QuestionScore = {
        id: q.id,
        asked: q.asked,
        resolves: q.resolves,
        text: q.text,
        kind: q.measure.kind,
        outcome: r.outcome,
        ...(realised !== undefined ? { realised_pct: realised } : {}),
        p: {
          model: mf.p_yes,
          ...(mf.p_simulated !== undefined ? { simulated: mf.p_simulated } : {}),
          persistence: f.persistence.p_yes,
          schedule: f.schedule.p_yes,
          coin: f.coin.p_yes,
          ...(q.market ? { market: q.market.price } : {}),
        },
        ...(mf.quantiles ? { quantiles: mf.quantiles } : {}),
        basis: mf.basis,
      };
      if (r.outcome !== 'unresolved') {
        row.brier = brier(mf.p_yes, r.outcome);
        if (realised !== undefined && mf.ensemble) row.crps = crpsEnsemble(mf.ensemble, realised);
        rows.push({ q, outcome: r.outcome, ...(realised !== undefined ? { realised } : {}), f });
      }
      all.push(row);
    }
  }
  if (rows.length === 0) throw inputError('no question has resolved yet: nothing to score');
  const origins = [...new Set(rows.map((r) => r.q.asked))].sort();
  const overall = group('all', rows, opts.seed, 0);
  const order = new Map(file.questions.map((q, i) => [q.id, i]));
  all.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return {
    kind: 'score',
    questions_id: file.id,
    scenario: file.scenario,
    scenario_as_of: opts.scenario_as_of,
    runs: model.runs,
    seed: model.seed,
    resolved: rows.length,
    unresolved: all.length - rows.length,
    overall,
    origins: origins.map((o, i) =>
      group(
        o,
        rows.filter((r) => r.q.asked === o),
        opts.seed,
        i + 1,
      ),
    ),
    reliability: reliability(
      rows.map((r) => r.f.model.p_yes),
      rows.map((r) => r.outcome),
    ),
    recalibration: model.origins?.every((o) => o.recalibration)
      ? model.origins.map((o) => ({ origin: o.origin, ...o.recalibration! }))
      : null,
    questions: all,
    verdict: verdictOf(
      overall,
      model.origins?.every((o) => o.recalibration) ? 'the recalibrated forecast' : 'the forecast',
    ),
    basis: [
      "Brier: mean (p - outcome)^2; log loss: mean -ln p of what happened, p clipped to [0.001, 0.999]; CRPS (average_rate): E|X - y| - 0.5 E|X - X'| over the 100-value ensemble, percentage points",
      `intervals: 90% percentile bootstrap over questions (${BOOTSTRAP_RESAMPLES} resamples, seeded); skill = 1 - Brier / Brier of the baseline on the same resample`,
      `baselines: ${BASELINES.map((b) => BASELINE_TITLES[b]).join('; ')}; a baseline says 0.9 for what it predicts and 0.1 otherwise; for averages a point forecast with the model's spread`,
      "resolution: the full ledger on each question's measure date; only resolved questions are scored",
      'model: the recalibrated probabilities (forecast basis); simulated: the shares of runs before recalibration, scored the same way',
    ],
  };
}
