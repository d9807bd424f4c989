// Response schemas (zod) of the GET routes: app.ts publishes each under components/schemas in
// /openapi.json (Route.response) and test/server/openapi-validate.test.ts checks real answers
// against the published JSON Schema. Written from what the handlers and the report functions
// return. Top-level objects are loose (a route may add a field without breaking clients);
// nested objects whose keys the report writes literally are closed.
import { z } from 'zod';

/** a count, days or bytes: a whole number >= 0 */
const count = () => z.number().int().min(0);
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
    body_bytes: count().describe('largest request body, bytes'),
    max_concurrent_runs: count(),
    max_runs_per_request: count(),
  }),
  engine: z.object({ monte_carlo: z.boolean().describe('false: run requests are answered 503') }),
  runs_running: count(),
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
  line_count: count().describe('tariff lines in the selection'),
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
      line_count: count(),
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
  pattern: z
    .string()
    .optional()
    .describe('whole-string regular expression (JavaScript syntax) a free-string value must match'),
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

const stackLayer = z.object({
  authority: z.string(),
  measure_id: z.string(),
  title: z.string(),
  rate_pct: pct('applied (collected) rate'),
  statutory_pct: pct('statutory rate'),
  suspended_pct: pct('suspended part of the statutory rate'),
  since: day('the rate step in force'),
  value_share: share(
    "the line's value this layer taxes, when not all of it (Section 232 metal content)",
  ).optional(),
  sources: z.array(z.string()),
  note: z.string().optional(),
});

const ledgerStack = z.object({
  label: z.string(),
  product: z.string().describe('HS code, digits only'),
  importer: z.string(),
  exporter: z.string(),
  line_count: count(),
  min_total_pct: pct('lowest line total'),
  max_total_pct: pct('highest line total'),
  total_pct: pct("the stack on most of the product's lines (by line count)"),
  layers: z.array(stackLayer),
});

const productStacks = z.object({
  importer: z.string(),
  exporter: z.string(),
  date: day('the date asked for'),
  product: z.string().optional().describe('HS code, digits only'),
  group: z.string().optional(),
  title: z.string().nullable().describe("the group's title (null for a product)"),
  line_count: count(),
  stacks: z
    .array(
      z.object({
        total_pct: pct('total of this stack'),
        layers: z.array(stackLayer),
        removed: z.array(
          z.object({
            authority: z.string(),
            measure_id: z.string(),
            title: z.string(),
            rate_pct: pct('the rate it would add').optional(),
            reason: z.string(),
          }),
        ),
        line_count: count().describe('tariff lines with this stack'),
        lines: z.array(z.string()).describe('a sample of those lines'),
      }),
    )
    .describe('lines grouped by identical stacks, most lines first'),
  min_total_pct: pct('lowest line total'),
  max_total_pct: pct('highest line total'),
});

const measureState = z.looseObject({
  id: z.string(),
  kind: z.string(),
  actor: z.string(),
  target: z.string(),
  authority: z.string(),
  title: z.string(),
  status: z.string(),
  since: day('date of the status in force'),
  rate_pct: pct('tariffs: applied rate').optional(),
  statutory_pct: pct('tariffs: statutory rate').optional(),
  suspended_pct: pct('tariffs: suspended part').optional(),
  sources: z.array(z.string()),
});

const exportControlState = z.looseObject({
  measure_id: z.string(),
  title: z.string(),
  actor: z.string(),
  target: z.string(),
  authority: z.string(),
  items: z.array(z.string()),
  products: z.looseObject({
    hs: z.array(z.string()).optional(),
    lists: z.array(z.string()).optional(),
    groups: z.array(z.string()).optional(),
  }),
  in_force: z.boolean(),
  status: z.string().nullable(),
  licence_required: z.boolean(),
  flow_share: share('normal exports that get through, when known').optional(),
  approval_share: share('licence applications approved').optional(),
  processing_days: z.number().optional().describe('licence processing time, days'),
  basis: z.string().optional(),
  assumption: z.boolean().optional(),
  licensing_since: day('the licensing step in force').optional(),
  licensing_set_by: z.string().optional(),
  sources: z.array(z.string()),
});

