// Response schemas (zod) of the GET routes: app.ts publishes each under components/schemas in
// /openapi.json (Route.response) and test/server/openapi-validate.test.ts checks real answers
// against the published JSON Schema. Written from what the handlers and the report functions
// return. Top-level objects are loose (a route may add a field without breaking clients);
// nested objects whose keys the report writes literally are closed.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const day = (what: string) => isoDate.describe(`${what} (YYYY-MM-DD)`);
const pct = (what: string) => z.number().describe(`${what}, percent ad valorem`);
const share = (what: string) => z.number().min(0).max(1).describe(`${what}, share 0-1`);
/** authority name (IEEPA fentanyl, Section 301, ...) -> rate in percent */
const layers = (what: string) =>
  z.record(z.string(), z.number()).describe(`${what}: authority -> rate, percent ad valorem`);

/** Added to every /api/scenarios/:name/... answer by the as-of hooks (ledger-views.ts). */
const asOf = {
  as_of: isoDate
    .nullable()
    .describe("the scenario's as-of date: the last day its ledger vouches for (null when it has none)"),
  warnings: z.array(z.string()).describe('queried dates past as_of, and other caveats'),
};

export const Health = z.looseObject({
  ok: z.literal(true),
  limits: z.object({
    body_bytes: z.number().int().describe('largest request body, bytes'),
    max_concurrent_runs: z.number().int(),
    max_runs_per_request: z.number().int(),
  }),
  engine: z.object({ monte_carlo: z.boolean().describe('false: run requests are answered 503') }),
  runs_running: z.number().int(),
});

export const ScenarioList = z.looseObject({
  scenarios: z.array(
    z.object({
      name: z.string(),
      builtin: z.boolean(),
      title: z.string().nullable().describe('null when the scenario is invalid'),
      extends: z.string().nullable().describe('the scenario an upload extends'),
      valid: z.boolean(),
      error: z.string().optional().describe('why the scenario does not load (valid false)'),
    }),
  ),
});

const tariffPoint = z.object({
  date: day('first day of the period'),
  end: day('last day of the period, inclusive'),
  total_pct: pct("the stack shared by most of the selection's lines (by line count), mean over the days"),
  layers: layers('that stack by authority, mean over the days; they add up to total_pct'),
  modal_share: share("lines on that stack (by line count), mean over the period's days"),
  mean_pct: pct("unweighted mean over the selection's lines"),
  coverage_share: share('lines with any additional duty'),
  min_total_pct: pct('lowest line total'),
  max_total_pct: pct('highest line total'),
});

export const TariffSeries = z.looseObject({
  scenario: z.string(),
  importer: z.string(),
  exporter: z.string(),
  selection: z.object({
    group: z.string().optional(),
    title: z.string().optional(),
    product: z.string().nullable().optional().describe('HS code, digits only'),
    all: z.boolean().optional(),
  }),
  line_count: z.number().int().describe('tariff lines in the selection'),
  authorities: z.array(z.string()),
  step: z.enum(['week', 'month']),
  value: z.string().describe('what a point value is, in words'),
  points: z.array(tariffPoint),
  ...asOf,
});

export const Groups = z.looseObject({
  scenario: z.string(),
  date: day('the date asked for'),
  importer: z.string(),
  exporter: z.string(),
  groups: z.array(
    z.object({
      group: z.string(),
      title: z.string(),
      line_count: z.number().int(),
      total_pct: pct("the stack shared by most of the group's lines (additional duties, MFN not included)"),
      modal_share: share('lines on that stack (by line count)'),
      min_total_pct: pct('lowest line total'),
      max_total_pct: pct('highest line total'),
      layers: layers('that stack by authority'),
    }),
  ),
  ...asOf,
});

const strategyParameter = z.object({
  name: z.string(),
  kind: z.enum(['number', 'integer', 'string']),
  description: z.string(),
  default: z.union([z.number(), z.string()]),
  min: z.number().optional().describe('inclusive'),
  max: z.number().optional().describe('inclusive'),
  choices: z.array(z.string()).optional(),
  // a RegExp in the registry: JSON.stringify writes it as {} (patternText says it in words)
  pattern: z.object({}).optional().describe('always {} (a RegExp does not serialize); read patternText'),
  patternText: z.string().optional(),
  required: z.boolean().optional().describe('no default: the caller must give it'),
});

export const Strategies = z.looseObject({
  strategies: z.array(
    z.object({
      name: z.string(),
      axelrod: z.string().nullable().describe('the Axelrod-Python class it reproduces'),
      description: z.string(),
      stochastic: z.boolean(),
      parameters: z.array(strategyParameter),
    }),
  ),
});
