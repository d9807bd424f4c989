// The daily trade-weighted averages both ways from the ledger's first date to as_of, with PIIE's
// published averages overlaid (GET /api/scenarios/:name/averages; the report computes, this draws).
import type { AveragesReport } from '../../../src/report/index.ts';
import { enc } from '../api.ts';
import { ValueAxis } from '../charts/axes.tsx';
import { ChartFrame } from '../charts/frame.tsx';
import { CHART_WIDTH as W, dateScale, fmtDate, linear, niceMax, toCsv } from '../charts/util.ts';
import { useApi } from '../state.ts';
import { ErrorBox, Loading, Section } from './common.tsx';

const H = 300;
const M = { l: 52, r: 16, t: 24, b: 34 };
const LINES = [
  { key: 'us_on_cn_with_mfn_pct', piie: 'us_on_cn', name: 'US on goods from China', color: '#2b6cb0' },
  { key: 'cn_on_us_with_mfn_pct', piie: 'cn_on_us', name: 'China on goods from the US', color: '#c53030' },
] as const;

export function AveragesChart({ r }: { r: AveragesReport }) {
  const xd = dateScale(r.from, r.to, M.l, W - M.r);
  const max = niceMax(
    Math.max(
      ...r.days.flatMap((d) => LINES.map((l) => d[l.key])),
      ...r.reference_points.map((p) => p.value_pct),
    ),
  );
  const y = linear(0, max, H - M.b, M.t);
  // step paths through the days on which a value changes
  const path = (key: (typeof LINES)[number]['key']) => {
    let s = '';
    r.days.forEach((d, i) => {
      if (i === 0) s = `M${xd(d.date)},${y(d[key])}`;
      else if (d[key] !== r.days[i - 1][key]) s += `H${xd(d.date)}V${y(d[key])}`;
    });
    return s + `H${xd(r.to)}`;
  };
  const years: string[] = [];
  for (let yr = Number(r.from.slice(0, 4)); `${yr}-01-01` <= r.to; yr++)
    if (`${yr}-01-01` >= r.from) years.push(`${yr}-01-01`);
  const csv = () =>
    toCsv(
      ['date', ...LINES.map((l) => l.key), 'us_on_cn_additional_pct', 'cn_on_us_additional_pct'],
      [
        ...r.days.map((d) => [
          d.date,
          ...LINES.map((l) => d[l.key]),
          d.us_on_cn_additional_pct,
          d.cn_on_us_additional_pct,
        ]),
        [`# source: ${r.source}; unit: ${r.unit}; as of ${r.as_of ?? 'n/a'}`],
      ],
    );
  return (
    <ChartFrame
      id="chart-daily-averages"
      unit="percent ad valorem"
      title={`Average tariff each side charges the other, daily, ${fmtDate(r.from)} to ${fmtDate(r.to)}`}
      subtitle="Trade-weighted at fixed 2024 weights, additional duties plus pre-war MFN (percent); dots: PIIE's published averages (2017 weights)"
      width={W}
      height={H}
      csv={csv}
      data={{ from: r.from, to: r.to, piie: r.reference_points.length }}
      note={
        <>
          Source: {r.source}. Scenario {r.scenario}, as of {r.as_of ?? 'n/a'}.
          {r.warnings.length ? ` ${r.warnings.join(' ')}` : ''}
        </>
      }
    >
      <ValueAxis scale={y} max={max} from={M.l} to={W - M.r} fmt={(v) => `${v}%`}>
        {years.map((d) => (
          <text key={d} x={xd(d)} y={H - M.b + 16} textAnchor="middle">
            {d.slice(0, 4)}
          </text>
        ))}
      </ValueAxis>
      {LINES.map((l) => (
        <g key={l.key} className="series" data-series={l.name} data-last={r.days.at(-1)?.[l.key] ?? ''}>
          <path d={path(l.key)} fill="none" stroke={l.color} strokeWidth={1.6} />
          {r.reference_points
            .filter((p) => p.direction === l.piie)
            .map((p) => (
              <circle
                key={p.id}
                className="piie-point"
                data-id={p.id}
                cx={xd(p.date)}
                cy={y(p.value_pct)}
                r={4}
                fill="#fff"
                stroke={l.color}
                strokeWidth={2}
              >
                <title>
                  {`PIIE ${fmtDate(p.date)}: ${p.value_pct}%${p.derived ? ' (derived)' : ''}; Leverage ${p.leverage_with_mfn_pct ?? 'n/a'}% (${p.id}). Gap: ${p.gap_reason}`}
                </title>
              </circle>
            ))}
        </g>
      ))}
      {LINES.map((l, i) => (
        <g key={l.name} transform={`translate(${M.l + 10 + i * 220},${M.t - 8})`}>
          <line x1={0} x2={18} y1={0} y2={0} stroke={l.color} strokeWidth={2} />
          <text x={24} y={4} className="label">
            {l.name}
          </text>
        </g>
      ))}
    </ChartFrame>
  );
}

/** Each PIIE point beside Leverage's average that day, and why they differ (the report's gap split). */
function PiieGaps({ r }: { r: AveragesReport }) {
  return (
    <details className="piie-gaps">
      <summary>Why Leverage differs from PIIE (percentage points, MFN included both sides)</summary>
      <table className="table" data-testid="piie-gaps">
        <thead>
          <tr>
            <th>date</th>
            <th>direction</th>
            <th>PIIE %</th>
            <th>Leverage %</th>
            <th>gap pp</th>
            <th>of which weights pp</th>
            <th>why</th>
          </tr>
        </thead>
        <tbody>
          {r.reference_points.map((p) => (
            <tr key={p.id} data-id={p.id}>
              <td>{fmtDate(p.date)}</td>
              <td>{p.direction === 'us_on_cn' ? 'US on China' : 'China on the US'}</td>
              <td>{p.value_pct}</td>
              <td>{p.leverage_with_mfn_pct?.toFixed(1) ?? 'n/a'}</td>
              <td>{p.gap_pp?.toFixed(1) ?? 'n/a'}</td>
              <td>{p.gap_weights_pp?.toFixed(1) ?? 'n/a'}</td>
              <td>{p.gap_reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">
        Source: {r.source}. Weights: PIIE uses 2017 trade; Leverage 2024 (HTS10); the weights column
        re-weights Leverage's own line rates to 2017 chapter totals.
      </p>
    </details>
  );
}

/** The section: fetches the averages of the scenario and draws them. */
export function DailyAverages({ scenario }: { scenario: string }) {
  const r = useApi<AveragesReport>(`/api/scenarios/${enc(scenario)}/averages`);
  return (
    <Section
      title="Since 2018, day by day"
      intro="Each side's average tariff on the other's goods from the ledger's first date to its as-of date, with PIIE's published averages where the shipped data cite them."
    >
      {r.error ? <ErrorBox error={r.error} /> : null}
      {r.data ? <AveragesChart r={r.data} /> : !r.error && <Loading what="the daily averages" />}
      {r.data ? <PiieGaps r={r.data} /> : null}
    </Section>
  );
}