const agreementState = z.looseObject({
  id: z.string(),
  title: z.string(),
  status: z.string().nullable(),
  since: day('date of the status').nullable(),
  approvals: z.array(
    z.object({
      by: z.string(),
      role: z.string(),
      status: z.string().nullable(),
      since: day('date of the approval status').nullable(),
    }),
  ),
  approved: z.boolean().describe('all required approvals given on the date'),
  clocks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      start: day('clock start'),
      end: day('clock end'),
      running: z.boolean(),
      days_left: count()
        .nullable()
        .describe("days to the clock's end while it runs; 0 once ended; null before it starts"),
    }),
  ),
});

export const Ledger = z.looseObject({
  scenario: z.string(),
  date: day('the date asked for'),
  as_of: asOf.as_of,
  beyond_as_of: z.boolean(),
  warning: z
    .string()
    .nullable()
    .describe('a note when the date is past as_of (warnings says it too, in other words)'),
  importer: z.string().nullable(),
  exporter: z.string().nullable(),
  product: z.string().nullable().describe('the HS code asked for, digits only'),
  group: z.string().nullable(),
  total_pct: pct('when the query has exactly one stack: its total').nullable(),
  layers: z.array(stackLayer).nullable().describe('when the query has exactly one stack: its layers'),
  stacks: z
    .array(ledgerStack)
    .describe('the tracked products (default) or the product asked for, per direction'),
  detail: z.array(productStacks).describe('for a product or group query: its distinct stacks per direction'),
  measures_in_force: z.array(measureState),
  export_controls: z.array(exportControlState),
  agreements: z.array(agreementState),
  warnings: asOf.warnings,
});

const usd = (what: string) => z.number().describe(`${what}, USD`);

/** The weights and rates a trade-weighted average is computed on (trade/rates.ts RateBasis). */
const rateBasis = z.object({
  importer: z.string(),
  exporter: z.string(),
  weights: z.string().describe('which fixed base-year weights, in words'),
  base_year: count(),
  base_usd: usd('base-year imports of the direction'),
  mfn_included: z.boolean(),
  mfn_note: z.string(),
  rates: z.string(),
  notes: z.array(z.string()),
});

export const Effective = z.looseObject({
  kind: z.literal('series'),
  scenario: z.string(),
  warning: z.string().nullable().describe('a note when `to` is past as_of'),
  basis: rateBasis,
  step: z.enum(['day', 'week', 'month']),
  value: z.string().describe('what a point value is, in words'),
  breakdown: z.enum(['authority', 'section', 'group']).nullable(),
  realized_base_year_pct: pct('duties collected / imports in the base year (null without duties)').nullable(),
  changes: z
    .array(
      z.object({
        date: day('a rate changes'),
        average_pct: pct('trade-weighted average from then on'),
        coverage_share: share('base-year trade under any additional duty'),
      }),
    )
    .describe('dates in range where a rate changes, with the full-day value from then on'),
  points: z.array(
    z.object({
      start: day('first day of the period'),
      end: day('last day of the period, inclusive'),
      average_pct: pct("trade-weighted average, mean over the period's days"),
      coverage_share: share('base-year trade under any additional duty'),
      revenue_usd: usd('duties at base-year flows, annualised'),
      max_line_pct: pct('highest line rate'),
      average_at_start_pct: pct("trade-weighted average on the period's first day"),
      by: z
        .array(
          z.object({
            name: z.string().describe('authority, HS section or product group'),
            average_pct: pct(
              "by authority: its contribution to the direction's average; by section or group: the part's own trade-weighted average",
            ),
            coverage_share: share(
              "by authority: the direction's base-year trade under it; by section or group: the part's trade under any additional duty",
            ),
            revenue_usd: usd('duties of this part at base-year flows, annualised'),
          }),
        )
        .optional()
        .describe('with `by`: one entry per part'),
    }),
  ),
  breakdown_titles: z
    .record(z.string(), z.string())
    .nullable()
    .describe('titles of the parts (HS sections, product groups); null without such a breakdown'),
  ...asOf,
});

