// Response schemas of the forecast routes: the track record beside the odds, and the score and
// resolution documents of the built-in question set (the documents of `leverage score` and
// `leverage questions resolve --json`). Written from src/forecast (scorecard.ts ScoreResult,
// track-record.ts TrackRecordSummary, resolve.ts Resolution, pipeline.ts resolutionDocument).
import { z } from 'zod';
import { count, day, share } from './common.ts';

/** forecast/baselines.ts BASELINES */
const baseline = z.enum(['coin', 'persistence', 'schedule']);
const questionKind = z.enum(['layer_rate', 'average_rate', 'agreement_status', 'control_status']);
const interval = (what: string) =>
  z.object({ lo: z.number(), hi: z.number() }).describe(`${what}, 90 % bootstrap`);
const brier = (what: string) => z.number().min(0).max(1).describe(`${what}: mean (p - outcome)^2`);
const outcome = z
  .union([z.boolean(), z.literal('unresolved')])
  .describe("'unresolved': resolves after as_of");
const quantiles = z
  .object({ p5: z.number(), p25: z.number(), p50: z.number(), p75: z.number(), p95: z.number() })
  .describe("average_rate: quantiles of the simulated average on the measure's date, percent");

const scores = {
  brier: brier('Brier score'),
  log_loss: z.number().min(0).describe('mean -ln p of what happened'),
  crps: z
    .number()
    .nullable()
    .describe('mean CRPS over the average_rate questions, percentage points (null: none)'),
};
const skill = z.object({
  brier_skill: z.number().nullable().describe('1 - Brier / Brier of the baseline'),
  interval: interval('brier_skill').nullable(),
});
const perBaseline = <T extends z.ZodType>(s: T) =>
  z.object({ coin: s, persistence: s, schedule: s }).describe('by baseline');

/** forecast.ts PoolWeights: they sum to 1. */
const poolWeights = z
  .object({
    simulated: share('weight of the simulator'),
    persistence: share('weight of persistence'),
    schedule: share('weight of schedule'),
    coin: share('weight of the coin flip'),
  })
  .describe('P(yes) = sum of weight x source');

/** scorecard.ts GroupScore: one origin, or all. */
const groupScore = z.object({
  origin: z.union([z.literal('all'), day('the origin')]),
  questions: count(),
  average_questions: count().describe('average_rate questions among them'),
  model: z.object({
    ...scores,
    brier_90: interval('brier').nullable(),
    crps_90: interval('crps').nullable(),
  }),
  simulated: z
    .object({ brier: brier('Brier score'), log_loss: z.number().min(0) })
    .nullable()
    .describe("the simulator's shares of runs before recalibration (null: forecasts given without them)"),
  baselines: perBaseline(z.object(scores)),
  skill: perBaseline(skill),
  best_baseline: baseline.describe('the baseline with the lowest Brier score here'),
  skill_vs_best: skill,
  crps_skill: z
    .object({ persistence: z.number().nullable(), schedule: z.number().nullable() })
    .describe('1 - CRPS / CRPS of the baseline'),
  market: z
    .object({ questions: count(), model_brier: brier('model'), market_brier: brier('market') })
    .nullable()
    .describe('questions with a market price (null: none)'),
});

/** GET /api/questions/us-china/score (scorecard.ts ScoreResult). */
export const Score = z.looseObject({
  kind: z.literal('score'),
  questions_id: z.string(),
  scenario: z.string(),
  scenario_as_of: day('the scenario as-of date').nullable(),
  runs: count().describe('Monte Carlo runs per origin'),
  seed: count(),
  resolved: count(),
  unresolved: count(),
  overall: groupScore,
  origins: z.array(groupScore),
  reliability: z
    .array(
      z.object({
        bin: z.string(),
        lo: share('bin start'),
        hi: share('bin end'),
        count: count(),
        mean_forecast: share('mean forecast in the bin').nullable(),
        observed_share: share('questions that came true').nullable(),
      }),
    )
    .describe('ten bins of width 0.1'),
  recalibration: z
    .array(
      z.object({
        origin: day('the origin'),
        weights: poolWeights,
        track_questions: count().describe('questions resolved before the origin the pool is fitted on'),
        reference_questions: count().describe(
          'of those, questions of the built-in set (the reference track of another question file)',
        ),
        prior_weights: poolWeights,
        prior_pseudo_questions: count(),
      }),
    )
    .nullable()
    .describe(
      'the linear pool of the simulator and the baselines fitted at each origin (null: forecasts given)',
    ),
  questions: z.array(
    z.object({
      id: z.string(),
      asked: day('the origin'),
      resolves: day('the question resolves'),
      text: z.string(),
      kind: questionKind,
      outcome,
      realised_pct: z
        .number()
        .optional()
        .describe("average_rate: the realised average on the measure's date, percent"),
      p: z.object({
        model: share('P(yes), model (recalibrated)'),
        simulated: share('P(yes), the share of runs before recalibration').optional(),
        persistence: share('P(yes), persistence'),
        schedule: share('P(yes), schedule'),
        coin: share('P(yes), coin'),
        market: share('P(yes), market').optional(),
      }),
      quantiles: quantiles.optional(),
      brier: brier("the model's").optional(),
      crps: z.number().optional(),
      basis: z.enum(['simulated', 'scheduled']),
    }),
  ),
  verdict: z
    .string()
    .describe(
      'the scored forecast against persistence and the best baseline, in words (it names whose odds)',
    ),
  basis: z.array(z.string()),
});

