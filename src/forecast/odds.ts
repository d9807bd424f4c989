// How a probability is shown: one decimal of a percent, never 100.0% or 0.0% for odds that are
// not certain (99.95% is ">99.9%").
export function formatOdds(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p >= 1) return '100%';
  if (p <= 0) return '0%';
  if (p > 0.999) return '>99.9%';
  if (p < 0.001) return '<0.1%';
  return `${(100 * p).toFixed(1)}%`;
}
