// One Monte Carlo result drawn: outcome odds over time, fan charts, who concedes first, the basis.
import { HBars, LineChart, type Series } from '../../charts/charts.tsx';
import { sharePct } from '../../charts/util.ts';
import { type Band, type MonteCarloResult } from '../../runs.ts';
import { TrackRecord, formatOdds } from '../TrackRecord.tsx';

const isBand = (v: unknown): v is Band => !!v && typeof v === 'object' && 'p50' in (v as object);

function fan(r: MonteCarloResult, metric: string, name: string, color: string, scale = 1): Series {
  const rows = r.weeks.filter((w) => isBand(w[metric]));
  const b = (w: (typeof rows)[number]) => w[metric] as Band;
  return {
    name,
    color,
    points: rows.map((w) => ({ date: w.date, value: b(w).p50 * scale })),
    bands: [
      {
        lo: rows.map((w) => b(w).p5 * scale),
        hi: rows.map((w) => b(w).p95 * scale),
        opacity: 0.18,
        label: '5-95% of runs',
      },
    ],
  };
}

/** Outcome odds over time, fan charts and who concedes first, from one Monte Carlo result. */
export function RunCharts({
  r,
  prefix = 'chart',
  whatIf = null,
}: {
  r: MonteCarloResult;
  prefix?: string;
  /** What a what-if run changed from its scenario (null: the scenario as recorded). */
  whatIf?: string | null;
}) {
  const dates = r.weeks.map((w) => w.date);
  const curve = (xs: number[], name: string, color: string): Series => ({
    name,
    color,
    points: xs.map((v, i) => ({ date: dates[i], value: sharePct(v) })),
  });
  const [a, b] = r.actors;
  const fc = r.outcomes.first_concession;
  // every simulated chart names its runs and seed, in the page and in its exported files
  const runNote = `${r.runs_completed.toLocaleString('en-US')} runs from ${r.start}, seed ${r.seed}: shares of simulated runs of the scenario's weekly negotiation loop (Leverage Monte Carlo).${whatIf ? ` What-if run, not the scenario as recorded: ${whatIf}.` : ''}`;
  return (
    <div
      data-testid={`${prefix}-run-result`}
      data-runs={r.runs_completed}
      data-whatif={whatIf ? 'yes' : 'no'}
    >
      {whatIf ? (
        <p className="notice" data-testid="run-whatif">
          What-if run: {whatIf}
        </p>
      ) : null}
      <p className="intro">
        {r.runs_completed.toLocaleString('en-US')} runs from {r.start}, seed {r.seed}. London framework
        approved by {r.outcomes.framework.by}: <strong>{formatOdds(r.outcomes.framework.probability)}</strong>
        ; Geneva truce collapses: <strong>{formatOdds(r.outcomes.truce_collapses.probability)}</strong>;
        escalation above the April 2025 peak:{' '}
        <strong>{formatOdds(r.outcomes.escalation_above_april_2025_peak.probability)}</strong>.
        {r.strategies ? (
          <>
            {' '}
            Strategies:{' '}
            {Object.entries(r.strategies)
              .map(
                ([actor, st]) =>
                  `${actor} ${st.name}${
                    Object.keys(st.params ?? {}).length
                      ? `(${Object.entries(st.params)
                          .map(([k2, v]) => `${k2}=${v}`)
                          .join(', ')})`
                      : ''
                  }`,
              )
              .join('; ')}
            .
          </>
        ) : null}
      </p>
      <TrackRecord />
      <LineChart
        id={`${prefix}-odds`}
        unit="percent of runs"
        title="Outcome odds over time"
        subtitle="Share of runs in which each outcome has happened by that week"
        series={[
          curve(r.curves.framework_approved_by_week, 'framework approved', '#38a169'),
          curve(r.curves.truce_ended_by_week, 'truce ended', '#e53e3e'),
          curve(r.curves.escalated_by_week, 'escalated above April peak', '#805ad5'),
        ]}
        yMax={100}
        yFmt={(v) => `${v}%`}
        height={230}
        note={runNote}
      />
      <LineChart
        id={`${prefix}-fan-tariffs`}
        unit="percent ad valorem"
        title="Tariff levels: median and 5-95% band"
        subtitle={r.metrics.tariff_US_on_CN_pct}
        series={[
          fan(r, `tariff_${a}_on_${b}_pct`, `${a} on ${b}`, '#2b6cb0'),
          fan(r, `tariff_${b}_on_${a}_pct`, `${b} on ${a}`, '#c53030'),
        ]}
        yFmt={(v) => `${v}%`}
        height={230}
        note={runNote}
      />
      <LineChart
        id={`${prefix}-fan-licence`}
        unit="percent of normal exports"
        title="Rare-earth licence flow: median and 5-95% band"
        subtitle={r.metrics.licence_flow_share}
        series={[fan(r, 'licence_flow_share', 'exports getting through (%)', '#2f855a', 100)]}
        yMax={100}
        yFmt={(v) => `${v}%`}
        height={210}
        note={runNote}
      />
      <HBars
        id={`${prefix}-concession`}
        unit="percent of runs"
        title="Who concedes first"
        rows={Object.entries(fc).map(([k, v]) => ({
          key: k,
          label:
            k === 'same_week' ? 'both in the same week' : k === 'neither' ? 'neither within the horizon' : k,
          value: v * 100,
          color: k === a ? '#2b6cb0' : k === b ? '#c53030' : '#a0aec0',
        }))}
        fmt={(v) => `${v.toFixed(1)}%`}
        csvHeader="share_of_runs_pct"
        note={runNote}
      />
      <details>
        <summary>Basis and assumptions</summary>
        <ul className="compact">
          {r.basis.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
