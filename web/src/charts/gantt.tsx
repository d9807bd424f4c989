// Measures and agreements as dated intervals coloured by state, with truce clocks and approvals.
import { TimeAxis } from './axes.tsx';
import { chartText, ChartFrame, type ChartText } from './frame.tsx';
import { Legend } from './legend.tsx';
import {
  CHART_WIDTH as W,
  dayNum,
  fmtDate,
  IN_FORCE_STATES,
  linear,
  shortenDistinct,
  stateColor,
  toCsv,
} from './util.ts';

export interface GanttRow {
  key: string;
  label: string;
  group: string;
  intervals: { from: string; to: string | null; state: string }[];
  clocks?: { title: string; start: string; end: string }[];
  approvals?: { role: string; states: { from: string; to: string | null; state: string }[] }[];
  kind: string;
}

/** Measures and agreements as dated intervals coloured by state, with clocks and approvals. */
export function Gantt(
  p: ChartText & {
    rows: GanttRow[];
    from: string;
    to: string;
    marker: string;
    onPick?: (d: string) => void;
  },
) {
  const rowH = 15;
  const m = { l: 300, r: 12, t: 28, b: 30 };
  const lines: { row: GanttRow; sub?: { role: string; states: GanttRow['intervals'] } }[] = [];
  for (const r of p.rows) {
    lines.push({ row: r });
    for (const a of r.approvals ?? []) lines.push({ row: r, sub: { role: a.role, states: a.states } });
  }
  const H = m.t + m.b + rowH * lines.length + 8;
  const x = linear(dayNum(p.from), dayNum(p.to), m.l, W - m.r);
  const xd = (d: string | null) => x(Math.min(Math.max(dayNum(d ?? p.to), dayNum(p.from)), dayNum(p.to)));
  const states = [
    ...new Set(
      p.rows.flatMap((r) => [
        ...r.intervals.map((i) => i.state),
        ...(r.approvals ?? []).flatMap((a) => a.states.map((s) => s.state)),
      ]),
    ),
  ];
  const csv = () =>
    toCsv(
      ['id', 'kind', 'row', 'from', 'to', 'state'],
      lines.flatMap((l) =>
        l.sub
          ? l.sub.states.map((s) => [l.row.key, 'approval', l.sub!.role, s.from, s.to, s.state])
          : [
              ...l.row.intervals.map((s) => [l.row.key, l.row.kind, l.row.label, s.from, s.to, s.state]),
              ...(l.row.clocks ?? []).map((c) => [l.row.key, 'clock', c.title, c.start, c.end, 'clock']),
            ],
      ),
    );
  let lastGroup = '';
  const shortLabel = shortenDistinct(
    p.rows.map((r) => r.label),
    44,
  );
  return (
    <ChartFrame {...chartText(p)} width={W} height={H} csv={csv} data={{ rows: p.rows.length }}>
      <TimeAxis from={p.from} to={p.to} x={(d) => x(dayNum(d))} y={H - m.b} />
      {/* a click anywhere right of the labels (on a bar, a row or the gaps) moves the date there */}
      <g
        className={p.onPick ? 'pickable' : undefined}
        style={p.onPick ? { cursor: 'crosshair' } : undefined}
        onClick={
          p.onPick
            ? (e) => {
                const svg = (e.currentTarget as SVGGElement).ownerSVGElement!;
                const pt = svg.createSVGPoint();
                pt.x = e.clientX;
                pt.y = e.clientY;
                const local = pt.matrixTransform(svg.getScreenCTM()!.inverse());
                if (local.x < m.l) return;
                const d0 = dayNum(p.from);
                const d1 = dayNum(p.to);
                const day = Math.round(d0 + ((local.x - m.l) / (W - m.r - m.l)) * (d1 - d0));
                p.onPick!(new Date(Math.min(Math.max(day, d0), d1) * 86_400_000).toISOString().slice(0, 10));
              }
            : undefined
        }
      >
        {p.onPick ? (
          <rect
            className="pick"
            x={m.l}
            y={m.t}
            width={W - m.r - m.l}
            height={H - m.b - m.t}
            fill="transparent"
          >
            <title>Click to move the date here</title>
          </rect>
        ) : null}
        {lines.map((l, i) => {
          const yy = m.t + i * rowH;
          const header = !l.sub && l.row.group !== lastGroup;
          if (!l.sub) lastGroup = l.row.group;
          return (
            <g
              key={`${l.row.key}-${l.sub?.role ?? ''}-${i}`}
              className={l.sub ? 'approval' : 'measure'}
              data-id={l.row.key}
              data-kind={l.sub ? 'approval' : l.row.kind}
            >
              {header ? <line x1={4} x2={W - m.r} y1={yy} y2={yy} stroke="#e2e8f0" /> : null}
              <text x={m.l - 6} y={yy + 11} textAnchor="end" className={l.sub ? 'small' : 'label'}>
                {l.sub ? `approval: ${l.sub.role}` : shortLabel.get(l.row.label)}
                <title>{l.row.label}</title>
              </text>
              {(l.sub ? l.sub.states : l.row.intervals).map((s, k) =>
                (s.to ?? p.to) < p.from || s.from > p.to ? null : (
                  <rect
                    key={k}
                    data-state={s.state}
                    data-from={s.from}
                    x={xd(s.from)}
                    width={Math.max(1.5, xd(s.to) - xd(s.from))}
                    y={yy + 2}
                    height={rowH - 4}
                    fill={stateColor(s.state)}
                    data-in-force={IN_FORCE_STATES.has(s.state) ? 'yes' : 'no'}
                    rx={2}
                  >
                    <title>{`${l.row.label}${l.sub ? ` (${l.sub.role})` : ''}: ${s.state.replace(/_/g, ' ')} from ${fmtDate(s.from)}${s.to ? ` to ${fmtDate(s.to)}` : ''}`}</title>
                  </rect>
                ),
              )}
              {!l.sub
                ? (l.row.clocks ?? []).map((c, k) => (
                    <g key={`c${k}`} className="clock" data-start={c.start} data-end={c.end}>
                      <line
                        x1={xd(c.start)}
                        x2={xd(c.end)}
                        y1={yy + rowH - 2}
                        y2={yy + rowH - 2}
                        stroke="#6b46c1"
                        strokeWidth={3}
                      />
                      <circle cx={xd(c.end)} cy={yy + rowH - 2} r={3} fill="#6b46c1">
                        <title>{`${c.title}: clock runs out ${fmtDate(c.end)}`}</title>
                      </circle>
                    </g>
                  ))
                : null}
            </g>
          );
        })}
      </g>
      <line
        x1={xd(p.marker)}
        x2={xd(p.marker)}
        y1={m.t - 4}
        y2={H - m.b}
        stroke="#e53e3e"
        strokeWidth={1.5}
        data-testid={`${p.id}-marker`}
      />
      <text x={xd(p.marker) + 3} y={m.t - 6} className="small">
        {fmtDate(p.marker)}
      </text>
      <Legend
        items={[
          ...states.map((s) => ({ name: s.replace(/_/g, ' '), color: stateColor(s) })),
          { name: 'truce clock', color: '#6b46c1' },
        ]}
        x={4}
        y={4}
      />
    </ChartFrame>
  );
}
