// Horizontal bars with labels, for rankings.
import { chartText, ChartFrame, type ChartText } from './frame.tsx';
import { CHART_WIDTH as W, linear, niceMax, toCsv } from './util.ts';

/** Horizontal bars with labels (rankings: industries, countries, strategies). */
export function HBars(
  p: ChartText & {
    rows: { key: string; label: string; value: number; color?: string; detail?: string }[];
    fmt: (v: number) => string;
    csvHeader?: string;
  },
) {
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
    <ChartFrame {...chartText(p)} width={W} height={H} csv={csv}>
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