export const Claims = z.looseObject({
  scenario: z.string(),
  claims: z.array(
    z.object({
      id: z.string(),
      by: z.string().describe('who made the claim'),
      date: day('the claim was made'),
      quote: z.string(),
      metric: z.string().describe('what the claim asserts (tariff_stack, agreement_status, ...)'),
      importer: z
        .string()
        .nullable()
        .describe('whose tariffs the claim is about; null for an agreement status'),
      exporter: z.string().nullable().describe('on whose goods; null for an agreement status'),
      checked_on: day('the claim is checked on: the date it refers to (asserts.at) or the day it was made'),
      claimed: z
        .union([z.number(), z.string()])
        .nullable()
        .describe('the claimed value: percent for rate metrics, a status word for agreement_status'),
      found: z
        .looseObject({})
        .describe(
          'what the ledger and the flows show; fields depend on the metric (average_pct, coverage_share, by_authority, total_pct, layers, status, approvals, ...)',
        ),
      verdict: z.enum([
        'matches',
        'close',
        'overstates',
        'understates',
        'top_stack_not_average',
        'premature',
        'not_checkable',
      ]),
      gap_pp: z
        .number()
        .nullable()
        .describe(
          'claimed minus found (stack total, or the trade-weighted average as shown to 0.1 pp), percentage points; null for a status or when not checkable',
        ),
      explanation: z.string(),
      sources: z.array(z.string()),
    }),
  ),
  ...asOf,
});

const interval = z.object({
  from: day('first day of the state'),
  to: day('day the next state starts (exclusive); null: still in this state').nullable(),
  state: z.string(),
});

export const Timeline = z.looseObject({
  scenario: z.string(),
  id: z.string().nullable().describe('the measure, agreement or claim asked for'),
  from: day('first date asked for').nullable(),
  to: day('last date asked for').nullable(),
  rows: z
    .array(
      z.object({
        id: z.string(),
        kind: z
          .string()
          .describe('a measure kind (tariff, tariff_exemption, export_control, licensing, ...) or agreement'),
        actor: z.string(),
        target: z.string(),
        title: z.string(),
        authority: z.string().nullable(),
        intervals: z.array(interval),
        rates: z
          .array(
            z.object({
              from: day('the rate step starts'),
              rate_pct: pct('statutory rate'),
              applied_pct: pct('rate less the suspended part'),
              suspended_until: day('end of a suspension').nullable(),
            }),
          )
          .nullable()
          .describe('tariffs: the rate steps'),
        clocks: z
          .array(z.object({ title: z.string(), start: day('clock start'), end: day('clock end') }))
          .nullable()
          .describe('agreements: their clocks'),
        approvals: z
          .array(z.object({ role: z.string(), by: z.string(), states: z.array(interval) }))
          .nullable()
          .describe('agreements: their approvals'),
      }),
    )
    .describe('measures and agreements with a state in the window, as dated intervals'),
  events: z.array(
    z.object({
      date: day('the event'),
      id: z.string(),
      kind: z.string(),
      title: z.string().describe('of the measure, agreement or claim the event belongs to'),
      event: z.string(),
      sources: z.array(z.string()),
    }),
  ),
  ...asOf,
});

export const ScenarioInfo = z.looseObject({
  name: z.string(),
  builtin: z.boolean(),
  authorities: z
    .array(z.object({ authority: z.string(), importer: z.string(), exporters: z.array(z.string()) }))
    .describe('tariff authorities by importer, with the exporters their measures target'),
  groups: z.array(z.object({ id: z.string(), title: z.string() })).describe('product groups'),
  scenario: z
    .looseObject({
      id: z.string(),
      title: z.string(),
      description: z.string().optional(),
      as_of: day('the last day the ledger vouches for').optional(),
      as_known_on: day('a vintage view: the date it is as known on').optional(),
      actors: z.record(z.string(), z.looseObject({})),
      products: z.looseObject({
        classification: z.string(),
        universe: z
          .record(z.string(), z.object({ line_count: count() }))
          .describe('known tariff lines by importer, as counts'),
        lists: z
          .record(z.string(), z.looseObject({ code_count: count() }))
          .describe('product lists with their codes as counts'),
        groups: z.record(z.string(), z.looseObject({})),
      }),
      stacking: z.looseObject({}),
      measures: z.array(z.looseObject({ id: z.string(), kind: z.string() })),
      agreements: z.array(z.looseObject({ id: z.string() })),
      claims: z.array(z.looseObject({ id: z.string() })),
      parameters: z.looseObject({}),
    })
    .describe(
      'the scenario as loaded (the format of docs/scenario.md), product lists and universe as counts',
    ),
  ...asOf,
});

export const IoSectors = z.looseObject({
  regions: z.array(z.string()).describe('WIOD region codes (USA, DEU, ...)'),
  sectors: z.array(z.object({ code: z.string(), name: z.string() })).describe('WIOD industries (c1..c35)'),
  unit: z.string().describe("the table's unit, in words (USD millions, WIOD 2011, annual)"),
});

