import { normalizeHs, type Scenario, type Scope } from '../model/index.ts';

/** How a product scope covers a code: all of it, some of the lines under it, or none. */
export type Coverage = 'full' | 'partial' | 'none';

/** A product list indexed for prefix look-ups: codes by length, plus the sorted codes for "any code under X". */
interface IndexedList {
  /** Code lengths present, with the codes of each length (parallel arrays). */
  lengths: number[];
  byLength: Set<string>[];
  sorted: string[];
}

export interface ProductIndex {
  lists: Map<string, IndexedList>;
  groups: Map<string, string[]>;
  universe: Map<string, string[]>;
}

// Keyed by the products object, which what-if copies of a scenario share with their original.
const cache = new WeakMap<Scenario['products'], ProductIndex>();

export function productIndex(scn: Scenario): ProductIndex {
  let idx = cache.get(scn.products);
  if (idx) return idx;
  const lists = new Map<string, IndexedList>();
  for (const [id, l] of Object.entries(scn.products.lists)) {
    const byLength = new Map<number, Set<string>>();
    for (const c of l.codes) {
      let s = byLength.get(c.length);
      if (!s) byLength.set(c.length, (s = new Set()));
      s.add(c);
    }
    lists.set(id, {
      lengths: [...byLength.keys()],
      byLength: [...byLength.values()],
      sorted: [...l.codes].sort(),
    });
  }
  const groups = new Map<string, string[]>();
  for (const [id, g] of Object.entries(scn.products.groups))
    groups.set(
      id,
      g.hs.map((c) => normalizeHs(c)!),
    );
  const universe = new Map(Object.entries(scn.products.universe).map(([k, v]) => [k, [...v].sort()]));
  idx = { lists, groups, universe };
  cache.set(scn.products, idx);
  return idx;
}

/** Index of the first code >= `prefix` in a sorted list (binary search). */
function lowerBound(sorted: readonly string[], prefix: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is there any code in `sorted` that starts with `prefix`? */
function anyWithPrefix(sorted: readonly string[], prefix: string): boolean {
  const i = lowerBound(sorted, prefix);
  return i < sorted.length && sorted[i].startsWith(prefix);
}

/** All codes in `sorted` that start with `prefix`. */
export function codesWithPrefix(sorted: readonly string[], prefix: string): string[] {
  const out: string[] = [];
  for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i].startsWith(prefix); i++)
    out.push(sorted[i]);
  return out;
}

const normalized = new WeakMap<readonly string[], string[]>();

/** Scope prefixes without dots, computed once per list (scopes are checked for every line). */
function normalizedPrefixes(hs: readonly string[]): string[] {
  let n = normalized.get(hs);
  if (!n) normalized.set(hs, (n = hs.map((h) => normalizeHs(h)!)));
  return n;
}

function prefixCoverage(prefixes: readonly string[], code: string): Coverage {
  let partial = false;
  for (const p of prefixes) {
    if (code.startsWith(p)) return 'full';
    if (p.startsWith(code)) partial = true;
  }
  return partial ? 'partial' : 'none';
}

function listCoverage(list: IndexedList, code: string): Coverage {
  for (let k = 0; k < list.lengths.length; k++) {
    const len = list.lengths[k];
    if (code.length >= len && list.byLength[k].has(code.slice(0, len))) return 'full';
  }
  return anyWithPrefix(list.sorted, code) ? 'partial' : 'none';
}

// Called for every line and measure when a schedule is compiled: no arrays made per call.
function setCoverage(
  idx: ProductIndex,
  set: { hs?: string[]; lists?: string[]; groups?: string[] },
  code: string,
): Coverage {
  let partial = false;
  if (set.hs) {
    const c = prefixCoverage(normalizedPrefixes(set.hs), code);
    if (c === 'full') return 'full';
    partial = c === 'partial';
  }
  if (set.lists)
    for (const l of set.lists) {
      const c = listCoverage(idx.lists.get(l)!, code);
      if (c === 'full') return 'full';
      partial ||= c === 'partial';
    }
  if (set.groups)
    for (const g of set.groups) {
      const c = prefixCoverage(idx.groups.get(g)!, code);
      if (c === 'full') return 'full';
      partial ||= c === 'partial';
    }
  return partial ? 'partial' : 'none';
}

/**
 * How a measure's scope covers a product code. `partial` means some tariff lines under the code
 * are in scope and some are not: ask about the lines (productStacks does).
 */
export function scopeCoverage(idx: ProductIndex, scope: Scope, code: string): Coverage {
  const inc: Coverage = scope.all ? 'full' : setCoverage(idx, scope, code);
  if (inc === 'none' || !scope.except) return inc;
  const exc = setCoverage(idx, scope.except, code);
  if (exc === 'full') return 'none';
  return exc === 'partial' ? 'partial' : inc;
}

/** The importer's known tariff lines under a code (its product universe); the code itself when none are known. */
export function linesUnder(idx: ProductIndex, importer: string, code: string): string[] {
  const lines = codesWithPrefix(idx.universe.get(importer) ?? [], code);
  return lines.length ? lines : [code];
}