/** What the odds of a run are (src/report/odds-basis.ts OddsBasis). */
const OddsBasisSchema = z
  .object({
    kind: z.literal('simulator_shares').describe('the odds runs print are shares of simulated runs'),
    simulator_brier: brier("the simulator's raw shares'").nullable(),
    forecast_brier: brier("the recalibrated forecast's"),
    best_baseline: baseline,
    best_brier: brier("the best baseline's"),
    resolved: count(),
    command: z.string().describe('the CLI command whose document these scores come from'),
    label: z.string().describe('short label for a column or axis'),
    note: z.string().describe('the sentence printed beside the odds (CLI, dashboard)'),
  })
  .describe('what the odds of a run are and how their kind has scored (src/report/odds-basis.ts)');

/** GET /api/track-record (track-record.ts TrackRecordSummary). */
export const TrackRecord = z.looseObject({
  questions_id: z.string(),
  command: z.string().describe('the CLI command that gives the full score document'),
  runs: count(),
  seed: count(),
  resolved: count(),
  origins: count(),
  scenario_as_of: day('the scenario as-of date').nullable(),
  brier: brier("the model's"),
  brier_90: interval('brier').nullable(),
  simulated_brier: brier("the simulator's, before recalibration").nullable(),
  persistence_brier: brier("persistence's"),
  best_baseline: baseline,
  best_brier: brier("the best baseline's"),
  skill_vs_best: z.number().nullable(),
  skill_vs_best_90: interval('skill_vs_best').nullable(),
  beats_persistence: z.boolean(),
  verdict: z
    .string()
    .describe('the recalibrated forecast against persistence and the best baseline, in words'),
  simulator_verdict: z
    .string()
    .nullable()
    .describe("the simulator's shares of runs (the odds runs print) against the same baselines, in words"),
  odds_basis: OddsBasisSchema,
  history: z
    .array(
      z.object({
        origin: day('the origin'),
        questions: count(),
        model_brier: brier("the model's"),
        simulated_brier: brier("the simulator's, before recalibration").nullable(),
        persistence_brier: brier("persistence's"),
        best_baseline: baseline,
        best_brier: brier("the best baseline's"),
        items: z.array(
          z.object({
            id: z.string(),
            text: z.string(),
            kind: questionKind,
            resolves: day('the question resolves'),
            p_model: share('P(yes), model (recalibrated)'),
            p_simulated: share('P(yes), the share of runs before recalibration').optional(),
            outcome: z.boolean(),
            realised_pct: z.number().optional(),
            quantiles: quantiles.optional(),
          }),
        ),
      }),
    )
    .describe('what the model said at each past origin and what happened'),
});

/** GET /api/questions/us-china/resolve (pipeline.ts resolutionDocument). */
export const Resolutions = z.looseObject({
  kind: z.literal('resolution'),
  questions_id: z.string(),
  scenario: z.string(),
  as_of: day('the scenario as-of date').nullable(),
  resolutions: z.array(
    z.object({
      id: z.string(),
      asked: day('the origin'),
      resolves: day('the question resolves'),
      text: z.string(),
      outcome,
      reading: z
        .union([
          z.object({ rate_pct: z.number().describe('percent') }),
          z.object({ status: z.string(), approved: z.boolean().optional() }),
        ])
        .optional()
        .describe("what the ledger reads on the measure's date (absent when unresolved)"),
      recorded: z.boolean().optional().describe('the outcome recorded in the question file'),
    }),
  ),
});

/** GET /api/track-record/odds-basis: the basis now, never waiting for a cold track record. */
export const OddsBasisNow = z.object({
  pending: z
    .boolean()
    .describe('true: the track record is being scored (ask again later); odds_basis is null'),
  odds_basis: OddsBasisSchema.nullable(),
});
