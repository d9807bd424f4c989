import type { FieldLabel } from '../report/index.ts';
import { UserError } from './errors.ts';

export interface NumberRange {
  min?: number;
  max?: number;
  integer?: boolean;
  /** Units for the message, e.g. "share in [0,1]" or "weeks". */
  unit?: string;
}

/** Parse a numeric CLI option strictly: "ten", "", "1e999" and out-of-range values are errors. */
export function parseNumberOption(flag: string, raw: string | undefined, range: NumberRange = {}): number {
  const text = (raw ?? '').trim();
  const x = text === '' ? NaN : Number(text);
  const unit = range.unit ? ` (${range.unit})` : '';
  if (!Number.isFinite(x))
    throw new UserError(`${flag}: expected a number${unit}, got ${JSON.stringify(raw ?? '')}`);
  if (range.integer && !Number.isInteger(x))
    throw new UserError(`${flag}: expected an integer${unit}, got ${text}`);
  if (range.min !== undefined && x < range.min)
    throw new UserError(`${flag}: expected a number >= ${range.min}${unit}, got ${text}`);
  if (range.max !== undefined && x > range.max)
    throw new UserError(`${flag}: expected a number <= ${range.max}${unit}, got ${text}`);
  return x;
}

/** Parse --seed: a whole number from 0 to 2^53 - 1 (a run is the same for the same seed). */
export function parseSeedOption(raw: string | undefined): number {
  return parseNumberOption('--seed', raw, {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
    unit: 'seed',
  });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parse an ISO calendar date (YYYY-MM-DD) and check that it exists. */
export function parseDateOption(flag: string, raw: string | undefined): string {
  const text = (raw ?? '').trim();
  const m = ISO_DATE.exec(text);
  if (!m) throw new UserError(`${flag}: expected a date YYYY-MM-DD, got ${JSON.stringify(raw ?? '')}`);
  const d = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text)
    throw new UserError(`${flag}: ${text} is not a calendar date`);
  return text;
}

/**
 * How the CLI names a report's query fields in messages: `--<field>` (camelCase to kebab-case),
 * with renames where the flag differs from the field (`{ date: '--at' }`).
 */
export function cliField(renames: Record<string, string> = {}): FieldLabel {
  return (f) =>
    Object.hasOwn(renames, f) ? renames[f] : `--${f.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;
}
