import { z } from 'zod';
import { describe, isoDate, sourceUrl as url, text } from './primitives.ts';

/**
 * Dated values (docs/vintages.md#dated-values): a number of `parameters.simulation` given as the
 * list of what was known when, instead of one figure used at every origin. Each entry is
 * `{known_from, value, source | assumption (+ range)}`, sorted by `known_from`; the vintage view
 * as known on D uses the latest entry with `known_from <= D` (the view as known today: the
 * last). An optional first entry without `known_from` is the fallback before anything was
 * known: an assumption with a range, fixed without reference to later events. Without one, a
 * move field makes the move unavailable in views before its first entry; elsewhere the
 * fallback is required. Parsing turns the list into a {@link DatedMarker}, which vintageView
 * resolves to the plain shape the engines read (a number, or a `{value, source | assumption}`).
 */

export const DATED_KEY = 'dated_values';

/** What parsing makes of a dated list: resolved by vintageView before any engine reads it. */
export interface DatedMarker {
  dated_values: DatedEntry[];
  /** The field's plain shape: a bare number or a `{value, source | assumption}`. */
  as: 'number' | 'sourced' | 'distribution';
}
export interface DatedEntry {
  known_from?: string;
  value: number;
  source?: string;
  assumption?: string;
  range?: [number, number];
  note?: string;
}

export function isDatedMarker(v: unknown): v is DatedMarker {
  return !!v && typeof v === 'object' && Array.isArray((v as Record<string, unknown>)[DATED_KEY]);
}

/**
 * A raw dated list as written in a file (before parsing): objects with a value (no other list
 * of parameters.simulation has those; moves, uncertain entries and challenges have ids or paths).
 * A view may have cut it to the fallback alone.
 */
export function isDatedList(v: unknown): v is DatedEntry[] {
  return listOfObjects(v, 'value', 'id');
}

/** A non-empty list of objects that all have key `has` and none has key `not`. */
function listOfObjects(v: unknown, has: string, not: string): boolean {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((e) => !!e && typeof e === 'object' && !Array.isArray(e) && has in e && !(not in e))
  );
}

/**
 * The schema of a dated list for a field whose plain schema is `plain` and whose values are
 * checked by `value`. `fallback: 'required'` for fields outside moves (a value must exist at
 * every origin); `'optional'` for move fields (absent: the move is unavailable before).
 */
export function datedList<P extends z.ZodType>(
  plain: P,
  value: z.ZodType<number>,
  what: string,
  as: DatedMarker['as'],
  fallback: 'required' | 'optional',
): z.ZodType<z.output<P>, z.input<P> | DatedEntry[]> {
  const entry = z
    .strictObject({
      /** The day the value became public (the data published, the figure announced or threatened). */
      known_from: isoDate.optional(),
      value,
      source: url.optional(),
      assumption: text.optional(),
      range: z.tuple([value, value]).optional(),
      note: text.optional(),
    })
    .refine((e) => (e.source === undefined) !== (e.assumption === undefined), {
      error: `${what}: give exactly one of source (a URL) or assumption (why this value)`,
    })
    .refine((e) => e.assumption === undefined || e.range !== undefined, {
      error: `${what}: an assumption needs range: [low, high] (the values it could plausibly take)`,
      path: ['range'],
    })
    .refine((e) => e.range === undefined || (e.range[0] <= e.value && e.value <= e.range[1]), {
      error: `${what}: expected range [low, high] with low <= value <= high`,
      path: ['range'],
    });
  const list = z
    .array(entry)
    .min(1, { error: `${what}: a dated list needs at least one entry` })
    .superRefine((entries, ctx) => orderIssues(entries, ctx, what, fallback))
    .transform((entries): DatedMarker => ({ [DATED_KEY]: entries as DatedEntry[], as }));
  // The output type is the plain one: vintageView resolves every marker before an engine reads it.
  return z.union([plain, list], { error: writtenFormError }) as unknown as z.ZodType<
    z.output<P>,
    z.input<P> | DatedEntry[]
  >;
}

/**
 * The rules every dated list obeys (docs/vintages.md#dated-values): entries in date order, one per
 * date; only the first may lack known_from, and that fallback is an assumption; outside a move
 * the fallback is required.
 */
