// Response schemas of the trade routes: effective rates, the trade response, since-then,
// daily averages, who paid.
import { z } from 'zod';
import {
  asOf,
  count,
  day,
  directionId,
  directionKey,
  overrides,
  pct,
  pp,
  rateBasis,
  share,
  usd,
} from './common.ts';

export const Effective = z.looseObject({
  kind: z.literal('series'),
  scenario: z.string(),
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
      from: day('first day of the period'),
      to: day('last day of the period, inclusive'),
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

const flowPair = (what: string) => ({
  m0_usd: usd(`${what}: imports at the base date's tariffs (2024 flows)`),
  m1_usd: usd(`${what}: imports after the response to the tariffs at \`at\``),
});
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

export const SinceThen = z.looseObject({
  scenario: z.string(),
  then: day('the date compared against (2025-06-11, the London talks)'),
  now: day("the scenario's as_of"),
  unit: z.string(),
  directions: z.array(
    directionId.extend({
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
  directions: z.array(directionId.extend({ basis: rateBasis })),
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
      leverage_with_mfn_2017_weights_pct: pct(
        "Leverage with MFN that day at PIIE's 2017 weights (HS2 chapter totals); null for China's side (not shipped) or outside the range",
      ).nullable(),
      gap_weights_pp: pp(
        'the weights part of the gap: leverage_with_mfn_pct - leverage_with_mfn_2017_weights_pct',
      ).nullable(),
      gap_other_pp: pp(
        'the rest: leverage_with_mfn_2017_weights_pct - value_pct (coverage, exclusions, MFN, mix within chapters)',
      ).nullable(),
      gap_reason: z.string().describe('why the two figures differ, in words'),
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
    directionId.extend({
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
    from: day('first day an IEEPA duty was collected in the range').nullable(),
    to: day('last day an IEEPA duty was collected in the range, inclusive').nullable(),
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
