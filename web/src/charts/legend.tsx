// A chart's legend: swatches (or dashes, for dashed lines) with names, wrapped to the chart's width.
import { CHART_WIDTH as W } from './util.ts';

export interface LegendItem {
  name: string;
  color: string;
  dash?: boolean;
}

export function Legend({ items, x, y }: { items: LegendItem[]; x: number; y: number }) {
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
