// Money for humans, the one formatter every edge uses (CLI tables, dashboard, exported charts): a
// leaf module with no imports, so the dashboard bundles it as is (issue 17: "$64.5 bn", never
// "USD 64544700100" nor "$141709 bn").

/** Magnitudes, largest first. */
const UNITS: [number, string][] = [
  [1e12, ' tn'],
  [1e9, ' bn'],
  [1e6, ' m'],
  [1e3, ' k'],
];

/** Three significant figures of v (about 1 <= v < 1000), as plain decimals. */
const three = (v: number) => Number(v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2));

/**
 * USD with its magnitude, three significant figures: "$1.42 tn", "$64.5 bn", "$6.29 m", "$950 k",
 * "$120". A value that rounds to 1,000 of a unit takes the next one ("$1 tn", not "$1000 bn");
 * from 1,000 tn on, whole trillions with separators ("$1,000 tn"). Never E-notation.
 */
export function usd(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (Math.round(a) === 0) return '$0';
  const sign = x < 0 ? '-' : '';
  if (a >= 999.5e12) return `${sign}$${Math.round(a / 1e12).toLocaleString('en-US')} tn`;
  // the largest unit the value reaches once rounded to three figures (999.6 bn is $1 tn)
  const u = UNITS.find(([size]) => a >= size * 0.9995);
  return u ? `${sign}$${three(a / u[0])}${u[1]}` : `${sign}$${Math.round(a)}`;
}
