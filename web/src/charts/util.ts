// Scales, ticks, colours and CSV for the hand-written SVG charts.
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

export const STATE_COLORS: Record<string, string> = {
  in_force: '#2b6cb0',
  announced: '#a0aec0',
  suspended: '#ecc94b',
  rolled_back: '#e2e8f0',
  revoked: '#e2e8f0',
  expired: '#e2e8f0',
  terminated: '#e2e8f0',
  proposed: '#cbd5e0',
  pending: '#ecc94b',
  approved: '#38a169',
  agreed_in_principle: '#f6ad55',
  signed: '#38a169',
  implemented: '#2f855a',
  extended: '#2f855a',
  negotiating: '#a0aec0',
  collapsed: '#e53e3e',
};
export const stateColor = (s: string) => STATE_COLORS[s] ?? '#a0aec0';

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const cell = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : v;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export const pct = (x: number, d = 1) => `${Number(x.toFixed(d))}%`;
export const usd = (x: number) =>
  Math.abs(x) >= 1e9
    ? `$${(x / 1e9).toFixed(1)} bn`
    : Math.abs(x) >= 1e6
      ? `$${(x / 1e6).toFixed(1)} m`
      : `$${Math.round(x).toLocaleString('en-US')}`;

/** USD millions with a sign and thousands separators: -$56,141 m. */
export const usdM = (x: number) =>
  `${x < 0 ? '-' : ''}$${Math.abs(x).toLocaleString('en-US', { maximumFractionDigits: 0 })} m`;
