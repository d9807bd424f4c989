// The rare-earth bottleneck (stock-flow) model in the Rare earths panel: weekly output lost by
// country with its band, stocks by user, the week users' cohorts run dry, and the counterfactual
// "China's flows held at their level of a date" (kept in the URL as `hold`). Everything shown is
// what GET /exposure/bottleneck returns; this file only formats it.
import { useEffect, useState } from 'react';
import { enc, qs, type Bottleneck } from '../api.ts';
import { LineChart, type Series } from '../charts/charts.tsx';
import { legendItemWidth } from '../charts/legend.tsx';
import { fmtDate, shortenDistinct, usd } from '../charts/util.ts';
import { isCalendarDate, useApi } from '../state.ts';
import { ErrorBox, Loading, Section, type PanelProps } from './common.tsx';

/** The hold date the control offers first: China's flows at their level of early May 2025. */
const DEFAULT_HOLD = '2025-05-01';
const WEEKS = 30;
const START = '2025-03-03';

/** Rows the chart legend wraps to (the same layout as LineChart's legend), for the space above the plot. */
function legendRows(names: string[]): number {
  let cx = 52;
  let rows = 1;
  for (const n of names) {
    const w = legendItemWidth(n);
    if (cx + w > 856 && cx > 52) {
      cx = 52;
      rows++;
    }
    cx += w;
  }
  return rows;
}

/** Distinct colours for lines drawn together (a hash of the name can give two lines one colour). */
const LINES = [
  '#2b6cb0',
  '#c53030',
  '#2f855a',
  '#dd6b20',
  '#805ad5',
  '#319795',
  '#d53f8c',
  '#b7791f',
  '#1a202c',
  '#63b3ed',
  '#9c4221',
  '#68d391',
];
const lineColor = (i: number) => LINES[i % LINES.length];

const week = (d: string) => <time dateTime={d}>{fmtDate(d)}</time>;

export function BottleneckSection({ view, set }: PanelProps) {
  const res = useApi<Bottleneck>(
    `/api/scenarios/${enc(view.scenario)}/exposure/bottleneck${qs({
      start: START,
      weeks: WEEKS,
      hold_flows_from: view.hold || undefined,
    })}`,
  );
  const [holdDate, setHoldDate] = useState(view.hold || DEFAULT_HOLD);
  useEffect(() => {
    if (view.hold) setHoldDate(view.hold);
  }, [view.hold]);
  const b = res.data;
  const country =
    b && !b.countries.some((c) => c.country === view.country)
      ? (b.countries[0]?.country ?? '')
      : view.country;
  const last = b ? b.weekly[b.weekly.length - 1]?.date : undefined;
  const source = b
    ? `Source: ${b.basis.source}; ledger read at ${b.basis.read_at ?? 'n/a'}; ${
        b.counterfactual ?? 'observed path of China\u2019s flows and licence shares'
      }. Weeks starting Monday ${b.start} to ${last ?? ''}.`
    : '';

  const control = (
    <div className="form" role="group" aria-label="Bottleneck model counterfactual">
      <label>
        <input
          type="checkbox"
          checked={view.hold !== ''}
          onChange={(e) => set({ hold: e.target.checked && isCalendarDate(holdDate) ? holdDate : '' })}
          data-testid="bottleneck-hold"
        />
        Hold China&rsquo;s flows and licence shares at their level of
      </label>
      <input
        type="date"
        value={holdDate}
        min={START}
        max={last}
        aria-label="Date China's flows are held at"
        onChange={(e) => {
          setHoldDate(e.target.value);
          if (view.hold && isCalendarDate(e.target.value)) set({ hold: e.target.value });
        }}
        data-testid="bottleneck-hold-date"
      />
      <span className="small">
        {view.hold
          ? `counterfactual: from the first week starting on or after ${fmtDate(view.hold)}`
          : 'off: the observed 2025 path'}
      </span>
      {res.loading && b ? (
        <span role="status" aria-live="polite">
          Recomputing...
        </span>
      ) : null}
    </div>
  );

  return (
    <div
      data-testid="bottleneck"
      data-ready={b && !res.loading ? 'yes' : 'no'}
      data-counterfactual={b?.counterfactual ?? ''}
    >
      <Section
        title="Bottleneck model: stocks run down, then output stops"
        intro={
          <>
            A model, not an observation: a weekly stock-flow model of the rare-earth magnets and components
            held by the modelled users (vehicle, parts, defence, medical, wind, electronics and motor makers
            {b ? ` in ${b.countries.map((c) => c.country).join(', ')}` : ''}). Each user&rsquo;s plants are
            cohorts with buffers of a few weeks of need; China&rsquo;s licensing lets a share of normal flow
            through to each destination, other suppliers ramp up slowly, and a cohort whose stock runs out
            stops (min rule: output is set by the scarcest critical input{b ? `, ${b.rule}` : ''}). Losses are
            gross output of the modelled users, not value added, and are not to be added to the linear model
            above.
          </>
        }
      >
        {control}
        {res.error ? <ErrorBox error={res.error} title="The bottleneck model failed" /> : null}
        {!b && !res.error ? <Loading what="the bottleneck model" /> : null}
        {b ? <BottleneckFigures b={b} country={country} source={source} view={view} set={set} /> : null}
      </Section>
    </div>
  );
}

