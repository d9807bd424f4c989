// Exports of a chart: SVG and PNG with title, subtitle, source and credit around the drawing, and the
// CSV with a date column and the same lines; every file passed on keeps its meaning.
import { HAS_UNIT, NOT_A_QUANTITY, parseCsv } from './csv.ts';

/** The charts' own styles, inside the SVG so that an exported file looks as on screen. */
export const SVG_CSS = `text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:12px;fill:#1a202c}
.axis text{fill:#4a5568;font-size:11px}.axis line,.axis path{stroke:#cbd5e0}.grid line{stroke:#edf2f7}
.label{font-size:12px}.small{font-size:11px;fill:#4a5568}.title{font-weight:600}
.export-title{font-size:15px;font-weight:600}.export-meta{font-size:11px;fill:#4a5568}`;

/** What an export must carry besides the drawing: the figure's own title, subtitle and note. */
export interface ExportMeta {
  title: string;
  /** What is included (the figure's subtitle), as text. */
  subtitle: string;
  /** Source, weights, runs and seed (the figure's note), as text. */
  note: string;
  /** The dashboard's date for this view. */
  date: string;
  /** Unit of the chart's numbers (e.g. "percent ad valorem"), for the header and the CSV's columns. */
  unit?: string;
}

/** The date the view shows: the dashboard's date input (the address's date, or the scenario's). */
function viewDate(): string {
  const input = document.querySelector<HTMLInputElement>('[data-testid="date-input"]');
  const d = input?.value ?? new URLSearchParams(window.location.search).get('date');
  return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : '';
}

/** The export metadata of the figure `fig` (its subtitle and note as text). */
export function metaOf(fig: HTMLElement | null, title: string, unit?: string): ExportMeta {
  const text = (sel: string) => (fig?.querySelector(sel)?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return {
    title,
    subtitle: text('.subtitle'),
    note: text(':scope > .note'),
    date: viewDate(),
    ...(unit ? { unit } : {}),
  };
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The header with the unit beside every numeric column that does not already say its own. */
function headerWithUnits(rows: string[], unit: string | undefined): string {
  if (!unit) return rows[0] ?? '';
  const [head = [], ...data] = parseCsv(rows.join('\n'));
  return head
    .map((h, i) => {
      const numeric = data.some((r) => r[i] !== undefined && r[i] !== '' && Number.isFinite(Number(r[i])));
      return csvCell(numeric && !HAS_UNIT.test(h) && !NOT_A_QUANTITY.test(h) ? `${h} (${unit})` : h);
    })
    .join(',');
}

/** Words to lines of at most `n` characters (SVG text does not wrap). */
function wrapWords(s: string, n: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of s.split(' ')) {
    if (line && line.length + 1 + w.length > n) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}

/** The scenario the view shows (from the address; the built-in one otherwise). */
function viewScenario(): string {
  return new URLSearchParams(window.location.search).get('scenario') ?? 'london-2025';
}

/** A chart without a note of its own still names where its numbers come from. */
function sourceOf(m: ExportMeta): string {
  return (
    m.note ||
    `Source: the Leverage scenario ledger "${viewScenario()}" (every measure with its sources: leverage ledger --sources, or the API's /ledger)`
  );
}

/** The credit and provenance lines every export ends with. */
function footerLines(m: ExportMeta): string[] {
  return [
    ...wrapWords(sourceOf(m), 130),
    `Dashboard date ${m.date}. Made with Leverage (open-source trade-war toolkit); data: ${window.location.href}`,
  ];
}

/** The CSV as downloaded: a date column if it has none, then the title, source and credit lines. */
export function csvForExport(csv: string, m: ExportMeta): string {
  const rows0 = csv.replace(/\r\n$/, '').split('\r\n');
  const rows = [headerWithUnits(rows0, m.unit), ...rows0.slice(1)];
  const header = rows[0] ?? '';
  const dated = /(^|,)(date|week|from|start)(,|$)/i.test(header)
    ? rows
    : rows.map((r, i) => (i === 0 ? `date,${r}` : `${m.date},${r}`));
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return (
    [
      ...dated,
      '',
      `# ${q(m.title)}`,
      ...(m.subtitle ? [`# included: ${q(m.subtitle)}`] : []),
      ...(m.unit ? [`# unit: ${q(m.unit)}`] : []),
      `# source: ${q(sourceOf(m))}`,
      `# ${q(footerLines(m)[footerLines(m).length - 1])}`,
    ].join('\r\n') + '\r\n'
  );
}

/** Saves `blob` as a file named `name` (a click on a temporary link). */
export function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const LINE_H = 15;

/**
 * The chart as a stand-alone SVG: the drawing moved down under its title and subtitle, and the
 * note (source, weights, runs and seed) and the Leverage credit under it, so that a file passed
 * on keeps its meaning.
 */
function serialize(svg: SVGSVGElement, m: ExportMeta): { text: string; width: number; height: number } {
  const vb = svg.viewBox.baseVal;
  const head = [m.title, ...wrapWords(m.subtitle, 130), ...(m.unit ? [`Units: ${m.unit}`] : [])];
  const foot = footerLines(m);
  const top = 12 + head.length * LINE_H + 6;
  const height = top + vb.height + 8 + foot.length * LINE_H + 6;
  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  out.setAttribute('width', String(vb.width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${vb.width} ${height}`);
  const style = document.createElementNS(SVG_NS, 'style');
  style.textContent = SVG_CSS;
  out.appendChild(style);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  out.appendChild(bg);
  const line = (t: string, y: number, cls: string) => {
    const el = document.createElementNS(SVG_NS, 'text');
    el.setAttribute('x', '8');
    el.setAttribute('y', String(y));
    el.setAttribute('class', cls);
    el.textContent = t;
    out.appendChild(el);
  };
  head.forEach((t, i) => line(t, 12 + (i + 1) * LINE_H - 3, i === 0 ? 'export-title' : 'export-meta'));
  const drawing = svg.cloneNode(true) as SVGSVGElement;
  drawing.setAttribute('x', '0');
  drawing.setAttribute('y', String(top));
  drawing.setAttribute('width', String(vb.width));
  drawing.setAttribute('height', String(vb.height));
  out.appendChild(drawing);
  foot.forEach((t, i) => line(t, top + vb.height + 8 + (i + 1) * LINE_H - 3, 'export-meta'));
  return {
    text: '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(out),
    width: vb.width,
    height,
  };
}

export function exportSvg(svg: SVGSVGElement, name: string, m: ExportMeta) {
  download(`${name}.svg`, new Blob([serialize(svg, m).text], { type: 'image/svg+xml' }));
}

export function exportPng(svg: SVGSVGElement, name: string, m: ExportMeta): Promise<void> {
  const doc = serialize(svg, m);
  const vb = { width: doc.width, height: doc.height };
  const scale = 2;
  const img = new Image();
  const url = URL.createObjectURL(new Blob([doc.text], { type: 'image/svg+xml' }));
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
