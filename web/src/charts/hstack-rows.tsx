// One horizontal stacked bar per row (a product's tariff stack on a date, by authority).
import { ValueAxis } from './axes.tsx';
import { chartText, ChartFrame, type ChartText } from './frame.tsx';
import { Legend } from './legend.tsx';
import { CHART_WIDTH as W, colorOf, linear, niceMax, pct, toCsv } from './util.ts';

export interface StackRow {
  key: string;
  label: string;
  layers: { name: string; value: number; detail?: string }[];
  total: number;
  sub?: string;
}

/** One horizontal stacked bar per row (e.g. a product's stack on a date). */
export function HStackRows(
  p: ChartText & {
    rows: StackRow[];
    data?: Record<string, string | number>;
    rowKeyAttr?: string;
  },
) {
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
    <ChartFrame {...chartText(p)} width={W} height={H} csv={csv} data={p.data}>
      <ValueAxis horizontal scale={x} max={max} from={m.t} to={H - m.b} fmt={(v) => `${v}%`} />
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
