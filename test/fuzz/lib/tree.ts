// Mutations of plain data (a parsed scenario, an API body): each picks a place by the seeded
// generator and returns a changed deep copy plus a label naming what it did and where.
import type { Rng } from './rng.ts';

export type Plain = null | boolean | number | string | Plain[] | { [k: string]: Plain };
export type Path = (string | number)[];

export interface Mutant {
  value: Plain;
  /** e.g. `delete-key measures[3].rates` */
  label: string;
}

export const fmtPath = (p: Path) =>
  p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');

/** Every path in the tree (containers and leaves), in document order; walked without recursion. */
export function allPaths(root: Plain): { path: Path; value: Plain; key: string | number | null }[] {
  const out: { path: Path; value: Plain; key: string | number | null }[] = [];
  const stack: { path: Path; value: Plain }[] = [{ path: [], value: root }];
  while (stack.length) {
    const { path, value } = stack.pop()!;
    out.push({ path, value, key: path.length ? path[path.length - 1] : null });
    if (Array.isArray(value))
      for (let i = value.length - 1; i >= 0; i--) stack.push({ path: [...path, i], value: value[i] });
    else if (value && typeof value === 'object')
      for (const k of Object.keys(value).reverse()) stack.push({ path: [...path, k], value: value[k] });
  }
  return out;
}

export function getAt(root: Plain, path: Path): Plain {
  let v: Plain = root;
  for (const k of path) v = (v as Record<string | number, Plain>)[k];
  return v;
}

/** A copy with the value at `path` replaced (or deleted when `next` is undefined). */
export function setAt(root: Plain, path: Path, next: Plain | undefined): Plain {
  const copy = structuredClone(root);
  if (path.length === 0) return next ?? null;
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, Plain> | Plain[];
  const k = path[path.length - 1];
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(k as number, 1);
    else delete (parent as Record<string, Plain>)[k as string];
  } else (parent as Record<string | number, Plain>)[k] = next;
  return copy;
}

/** Numbers at the edges of what a double holds, and strings that look like numbers but are not. */
export const EXTREME_NUMBERS: Plain[] = [
  1e308,
  -1e308,
  1.7976931348623157e308,
  -0,
  5e-324,
  2 ** 53 + 2,
  -1,
  0,
  1e21,
];
export const NUMBER_STRINGS: Plain[] = ['NaN', 'Infinity', '-Infinity', '1e309', '0x1F', '1,5', '', ' 12 '];
export const BAD_DATES: Plain[] = [
  '0000-01-01',
  '2025-02-30',
  '2025-13-01',
  '1899-12-31',
  '2101-01-01',
  '2999-12-31',
  '2025-1-1',
  '20250101',
  '2025-06-11T00:00:00Z',
  '',
];
const OTHER_TYPES = (v: Plain, rng: Rng): Plain => {
  const options: Plain[] = [null, true, 0, 'x', [], {}, [v], { value: v }];
  return rng.pick(options.filter((o) => typeof o !== typeof v || Array.isArray(o) !== Array.isArray(v)));
};
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Keys whose string values name another entry (an actor, list, group, measure, agreement, authority). */
export const REFERENCE_KEYS = new Set([
  'actor',
  'target',
  'state',
  'by',
  'importer',
  'exporter',
  'lists',
  'groups',
  'list',
  'applies_to',
  'removes',
  'when',
  'measure',
  'agreement',
  'parties',
  'extends',
  'group',
  'scenario',
]);

export type TreeMutation =
  | 'delete-key'
  | 'retype'
  | 'extreme-number'
  | 'number-string'
  | 'date-fault'
  | 'unknown-reference'
  | 'duplicate-id'
  | 'deep-nesting'
  | 'empty-container';

export const TREE_MUTATIONS: TreeMutation[] = [
  'delete-key',
  'retype',
  'extreme-number',
  'number-string',
  'date-fault',
  'unknown-reference',
  'duplicate-id',
  'deep-nesting',
  'empty-container',
];

