// Stacks for a coarse product code or a named group: one tariffStack per tariff line under it,
// lines with the same layers grouped.
import { LeverageError, inputError } from '../errors/index.ts';
import { normalizeHs, type Scenario } from '../model/index.ts';
import { linesUnder, productIndex } from './products.ts';
import { tariffStack, type RemovedLayer, type StackLayer } from './stack.ts';
import { uniqueSorted } from './status.ts';

export interface ProductStackGroup {
  total_pct: number;
  layers: StackLayer[];
  removed: RemovedLayer[];
  /** Number of tariff lines with this stack, and a sample of them. */
  line_count: number;
  lines: string[];
}

export interface ProductStacks {
  importer: string;
  exporter: string;
  date: string;
  product?: string;
  group?: string;
  line_count: number;
  /** Lines grouped by identical stacks, most lines first. */
  stacks: ProductStackGroup[];
  min_total_pct: number;
  max_total_pct: number;
}

const SAMPLE_LINES = 12;

/**
 * Stacks for a coarse product code or a named product group: the code is expanded into the
 * known tariff lines under it and lines with the same layers are grouped, so "4202.21" answers
 * for every handbag line at once and a mixed heading shows each of its distinct stacks.
 */
export function productStacks(
  scn: Scenario,
  q: { importer: string; exporter: string; date: string; product?: string; group?: string },
): ProductStacks {
  const idx = productIndex(scn);
  let prefixes: string[];
  if (q.group) {
    const g = idx.groups.get(q.group);
    if (!g) throw new LeverageError('not_found', 'not_found', `unknown product group "${q.group}"`);
    prefixes = g;
  } else {
    const code = normalizeHs(q.product ?? '');
    if (code === null) throw inputError(`not an HS code: "${q.product}"`);
    prefixes = [code];
  }
  const lines = uniqueSorted(prefixes.flatMap((p) => linesUnder(idx, q.importer, p)));
  const bySignature = new Map<string, ProductStackGroup>();
  for (const line of lines) {
    const s = tariffStack(scn, { importer: q.importer, exporter: q.exporter, product: line, date: q.date });
    const sig = s.layers.map((l) => `${l.measure_id}=${l.rate_pct}`).join('|');
    let g = bySignature.get(sig);
    if (!g)
      bySignature.set(
        sig,
        (g = { total_pct: s.total_pct, layers: s.layers, removed: s.removed, line_count: 0, lines: [] }),
      );
    g.line_count++;
    if (g.lines.length < SAMPLE_LINES) g.lines.push(line);
  }
  const stacks = [...bySignature.values()].sort(
    (a, b) => b.line_count - a.line_count || b.total_pct - a.total_pct,
  );
  const totals = stacks.map((s) => s.total_pct);
  return {
    importer: q.importer,
    exporter: q.exporter,
    date: q.date,
    ...(q.product ? { product: normalizeHs(q.product)! } : {}),
    ...(q.group ? { group: q.group } : {}),
    line_count: lines.length,
    stacks,
    min_total_pct: Math.min(...totals),
    max_total_pct: Math.max(...totals),
  };
}
