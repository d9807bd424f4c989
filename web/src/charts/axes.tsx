// The axes every chart shares: value gridlines with their labels, and a month axis for dates.
import type { ReactNode } from 'react';
import { monthLabel, monthTicks, ticks } from './util.ts';

/**
 * Gridlines at the value ticks from 0 to `max`, each labelled by `fmt`. Values run up a vertical
 * scale (lines across from `from` to `to`, labels left of `from`) or, `horizontal`, along the x
 * scale (lines down from `from` to `to`, labels under `to`). `children` are drawn in the same
 * group (e.g. a chart's own date labels).
 */
export function ValueAxis(p: {
  scale: (v: number) => number;
  max: number;
  from: number;
  to: number;
  fmt: (v: number) => string;
  horizontal?: boolean;
  children?: ReactNode;
}) {
  const h = p.horizontal ?? false;
  return (
    <g className="axis">
      {ticks(p.max).map((t) => {
        const at = p.scale(t);
        return (
          <g key={t} className="grid">
            <line x1={h ? at : p.from} x2={h ? at : p.to} y1={h ? p.from : at} y2={h ? p.to : at} />
            <text x={h ? at : p.from - 6} y={h ? p.to + 13 : at + 3} textAnchor={h ? 'middle' : 'end'}>
              {p.fmt(t)}
            </text>
          </g>
        );
      })}
      {p.children}
    </g>
  );
}

/** A date axis at height `y` from `from` to `to`, with a tick and a label at each month start. */
export function TimeAxis({
  from,
  to,
  x,
  y,
}: {
  from: string;
  to: string;
  x: (d: string) => number;
  y: number;
}) {
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

/** The view's date as a vertical line over the plot (only when the date is on the axis). */
export function DateMarker(p: {
  date: string | undefined;
  from: string;
  to: string;
  x: (d: string) => number;
  top: number;
  bottom: number;
  strokeWidth?: number;
}) {
  return p.date && p.date >= p.from && p.date <= p.to ? (
    <line
      x1={p.x(p.date)}
      x2={p.x(p.date)}
      y1={p.top}
      y2={p.bottom}
      stroke="#1a202c"
      strokeWidth={p.strokeWidth}
    />
  ) : null;
}
