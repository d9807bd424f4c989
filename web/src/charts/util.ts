// Scales, ticks, colours and CSV for the hand-written SVG charts.
// money has one formatter, the model's leaf module (no imports, safe to bundle): the same
// "$1.42 tn" / "$64.5 bn" / "$6.29 m" text as the CLI, in panels and exported charts alike
// eslint-disable-next-line leverage/import-direction
import { usd } from '../../../src/model/money.ts';

/** Every dashboard chart is drawn this wide (SVG units); the figure scales it to the page. */
export const CHART_WIDTH = 860;

export function linear(d0: number, d1: number, r0: number, r1: number) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (x: number) => r0 + (x - d0) * k;
}

export function niceMax(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

export function ticks(max: number, n = 5): number[] {
  const step = niceMax(max / n);
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

export const dayNum = (d: string) => Date.parse(d + 'T00:00:00Z') / 86_400_000;

/** A date scale: ISO date -> position between `r0` (at `from`) and `r1` (at `to`). */
export function dateScale(from: string, to: string, r0: number, r1: number): (d: string) => number {
  const x = linear(dayNum(from), dayNum(to), r0, r1);
  return (d: string) => x(dayNum(d));
}
export const fromDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const monthLabel = (d: string) =>
  `${MONTHS[Number(d.slice(5, 7)) - 1]}${d.slice(5, 7) === '01' ? ' ' + d.slice(0, 4) : ''}`;
export const fmtDate = (d: string) =>
  `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;

/** Month starts between two dates (for time axes). */
export function monthTicks(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const d = `${y}-${String(m).padStart(2, '0')}-01`;
    if (d > to) break;
    if (d >= from) out.push(d);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

const FIXED: Record<string, string> = {
  'Section 301': '#2b6cb0',
  'IEEPA fentanyl': '#c53030',
  'IEEPA reciprocal': '#dd6b20',
  'Section 232': '#718096',
  'CN countermeasure (Feb 2025)': '#2f855a',
  'CN countermeasure (Mar 2025)': '#38a169',
  'CN counter-tariff (Apr 2025)': '#805ad5',
};
const PALETTE = [
  '#2b6cb0',
  '#c53030',
  '#dd6b20',
  '#2f855a',
  '#805ad5',
  '#b7791f',
  '#319795',
  '#d53f8c',
  '#4a5568',
  '#975a16',
  '#2c5282',
  '#9c4221',
];
export function colorOf(name: string): string {
  if (FIXED[name]) return FIXED[name];
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

// A measure that is raised, lowered or extended is in force: shades of the in-force blue, each
// its own; states that are not (or no longer) in force are greys, suspension amber.
export const STATE_COLORS: Record<string, string> = {
  in_force: '#2b6cb0',
  raised: '#1a365d',
  lowered: '#63b3ed',
  extended: '#2c5282',
  announced: '#a0aec0',
  talks: '#8fa3bf',
  negotiating: '#b3bccb',
  proposed: '#cbd5e0',
  superseded: '#d5dbe3',
  rolled_back: '#e2e8f0',
  revoked: '#edf0f4',
  expired: '#e6e9ee',
  terminated: '#dde1e7',
  suspended: '#d69e2e',
  pending: '#ecc94b',
  agreed_in_principle: '#f6ad55',
  approved: '#48bb78',
  signed: '#38a169',
  implemented: '#2f855a',
  collapsed: '#e53e3e',
};
export const stateColor = (s: string) => STATE_COLORS[s] ?? '#a0aec0';

/** States in which a measure applies (the timeline draws them in blues). */
export const IN_FORCE_STATES: ReadonlySet<string> = new Set(['in_force', 'raised', 'lowered', 'extended']);

/**
 * A label cut to `max` characters keeping its start and `tail` characters of its end ("Section
 * 301 ... list 4A").
 */
export function shorten(label: string, max: number, tail = Math.floor((max - 1) / 3)): string {
  if (label.length <= max) return label;
  // the kept end starts at a word where one starts nearby ("at 100%", not "00%")
  let start = label.length - tail;
  while (start > 0 && label[start - 1] !== ' ' && label.length - start < tail + 6) start--;
  if (label[start - 1] !== ' ') start = label.length - tail;
  const end = label.slice(start).trimStart();
  return `${label.slice(0, Math.max(1, max - 1 - end.length)).trimEnd()}…${end}`;
}

/**
 * Labels cut to `max` characters so that different labels never read the same: a group of
 * labels whose cut versions collide keeps more of their ends when they differ there ("... at 25%
 * (2026-01-01)"), or more of their starts when they differ there ("... (6 July 2018 list) ...").
 */
export function shortenDistinct(labels: readonly string[], max: number): Map<string, string> {
  const unique = [...new Set(labels)];
  const out = new Map(unique.map((l) => [l, shorten(l, max)]));
  const groups = new Map<string, string[]>();
  for (const l of unique) groups.set(out.get(l)!, [...(groups.get(out.get(l)!) ?? []), l]);
  const distinct = (cut: string[]) => new Set(cut).size === cut.length;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    // try more and more of the end, then the start up to where the labels part
    let cp = 0;
    while (group.every((l) => l[cp] === group[0][cp]) && cp < group[0].length) cp++;
    const tails = [];
    for (let t = Math.floor((max - 1) / 3); t <= max - 4; t += 2) tails.push(t);
    tails.push(Math.max(1, max - 1 - Math.min(max - 2, cp + 8)));
    for (const t of tails) {
      const cut = group.map((l) => shorten(l, max, t));
      if (distinct(cut)) {
        group.forEach((l, i) => out.set(l, cut[i]));
        break;
      }
    }
  }
  return out;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const cell = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : v;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export const pct = (x: number, d = 1) => `${Number(x.toFixed(d))}%`;
/** A share (0-1) as a chart value in percent, rounded to one decimal. */
export const sharePct = (x: number) => Math.round(x * 1000) / 10;
export { usd };

/** USD millions (the IO tables' unit) as money text: -56,141 -> "-$56.1 bn". */
export const usdM = (x: number) => usd(x * 1e6);
