// A chart's frame: title, export buttons (SVG, PNG, CSV) and the SVG itself.
import { useRef, useState, type ReactNode } from 'react';

const SVG_CSS = `text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:11px;fill:#1a202c}
.axis text{fill:#4a5568;font-size:10px}.axis line,.axis path{stroke:#cbd5e0}.grid line{stroke:#edf2f7}
.label{font-size:11px}.small{font-size:9px;fill:#4a5568}.title{font-weight:600}`;

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function serialize(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  const vb = svg.viewBox.baseVal;
  clone.setAttribute('width', String(vb.width));
  clone.setAttribute('height', String(vb.height));
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
}

export function exportSvg(svg: SVGSVGElement, name: string) {
  download(`${name}.svg`, new Blob([serialize(svg)], { type: 'image/svg+xml' }));
}

export function exportPng(svg: SVGSVGElement, name: string): Promise<void> {
  const vb = svg.viewBox.baseVal;
  const scale = 2;
  const img = new Image();
  const url = URL.createObjectURL(new Blob([serialize(svg)], { type: 'image/svg+xml' }));
  return new Promise((resolve, reject) => {
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(vb.width * scale);
      canvas.height = Math.round(vb.height * scale);
      const ctx = canvas.getContext('2d')!;
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0);
      URL.revokeObjectURL(url);
      canvas.toBlob((b) => {
        if (!b) return reject(new Error('PNG export failed'));
        download(`${name}.png`, b);
        resolve();
      }, 'image/png');
    };
    img.onerror = () => reject(new Error('PNG export failed: the SVG could not be rendered'));
    img.src = url;
  });
}

export interface FrameProps {
  id: string;
  title: string;
  subtitle?: ReactNode;
  width: number;
  height: number;
  csv: () => string;
  note?: ReactNode;
  children: ReactNode;
  /** Extra attributes on the figure (e.g. data-drawn for tests). */
  data?: Record<string, string | number>;
  desc?: string;
}

export function ChartFrame(p: FrameProps) {
  const ref = useRef<SVGSVGElement>(null);
  const [table, setTable] = useState(false);
  const name = `leverage-${p.id}`;
  const attrs = Object.fromEntries(Object.entries(p.data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
  return (
    <figure className="chart" data-testid={p.id} {...attrs}>
      <figcaption>
        <div>
          <h3>{p.title}</h3>
          {p.subtitle ? <div className="subtitle">{p.subtitle}</div> : null}
        </div>
        <div className="exports" role="group" aria-label={`Export ${p.title}`}>
          <button
            type="button"
            onClick={() => ref.current && exportSvg(ref.current, name)}
            aria-label={`Export ${p.title} as SVG`}
          >
            SVG
          </button>
          <button
            type="button"
            onClick={() => ref.current && void exportPng(ref.current, name)}
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
            onClick={() => download(`${name}.csv`, new Blob([p.csv()], { type: 'text/csv' }))}
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

/** The chart's CSV as an HTML table (for keyboard and screen-reader users, and for reading values). */
function DataTable({ csv, title }: { csv: string; title: string }) {
  const rows = parseCsv(csv);
  const [head, ...body] = rows;
  return (
    <div className="datatable" tabIndex={0} role="region" aria-label={`Data of ${title}`}>
      <table className="table">
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.slice(0, 500).map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {body.length > 500 ? (
        <p className="note">First 500 of {body.length} rows; export the CSV for all.</p>
      ) : null}
    </div>
  );
}

function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') q = false;
      else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, ''));
      out.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) out.push([...row, cell]);
  return out;
}
