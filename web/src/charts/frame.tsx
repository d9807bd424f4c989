// A chart's frame: title, export buttons (SVG, PNG, CSV, table) and the SVG itself.
import { useRef, useState, type ReactNode } from 'react';
import { DataTable } from './data-table.tsx';
import { csvForExport, download, exportPng, exportSvg, metaOf, SVG_CSS } from './export.ts';

/** What every chart is given for its frame and passes on as it is. */
export interface ChartText {
  id: string;
  title: string;
  subtitle?: ReactNode;
  note?: ReactNode;
  /** Unit of the chart's numbers, carried by its exports (SVG/PNG header, CSV column headers). */
  unit: string;
}

/** A chart's props that belong to its frame (a chart's props also carry its data). */
export const chartText = (p: ChartText): ChartText => ({
  id: p.id,
  title: p.title,
  subtitle: p.subtitle,
  note: p.note,
  unit: p.unit,
});

export interface FrameProps {
  id: string;
  title: string;
  subtitle?: ReactNode;
  width: number;
  height: number;
  csv: () => string;
  note?: ReactNode;
  /** Unit of the chart's numbers (ChartText.unit). */
  unit: string;
  children: ReactNode;
  /** Extra attributes on the figure (e.g. data-drawn for tests). */
  data?: Record<string, string | number>;
  desc?: string;
}

export function ChartFrame(p: FrameProps) {
  const ref = useRef<SVGSVGElement>(null);
  const fig = useRef<HTMLElement>(null);
  const meta = () => metaOf(fig.current, p.title, p.unit);
  const [table, setTable] = useState(false);
  const name = `leverage-${p.id}`;
  const attrs = Object.fromEntries(Object.entries(p.data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
  return (
    <figure className="chart" data-testid={p.id} ref={fig} {...attrs}>
      <figcaption>
        <div>
          <h3>{p.title}</h3>
          {p.subtitle ? <div className="subtitle">{p.subtitle}</div> : null}
        </div>
        <div className="exports" role="group" aria-label={`Export ${p.title}`}>
          <button
            type="button"
            onClick={() => ref.current && exportSvg(ref.current, name, meta())}
            aria-label={`Export ${p.title} as SVG`}
          >
            SVG
          </button>
          <button
            type="button"
            onClick={() => ref.current && void exportPng(ref.current, name, meta())}
            aria-label={`Export ${p.title} as PNG`}
          >
            PNG
          </button>
          <button
            type="button"
            aria-pressed={table}
            onClick={() => setTable(!table)}
            aria-label={`Show the data of ${p.title} as a table`}
          >
            Table
          </button>
          <button
            type="button"
            onClick={() =>
              download(`${name}.csv`, new Blob([csvForExport(p.csv(), meta())], { type: 'text/csv' }))
            }
            aria-label={`Export the data of ${p.title} as CSV`}
          >
            CSV
          </button>
        </div>
      </figcaption>
      <svg
        ref={ref}
        viewBox={`0 0 ${p.width} ${p.height}`}
        role="img"
        aria-label={p.desc ?? p.title}
        preserveAspectRatio="xMinYMin meet"
      >
        <style>{SVG_CSS}</style>
        <title>{p.title}</title>
        {p.children}
      </svg>
      {table ? <DataTable csv={p.csv()} title={p.title} /> : null}
      {p.note ? <div className="note">{p.note}</div> : null}
    </figure>
  );
}
