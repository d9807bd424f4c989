// Checking a report's query against the scenario, once for every edge. Each report function
// names its fields ("importer", "date"); the edge says how a field is called where the user
// typed it (`--importer` in the CLI, `query.importer` in the API), so one check gives both
// edges their located message.
import { LeverageError } from '../errors/index.ts';
import { normalizeHs, type Scenario } from '../model/index.ts';

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

/** The note every dated view carries when its date lies beyond what the scenario knows. */
export function beyondAsOf(scn: Scenario, date: string): string | null {
  return scn.as_of && date > scn.as_of
    ? `note: ${date} is after the scenario's knowledge date (${scn.as_of}); later dates show only scheduled changes`
    : null;
}

const ROUNDING: [RegExp, number][] = [
  [/_pct$/, 1e3],
  [/_pp$/, 1e3],
  [/_share$/, 1e4],
  [/_usd$/, 1e2],
];

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
