// Request schemas (zod): the same objects validate requests and describe them in /openapi.json.
import { z } from 'zod';

const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(s + 'T00:00:00Z')) &&
  new Date(s + 'T00:00:00Z').toISOString().startsWith(s);
export const date = z.string().refine(isDate, { message: 'expected a calendar date YYYY-MM-DD' });
export const actor = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'expected an actor id such as US or CN');
export const hs = z
  .string()
  .regex(/^[0-9][0-9.\s]{1,13}$/, 'expected an HS code (2-10 digits, dots allowed)');
export const group = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a product group id');

/** A run's random seed (a 31-bit whole number; 1 when not given). */
const seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1)
  .default(1);

export const NameParams = z.object({ name: z.string() });
export const IdParams = z.object({ id: z.string().uuid('expected a run id (UUID)') });

export const LedgerQuery = z.strictObject({
  date,
  importer: actor.optional(),
  exporter: actor.optional(),
  product: hs.optional(),
  group: group.optional(),
});
// no window by default: every event (as the CLI's `timeline`)
export const TimelineQuery = z.strictObject({
  from: date.optional(),
  to: date.optional(),
  id: z.string().min(1).max(100).optional(),
});

// a date or control left out comes from the scenario's views block (docs/scenario.md#views)
export const GroupsQuery = z.strictObject({
  date: date.optional().describe("default: the scenario's views.date"),
  importer: actor.default('US'),
  exporter: actor.default('CN'),
});

export const Override = z.strictObject({
  importer: actor,
  exporter: actor,
  authority: z.string().min(1).max(120),
  pct: z.number().min(0).max(1000),
  from: date,
});

const tariffBase = {
  importer: actor.default('US'),
  exporter: actor.default('CN'),
  group: group.optional(),
  product: hs.optional(),
  from: date.default('2025-01-01'),
  to: date.default('2025-12-31'),
  step: z.enum(['week', 'month']).default('week'),
};
export const TariffQuery = z
  .strictObject(tariffBase)
  .refine((q) => !(q.group && q.product), { message: 'give group or product, not both', path: ['product'] });
export const TariffBody = z
  .strictObject({ ...tariffBase, overrides: z.array(Override).max(20).default([]) })
  .refine((q) => !(q.group && q.product), { message: 'give group or product, not both', path: ['product'] });

export const EffectiveQuery = z.strictObject({
  importer: actor.default('US'),
  exporter: actor.default('CN'),
  from: date.default('2025-01-01'),
  to: date.default('2025-12-31'),
  step: z.enum(['day', 'week', 'month']).default('week'),
  by: z.enum(['authority', 'section', 'group']).optional(),
  mfn: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const Elasticities = z.strictObject({
  sigma: z.number().positive().max(100),
  epsilon_m: z.number().negative().min(-100),
  epsilon_x: z.number().positive().max(1000),
});
// model: CES by default, the report layer's (and docs/trade.md's) one default
const responseBase = {
  at: date.optional().describe("default: the scenario's views.date"),
  base_date: date.default('2025-01-01'),
  model: z.enum(['smart', 'ces']).default('ces'),
};
export const ResponseQuery = z.strictObject({
  ...responseBase,
  top: z.coerce.number().int().min(0).max(1000).default(15),
});
export const ResponseBody = z.strictObject({
  ...responseBase,
  top: z.number().int().min(0).max(1000).default(15),
  overrides: z.array(Override).max(20).default([]),
  elasticities: Elasticities.optional(),
});

export const ExposureQuery = z.strictObject({
  measure: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/)
    .optional()
    .describe("default: the scenario's views.control"),
  from: date.default('2025-03-07'),
  weeks: z.coerce.number().int().min(1).max(156).default(43),
  target: z
    .string()
    .regex(/^([A-Z]{3}|all)$/, 'expected a WIOD region code (USA, DEU, ...) or all')
    .default('all'),
});

/** The bottleneck (stock-flow) exposure view: weeks from `start`, optionally flows held from a date. */
export const BottleneckQuery = z.strictObject({
  start: date.default('2025-03-03'),
  weeks: z.coerce.number().int().min(1).max(156).default(30),
  hold_flows_from: date.optional(),
});

export const ScenarioUpload = z.strictObject({
  name: z.string().optional(),
  content: z.string().max(1_000_000).optional(),
  scenario: z.unknown().optional(),
});

export const ShockBody = z.strictObject({
  kind: z.enum(['demand', 'supply']).default('demand'),
  sector: z.string().min(3).max(40).describe('REGION:SECTOR, e.g. USA:c14'),
  change: z
    .number()
    .finite()
    .describe(
      "kind demand: change of the sector's final demand, USD millions a year (answered as demand_change_usd_m); kind supply: relative change of its output, -0.5 = -50% (answered as output_change_share)",
    ),
  top: z.number().int().min(1).max(50).default(10),
});

/** Turns per tournament request (about 1.5 s of work on one core): the server stays responsive. */
export const MAX_TOURNAMENT_WORK = 10_000_000;
/** Support and vertex enumeration grow as C(m+n, m): at most m + n = 16 (about 0.1 s); Lemke-Howson takes 12 x 12. */
export const MAX_ENUMERATION_SIZE = 16;
export const TournamentBody = z.strictObject({
  players: z.array(z.string().min(1).max(120)).min(2).max(30),
  turns: z.number().int().min(1).max(2000).default(200),
  repetitions: z.number().int().min(1).max(200).default(5),
  noise: z.number().min(0).max(0.5).default(0),
  prob_end: z.number().min(0).max(0.5).default(0),
  seed,
});

export const BargainingBody = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('rubinstein'),
    delta1: z.number().min(0).max(1),
    delta2: z.number().min(0).max(1),
    first_mover: z.union([z.literal(1), z.literal(2)]).default(1),
    outside1: z.number().min(0).max(1).default(0),
    outside2: z.number().min(0).max(1).default(0),
    horizon: z.number().int().min(1).max(100000).optional(),
  }),
  z.strictObject({
    method: z.literal('nash'),
    d1: z.number().finite(),
    d2: z.number().finite(),
    alpha: z.number().min(0).max(1).default(0.5),
    pie: z.number().positive().default(1),
  }),
]);

const matrix = z.array(z.array(z.number().finite()).min(1).max(12)).min(1).max(12);
export const EquilibriaBody = z.strictObject({
  A: matrix,
  B: matrix,
  method: z.enum(['support', 'vertex', 'lemke-howson']).default('support'),
});

export const RunBody = z.strictObject({
  scenario: z.string().default('us-china'),
  runs: z.number().int().min(1),
  seed,
  weeks: z.number().int().min(1).max(260).optional(),
  options: z
    .strictObject({
      overrides: z.array(Override).max(20).optional(),
      strategies: z
        .record(
          actor,
          z.strictObject({
            name: z.string().min(1).max(60),
            params: z
              .record(z.string().max(40), z.union([z.number(), z.string().max(200), z.boolean()]))
              .optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

export const StoryQuery = z.strictObject({
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  run: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
