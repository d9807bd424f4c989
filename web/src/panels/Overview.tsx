import { useLayoutEffect, useMemo, useState } from 'react';
import { enc, qs, type ClaimCheck, type Ledger, type Timeline } from '../api.ts';
import { ValueAxis } from '../charts/axes.tsx';
import { ChartFrame } from '../charts/frame.tsx';
import { Gantt, HStackRows, type GanttRow } from '../charts/charts.tsx';
import { CHART_WIDTH as W, fmtDate, linear, niceMax, pct, toCsv } from '../charts/util.ts';
import { useApi } from '../state.ts';
import { markOverviewDrawn } from '../timing.ts';
import { ErrorBox, Loading, Section, type PanelProps } from './common.tsx';
// the key dates are the library's leaf module (no imports, safe to bundle): the same list `leverage
// start` prints
// eslint-disable-next-line leverage/import-direction
import { KEY_DATES_2025_LABELLED } from '../../../src/trade/key-dates.ts';

/** The dates the London-2025 story turns on: the library's list, as `leverage start` prints them. */
const KEY_DATES = KEY_DATES_2025_LABELLED;

const KINDS = [
  { id: 'tariff', label: 'Tariffs' },
  { id: 'export_control', label: 'Export controls' },
  { id: 'licensing', label: 'Licensing regimes' },
  { id: 'agreement', label: 'Agreements' },
  { id: 'entity_listing', label: 'Entity listings' },
  { id: 'controlled_substance', label: 'Controlled substances' },
];