function BottleneckFigures({
  b,
  country,
  source,
  view,
  set,
}: {
  b: Bottleneck;
  country: string;
  source: string;
  view: PanelProps['view'];
  set: PanelProps['set'];
}) {
  const lossSeries: Series[] = b.countries.map((c, i) => {
    const rows = b.weekly.filter((w) => w.country === c.country);
    return {
      name: c.country,
      color: lineColor(i),
      points: rows.map((w) => ({ date: w.date, value: w.output_lost_usd })),
      bands: [{ lo: rows.map((w) => w.band_low_usd), hi: rows.map((w) => w.band_high_usd), opacity: 0.1 }],
    };
  });
  if (b.linear.length)
    lossSeries.push({
      name: 'USA, linear model',
      color: '#718096',
      dash: true,
      points: b.linear.map((l) => ({ date: l.date, value: Math.round(l.us_loss_usd) })),
    });
  const users = b.users.filter((u) => u.country === country);
  const names = shortenDistinct(
    users.map((u) => u.label),
    34,
  );
  const stockSeries: Series[] = users.map((u, i) => ({
    name: names.get(u.label) ?? u.label,
    color: lineColor(i),
    points: b.by_user.filter((r) => r.user === u.user).map((r) => ({ date: r.date, value: r.stock_weeks })),
  }));
  const marker = view.hold || view.date;
  const markerText = view.hold
    ? `vertical line: the hold date, ${fmtDate(view.hold)}`
    : `vertical line: the dashboard date, ${fmtDate(view.date)}`;

  return (
    <>
      <ul className="note" data-testid="bottleneck-assumptions">
        {b.assumptions.map((a) => (
          <li key={a}>{a}</li>
        ))}
      </ul>
      <LineChart
        id="chart-bottleneck-loss"
        unit="USD a week (gross output lost)"
        title="Weekly gross output lost by country (bottleneck model)"
        subtitle={`USD a week: ${b.units.output_lost_usd}; line: central case; shaded: ${b.units.band_low_usd}. Dashed: the linear model's US loss on the same weeks, for comparison. Weeks from ${fmtDate(b.start)}; ${markerText}.`}
        series={lossSeries}
        yFmt={usd}
        marker={marker}
        height={280}
        note={source}
        data={{ counterfactual: b.counterfactual ?? '', start: b.start }}
      />
      <table className="table" data-testid="bottleneck-countries">
        <caption>
          By country, {b.weeks} weeks from {fmtDate(b.start)} (USD; {b.counterfactual ?? 'observed path'}).
          Cliff: {b.basis.cliff}. Source: the bottleneck model, as under the chart above.
        </caption>
        <thead>
          <tr>
            <th>Country</th>
            <th>Modelled users&rsquo; output (USD a week)</th>
            <th>Cliff (week of)</th>
            <th>Peak loss (USD a week)</th>
            <th>Cumulative loss (USD)</th>
          </tr>
        </thead>
        <tbody>
          {b.countries.map((c) => (
            <tr
              key={c.country}
              data-country={c.country}
              data-cliff={c.cliff_date ?? ''}
              data-peak={c.peak_lost_usd}
            >
              <td>{c.country}</td>
              <td>{usd(c.baseline_output_usd_per_week)}</td>
              <td>{c.cliff_date ? week(c.cliff_date) : `none within ${b.weeks} weeks`}</td>
              <td>
                {usd(c.peak_lost_usd)}
                {c.peak_date ? <> (week of {week(c.peak_date)})</> : null}
              </td>
              <td>{usd(c.cumulative_lost_usd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form" role="group" aria-label="Bottleneck country">
        <label>
          Users in{' '}
          <select
            value={country}
            onChange={(e) => set({ country: e.target.value })}
            data-testid="bottleneck-country"
          >
            {b.countries.map((c) => (
              <option key={c.country}>{c.country}</option>
            ))}
          </select>
        </label>
      </div>
      <LineChart
        id="chart-bottleneck-stocks"
        unit="weeks of normal need"
        title={`Stocks of critical rare-earth inputs by user, ${country}`}
        subtitle={`Weeks of normal need: ${b.units.stock_weeks}. Weeks from ${fmtDate(b.start)}; ${markerText}.`}
        series={stockSeries}
        yFmt={(v) => `${v} wk`}
        marker={marker}
        height={260 + 14 * (legendRows(stockSeries.map((s) => s.name)) - 1)}
        top={30 + 14 * (legendRows(stockSeries.map((s) => s.name)) - 1)}
        note={`${source} Buffers are a calibration, not observed (see the assumptions above).`}
        data={{ country, counterfactual: b.counterfactual ?? '' }}
      />
      <table className="table" data-testid="bottleneck-cliffs" data-country={country}>
        <caption>
          When each user in {country} runs dry: the first week one of its cohorts (plants, lowest buffer
          first) has no stock left, within {b.weeks} weeks from {fmtDate(b.start)} (
          {b.counterfactual ?? 'observed path'}).
        </caption>
        <thead>
          <tr>
            <th>User</th>
            <th>Runs dry</th>
            <th>Plants dry within {b.weeks} weeks (%)</th>
            <th>Buffer, median (weeks of need)</th>
            <th>Output lost over {b.weeks} weeks (USD)</th>
            <th>Output basis</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr
              key={u.user}
              data-user={u.user}
              data-first-dry={u.first_dry_date ?? ''}
              data-dry-share={u.dry_share}
            >
              <td>{u.label}</td>
              <td data-testid={`cliff-${u.user}`}>
                {u.first_dry_date ? (
                  <>runs dry in the week of {week(u.first_dry_date)} (first cohort)</>
                ) : (
                  `does not run dry within ${b.weeks} weeks`
                )}
              </td>
              <td>{Math.round(100 * u.dry_share)}</td>
              <td>{u.buffer_median_weeks}</td>
              <td>{usd(u.cumulative_lost_usd)}</td>
              <td className="small">{u.output_basis}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">{source}</p>
    </>
  );
}