function orderIssues(
  entries: { known_from?: string; assumption?: string }[],
  ctx: z.RefinementCtx,
  what: string,
  fallback: 'required' | 'optional',
  needs = ' with a range',
): void {
  let last: string | undefined;
  entries.forEach((e, i) => {
    if (e.known_from === undefined) {
      if (i > 0)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'known_from'],
          message: `${what}: only the first entry may lack known_from (the fallback before anything was known)`,
        });
      else if (e.assumption === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `${what}: the fallback (the entry without known_from) must be an assumption${needs}, fixed without reference to later events`,
        });
      return;
    }
    if (last !== undefined && e.known_from <= last)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'known_from'],
        message: `${what}: known_from ${e.known_from} ${e.known_from === last ? 'repeats' : 'is before'} the previous entry's ${last}: one entry per date, in date order`,
      });
    last = e.known_from;
  });
  if (fallback === 'required' && entries[0]?.known_from !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: [0],
      message: `${what}: ${needs ? 'outside a move ' : ''}a dated list needs a first entry without known_from (an assumption${needs}, the value before anything was known)`,
    });
}

/** A union's error said inside the form that was written (a list: the dated form), with its place. */
function writtenFormError(iss: { input?: unknown }): string | undefined {
  const branches = (iss as { errors?: { path: PropertyKey[]; message: string }[][] }).errors;
  const first = branches?.[Array.isArray(iss.input) ? 1 : 0]?.[0];
  if (!first) return undefined;
  const at = first.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
  return at ? `${at.replace(/^\./, '')}: ${first.message}` : first.message;
}

/**
 * A dated distribution (docs/vintages.md#dated-distributions): the prior of an `uncertain`
 * parameter as known when, `[{known_from?, distribution, source | assumption, note?}]`. The first
 * entry, without known_from, is required: a wide assumption fixed without later events (an
 * uncertain draw replaces its value in every run, so it must exist at every origin).
 */
export interface DatedDistributionEntry<D = unknown> {
  known_from?: string;
  distribution: D;
  source?: string;
  assumption?: string;
  note?: string;
}
export function isDatedDistributionMarker(v: unknown): v is DatedMarker {
  return isDatedMarker(v) && v.as === 'distribution';
}

/** A raw dated distribution list (before parsing): objects with a distribution and no path. */
export function isDatedDistributionList(v: unknown): v is DatedDistributionEntry[] {
  return listOfObjects(v, 'distribution', 'path');
}

export function datedDistribution<D extends z.ZodType>(
  plain: D,
): z.ZodType<z.output<D>, z.input<D> | DatedDistributionEntry<z.input<D>>[]> {
  const what = 'dated distribution';
  const entry = z
    .strictObject({
      /** The day the data or event the distribution is fitted to became public. */
      known_from: isoDate.optional(),
      distribution: plain,
      source: url.optional(),
      assumption: text.optional(),
      note: text.optional(),
    })
    .refine((e) => (e.source === undefined) !== (e.assumption === undefined), {
      error: `${what}: give exactly one of source (a URL) or assumption (why this distribution)`,
    });
  const list = z
    .array(entry)
    .min(1, { error: `${what}: a dated list needs at least one entry` })
    .superRefine((entries, ctx) => orderIssues(entries, ctx, what, 'required', ''))
    .transform((entries): DatedMarker => ({
      [DATED_KEY]: entries as unknown as DatedEntry[],
      as: 'distribution',
    }));
  return z.union([plain, list], { error: writtenFormError }) as unknown as z.ZodType<
    z.output<D>,
    z.input<D> | DatedDistributionEntry<z.input<D>>[]
  >;
}

/** The entries of a dated list known on D (D undefined: all); the fallback always stays. */
export function knownEntries<E extends { known_from?: string }>(entries: E[], d: string | undefined): E[] {
  return d === undefined ? entries : entries.filter((e) => e.known_from === undefined || e.known_from <= d);
}

/** The plain value of a marker (its last entry), or undefined when no entry is left. */
export function resolveMarker(m: DatedMarker): { value: unknown; known_from?: string } | undefined {
  const e = m.dated_values[m.dated_values.length - 1];
  if (!e) return undefined;
  if (m.as === 'number') return { value: e.value, known_from: e.known_from };
  const { known_from, ...rest } = e;
  // a distribution's entry is merged into its uncertain parameter (the date is in resolved_known_from)
  if (m.as === 'distribution') return { value: rest, known_from };
  return { value: { ...rest, ...(known_from ? { known_from } : {}) }, known_from };
}

