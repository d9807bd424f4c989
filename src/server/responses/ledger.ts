// Response schemas of the ledger routes: what is in force on a date, the timeline, the claims.
import { z } from 'zod';
import { asOf, count, day, pct, share } from './common.ts';

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
  scheduled_changes: z
    .array(
      z.object({
        date: day('the scheduled date, after as_of'),
        measure_id: z.string(),
        change: z.string().describe('the change of effect, e.g. "applied rate 10% -> 34%"'),
      }),
    )
    .describe('past as_of: changes applied because they were scheduled, not verified after as_of'),
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
