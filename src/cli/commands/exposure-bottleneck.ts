// `leverage exposure --model bottleneck`: wiring (options -> the library's bottleneckExposure)
// and formatting (tables, a text chart, CSV). The numbers are computed in src/supply/bottleneck.
import { loadBottleneckInputs, loadExposureInputs } from '../../io/index.ts';
import type { Scenario } from '../../model/index.ts';
import { bottleneckInputsAt, bottleneckReport, type BottleneckReport } from '../../report/index.ts';
import { BottleneckInputError } from '../../supply/index.ts';
import { parseDateOption, parseNumberOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { fmt, table } from '../output.ts';

export interface BottleneckCliOptions {
  start?: string;
  weeks?: string;
  holdFlowsFrom?: string;
  sigma?: string;
  cohorts?: string;
  mrio?: string;
  csv?: boolean;
}

/** The CLI prints the report as it is (src/report/exposure.ts). */
export type BottleneckCliResult = BottleneckReport;

export async function runBottleneckCli(scn: Scenario, o: BottleneckCliOptions): Promise<BottleneckCliResult> {
  const start = parseDateOption('--start', o.start ?? '2025-03-03');
  const weeks = parseNumberOption('--weeks', o.weeks ?? '30', { integer: true, min: 1, max: 520 });
  const hold =
    o.holdFlowsFrom !== undefined ? parseDateOption('--hold-flows-from', o.holdFlowsFrom) : undefined;
  const sigma = o.sigma !== undefined ? parseNumberOption('--sigma', o.sigma, { min: 1e-9 }) : undefined;
  const cohorts =
    o.cohorts !== undefined
      ? parseNumberOption('--cohorts', o.cohorts, { integer: true, min: 1, max: 400 })
      : undefined;
  try {
    const mrio = o.mrio !== undefined ? { mrio: o.mrio } : {};
    const [inputs, linear] = await Promise.all([
      loadBottleneckInputs({
        ...(o.mrio !== undefined ? { mrioDir: o.mrio } : {}),
        ...bottleneckInputsAt(scn),
      }),
      loadExposureInputs(mrio),
    ]);
    return bottleneckReport(scn, inputs, linear, {
      start,
      weeks,
      ...(hold ? { hold_flows_from: hold } : {}),
      ...(sigma !== undefined ? { sigma } : {}),
      ...(cohorts !== undefined ? { cohorts } : {}),
    });
  } catch (e) {
    if (e instanceof BottleneckInputError) throw new UserError(e.message);
    throw e;
  }
}

const bn = (usd: number) => fmt(usd / 1e9, 3);

/** A text bar chart of one weekly series (USD). */
function bars(rows: { date: string; v: number }[], width = 40): string[] {
  const max = Math.max(1, ...rows.map((r) => r.v));
  return rows.map((r) => `${r.date} ${'#'.repeat(Math.round((r.v / max) * width)).padEnd(width)} ${bn(r.v)}`);
}

export function humanBottleneck(r: BottleneckCliResult): string {
  const countries = r.countries.map((c) => c.country);
  const dates = [...new Set(r.weekly.map((w) => w.date))];
  const lossOf = (d: string, c: string) => r.weekly.find((w) => w.date === d && w.country === c);
  const out = [
    `Bottleneck exposure (${r.rule}); scenario ${r.scenario}; weeks from ${r.start}; IO table ${r.io_table}`,
    r.counterfactual
      ? `Counterfactual: ${r.counterfactual}`
      : 'Observed 2025 flows (data/supply/bottleneck_flows.csv)',
    '',
    'Gross output lost, USD bn a week, by country (band: buffer, share and content ranges); linear = the IO model, US',
    table(
      ['week', ...countries.map((c) => `${c} (band)`), 'linear US'],
      dates.map((d) => [
        d,
        ...countries.map((c) => {
          const w = lossOf(d, c);
          return w ? `${bn(w.output_lost_usd)} (${bn(w.band_low_usd)}-${bn(w.band_high_usd)})` : '';
        }),
        bn(r.linear.find((l) => l.date === d)?.us_loss_usd ?? 0),
      ]),
    ),
    '',
    'US gross output lost, USD bn a week',
    ...bars(dates.map((d) => ({ date: d, v: lossOf(d, 'USA')?.output_lost_usd ?? 0 }))),
    '',
    'Countries: cumulative and peak loss, cliff (first week at 1 % of the modelled users\u2019 output)',
    table(
      ['country', 'baseline USD bn/wk', 'cumulative USD bn', 'peak USD bn/wk', 'peak week', 'cliff week'],
      r.countries.map((c) => [
        c.country,
        bn(c.baseline_output_usd_per_week),
        bn(c.cumulative_lost_usd),
        bn(c.peak_lost_usd),
        c.peak_date ?? '-',
        c.cliff_date ?? '-',
      ]),
    ),
    '',
    'Users: buffer, first cohort dry, share of plants dry by the end, cumulative loss, line-weeks lost',
    table(
      [
        'user',
        'country',
        'use',
        'output USD bn/wk',
        'buffer wk',
        'first dry',
        'plants dry %',
        'cum. USD bn',
        'line-weeks',
      ],
      r.users.map((u) => [
        u.user,
        u.country,
        u.end_use,
        bn(u.output_usd_per_week),
        fmt(u.buffer_median_weeks, 1),
        u.first_dry_date ?? '-',
        fmt(100 * u.dry_share, 0),
        bn(u.cumulative_lost_usd),
        fmt(u.line_weeks_lost, 2),
      ]),
    ),
    '',
    'Units: ' +
      Object.entries(r.units)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; '),
    'Assumptions:',
    ...r.assumptions.map((a) => `  - ${a}`),
  ];
  return out.join('\n');
}

/** CSV of the weekly rows by user, with units and sources as comment lines first. */
export function csvBottleneck(r: BottleneckCliResult): string {
  const head = [
    `# leverage exposure --model bottleneck; scenario ${r.scenario}; ${r.rule}`,
    `# ${r.counterfactual ?? 'observed 2025 flows'}`,
    ...Object.entries(r.units).map(([k, v]) => `# ${k}: ${v}`),
    '# sources: data/supply/*.csv (per row), data/README.md; assumptions: docs/supply.md',
    'date,user,country,output_share,output_lost_usd,arrivals_share,stock_weeks,line_weeks_lost',
  ];
  return [
    ...head,
    ...r.by_user.map((u) =>
      [
        u.date,
        u.user,
        u.country,
        u.output_share,
        u.output_lost_usd,
        u.arrivals_share,
        u.stock_weeks,
        u.line_weeks_lost,
      ].join(','),
    ),
  ].join('\n');
}
