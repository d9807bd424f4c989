// Hand-written SVG charts. Marks carry data attributes (data-date, data-total, ...) so tests and
// users' scripts can read what is drawn.
import { Fragment, type ReactNode } from 'react';
import { ChartFrame } from './frame.tsx';
import {
  colorOf,
  dayNum,
  fmtDate,
  linear,
  monthLabel,
  monthTicks,
  niceMax,
  pct,
  shortenDistinct,
  stateColor,
  IN_FORCE_STATES,
  ticks,
  toCsv,
} from './util.ts';

const W = 860;

function Legend({
  items,
  x,
  y,
}: {
  items: { name: string; color: string; dash?: boolean }[];
  x: number;
  y: number;
}) {
  let cx = x;
  let cy = 0;
  return (
    <g className="legend" transform={`translate(0,${y})`}>
      {items.map((it) => {
        const w = 26 + it.name.length * 6.2;
        if (cx + w > W - 4 && cx > x) {
          cx = x;
          cy += 14;
        }
        const el = (
          <g key={it.name} transform={`translate(${cx},${cy})`}>
            {it.dash ? (
              <line x1={0} x2={14} y1={5} y2={5} stroke={it.color} strokeWidth={2} strokeDasharray="4 2" />
            ) : (
              <rect width={12} height={10} fill={it.color} rx={2} />
            )}
            <text x={17} y={9}>
              {it.name}
            </text>
          </g>
        );
        cx += w;
        return el;
      })}
    </g>
  );
}

