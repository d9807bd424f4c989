// A chart's legend: swatches (or dashes, for dashed lines) with names, wrapped to the chart's width.
import { CHART_WIDTH as W } from './util.ts';

export interface LegendItem {
  name: string;
  color: string;
  dash?: boolean;
  /** A band's swatch: its fill opacity and outline dashes, as drawn. */
  band?: { opacity: number; dash: string };
}

/**
 * The width an item takes: swatch and gap (26) and its name at 7 units a character, a 12 px
 * system-ui text's widest usual average (6.2 let "implemented" run into the next swatch).
 */
export const legendItemWidth = (name: string) => 26 + name.length * 7;

export function Legend({ items, x, y }: { items: LegendItem[]; x: number; y: number }) {
  let cx = x;
  let cy = 0;
  return (
    <g className="legend" transform={`translate(0,${y})`}>
      {items.map((it) => {
        const w = legendItemWidth(it.name);
        if (cx + w > W - 4 && cx > x) {
          cx = x;
          cy += 14;
        }
        const el = (
          <g key={it.name} transform={`translate(${cx},${cy})`}>
            {it.band ? (
              <rect
                width={12}
                height={10}
                fill={it.color}
                fillOpacity={it.band.opacity}
                stroke={it.color}
                strokeDasharray={it.band.dash}
                data-band="yes"
              />
            ) : it.dash ? (
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
