// "Is that claim right?" Each public claim of the scenario checked against the ledger and the
// trade flows on its date. One function for the CLI's `claims`, the API's /claims and the overview.
import type { Scenario } from '../model/index.ts';
import { scenarioClaims, type ClaimCheck, type ShippedTrade } from '../trade/index.ts';
import { roundFigures } from './query.ts';

export interface ClaimsReport {
  scenario: string;
  claims: ClaimCheck[];
}

export function claimsReport(scn: Scenario, trade: ShippedTrade): ClaimsReport {
  return roundFigures({ scenario: scn.id, claims: scenarioClaims(scn, trade) });
}
