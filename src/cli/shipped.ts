import { loadShippedTradeData, loadValidationTargets } from '../io/index.ts';
import type { PublishedTarget } from '../report/index.ts';
import type { ShippedTrade } from '../trade/index.ts';

let trade: ShippedTrade | null = null;
let targets: PublishedTarget[] | null = null;

/** The shipped trade tables, read once per process. */
export function shippedTrade(): ShippedTrade {
  return (trade ??= loadShippedTradeData());
}

/** The shipped published figures (PIIE and others), read once per process. */
export function shippedTargets(): PublishedTarget[] {
  return (targets ??= loadValidationTargets());
}