export function Overview({ view, set }: PanelProps) {
  const base = `/api/scenarios/${enc(view.scenario)}`;
  const ledger = useApi<Ledger>(`${base}/ledger${qs({ date: view.date })}`);
  const tl = useApi<Timeline>(`${base}/timeline${qs({ from: '2025-01-01', to: '2025-12-31' })}`);
  const claims = useApi<{ claims: ClaimCheck[] }>(`${base}/claims`);
  const [kinds, setKinds] = useState<Set<string>>(
    new Set(['tariff', 'export_control', 'licensing', 'agreement']),
  );

  const rows: GanttRow[] = useMemo(() => {
    if (!tl.data) return [];
    const order = (r: Timeline['rows'][number]) => (r.kind === 'agreement' ? 0 : r.actor === 'US' ? 1 : 2);
    return tl.data.rows
      .filter((r) => kinds.has(r.kind))
      .sort(
        (a, b) =>
          order(a) - order(b) ||
          a.kind.localeCompare(b.kind) ||
          (a.intervals[0]?.from ?? '').localeCompare(b.intervals[0]?.from ?? ''),
      )
      .map((r) => ({
        key: r.id,
        label: r.kind === 'agreement' ? r.title : `${r.actor}->${r.target}: ${r.title}`,
        group: r.kind === 'agreement' ? 'agreement' : `${r.actor}-${r.kind}`,
        intervals: r.intervals,
        clocks: r.clocks ?? undefined,
        approvals: r.approvals?.map((a) => ({ role: a.role, states: a.states })),
        kind: r.kind,
      }));
  }, [tl.data, kinds]);

  const ready = !!(ledger.data && tl.data && claims.data);
  useLayoutEffect(() => {
    if (ready) requestAnimationFrame(() => markOverviewDrawn());
  }, [ready]);

  const l = ledger.data;
  const headline = l?.stacks.find((s) => s.product === '420221');
  // the story leads with the latest agreement on the date (on 11 June 2025, the London framework)
  const agreement = l
    ? [...l.agreements].sort((a, b) => (b.since ?? '').localeCompare(a.since ?? ''))[0]
    : undefined;
  // what the US got from it: China's rare-earth licensing, as a share of normal exports let through
  const licence = l?.export_controls.find(
    (c) => c.actor === 'CN' && c.licence_required && c.flow_share !== undefined,
  );
  // the debunk of a claim made on this date ("55%"), from the claims check
  const claim = claims.data?.claims.find((c) => c.checked_on === view.date && c.metric === 'tariff_stack');
  const avg = claim?.found.average_pct;
  return (
    <div className="panel" data-testid="panel-overview" data-ready={ready ? 'yes' : 'no'}>
      <Section
        title={`The story on ${fmtDate(view.date)}`}
        intro={
          l ? (
            <>
              {agreement ? (
                <>
                  <strong data-testid="story-agreement">{agreement.title}</strong>:{' '}
                  {agreement.status?.replace(/_/g, ' ') ?? 'not yet'}
                  {agreement.approvals.length
                    ? `, approvals: ${agreement.approvals.map((a) => `${a.role} ${a.status ?? 'not yet'}`).join('; ')}`
                    : ''}
                  .{' '}
                </>
              ) : null}
              {licence ? (
                <span data-testid="story-licence">
                  China's rare-earth licensing lets <strong>{pct((licence.flow_share ?? 0) * 100, 0)}</strong>{' '}
                  of normal exports through{licence.basis ? ` (${licence.basis})` : ''}.{' '}
                </span>
              ) : null}
              {claim && typeof avg === 'number' ? (
                <span data-testid="story-claim">
                  "{claim.quote}" ({claim.by}): one product's stack; the trade-weighted average of US duties
                  on goods from China was <strong>{pct(avg)}</strong> (additional duties at fixed import
                  weights).{' '}
                </span>
              ) : null}
              {headline ? (
                <>
                  A handbag from China paid{' '}
                  <strong data-testid="headline-total">{pct(headline.total_pct)}</strong> in additional US
                  duties ({headline.layers.map((x) => `${x.authority} ${pct(x.rate_pct)}`).join(' + ')}).{' '}
                </>
              ) : null}
              {l.beyond_as_of ? (
                <em data-testid="scheduled-flag">
                  This date is after the scenario's knowledge date ({l.as_of}): scheduled, not verified after{' '}
                  {l.as_of}
                  {l.scheduled_changes.length
                    ? ` (${l.scheduled_changes.map((c) => `${c.date} ${c.measure_id}: ${c.change}`).join('; ')})`
                    : ''}
                  .
                </em>
              ) : null}
            </>
          ) : null
        }
      >
        <div className="keydates" role="group" aria-label="Key dates">
          {KEY_DATES.map((k) => (
            <button
              key={k.date}
              type="button"
              aria-pressed={view.date === k.date}
              className={view.date === k.date ? 'on' : ''}
              onClick={() => set({ date: k.date })}
            >
              {k.label}
            </button>
          ))}
        </div>
        {ledger.error ? <ErrorBox error={ledger.error} /> : null}
        {!l && !ledger.error ? <Loading what="the ledger" /> : null}
        {l ? (
          <div className="grid2">
            <HStackRows
              id="chart-stacks-on-date"
              unit="percent ad valorem (additional duties)"
              title={`Tariff stacks on ${fmtDate(view.date)}`}
              subtitle="Additional duties by legal authority on tracked products (most common stack of the product's tariff lines; MFN not included)"
              rows={l.stacks.map((s) => ({
                key: s.product,
                label: `${s.label}`,
                sub: `${s.importer} on ${s.exporter}, HS ${s.product}${s.min_total_pct !== s.max_total_pct ? `, lines range ${s.min_total_pct}-${s.max_total_pct}%` : ''}`,
                total: s.total_pct,
                layers: s.layers.map((x) => ({
                  name: x.authority,
                  value: x.rate_pct,
                  detail: `${x.measure_id}, since ${x.since}${x.suspended_pct ? `, ${x.suspended_pct} points suspended` : ''}`,
                })),
              }))}
              data={{ date: view.date }}
              note="Hover a segment for the measure and the date its rate took effect. Change the date above to move through 2025."
            />
            <AgreementCards ledger={l} />
          </div>
        ) : null}
      </Section>

      <Section
        title="Timeline of measures and agreements"
        intro="Status of each measure and agreement through 2025, approvals of the London framework and the truce clocks. The red line is the selected date."
      >
        <fieldset className="filters">
          <legend>Show</legend>
          {KINDS.map((k) => (
            <label key={k.id}>
              <input
                type="checkbox"
                checked={kinds.has(k.id)}
                onChange={(e) => {
                  const n = new Set(kinds);
                  if (e.target.checked) n.add(k.id);
                  else n.delete(k.id);
                  setKinds(n);
                }}
              />{' '}
              {k.label}
            </label>
          ))}
        </fieldset>
        {tl.error ? <ErrorBox error={tl.error} /> : null}
        {!tl.data && !tl.error ? <Loading what="the timeline" /> : null}
        {tl.data ? (
          <Gantt
            id="chart-timeline"
            unit="dates (YYYY-MM-DD); no quantities"
            title="Measures and agreements, 2025"
            rows={rows}
            from="2025-01-01"
            to="2025-12-31"
            marker={view.date}
            onPick={(d) => set({ date: d })}
            subtitle="Click the chart to move the date"
          />
        ) : null}
        {tl.data ? (
          <Events events={tl.data.events} date={view.date} onPick={(d) => set({ date: d })} />
        ) : null}
      </Section>

      <Section
        title="Claims vs computed"
        intro="Public statements with a number in them, checked against the ledger and 2024 trade flows on the day they were made."
      >
        {claims.error ? <ErrorBox error={claims.error} /> : null}
        {!claims.data && !claims.error ? <Loading what="the claims check" /> : null}
        {claims.data ? <ClaimsChart claims={claims.data.claims} /> : null}
      </Section>
    </div>
  );
}