export const num = (what: string, min: number, max: number, opts: { minOpen?: boolean } = {}) =>
  z
    .number({ error: (iss) => `expected a number (${what}), got ${describe(iss.input)}` })
    .refine((v) => Number.isFinite(v), { error: `expected a finite number (${what})` })
    .refine((v) => (opts.minOpen ? v > min : v >= min), {
      error: (iss) => `expected ${what} ${opts.minOpen ? '>' : '>='} ${min}, got ${describe(iss.input)}`,
    })
    .refine((v) => v <= max, { error: (iss) => `expected ${what} <= ${max}, got ${describe(iss.input)}` });

/** A number with its provenance: a source URL, or an explicit assumption with the reason. */
const plainSourcedValue = (what: string, min: number, max: number) =>
  z
    .strictObject({
      value: num(what, min, max),
      source: url.optional(),
      assumption: text.optional(),
      note: text.optional(),
      /** For a value fitted to data: the date those data were published (docs/vintages.md). */
      data_date: isoDate.optional(),
      /** What a view as known before `data_date` uses instead. */
      prior: z.strictObject({ value: num(what, min, max), assumption: text }).optional(),
      /** Plausible low and high of the value: required for an assumption, optional for a sourced value. */
      range: z.tuple([num(`${what}, range low`, min, max), num(`${what}, range high`, min, max)]).optional(),
    })
    .refine((v) => (v.source === undefined) !== (v.assumption === undefined), {
      error: `${what}: give exactly one of source (a URL) or assumption (why this value)`,
    })
    .refine((v) => (v.data_date === undefined) === (v.prior === undefined), {
      error: `${what}: a value fitted to data needs both data_date and prior (the value used in views before data_date)`,
    })
    .refine((v) => v.assumption === undefined || v.range !== undefined, {
      error: `${what}: an assumption needs range: [low, high] (the values it could plausibly take)`,
      path: ['range'],
    })
    .refine((v) => v.range === undefined || (v.range[0] <= v.value && v.value <= v.range[1]), {
      error: (iss) => {
        const v = iss.input as { value: number; range: [number, number] };
        return `${what}: expected range [low, high] with low <= value <= high, got [${v.range?.join(', ')}] for value ${v.value}`;
      },
      path: ['range'],
    });
export type SourcedValue = {
  value: number;
  source?: string;
  assumption?: string;
  note?: string;
  data_date?: string;
  prior?: { value: number; assumption: string };
  /** [low, high]; always present on an assumption. */
  range?: [number, number];
  /** Set by the vintage view on a value resolved from a dated list: the day it became public. */
  known_from?: string;
};

/** A `{value, source | assumption}` outside a move, or a dated list of them with a fallback. */
export const sourcedValue = (what: string, min: number, max: number) =>
  datedList(plainSourcedValue(what, min, max), num(what, min, max), what, 'sourced', 'required') as z.ZodType<
    SourcedValue,
    unknown
  >;

/** The same inside a move: a dated list may lack the fallback (the move is unavailable before). */
export const moveValue = (what: string, min: number, max: number) =>
  datedList(plainSourcedValue(what, min, max), num(what, min, max), what, 'sourced', 'optional') as z.ZodType<
    SourcedValue,
    unknown
  >;

/** A bare number of a move (a step, a cap, a floor), or a dated list of them. */
export const datedNum = (what: string, min: number, max: number, opts: { minOpen?: boolean } = {}) =>
  datedList(num(what, min, max, opts), num(what, min, max, opts), what, 'number', 'optional');

/** A whole number, `min` to `max`. */
const int = (what: string, min: number, max: number) =>
  z
    .number({ error: (iss) => `expected ${what} as a whole number, got ${describe(iss.input)}` })
    .int({ error: `expected ${what} as a whole number` })
    .min(min, { error: `expected ${what} >= ${min}` })
    .max(max, { error: `expected ${what} <= ${max}` });

/** An integer setting outside a move (weeks, counts), or a dated list of them with its fallback. */
export const datedInt = (what: string, min: number, max: number) =>
  datedList(int(what, min, max), int(what, min, max), what, 'number', 'required');
