import { z } from 'zod';

/**
 * `parameters.elasticities`: trade-response elasticities (defaults and per-product overrides).
 * Placeholder until the trade engine defines its schema.
 */
export const TradeParametersSchema = z.unknown();
