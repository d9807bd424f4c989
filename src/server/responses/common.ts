// Building blocks shared by the response schemas of every area.
import { z } from 'zod';

/** a count, days or bytes: a whole number >= 0 */
export const count = () => z.number().int().min(0);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const day = (what: string) => isoDate.describe(`${what} (YYYY-MM-DD)`);
export const pct = (what: string) => z.number().describe(`${what}, percent ad valorem`);
export const share = (what: string) => z.number().min(0).max(1).describe(`${what}, share 0-1`);
/** authority name (IEEPA fentanyl, Section 301, ...) -> rate in percent */
export const layers = (what: string) =>
  z.record(z.string(), z.number()).describe(`${what}: authority -> rate, percent ad valorem`);

/** Added to every /api/scenarios/:name/... answer by the as-of hooks (as-of.ts). */
export const asOf = {
  as_of: isoDate
    .nullable()
    .describe("the scenario's as-of date: the last day its ledger vouches for (null when it has none)"),
  warnings: z.array(z.string()).describe('queried dates past as_of, and other caveats'),
};

export const usd = (what: string) => z.number().describe(`${what}, USD`);

/** The weights and rates a trade-weighted average is computed on (trade/rates.ts RateBasis). */
export const rateBasis = z.object({
  importer: z.string(),
  exporter: z.string(),
  weights: z.string().describe('which fixed base-year weights, in words'),
  base_year: count(),
  base_usd: usd('base-year imports of the direction'),
  mfn_included: z.boolean(),
  mfn_note: z.string(),
  rates: z.string(),
  notes: z.array(z.string()),
});

/** What-if tariff layers a POST applied, echoed. */
export const overrides = z.array(
  z.object({
    importer: z.string(),
    exporter: z.string(),
    authority: z.string(),
    pct: pct('the layer from `from` on'),
    from: day('the layer starts'),
  }),
);

export const directionKey = z.enum(['us_on_cn', 'cn_on_us']);
/** Which direction a row is about (report/segments.ts DirectionId). */
export const directionId = z.object({
  key: directionKey,
  label: z.string(),
  importer: z.string(),
  exporter: z.string(),
});
export const pp = (what: string) => z.number().describe(`${what}, percentage points`);
