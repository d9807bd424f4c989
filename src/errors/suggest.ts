// "Did you mean ...?" for unknown names: the closest known names by edit distance, so that a
// typo in a strategy, sector or option gets the right name back instead of a list of forty.

/** Levenshtein distance, case-insensitive (two rows; names are short). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[t.length];
}

/**
 * Up to `max` known names closest to `input`: those within a distance of about a third of the
 * name's length (at least 2), nearest first, ties in the order given; a name starting with the
 * input comes before one merely containing it (or contained in it), which counts as distance 1.
 */
export function closestNames(input: string, known: readonly string[], max = 3): string[] {
  const q = input.toLowerCase();
  const limit = Math.max(2, Math.ceil(input.length / 3));
  const scored: { name: string; d: number; i: number }[] = [];
  known.forEach((name, i) => {
    const n = name.toLowerCase();
    const d = n.startsWith(q)
      ? 0.5
      : n.includes(q) || (n.length >= 3 && q.includes(n))
        ? 1
        : editDistance(q, n);
    if (d <= limit) scored.push({ name, d, i });
  });
  scored.sort((x, y) => x.d - y.d || x.i - y.i);
  return scored.slice(0, max).map((s) => s.name);
}

/** " (did you mean A or B?)", or "" when nothing is close. */
export function didYouMean(input: string, known: readonly string[], max = 3): string {
  const c = closestNames(input, known, max);
  if (c.length === 0) return '';
  const list = c.length === 1 ? c[0] : `${c.slice(0, -1).join(', ')} or ${c[c.length - 1]}`;
  return ` (did you mean ${list}?)`;
}
