import { z } from 'zod';
import { FIRST_DATE, LAST_DATE, inDateRange, isIsoDate } from './dates.ts';

// Field types shared by the scenario schema and the engines' parameter schemas, with messages
// that say what was expected and what was found.

/** A value as a message shows it: short strings quoted, containers named. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '...' : v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

export const isoDate = z
  .string({ error: (iss) => `expected a date YYYY-MM-DD, got ${describe(iss.input)}` })
  .regex(/^\d{4}-\d{2}-\d{2}$/, {
    abort: true,
    error: (iss) => `expected a date YYYY-MM-DD, got ${describe(iss.input)}`,
  })
  .refine(isIsoDate, {
    abort: true,
    error: (iss) => `expected a calendar date YYYY-MM-DD, got ${describe(iss.input)}`,
  })
  .refine(inDateRange, {
    error: (iss) => `expected a date between ${FIRST_DATE} and ${LAST_DATE}, got ${describe(iss.input)}`,
  })
  .meta({ description: 'ISO calendar date YYYY-MM-DD', format: 'date' });

export const slug = z
  .string({ error: (iss) => `expected an identifier, got ${describe(iss.input)}` })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    error: 'expected an identifier of letters, digits, ".", "_" or "-"',
  });

/** A source is the URL of the public material an entry was built from. */
export const sourceUrl = z
  .string({ error: (iss) => `expected a source URL, got ${describe(iss.input)}` })
  .regex(/^https?:\/\/\S+$/, {
    error: (iss) => `expected an http(s) source URL, got ${describe(iss.input)}`,
  });
export const sources = z.array(sourceUrl).min(1, { error: 'every entry needs at least one source URL' });

export const text = z
  .string({ error: (iss) => `expected text, got ${describe(iss.input)}` })
  .min(1, { error: 'expected non-empty text' });
