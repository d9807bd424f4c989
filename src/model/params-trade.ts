import { z } from 'zod';

const source = z.string().min(1, { error: 'say where the value comes from' });
const sigma = z.number().positive({ error: 'sigma (substitution between origins) must be > 0' });
const epsilon_m = z.number().negative({ error: 'epsilon_m (import demand) must be < 0' });
const epsilon_x = z
  .number()
  .positive({ error: 'epsilon_x (export supply) must be > 0; use 99 for "infinite" as WITS does' });

/** One set of PE elasticities (WITS SMART / GSIM notation). */
export const ElasticitiesSchema = z.strictObject({ sigma, epsilon_m, epsilon_x, source });

/**
 * `parameters.elasticities`: trade-response elasticities. `default` replaces the built-in defaults
 * (sigma 1.5, epsilon_x 99: WITS SMART; epsilon_m -1.5 placeholder); each override sets some of the
 * three for an HS code prefix (`hs`, longest match wins) or a product group (`group`).
 */
export const TradeParametersSchema = z.strictObject({
  default: ElasticitiesSchema.optional(),
  overrides: z
    .array(
      z
        .strictObject({
          hs: z
            .string()
            .regex(/^\d{2}(\.?\d{2}){0,4}$/, { error: 'expected an HS code such as 8505 or 8505.11' })
            .optional(),
          group: z.string().min(1).optional(),
          sigma: sigma.optional(),
          epsilon_m: epsilon_m.optional(),
          epsilon_x: epsilon_x.optional(),
          source,
        })
        .refine((o) => (o.hs === undefined) !== (o.group === undefined), {
          error: 'give exactly one of hs or group',
        }),
    )
    .default([]),
});
