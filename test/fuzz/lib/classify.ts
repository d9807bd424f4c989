// Every fuzz case ends in one of five outcomes. The suite fails on crash, hang and silent-wrong.
import { LeverageError } from '../../../src/errors/index.ts';

export type Outcome = 'located' | 'accepted' | 'crash' | 'hang' | 'silent-wrong';
export const OUTCOMES: Outcome[] = ['located', 'accepted', 'crash', 'hang', 'silent-wrong'];
export const FAILING: ReadonlySet<Outcome> = new Set(['crash', 'hang', 'silent-wrong']);

export interface CaseResult {
  target: string;
  mutation: string;
  label: string;
  outcome: Outcome;
  ms: number;
  /** Why: the error message, or the path of the non-finite number. */
  detail?: string;
}

/**
 * A user's error is located when it is a LeverageError of a user-facing kind that says where:
 * a structured location (file, path or line), or a message that names the input (`where`).
 * Anything else thrown - a TypeError, a RangeError, an internal-kind error, an error that does
 * not say where - is a crash: the user cannot tell what to fix.
 */
export function classifyError(
  err: unknown,
  where: readonly (string | RegExp)[],
): { outcome: Outcome; detail: string } {
  const message = err instanceof Error ? err.message : String(err);
  const detail = `${err instanceof Error ? err.name : typeof err}: ${message.split('\n')[0].slice(0, 200)}`;
  if (!(err instanceof LeverageError) || err.kind === 'internal') return { outcome: 'crash', detail };
  const loc = err.location;
  const structured = !!loc && (loc.file !== undefined || loc.path !== undefined || loc.line !== undefined);
  const named = where.some((w) =>
    typeof w === 'string' ? w !== '' && message.includes(w) : w.test(message),
  );
  return { outcome: structured || named ? 'located' : 'crash', detail: `unlocated ${detail}` };
}

/**
 * The path of the first number that is not finite anywhere in `value` (objects, arrays, typed
 * arrays, Maps and Sets), or null. Walked with an explicit stack; shared objects are visited once.
 */
export function nonFinitePath(value: unknown, limit = 5_000_000): string | null {
  const seen = new Set<object>();
  const stack: [unknown, string][] = [[value, '']];
  let visited = 0;
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (++visited > limit) return null;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${path || '(value)'} = ${v}`;
      continue;
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const arr = v as unknown as ArrayLike<number | bigint>;
      for (let i = 0; i < arr.length; i++) {
        const x = arr[i];
        if (typeof x === 'number' && !Number.isFinite(x)) return `${path}[${i}] = ${x}`;
      }
      continue;
    }
    if (v instanceof Map) {
      for (const [k, x] of v) stack.push([x, `${path}<${String(k)}>`]);
      continue;
    }
    if (v instanceof Set) {
      let i = 0;
      for (const x of v) stack.push([x, `${path}{${i++}}`]);
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
      continue;
    }
    for (const k of Object.keys(v))
      stack.push([(v as Record<string, unknown>)[k], path ? `${path}.${k}` : k]);
  }
  return null;
}

/** A case may take this many times its CPU limit in wall time before it is a hang (the machine may be loaded). */
export const WALL_FACTOR = 6;

/**
 * Run one case: `fn` returns the accepted output (checked for non-finite numbers) or throws.
 * A case is a hang when it uses more than `limitMs` of CPU time (the measure that does not
 * change with the load of a shared machine) or more than WALL_FACTOR times that in wall time
 * (asynchronous code is raced against that; synchronous code cannot be stopped, so it is timed).
 */
export async function runCase(
  meta: { target: string; mutation: string; label: string; where: readonly (string | RegExp)[] },
  fn: () => unknown,
  limitMs: number,
): Promise<CaseResult> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const wallLimit = limitMs * WALL_FACTOR;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), wallLimit);
  });
  const base = { target: meta.target, mutation: meta.mutation, label: meta.label };
  const over = () => {
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1000;
    const wall = performance.now() - t0;
    return cpu > limitMs || wall > wallLimit
      ? `${cpu.toFixed(0)} ms CPU (limit ${limitMs}), ${wall.toFixed(0)} ms wall (limit ${wallLimit})`
      : null;
  };
  try {
    const out = await Promise.race([Promise.resolve().then(fn), timeout]);
    const ms = performance.now() - t0;
    const hang = out === 'hang' ? `over ${wallLimit} ms wall` : over();
    if (hang) return { ...base, outcome: 'hang', ms, detail: hang };
    const bad = nonFinitePath(out);
    if (bad) return { ...base, outcome: 'silent-wrong', ms, detail: bad };
    return { ...base, outcome: 'accepted', ms };
  } catch (err) {
    const ms = performance.now() - t0;
    const hang = over();
    if (hang) return { ...base, outcome: 'hang', ms, detail: hang };
    return { ...base, ...classifyError(err, meta.where), ms };
  } finally {
    clearTimeout(timer);
  }
}
