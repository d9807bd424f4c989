// Checking a report's query against the scenario, once for every edge. Each report function
// names its fields ("importer", "date"); the edge says how a field is called where the user
// typed it (`--importer` in the CLI, `query.importer` in the API), so one check gives both
// edges their located message.
import { LeverageError } from '../errors/index.ts';
import { formatHs, normalizeHs, type Scenario } from '../model/index.ts';

/** How an edge names a query field: `--at` / `query.date`. */
export type FieldLabel = (field: string) => string;

/** The API's labels: `query.<field>`. */
export const queryField: FieldLabel = (f) => `query.${f}`;

/** An input error about one field of a query, located at that field. */
export function fieldError(
  label: FieldLabel,
  field: string,
  message: string,
  code = 'bad_request',
  kind: 'input' | 'not_found' = 'input',
) {
  const where = label(field);
  return new LeverageError(kind, code, `${where}: ${message}`, { location: { path: where } });
}

export function checkActor(scn: Scenario, label: FieldLabel, field: string, id: string | undefined): void {
  if (id !== undefined && !scn.actors[id])
    throw fieldError(
      label,
      field,
      `unknown actor "${id}" (scenario actors: ${Object.keys(scn.actors).join(', ')})`,
    );
}

export function checkGroup(scn: Scenario, label: FieldLabel, field: string, id: string | undefined): void {
  if (id !== undefined && !scn.products.groups[id])
    throw fieldError(
      label,
      field,
      `unknown product group "${id}" (groups: ${Object.keys(scn.products.groups).join(', ')})`,
    );
}

/** An HS code as the ledger keys it (digits only), or a located error. */
export function checkHs(label: FieldLabel, field: string, code: string): string {
  const n = normalizeHs(code);
  if (n === null)
    throw fieldError(label, field, `expected an HS code of 2-10 digits (dots allowed), got "${code}"`);
  return n;
}

/**
 * A product query must name a code that exists: in the HS nomenclature (its first six digits,
 * 2-, 4- or 6-digit levels) or among the scenario's own national lines (universe, lists, groups:
 * US chapter 99 headings and 8/10-digit lines). Otherwise the ledger would answer "total 30%"
 * for a code nobody imports under; the error names the nearest codes that do exist.
 */
export function checkHsKnown(
  scn: Scenario,
  label: FieldLabel,
  field: string,
  code: string,
  nomenclature: readonly string[],
): void {
  const hs = nomenclatureSet(nomenclature);
  if (hs.has(code.slice(0, 6))) {
    if (code.length <= 6) return;
    // a national line (HTS8/10, China's 8 digits) under a real HS6: checked against the lines the
    // scenario knows under that HS6, when it knows any (8541.43.99.99 is not a US line)
    const under = [
      ...new Set(scenarioCodes(scn).filter((c) => c.length > 6 && c.startsWith(code.slice(0, 6)))),
    ].sort();
    if (under.length === 0 || under.some((c) => c.startsWith(code) || code.startsWith(c))) return;
    throw fieldError(
      label,
      field,
      `no such national tariff line ${formatHs(code)}: the scenario's lines under HS ${formatHs(code.slice(0, 6))} (its universe of traded lines and its product lists) are ${under.slice(0, 8).map(formatHs).join(', ')}${under.length > 8 ? ` and ${under.length - 8} more` : ''}; ask for HS ${formatHs(code.slice(0, 6))} for all of them`,
      'unknown_product',
    );
  }
  if (scenarioCodes(scn).some((c) => c.startsWith(code) || code.startsWith(c))) return;
  const near = nearestCodes(code, hs);
  throw fieldError(
    label,
    field,
    `no such HS code ${formatHs(code)} (not in the HS2022 nomenclature nor among the scenario's tariff lines)${near.length ? `; nearest valid codes: ${near.map(formatHs).join(', ')}` : ''}`,
    'unknown_product',
  );
}

const nomenclatureSets = new WeakMap<readonly string[], Set<string>>();
function nomenclatureSet(codes: readonly string[]): Set<string> {
  let s = nomenclatureSets.get(codes);
  if (!s) nomenclatureSets.set(codes, (s = new Set(codes)));
  return s;
}

/** The scenario's national lines (universe, lists, groups), gathered once per loaded scenario. */
const scenarioCodeLists = new WeakMap<Scenario, string[]>();
function scenarioCodes(scn: Scenario): string[] {
  let out = scenarioCodeLists.get(scn);
  if (!out) scenarioCodeLists.set(scn, (out = gatherScenarioCodes(scn)));
  return out;
}

function gatherScenarioCodes(scn: Scenario): string[] {
  const out = Object.values(scn.products.universe).flat();
  for (const l of Object.values(scn.products.lists)) out.push(...l.codes);
  for (const g of Object.values(scn.products.groups))
    for (const c of g.hs) {
      const n = normalizeHs(c);
      if (n) out.push(n);
    }
  return out;
}

/** Codes of the same depth (at most 6 digits) sharing the longest prefix, nearest in value first. */
function nearestCodes(code: string, hs: ReadonlySet<string>, max = 3): string[] {
  const depth = Math.min(6, code.length % 2 === 0 ? code.length : code.length - 1);
  const key = code.slice(0, depth);
  const same = [...hs].filter((c) => c.length === depth);
  const shared = (c: string): number => {
    let i = 0;
    while (i < depth && c[i] === key[i]) i++;
    return i;
  };
  const best = Math.max(0, ...same.map(shared));
  return same
    .filter((c) => shared(c) === best)
    .sort((a, b) => Math.abs(Number(a) - Number(key)) - Math.abs(Number(b) - Number(key)) || (a < b ? -1 : 1))
    .slice(0, max)
    .sort();
}

const ROUNDING: [RegExp, number][] = [
  [/_pct$/, 1e3],
  [/_pp$/, 1e3],
  [/_share$/, 1e4],
  [/_usd$/, 1e2],
];

/** Ten significant figures: no float noise in a JSON figure, whatever its size (0 stays 0, never -0). */
export function significant10(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(10));
}

/**
 * Round every figure of a report once, by the unit its name carries: percent and points to 3
 * decimals, shares to 4, money to cents. Other numbers (counts, elasticities) are left alone.
 * Returns a plain JSON copy (typed arrays become arrays).
 */
export function roundFigures<T>(doc: T): T {
  const walk = (v: unknown, key: string): unknown => {
    if (typeof v === 'number') {
      const r = ROUNDING.find(([re]) => re.test(key));
      return r && Number.isFinite(v) ? Math.round(v * r[1]) / r[1] + 0 : v;
    }
    if (Array.isArray(v) || ArrayBuffer.isView(v))
      return Array.from(v as ArrayLike<unknown>, (x) => walk(x, key));
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .map(([k, x]) => [k, walk(x, k)]),
      );
    return v;
  };
  return walk(doc, '') as T;
}