function nested(depth: number, leaf: Plain, asArray: boolean): Plain {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

/** One mutation of `root`; falls back to retyping a random node when the tree has no fitting place. */
export function mutateTree(root: Plain, kind: TreeMutation, rng: Rng): Mutant {
  const paths = allPaths(root).filter((p) => p.path.length > 0);
  const where = (pred: (p: (typeof paths)[number]) => boolean) => {
    const c = paths.filter(pred);
    return c.length ? rng.pick(c) : null;
  };
  const done = (value: Plain, what: string, path: Path): Mutant => ({
    value,
    label: `${what} ${fmtPath(path) || '(root)'}`,
  });
  switch (kind) {
    case 'delete-key': {
      const p = where((p) => typeof p.key === 'string');
      if (p) return done(setAt(root, p.path, undefined), kind, p.path);
      break;
    }
    case 'extreme-number': {
      const p = where((p) => typeof p.value === 'number') ?? where((p) => typeof p.value !== 'object');
      if (p) {
        const v = rng.pick(EXTREME_NUMBERS);
        return done(setAt(root, p.path, v), `${kind}=${Object.is(v, -0) ? '-0' : String(v)}`, p.path);
      }
      break;
    }
    case 'number-string': {
      const p = where((p) => typeof p.value === 'number');
      if (p) {
        const v = rng.pick(NUMBER_STRINGS);
        return done(setAt(root, p.path, v), `${kind}=${JSON.stringify(v)}`, p.path);
      }
      break;
    }
    case 'date-fault': {
      const dates = paths.filter((p) => typeof p.value === 'string' && DATE_RE.test(p.value));
      if (dates.length >= 2 && rng.chance(0.3)) {
        // two dates swapped: an order fault rather than a format fault
        const a = rng.pick(dates);
        const b = rng.pick(dates);
        return done(
          setAt(setAt(root, a.path, b.value), b.path, a.value),
          `date-swap ${fmtPath(b.path)} <->`,
          a.path,
        );
      }
      if (dates.length) {
        const p = rng.pick(dates);
        const v = rng.pick(BAD_DATES);
        return done(setAt(root, p.path, v), `${kind}=${JSON.stringify(v)}`, p.path);
      }
      break;
    }
    case 'unknown-reference': {
      const p = where(
        (p) =>
          typeof p.value === 'string' &&
          (REFERENCE_KEYS.has(String(p.key)) ||
            (typeof p.key === 'number' && REFERENCE_KEYS.has(String(p.path[p.path.length - 2])))),
      );
      if (p) return done(setAt(root, p.path, 'fuzz-no-such-entry'), kind, p.path);
      break;
    }
    case 'duplicate-id': {
      const ids = paths.filter((p) => p.key === 'id' && typeof p.value === 'string');
      if (ids.length >= 2) {
        const a = rng.pick(ids);
        const b = rng.pick(ids.filter((x) => x !== a));
        return done(setAt(root, b.path, a.value), `${kind} of ${fmtPath(a.path)} at`, b.path);
      }
      break;
    }
    case 'deep-nesting': {
      const p = where((p) => typeof p.value !== 'object' || p.value === null) ?? rng.pick(paths);
      const depth = rng.pick([20, 150, 1000, 2000]); // deeper: the text-level nesting cases
      const v = nested(depth, p.value, rng.chance(0.5));
      return done(setAt(root, p.path, v), `${kind}=${depth}`, p.path);
    }
    case 'empty-container': {
      const p = where((p) => p.value !== null && typeof p.value === 'object');
      if (p) return done(setAt(root, p.path, Array.isArray(p.value) ? [] : {}), kind, p.path);
      break;
    }
    case 'retype':
      break;
  }
  const p = rng.pick(paths.length ? paths : [{ path: [] as Path, value: root, key: null }]);
  return done(setAt(root, p.path, OTHER_TYPES(p.value, rng)), 'retype', p.path);
}
