// Response schemas of the run routes: one story of the weekly loop, and the Monte Carlo runs
// (list, start, status, result, delete). Written from src/server/runs.ts (RunRow),
// src/simulate/reduce.ts (MonteCarloResult) and src/simulate/story.ts (Story).
import { z } from 'zod';
import { DistributionSchema } from '../../model/index.ts';
import { asOf, count, day, share } from './common.ts';

const timestamp = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)
    .describe(`${what} (ISO 8601, UTC)`);
const runId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  .describe('the run id (UUID)');
const week = () => count().describe('week index from the start, 0-based');

/** runs.ts RunStatus */
const runStatus = z.enum(['queued', 'running', 'done', 'failed', 'interrupted', 'cancelled']);

/** runs.ts RunRow: a run as stored. */
const runRow = z.object({
  id: runId,
  scenario: z.string(),
  params: z
    .looseObject({
      runs: z.number().int().min(1),
      seed: count(),
      weeks: z.number().int().min(1).optional().describe("the horizon; none: the scenario's"),
      options: z
        .looseObject({
          overrides: z.array(z.looseObject({})).optional(),
          strategies: z.looseObject({}).optional(),
        })
        .optional()
        .describe('what-if tariff layers and strategies, as posted'),
    })
    .describe('the request, as posted (defaults filled in)'),
  status: runStatus,
  progress: share('runs done'),
  created_at: timestamp('the run was asked for'),
  started_at: timestamp('the run started').nullable(),
  finished_at: timestamp('the run ended (done, failed, interrupted or cancelled)').nullable(),
  error: z.string().nullable().describe('why it failed, was interrupted or cancelled'),
});

/** GET /api/runs/:id */
export const Run = runRow.loose();

/** GET /api/runs */
export const RunList = z.looseObject({
  runs: z.array(runRow).describe('newest first'),
  running: count().describe('runs queued or running in this process'),
  limits: z.object({
    max_concurrent: count().describe('runs at once (more are answered 429)'),
    max_runs: count().describe('runs per request (more are answered 422)'),
  }),
});

/** POST /api/runs (202; Location: /api/runs/{id}) */
export const RunStarted = z.looseObject({
  id: runId,
  status: runStatus,
  events: z.string().describe('its server-sent events (path)'),
  result: z.string().describe('its result once done (path)'),
});

/** DELETE /api/runs/:id */
export const RunRemoved = z.looseObject({
  id: runId,
  outcome: z.enum(['cancelled', 'deleted']).describe('a running run is cancelled, a finished one deleted'),
});

const band = z
  .object({ p5: z.number(), p50: z.number(), p95: z.number(), mean: z.number() })
  .describe('5th, 50th and 95th percentiles and mean over the runs');
const probability = {
  probability: share('share of runs'),
  se: z.number().min(0).describe('Monte Carlo standard error sqrt(p (1 - p) / n)'),
};
const byWeek = (what: string) =>
  z.array(share(what)).describe(`${what}, one value a week (cumulative share of runs)`);

/** src/simulate/reduce.ts MonteCarloResult */
const monteCarloResult = z.object({
  scenario: z.string(),
  seed: count(),
  generator: z.string().describe('the random generator and how streams are derived'),
  runs_requested: count(),
  runs_completed: count(),
  complete: z.boolean(),
  actors: z.tuple([z.string(), z.string()]),
  start: day('first week'),
  horizon_weeks: count(),
  metrics: z.record(z.string(), z.string()).describe('metric name -> what it is, with its unit'),
  weeks: z
    .array(z.object({ week: week(), date: day('the week starts') }).catchall(band))
    .describe('one row a week: each metric of `metrics` as a band'),
  outcomes: z.object({
    framework: z.object({
      agreement: z.string().nullable(),
      by: day('deadline of the framework'),
      ...probability,
    }),
    framework_within_horizon: z.object(probability),
    truce_collapses: z.object({ agreement: z.string().nullable(), ...probability }),
    escalation_above_april_2025_peak: z.object({
      ...probability,
      peak_pct: z
        .record(z.string(), z.number())
        .describe('direction (US_on_CN) -> the April 2025 peak, percent'),
      peak_dates: z.record(z.string(), day('the peak')),
    }),
    first_concession: z
      .record(z.string(), share('runs'))
      .describe('who conceded first: each actor, same_week and neither -> share of runs'),
    struck_down: z
      .object({
        challenges: z
          .array(z.string())
          .describe('pending legal challenges (parameters.simulation.litigation)'),
        ...probability,
      })
      .describe('a court ruling put layers of a pending challenge out of force within the horizon'),
  }),
  curves: z.object({
    framework_approved_by_week: byWeek('framework approved'),
    truce_ended_by_week: byWeek('truce ended'),
    escalated_by_week: byWeek('escalated above the April 2025 peak'),
    struck_down_by_week: byWeek('layers struck down by a court and out of force'),
  }),
  sensitivity: z.array(
    z.object({
      parameter: z.string(),
      outcome: z.string(),
      effect: z
        .number()
        .min(-1)
        .max(1)
        .describe('P(outcome | parameter in its upper quartile) - P(outcome | lower quartile)'),
      p_low_quartile: share('outcome probability in the lower quartile'),
      p_high_quartile: share('outcome probability in the upper quartile'),
      rank_correlation: z.number().min(-1).max(1).describe('Spearman, parameter vs outcome (0/1)'),
    }),
  ),
  strategies: z
    .record(
      z.string(),
      z.object({ name: z.string(), params: z.record(z.string(), z.union([z.number(), z.string()])) }),
    )
    .describe('actor -> the strategy played (before any uncertain parameter is drawn)'),
  uncertain: z.array(
    z.object({ path: z.string(), distribution: DistributionSchema, provenance: z.string() }),
  ),
  basis: z.array(z.string()),
});

/** GET /api/runs/:id/result: the run with its result (409 while not done). */
export const RunResult = runRow.extend({ result: monteCarloResult }).loose();

/** GET /api/scenarios/:name/story (simulate/story.ts Story). */
export const Story = z.looseObject({
  scenario: z.string(),
  seed: count(),
  run: count(),
  parameters: z.record(z.string(), z.number()).describe('uncertain parameter (path) -> its draw in this run'),
  moves: z.array(
    z.object({
      week: week(),
      date: day('the week starts'),
      actor: z.string(),
      move: z.string().describe('move id'),
    }),
  ),
  weeks: z
    .array(z.object({ week: week(), date: day('the week starts') }).catchall(z.number()))
    .describe('one row a week: week, date and each metric of the Monte Carlo result'),
  framework_week: week().nullable().describe('null: no framework'),
  truce_end_week: week().nullable().describe('null: the truce held'),
  escalation_week: week().nullable().describe('null: no escalation above the April 2025 peak'),
  first_concession: z.string().describe("the actor who conceded first, 'same week' or 'neither'"),
  ...asOf,
});