function AgreementCards({ ledger }: { ledger: Ledger }) {
  return (
    <div className="cards" data-testid="agreements">
      <h3>Agreements on {fmtDate(ledger.date)}</h3>
      {ledger.agreements.length === 0 ? <p>No agreement in force or under negotiation.</p> : null}
      {ledger.agreements.map((a) => (
        <div className="card" key={a.id} data-agreement={a.id} data-status={a.status ?? ''}>
          <div className="card-title">{a.title}</div>
          <div>
            Status: <span className={`chip state-${a.status}`}>{a.status?.replace(/_/g, ' ')}</span> since{' '}
            {a.since}
          </div>
          {a.approvals.length ? (
            <ul>
              {a.approvals.map((ap) => (
                <li key={ap.by}>
                  {ap.role}:{' '}
                  <span className={`chip state-${ap.status ?? 'none'}`}>{ap.status ?? 'not yet'}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {a.clocks.map((c) => (
            <div key={c.id} className="clock-line" data-clock={c.id} data-days-left={c.days_left ?? ''}>
              {c.title}:{' '}
              {c.running ? (
                <strong>{c.days_left} days left</strong>
              ) : c.days_left === null ? (
                `starts ${c.start}`
              ) : (
                `ended ${c.end}`
              )}{' '}
              (to {c.end})
              {c.running ? (
                <progress
                  max={(Date.parse(c.end) - Date.parse(c.start)) / 864e5}
                  value={c.days_left ?? 0}
                  aria-label={`${c.title}: days left`}
                />
              ) : null}
            </div>
          ))}
        </div>
      ))}
      {ledger.export_controls.length ? (
        <>
          <h3>Export controls in force</h3>
          <ul className="compact">
            {ledger.export_controls.slice(0, 8).map((c) => (
              <li key={c.measure_id}>
                {c.title}
                {c.flow_share !== undefined
                  ? ` - ${Math.round(c.flow_share * 100)}% of normal exports get through`
                  : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function Events({
  events,
  date,
  onPick,
}: {
  events: Timeline['events'];
  date: string;
  onPick: (d: string) => void;
}) {
  const near = events.filter((e) => Math.abs(Date.parse(e.date) - Date.parse(date)) <= 21 * 864e5);
  return (
    <details className="events" open>
      <summary>
        Events within three weeks of {fmtDate(date)} ({near.length})
      </summary>
      <ul>
        {near.map((e, i) => (
          <li key={i}>
            <button type="button" className="link" onClick={() => onPick(e.date)}>
              {e.date}
            </button>{' '}
            <span className="kind">{e.kind}</span> {e.event}{' '}
            {e.sources[0] ? (
              <a href={e.sources[0]} target="_blank" rel="noreferrer noopener">
                source
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

const VERDICT_COLORS: Record<string, string> = {
  matches: '#38a169',
  close: '#68d391',
  overstates: '#e53e3e',
  understates: '#dd6b20',
  top_stack_not_average: '#d69e2e',
  premature: '#e53e3e',
  not_checkable: '#a0aec0',
};

function ClaimsChart({ claims }: { claims: ClaimCheck[] }) {
  const rowH = 46;
  const m = { l: 300, r: 185, t: 30, b: 28 };
  const H = m.t + m.b + rowH * claims.length;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const max = niceMax(
    Math.max(
      10,
      ...claims.flatMap((c) => [
        num(c.claimed) ?? 0,
        num(c.found.highest_total_pct) ?? 0,
        num(c.found.average_pct) ?? 0,
      ]),
    ),
  );
  const x = linear(0, max, m.l, W - m.r);
  const csv = () =>
    toCsv(
      [
        'id',
        'date',
        'by',
        'quote',
        'claimed',
        'trade_weighted_average_pct',
        'most_common_by_value_total_pct',
        'most_common_by_value_share',
        'most_common_by_lines_total_pct',
        'most_common_by_lines_share',
        'highest_total_pct',
        'trade_at_claimed_share',
        'verdict',
        'explanation',
      ],
      claims.map((c) => [
        c.id,
        c.date,
        c.by,
        c.quote,
        typeof c.claimed === 'number' || typeof c.claimed === 'string' ? c.claimed : null,
        num(c.found.average_pct),
        num(c.found.most_common_by_value_total_pct),
        num(c.found.most_common_by_value_share),
        num(c.found.most_common_by_lines_total_pct),
        num(c.found.most_common_by_lines_share),
        num(c.found.highest_total_pct),
        num(c.found.share_at_claimed),
        c.verdict,
        c.explanation,
      ]),
    );
  return (
    <ChartFrame
      id="chart-claims"
      unit="percent ad valorem; shares of base-year trade as fractions"
      title="What was claimed, and what the ledger says"
      subtitle="Diamond: the claimed number. Circle: trade-weighted average stack on that date. Bar: range of line stacks (most common to highest)."
      width={W}
      height={H}
      csv={csv}
      data={{ claims: claims.length }}
      note={
        <details>
          <summary>Explanations</summary>
          <ul>
            {claims.map((c) => (
              <li key={c.id}>
                <strong>{c.by}</strong> ({c.date}), "{c.quote}": {c.explanation}
              </li>
            ))}
          </ul>
        </details>
      }
    >
      <ValueAxis horizontal scale={x} max={max} from={m.t} to={H - m.b} fmt={(v) => `${v}%`} />
      {claims.map((c, i) => {
        const y = m.t + i * rowH + rowH / 2;
        const claimed = num(c.claimed);
        const avg = num(c.found.average_pct);
        const lo = num(c.found.most_common_by_value_total_pct);
        const hi = num(c.found.highest_total_pct);
        return (
          <g
            key={c.id}
            className="claim"
            data-claim={c.id}
            data-verdict={c.verdict}
            data-claimed={claimed ?? String(c.claimed)}
            data-computed={avg ?? ''}
          >
            <text x={m.l - 8} y={y - 4} textAnchor="end" className="label">
              {`${c.by}, ${c.date}`}
            </text>
            {c.importer && c.exporter ? (
              <text
                x={m.l - 8}
                y={y + 21}
                textAnchor="end"
                className="small direction"
                data-direction={`${c.importer}-${c.exporter}`}
              >
                {`${c.importer} tariffs on goods from ${c.exporter}${c.checked_on !== c.date ? `, as of ${c.checked_on}` : ''}`}
              </text>
            ) : null}
            <text x={m.l - 8} y={y + 9} textAnchor="end" className="small">
              {`"${c.quote.length > 44 ? c.quote.slice(0, 42) + '...' : c.quote}"`}
            </text>
            {lo !== null && hi !== null ? (
              <rect
                x={x(Math.min(lo, hi))}
                y={y - 3}
                width={Math.max(1, x(Math.max(lo, hi)) - x(Math.min(lo, hi)))}
                height={6}
                fill="#cbd5e0"
              />
            ) : null}
            {avg !== null ? (
              <>
                <circle cx={x(avg)} cy={y} r={6} fill="#2b6cb0">
                  <title>{`trade-weighted average: ${pct(avg)}`}</title>
                </circle>
                <text
                  x={x(avg)}
                  y={y + 18}
                  textAnchor="middle"
                  className="small value-label"
                  data-value="average"
                >
                  {`avg ${pct(avg)}`}
                </text>
              </>
            ) : null}
            {claimed !== null ? (
              <>
                <path d={`M${x(claimed)},${y - 8}l8,8l-8,8l-8,-8z`} fill="#e53e3e">
                  <title>{`claimed: ${claimed}%`}</title>
                </path>
                <text
                  x={x(claimed)}
                  y={y - 11}
                  textAnchor="middle"
                  className="small value-label"
                  data-value="claimed"
                >
                  {`${claimed}%`}
                </text>
              </>
            ) : (
              <text x={m.l + 4} y={y + 4} className="label">
                {`claimed "${String(c.claimed)}"; found "${String(c.found.status ?? '').replace(/_/g, ' ')}"`}
              </text>
            )}
            <g transform={`translate(${W - m.r + 10},${y - 9})`}>
              <rect width={170} height={18} rx={9} fill={VERDICT_COLORS[c.verdict] ?? '#a0aec0'} />
              <text x={85} y={13} textAnchor="middle" style={{ fill: '#fff', fontWeight: 600 }}>
                {c.verdict.replace(/_/g, ' ')}
              </text>
            </g>
          </g>
        );
      })}
    </ChartFrame>
  );
}