const flowPair = (what: string) => ({
  m0_usd: usd(`${what}: imports at the base date's tariffs (2024 flows)`),
  m1_usd: usd(`${what}: imports after the response to the tariffs at \`at\``),
});

/** What-if tariff layers a POST applied, echoed. */
const overrides = z.array(
  z.object({
    importer: z.string(),
    exporter: z.string(),
    authority: z.string(),
    pct: pct('the layer from `from` on'),
    from: day('the layer starts'),
  }),
);

export const TradeResponse = z.looseObject({
  scenario: z.string(),
  overrides: overrides.describe('what-if layers applied first (empty: the scenario as it is)'),
  elasticities: z
    .object({ sigma: z.number(), epsilon_m: z.number(), epsilon_x: z.number() })
    .nullable()
    .describe("what-if elasticities (null: the scenario's own)"),
  basis: z.object({
    market: z.string(),
    flows: z.string(),
    tariffs: z.string(),
    base_date: day('tariffs before'),
    at: day('tariffs after'),
    model: z.enum(['smart', 'ces']),
    elasticities: z.string(),
    mfn: z.string(),
    notes: z.array(z.string()),
  }),
  china: z.object({
    ...flowPair('China'),
    change_usd: usd('m1 - m0'),
    creation_usd: usd('trade creation (negative: destroyed)'),
    diversion_usd: usd('trade diverted to or from other suppliers'),
    rate_pre_substitution_pct: pct('effective rate on China at base flows'),
    rate_post_substitution_pct: pct('effective rate on China at the new flows'),
    revenue_fixed_flows_usd: usd('duties at base flows, annual'),
    revenue_new_flows_usd: usd('duties at the new flows, annual'),
  }),
  totals: z.object({
    ...flowPair('all suppliers'),
    revenue0_usd: usd('duties before, annual'),
    revenue1_usd: usd('duties after, annual'),
    welfare_usd: usd('welfare change'),
    price_effect_usd: usd('price effect'),
  }),
  suppliers: z
    .array(
      z.object({
        supplier: z.string().describe('partner code (ISO3; EU-27 as one)'),
        ...flowPair('this supplier'),
        creation_usd: usd('trade creation'),
        diversion_usd: usd('trade diversion'),
        dm_usd: usd('m1 - m0'),
        revenue0_usd: usd('duties before, annual'),
        revenue1_usd: usd('duties after, annual'),
        welfare_usd: usd('welfare change'),
        rate_pre_pct: pct('effective rate on this supplier at base flows'),
        rate_post_pct: pct('effective rate on this supplier at the new flows'),
        capped_products: count().describe(
          'products where the SMART linear formulas were capped at the existing flow',
        ),
      }),
    )
    .describe('largest gain (dm_usd) first'),
  by_section: z.array(
    z.object({
      section: z.string().describe('HS section (roman numeral)'),
      china_m0_usd: usd('imports from China before'),
      china_change_usd: usd('change of imports from China'),
    }),
  ),
  top_products: z
    .array(
      z.object({
        product: z.string().describe('HS6 code'),
        china_m0_usd: usd('imports from China before'),
        china_change_usd: usd('change of imports from China'),
        t0_pct: pct("China's rate at base_date (2024-weighted over the HS6's lines)"),
        t1_pct: pct("China's rate at `at`"),
      }),
    )
    .describe('the `top` HS6 products'),
  ...asOf,
});

const directionKey = z.enum(['us_on_cn', 'cn_on_us']);
const pp = (what: string) => z.number().describe(`${what}, percentage points`);

export const SinceThen = z.looseObject({
  scenario: z.string(),
  then: day('the date compared against (2025-06-11, the London talks)'),
  now: day("the scenario's as_of"),
  unit: z.string(),
  directions: z.array(
    z.object({
      key: directionKey,
      label: z.string(),
      importer: z.string(),
      exporter: z.string(),
      then_pct: pct('trade-weighted average then, additional duties'),
      now_pct: pct('trade-weighted average now, additional duties'),
      then_with_mfn_pct: pct('trade-weighted average then, with pre-war MFN'),
      now_with_mfn_pct: pct('trade-weighted average now, with pre-war MFN'),
      change_pp: pp('now - then'),
      layers: z.array(
        z.object({
          authority: z.string(),
          then_pp: pp('contribution to the average then'),
          now_pp: pp('contribution to the average now'),
          change_pp: pp('now - then'),
          now_coverage_share: share('base trade the layer covers now'),
          now_rate_on_covered_pct: pct('mean rate on the covered trade now'),
        }),
      ),
      moves: z
        .array(
          z.object({
            date: day('the average moved'),
            before_pct: pct('average the day before'),
            after_pct: pct('average from that day'),
            change_pp: pp('after - before'),
            layers: z.array(z.object({ authority: z.string(), change_pp: pp('its contribution moved by') })),
            events: z
              .array(
                z.object({
                  id: z.string(),
                  kind: z.string(),
                  title: z.string(),
                  event: z.string(),
                  source: z.string().nullable(),
                }),
              )
              .describe("the ledger's events of that day on this importer's tariffs"),
          }),
        )
        .describe('every date between then and now that moved the average'),
      basis: rateBasis,
    }),
  ),
  ...asOf,
});