function YAxis({
  y,
  max,
  x0,
  x1,
  fmt,
}: {
  y: (v: number) => number;
  max: number;
  x0: number;
  x1: number;
  fmt: (v: number) => string;
}) {
  return (
    <g className="axis">
      {ticks(max).map((t) => (
        <g key={t} className="grid">
          <line x1={x0} x2={x1} y1={y(t)} y2={y(t)} />
          <text x={x0 - 6} y={y(t) + 3} textAnchor="end">
            {fmt(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

function TimeAxis({ from, to, x, y }: { from: string; to: string; x: (d: string) => number; y: number }) {
  return (
    <g className="axis">
      <line x1={x(from)} x2={x(to)} y1={y} y2={y} />
      {monthTicks(from, to).map((d) => (
        <g key={d}>
          <line x1={x(d)} x2={x(d)} y1={y} y2={y + 4} />
          <text x={x(d) + 2} y={y + 14}>
            {monthLabel(d)}
          </text>
        </g>
      ))}
    </g>
  );
}

// ---------------------------------------------------------------------------------------------

export interface StackPoint {
  date: string;
  layers: Record<string, number>;
  total: number;
  extra?: Record<string, string | number>;
}

/** Stacked bars over time (weekly), one segment per authority; an optional comparison step line. */
export function TimeStackedBars(p: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  points: StackPoint[];
  authorities: string[];
  compare?: { label: string; points: { date: string; total: number }[] };
  marker?: string;
  note?: ReactNode;
  yLabel?: string;
  height?: number;
  data?: Record<string, string | number>;
}) {
  const H = p.height ?? 300;
  const m = { l: 48, r: 12, t: 30, b: 34 };
  const n = p.points.length;
  const from = p.points[0]?.date ?? '2025-01-01';
  const last = p.points[n - 1]?.date ?? from;
  const to = new Date((dayNum(last) + 7) * 86_400_000).toISOString().slice(0, 10);
  const max = niceMax(
    Math.max(1, ...p.points.map((x) => x.total), ...(p.compare?.points.map((x) => x.total) ?? [])),
  );
  const x = linear(dayNum(from), dayNum(to), m.l, W - m.r);
  const xd = (d: string) => x(dayNum(d));
  const y = linear(0, max, H - m.b, m.t);
  const bw = Math.max(2, (W - m.l - m.r) / Math.max(n, 1) - 2);
  const used = p.authorities.filter((a) => p.points.some((pt) => pt.layers[a]));
  const csv = () =>
    toCsv(
      ['date', ...p.authorities, 'total_pct', ...(p.compare ? [`${p.compare.label}_total_pct`] : [])],
      p.points.map((pt, i) => [
        pt.date,
        ...p.authorities.map((a) => pt.layers[a] ?? 0),
        pt.total,
        ...(p.compare ? [p.compare.points[i]?.total ?? null] : []),
      ]),
    );
  return (
    <ChartFrame
      id={p.id}
      title={p.title}
      subtitle={p.subtitle}
      width={W}
      height={H}
      csv={csv}
      note={p.note}
      data={{ points: n, ...(p.data ?? {}) }}
      desc={`${p.title}: stacked bars of ${p.yLabel ?? 'percent'} by week`}
    >
      <YAxis y={y} max={max} x0={m.l} x1={W - m.r} fmt={(v) => `${v}%`} />
      <TimeAxis from={from} to={to} x={xd} y={H - m.b} />
      {p.points.map((pt) => {
        let acc = 0;
        return (
          <g
            key={pt.date}
            className="bar"
            data-date={pt.date}
            data-total={pt.total}
            {...Object.fromEntries(Object.entries(pt.extra ?? {}).map(([k, v]) => [`data-${k}`, v]))}
          >
            <title>{`${fmtDate(pt.date)}: ${pct(pt.total)}${Object.entries(pt.layers)
              .map(([a, v]) => `\n${a}: ${pct(v)}`)
              .join('')}`}</title>
            {p.authorities.map((a) => {
              const v = pt.layers[a] ?? 0;
              if (!v) return null;
              const y0 = y(acc);
              acc += v;
              return (
                <rect
                  key={a}
                  data-authority={a}
                  data-value={v}
                  x={xd(pt.date) + 1}
                  width={bw}
                  y={y(acc)}
                  height={Math.max(0, y0 - y(acc))}
                  fill={colorOf(a)}
                />
              );
            })}
          </g>
        );
      })}
      {p.compare ? (
        <path
          data-testid={`${p.id}-compare`}
          d={p.compare.points
            .map((pt, i) => `${i ? 'L' : 'M'}${xd(pt.date)},${y(pt.total)}H${xd(pt.date) + bw + 2}`)
            .join('')}
          fill="none"
          stroke="#1a202c"
          strokeWidth={1.5}
          strokeDasharray="4 3"
        />
      ) : null}
      {p.marker && p.marker >= from && p.marker <= to ? (
        <line
          x1={xd(p.marker)}
          x2={xd(p.marker)}
          y1={m.t - 6}
          y2={H - m.b}
          stroke="#1a202c"
          strokeWidth={1}
        />
      ) : null}
      <Legend
        items={[
          ...used.map((a) => ({ name: a, color: colorOf(a) })),
          ...(p.compare ? [{ name: p.compare.label, color: '#1a202c', dash: true }] : []),
        ]}
        x={m.l}
        y={6}
      />
    </ChartFrame>
  );
}

// ---------------------------------------------------------------------------------------------

export interface StackRow {
  key: string;
  label: string;
  layers: { name: string; value: number; detail?: string }[];
  total: number;
  sub?: string;
}

/** One horizontal stacked bar per row (e.g. a product's stack on a date). */
export function HStackRows(p: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  rows: StackRow[];
  note?: ReactNode;
  data?: Record<string, string | number>;
  rowKeyAttr?: string;
}) {
  const rowH = 30;
  const m = { l: 250, r: 70, t: 30, b: 24 };
  const H = m.t + m.b + rowH * p.rows.length;
  const max = niceMax(Math.max(1, ...p.rows.map((r) => r.total)));
  const x = linear(0, max, m.l, W - m.r);
  const names = [...new Set(p.rows.flatMap((r) => r.layers.map((l) => l.name)))];
  const csv = () =>
    toCsv(
      ['row', 'label', ...names, 'total_pct'],
      p.rows.map((r) => [
        r.key,
        r.label,
        ...names.map((n) => r.layers.find((l) => l.name === n)?.value ?? 0),
        r.total,
      ]),
    );
  return (
    <ChartFrame
      id={p.id}
      title={p.title}
      subtitle={p.subtitle}
      width={W}
      height={H}
      csv={csv}
      note={p.note}
      data={p.data}
    >
      <g className="axis">
        {ticks(max).map((t) => (
          <g key={t} className="grid">
            <line x1={x(t)} x2={x(t)} y1={m.t} y2={H - m.b} />
            <text x={x(t)} y={H - m.b + 13} textAnchor="middle">
              {t}%
            </text>
          </g>
        ))}
      </g>
      {p.rows.map((r, i) => {
        let acc = 0;
        const yy = m.t + i * rowH + 5;
        return (
          <g
            key={r.key}
            className="row"
            data-row={r.key}
            {...{ [`data-${p.rowKeyAttr ?? 'product'}`]: r.key }}
            data-total={r.total}
          >
            <text x={m.l - 8} y={yy + 11} textAnchor="end" className="label">
              {r.label}
            </text>
            {r.sub ? (
              <text x={m.l - 8} y={yy + 21} textAnchor="end" className="small">
                {r.sub}
              </text>
            ) : null}
            {r.layers.map((l) => {
              const x0 = x(acc);
              acc += l.value;
              return (
                <rect
                  key={l.name}
                  data-authority={l.name}
                  data-value={l.value}
                  x={x0}
                  y={yy}
                  width={Math.max(0, x(acc) - x0)}
                  height={rowH - 10}
                  fill={colorOf(l.name)}
                >
                  <title>{`${l.name}: ${pct(l.value)}${l.detail ? ` (${l.detail})` : ''}`}</title>
                </rect>
              );
            })}
            <text x={x(acc) + 6} y={yy + 14} className="title">
              {pct(r.total)}
            </text>
          </g>
        );
      })}
      <Legend items={names.map((n) => ({ name: n, color: colorOf(n) }))} x={m.l} y={6} />
    </ChartFrame>
  );
}

// ---------------------------------------------------------------------------------------------

export interface Series {
  name: string;
  color?: string;
  points: { date: string; value: number }[];
  dash?: boolean;
  /** Bands drawn under the line: [lo, hi] per point, outer first. */
  bands?: { lo: number[]; hi: number[]; opacity: number }[];
  area?: boolean;
}

/** Lines over time, with optional bands (fan charts: 5-95 and 25-75 around a median). */
export function LineChart(p: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  series: Series[];
  yFmt?: (v: number) => string;
  yMax?: number;
  note?: ReactNode;
  height?: number;
  marker?: string;
  step?: boolean;
  data?: Record<string, string | number>;
  /** Space above the plot, px (room for a legend of several rows; 30 by default). */
  top?: number;
}) {
  const H = p.height ?? 260;
  const m = { l: 52, r: 16, t: p.top ?? 30, b: 34 };
  const all = p.series.flatMap((s) => s.points.map((x) => x.date));
  const from = all.reduce((a, b) => (a < b ? a : b), all[0] ?? '2025-01-01');
  const to = all.reduce((a, b) => (a > b ? a : b), all[0] ?? '2025-12-31');
  const max =
    p.yMax ??
    niceMax(
      Math.max(
        1e-9,
        ...p.series.flatMap((s) => [
          ...s.points.map((x) => x.value),
          ...(s.bands?.flatMap((b) => b.hi) ?? []),
        ]),
      ),
    );
  const x = linear(dayNum(from), dayNum(to), m.l, W - m.r);
  const xd = (d: string) => x(dayNum(d));
  const y = linear(0, max, H - m.b, m.t);
  const fmt = p.yFmt ?? ((v: number) => String(v));
  const path = (pts: { date: string; value: number }[]) =>
    pts
      .map((pt, i) =>
        p.step && i ? `H${xd(pt.date)}V${y(pt.value)}` : `${i ? 'L' : 'M'}${xd(pt.date)},${y(pt.value)}`,
      )
      .join('');
  const csv = () => {
    const dates = [...new Set(all)].sort();
    const cols: string[] = [];
    for (const s of p.series) {
      cols.push(s.name);
      s.bands?.forEach((_b, k) => cols.push(`${s.name}_band${k}_lo`, `${s.name}_band${k}_hi`));
    }
    return toCsv(
      ['date', ...cols],
      dates.map((d) => [
        d,
        ...p.series.flatMap((s) => {
          const i = s.points.findIndex((pt) => pt.date === d);
          return [
            i < 0 ? null : s.points[i].value,
            ...(s.bands ?? []).flatMap((b) => [i < 0 ? null : b.lo[i], i < 0 ? null : b.hi[i]]),
          ];
        }),
      ]),
    );
  };
  return (
    <ChartFrame
      id={p.id}
      title={p.title}
      subtitle={p.subtitle}
      width={W}
      height={H}
      csv={csv}
      note={p.note}
      data={p.data}
    >
      <YAxis y={y} max={max} x0={m.l} x1={W - m.r} fmt={fmt} />
      <TimeAxis from={from} to={to} x={xd} y={H - m.b} />
      {p.series.map((s) => (
        <g
          key={s.name}
          className="series"
          data-series={s.name}
          data-last={s.points[s.points.length - 1]?.value ?? ''}
        >
          {s.bands?.map((b, k) => (
            <path
              key={k}
              className="band"
              d={
                s.points.map((pt, i) => `${i ? 'L' : 'M'}${xd(pt.date)},${y(b.hi[i])}`).join('') +
                [...s.points]
                  .reverse()
                  .map((pt, j) => `L${xd(pt.date)},${y(b.lo[s.points.length - 1 - j])}`)
                  .join('') +
                'Z'
              }
              fill={s.color ?? colorOf(s.name)}
              opacity={b.opacity}
            />
          ))}
          {s.area ? (
            <path
              d={
                path(s.points) +
                `L${xd(s.points[s.points.length - 1]?.date ?? from)},${y(0)}L${xd(s.points[0]?.date ?? from)},${y(0)}Z`
              }
              fill={s.color ?? colorOf(s.name)}
              opacity={0.15}
            />
          ) : null}
          <path
            d={path(s.points)}
            fill="none"
            stroke={s.color ?? colorOf(s.name)}
            strokeWidth={2}
            strokeDasharray={s.dash ? '5 3' : undefined}
          />
          {s.points.length <= 60
            ? s.points.map((pt) => (
                <circle
                  key={pt.date}
                  cx={xd(pt.date)}
                  cy={y(pt.value)}
                  r={2}
                  fill={s.color ?? colorOf(s.name)}
                  data-date={pt.date}
                  data-value={pt.value}
                >
                  <title>{`${s.name}, ${fmtDate(pt.date)}: ${fmt(pt.value)}`}</title>
                </circle>
              ))
            : null}
        </g>
      ))}
      {p.marker && p.marker >= from && p.marker <= to ? (
        <line x1={xd(p.marker)} x2={xd(p.marker)} y1={m.t - 6} y2={H - m.b} stroke="#1a202c" />
      ) : null}
      <Legend
        items={p.series.map((s) => ({ name: s.name, color: s.color ?? colorOf(s.name), dash: s.dash }))}
        x={m.l}
        y={6}
      />
    </ChartFrame>
  );
}

// ---------------------------------------------------------------------------------------------

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
export function Gantt(p: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  rows: GanttRow[];
  from: string;
  to: string;
  marker: string;
  note?: ReactNode;
  onPick?: (d: string) => void;
}) {
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
    <ChartFrame
      id={p.id}
      title={p.title}
      subtitle={p.subtitle}
      width={W}
      height={H}
      csv={csv}
      note={p.note}
      data={{ rows: p.rows.length }}
    >
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

// ---------------------------------------------------------------------------------------------

/** Horizontal bars with labels (rankings: industries, countries, strategies). */
export function HBars(p: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  rows: { key: string; label: string; value: number; color?: string; detail?: string }[];
  fmt: (v: number) => string;
  note?: ReactNode;
  csvHeader?: string;
}) {
  const rowH = 22;
  const m = { l: 250, r: 90, t: 12, b: 10 };
  const H = m.t + m.b + rowH * p.rows.length;
  const max = niceMax(Math.max(1e-12, ...p.rows.map((r) => Math.abs(r.value))));
  const x = linear(0, max, m.l, W - m.r);
  const csv = () =>
    toCsv(
      ['key', 'label', p.csvHeader ?? 'value'],
      p.rows.map((r) => [r.key, r.label, r.value]),
    );
  return (
    <ChartFrame id={p.id} title={p.title} subtitle={p.subtitle} width={W} height={H} csv={csv} note={p.note}>
      {p.rows.map((r, i) => (
        <g key={r.key} className="row" data-key={r.key} data-value={r.value}>
          <text x={m.l - 8} y={m.t + i * rowH + 14} textAnchor="end" className="label">
            {r.label.length > 40 ? r.label.slice(0, 38) + '...' : r.label}
          </text>
          <rect
            x={m.l}
            y={m.t + i * rowH + 3}
            width={Math.max(1, x(Math.abs(r.value)) - m.l)}
            height={rowH - 7}
            fill={r.color ?? '#2b6cb0'}
          >
            <title>{`${r.label}: ${p.fmt(r.value)}${r.detail ? `\n${r.detail}` : ''}`}</title>
          </rect>
          <text x={x(Math.abs(r.value)) + 6} y={m.t + i * rowH + 14}>
            {p.fmt(r.value)}
          </text>
        </g>
      ))}
    </ChartFrame>
  );
}

// ---------------------------------------------------------------------------------------------

/** A flow diagram: nodes in stages (columns), links as SVG ribbons, widths proportional to value. */
export function Sankey(p: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  nodes: { id: string; label: string; stage: number }[];
  links: { source: string; target: string; value: number }[];
  stageTitles: string[];
  note?: ReactNode;
}) {
  const H = 420;
  const m = { l: 10, r: 10, t: 34, b: 10 };
  const stages = Math.max(...p.nodes.map((n) => n.stage)) + 1;
  const colW = 14;
  const gap = 8;
  const sx = (s: number) => 200 + (s * (W - 200 - 120 - colW)) / Math.max(stages - 1, 1);
  const maxLabel = (s: number) => (s === 0 ? 30 : s === stages - 1 ? 18 : 22);
  const inV = new Map<string, number>();
  const outV = new Map<string, number>();
  for (const l of p.links) {
    outV.set(l.source, (outV.get(l.source) ?? 0) + l.value);
    inV.set(l.target, (inV.get(l.target) ?? 0) + l.value);
  }
  const val = (id: string) => Math.max(inV.get(id) ?? 0, outV.get(id) ?? 0);
  const pos = new Map<string, { x: number; y: number; h: number; inY: number; outY: number }>();
  let scale = Infinity;
  for (let s = 0; s < stages; s++) {
    const ns = p.nodes.filter((n) => n.stage === s);
    const tot = ns.reduce((a, n) => a + val(n.id), 0);
    if (tot > 0) scale = Math.min(scale, (H - m.t - m.b - gap * (ns.length - 1)) / tot);
  }
  if (!Number.isFinite(scale)) scale = 1;
  for (let s = 0; s < stages; s++) {
    let y = m.t;
    for (const n of p.nodes.filter((nn) => nn.stage === s)) {
      const h = Math.max(1, val(n.id) * scale);
      pos.set(n.id, { x: sx(s), y, h, inY: y, outY: y });
      y += h + gap;
    }
  }
  const csv = () =>
    toCsv(
      ['source', 'target', 'value'],
      p.links.map((l) => [l.source, l.target, l.value]),
    );
  const total0 = p.nodes.filter((n) => n.stage === 0).reduce((a, n) => a + val(n.id), 0);
  return (
    <ChartFrame
      id={p.id}
      title={p.title}
      subtitle={p.subtitle}
      width={W}
      height={H}
      csv={csv}
      note={p.note}
      data={{ nodes: p.nodes.length, links: p.links.length }}
    >
      {p.stageTitles.map((t, s) => (
        <text key={t} x={sx(s) + colW / 2} y={16} textAnchor="middle" className="title">
          {t}
        </text>
      ))}
      {p.links.map((l, i) => {
        const a = pos.get(l.source);
        const b = pos.get(l.target);
        if (!a || !b) return null;
        const h = Math.max(0.5, l.value * scale);
        const y0 = a.outY + h / 2;
        const y1 = b.inY + h / 2;
        a.outY += h;
        b.inY += h;
        const x0 = a.x + colW;
        const x1 = b.x;
        const c = (x0 + x1) / 2;
        const src = p.nodes.find((n) => n.id === l.source)!;
        return (
          <path
            key={i}
            className="link"
            data-source={l.source}
            data-target={l.target}
            data-value={l.value}
            d={`M${x0},${y0}C${c},${y0} ${c},${y1} ${x1},${y1}`}
            fill="none"
            stroke={colorOf(src.stage <= 1 ? src.label : l.source)}
            strokeOpacity={0.35}
            strokeWidth={h}
          >
            <title>{`${src.label} -> ${p.nodes.find((n) => n.id === l.target)?.label}: ${total0 > 0 ? pct((100 * l.value) / total0) : ''} of the flow`}</title>
          </path>
        );
      })}
      {p.nodes.map((n) => {
        const q = pos.get(n.id)!;
        return (
          <g key={n.id} className="node" data-node={n.id} data-value={val(n.id)}>
            <rect x={q.x} y={q.y} width={colW} height={q.h} fill="#2d3748" />
            <text
              x={n.stage === 0 ? q.x - 5 : q.x + colW + 4}
              y={q.y + Math.min(q.h / 2, 40) + 3}
              textAnchor={n.stage === 0 ? 'end' : 'start'}
              className="label"
              stroke="#fff"
              strokeWidth={3}
              paintOrder="stroke"
              strokeLinejoin="round"
            >
              {n.label.length > maxLabel(n.stage) ? n.label.slice(0, maxLabel(n.stage) - 1) + '…' : n.label}
              <title>{n.label}</title>
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}

// ---------------------------------------------------------------------------------------------

/** A matrix as coloured cells (payoffs, cooperation). */
export function Heatmap(p: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  labels: string[];
  values: number[][];
  fmt: (v: number) => string;
  note?: ReactNode;
}) {
  const n = p.labels.length;
  const cell = Math.min(44, Math.floor(560 / Math.max(n, 1)));
  const m = { l: 170, t: 120 };
  const H = m.t + n * cell + 10;
  const flat = p.values.flat();
  const lo = Math.min(...flat);
  const hi = Math.max(...flat);
  const t = (v: number) => (hi === lo ? 0.5 : (v - lo) / (hi - lo));
  const color = (v: number) => `hsl(${210 - 190 * t(v)}, 70%, ${88 - 40 * t(v)}%)`;
  const csv = () =>
    toCsv(
      ['row', ...p.labels],
      p.values.map((r, i) => [p.labels[i], ...r]),
    );
  return (
    <ChartFrame id={p.id} title={p.title} subtitle={p.subtitle} width={W} height={H} csv={csv} note={p.note}>
      {p.labels.map((l, j) => (
        <text
          key={`c${j}`}
          transform={`translate(${m.l + j * cell + cell / 2},${m.t - 6}) rotate(-50)`}
          className="small"
        >
          {l}
        </text>
      ))}
      {p.values.map((row, i) => (
        <Fragment key={i}>
          <text x={m.l - 6} y={m.t + i * cell + cell / 2 + 3} textAnchor="end" className="label">
            {p.labels[i]}
          </text>
          {row.map((v, j) => (
            <g key={j} className="cell" data-row={p.labels[i]} data-col={p.labels[j]} data-value={v}>
              <rect x={m.l + j * cell} y={m.t + i * cell} width={cell - 1} height={cell - 1} fill={color(v)}>
                <title>{`${p.labels[i]} vs ${p.labels[j]}: ${p.fmt(v)}`}</title>
              </rect>
              {cell >= 30 ? (
                <text
                  x={m.l + j * cell + cell / 2}
                  y={m.t + i * cell + cell / 2 + 3}
                  textAnchor="middle"
                  className="small"
                >
                  {p.fmt(v)}
                </text>
              ) : null}
            </g>
          ))}
        </Fragment>
      ))}
    </ChartFrame>
  );
}
