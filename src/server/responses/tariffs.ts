// Response schemas of the tariff routes: stack series (GET and what-if POST) and groups.
import { z } from 'zod';
import { asOf, count, day, layers, overrides, pct, share } from './common.ts';

const tariffPoint = z.object({
  from: day('first day of the period'),
  to: day('last day of the period, inclusive'),
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

/** POST /tariffs: the series of the scenario with what-if layers, and the layers. */
export const TariffSeriesWhatIf = TariffSeries.extend({
  overrides: overrides.describe('the what-if layers applied (empty: the scenario as it is)'),
});
