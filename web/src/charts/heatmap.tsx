// A matrix as coloured cells.
import { Fragment } from 'react';
import { chartText, ChartFrame, type ChartText } from './frame.tsx';
import { CHART_WIDTH as W, toCsv } from './util.ts';

/** A matrix as coloured cells (payoffs, cooperation). */
export function Heatmap(
  p: ChartText & {
    labels: string[];
    values: number[][];
    fmt: (v: number) => string;
  },
) {
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
    <ChartFrame {...chartText(p)} width={W} height={H} csv={csv}>
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
