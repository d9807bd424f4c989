// Lines over time, with optional bands (fan charts) and areas.
import { DateMarker, TimeAxis, ValueAxis } from './axes.tsx';
import { chartText, ChartFrame, type ChartText } from './frame.tsx';
import { Legend } from './legend.tsx';
import { CHART_WIDTH as W, colorOf, dateScale, fmtDate, linear, niceMax, toCsv } from './util.ts';

export interface Series {
  name: string;
  color?: string;
  points: { date: string; value: number }[];
  dash?: boolean;
  /** Bands drawn under the line: [lo, hi] per point, outer first; a labelled band is listed in the legend. */
  bands?: { lo: number[]; hi: number[]; opacity: number; label?: string }[];
  area?: boolean;
}

/** Band outlines by series (overlapping fans stay apart where their fills mix). */
const BAND_DASH = ['4 2', '1 2', '6 2 1 2'];

/** Lines over time, with optional bands (fan charts: 5-95 and 25-75 around a median). */
export function LineChart(
  p: ChartText & {
    series: Series[];
    yFmt?: (v: number) => string;
    yMax?: number;
    height?: number;
    marker?: string;
    step?: boolean;
    data?: Record<string, string | number>;
    /** Space above the plot, px (room for a legend of several rows; 30 by default). */
    top?: number;
  },
) {
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
  const xd = dateScale(from, to, m.l, W - m.r);
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
    <ChartFrame {...chartText(p)} width={W} height={H} csv={csv} data={p.data}>
      <ValueAxis scale={y} max={max} from={m.l} to={W - m.r} fmt={fmt} />
      <TimeAxis from={from} to={to} x={xd} y={H - m.b} />
      {p.series.map((s, si) => (
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
              fillOpacity={b.opacity}
              stroke={s.color ?? colorOf(s.name)}
              strokeOpacity={0.8}
              strokeWidth={1}
              strokeDasharray={BAND_DASH[si % BAND_DASH.length]}
              data-band-of={s.name}
            >
              {b.label ? <title>{`${s.name}: ${b.label}`}</title> : null}
            </path>
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
      <DateMarker date={p.marker} from={from} to={to} x={xd} top={m.t - 6} bottom={H - m.b} />
      <Legend
        items={p.series.flatMap((s, si) => [
          { name: s.name, color: s.color ?? colorOf(s.name), dash: s.dash },
          ...(s.bands ?? [])
            .filter((b) => b.label)
            .map((b) => ({
              name: `${s.name}: ${b.label}`,
              color: s.color ?? colorOf(s.name),
              band: { opacity: b.opacity, dash: BAND_DASH[si % BAND_DASH.length] },
            })),
        ])}
        x={m.l}
        y={6}
      />
    </ChartFrame>
  );
}
