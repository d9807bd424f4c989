// Stacked bars over time: one bar a week, one segment per authority, an optional comparison line.
import { DateMarker, TimeAxis, ValueAxis } from './axes.tsx';
import { chartText, ChartFrame, type ChartText } from './frame.tsx';
import { Legend } from './legend.tsx';
import {
  CHART_WIDTH as W,
  colorOf,
  dateScale,
  dayNum,
  fmtDate,
  linear,
  niceMax,
  pct,
  toCsv,
} from './util.ts';

export interface StackPoint {
  date: string;
  layers: Record<string, number>;
  total: number;
  extra?: Record<string, string | number>;
}

/** Stacked bars over time (weekly), one segment per authority; an optional comparison step line. */
export function TimeStackedBars(
  p: ChartText & {
    points: StackPoint[];
    authorities: string[];
    compare?: { label: string; points: { date: string; total: number }[] };
    marker?: string;
    yLabel?: string;
    height?: number;
    data?: Record<string, string | number>;
  },
) {
  const H = p.height ?? 300;
  const m = { l: 48, r: 12, t: 30, b: 34 };
  const n = p.points.length;
  const from = p.points[0]?.date ?? '2025-01-01';
  const last = p.points[n - 1]?.date ?? from;
  const to = new Date((dayNum(last) + 7) * 86_400_000).toISOString().slice(0, 10);
  const max = niceMax(
    Math.max(1, ...p.points.map((x) => x.total), ...(p.compare?.points.map((x) => x.total) ?? [])),
  );
  const xd = dateScale(from, to, m.l, W - m.r);
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
      {...chartText(p)}
      width={W}
      height={H}
      csv={csv}
      data={{ points: n, ...(p.data ?? {}) }}
      desc={`${p.title}: stacked bars of ${p.yLabel ?? 'percent'} by week`}
    >
      <ValueAxis scale={y} max={max} from={m.l} to={W - m.r} fmt={(v) => `${v}%`} />
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
      <DateMarker date={p.marker} from={from} to={to} x={xd} top={m.t - 6} bottom={H - m.b} strokeWidth={1} />
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