export const Averages = z.looseObject({
  scenario: z.string(),
  from: day('first day'),
  to: day('last day'),
  unit: z.string(),
  source: z.string(),
  directions: z.array(
    z.object({
      key: directionKey,
      importer: z.string(),
      exporter: z.string(),
      label: z.string(),
      basis: rateBasis,
    }),
  ),
  days: z
    .array(
      z.object({
        date: day('the day'),
        us_on_cn_additional_pct: pct('US on China, additional duties'),
        us_on_cn_with_mfn_pct: pct('US on China, with pre-war MFN'),
        cn_on_us_additional_pct: pct('China on the US, additional duties'),
        cn_on_us_with_mfn_pct: pct('China on the US, with pre-war MFN'),
      }),
    )
    .describe('one row per day from `from` to `to` (trade-weighted averages)'),
  reference_points: z.array(
    z.object({
      id: z.string(),
      direction: directionKey,
      date: day('the published figure is for'),
      value_pct: pct("PIIE's average, MFN + special tariffs"),
      metric: z.string(),
      definition: z.string(),
      source: z.string(),
      derived: z.boolean().describe("derived from PIIE's figures rather than read off the chart"),
      leverage_with_mfn_pct: pct("Leverage's average with MFN that day (null outside the range)").nullable(),
      gap_pp: pp('leverage_with_mfn_pct - value_pct').nullable(),
    }),
  ),
  ...asOf,
});

const authorityDuties = z.object({ authority: z.string(), duties_usd: usd('duties collected') });

export const WhoPaid = z.looseObject({
  scenario: z.string(),
  from: day('first day'),
  to: day('last day'),
  unit: z.string(),
  assumption: z.string().describe('the static-flow estimate, stated'),
  directions: z.array(
    z.object({
      key: directionKey,
      label: z.string(),
      importer: z.string(),
      exporter: z.string(),
      paid_by: z.string().describe("who pays the importer's duty at its border"),
      flow_year: count().describe('year of the fixed flows'),
      flow_usd_per_year: usd('flows of the direction a year'),
      weights: z.string(),
      months: z.array(
        z.object({
          month: z
            .string()
            .regex(/^\d{4}-\d{2}$/)
            .describe('YYYY-MM'),
          days: count().describe('days of the month inside the range'),
          duties_usd: usd('duties of the month at fixed flows'),
          by_authority: z.array(authorityDuties),
        }),
      ),
      by_authority: z.array(authorityDuties).describe('over the range'),
      total_usd: usd('duties over the range at fixed flows'),
    }),
  ),
  ieepa_refundable: z.object({
    authorities: z.array(z.string()),
    first_day: day('first day an IEEPA duty was collected in the range').nullable(),
    last_day: day('last day an IEEPA duty was collected in the range').nullable(),
    duties_usd: usd('IEEPA duties on goods from China in the range, at fixed flows'),
    share_of_us_duties: share('all US additional duties on goods from China in the range'),
    basis: z.string(),
  }),
  published_refunds: z.array(
    z.object({
      figure: z.string(),
      value_usd: usd('the published figure').nullable(),
      low_usd: usd('low end of a published range').nullable(),
      high_usd: usd('high end of a published range').nullable(),
      as_of: day('the figure is as of'),
      scope: z.string(),
      ledger_entry: z.string(),
      sources: z.array(z.string()),
    }),
  ),
  ...asOf,
});

/** POST /tariffs: the series of the scenario with what-if layers, and the layers. */
export const TariffSeriesWhatIf = TariffSeries.extend({
  overrides: overrides.describe('the what-if layers applied (empty: the scenario as it is)'),
});
