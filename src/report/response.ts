// "What happens to US imports?" The partial-equilibrium trade response of US imports to the
// tariffs of a date (and any what-if layers). One function, one default model (CES, docs/trade.md:
// the 2025 shocks are 100%+, beyond SMART's linear range), for the CLI's `response`, the API's
// /response and the dashboard's editor.
import type { Scenario } from '../model/index.ts';
import {
  elasticitySpec,
  scenarioResponse,
  type ResponseModel,
  type ScenarioResponse,
  type ShippedTrade,
} from '../trade/index.ts';
import { checkActor, fieldError, roundFigures, type FieldLabel } from './query.ts';
import type { ElasticityEdit, TariffOverride } from './whatif.ts';

/** The documented default (docs/trade.md "Defaults and overrides"). */
export const DEFAULT_RESPONSE_MODEL: ResponseModel = 'ces';
export const DEFAULT_RESPONSE_BASE_DATE = '2025-01-01';
export const DEFAULT_RESPONSE_TOP = 15;

export interface TradeResponseQuery {
  at: string;
  base_date?: string;
  model?: ResponseModel;
  mfn?: boolean;
  /** HS6 products listed in top_products. */
  top?: number;
  /** Only the US import market ships with partner-level flows. */
  importer?: string;
  exporter?: string;
}

export type TradeResponse = Omit<ScenarioResponse, 'detail'> & {
  scenario: string;
  /** What-if layers applied to the scenario before the response (empty: the scenario's own). */
  overrides: TariffOverride[];
  /** What-if elasticities (null: the scenario's own). */
  elasticities: ElasticityEdit | null;
  /**
   * The default elasticities the response used (the scenario's, with any what-if edit), before
   * product or group overrides: what an editor starts from.
   */
  elasticities_used: { sigma: number; epsilon_m: number; epsilon_x: number; overrides: number };
};

/**
 * The response of `scn` (already carrying any what-if edits, echoed in `edits`). Returns the
 * report and the product x partner CSV (for the CLI's --table; not part of the report).
 */
export function tradeResponse(
  scn: Scenario,
  trade: ShippedTrade,
  q: TradeResponseQuery,
  label: FieldLabel,
  edits: { overrides?: TariffOverride[]; elasticities?: ElasticityEdit | null } = {},
): { report: TradeResponse; detail: () => string } {
  const importer = q.importer ?? 'US';
  const exporter = q.exporter ?? 'CN';
  checkActor(scn, label, 'importer', importer);
  checkActor(scn, label, 'exporter', exporter);
  if (importer !== 'US' || exporter !== 'CN')
    throw fieldError(
      label,
      'importer',
      'only the US import market (importer US, exporter CN) ships with partner-level flows',
    );
  const r = scenarioResponse(scn, trade, {
    base_date: q.base_date ?? DEFAULT_RESPONSE_BASE_DATE,
    at: q.at,
    model: q.model ?? DEFAULT_RESPONSE_MODEL,
    mfn: !!q.mfn,
  });
  const { detail, ...rest } = r;
  const suppliers = [...r.suppliers].sort(
    (a, b) => b.dm_usd - a.dm_usd || a.supplier.localeCompare(b.supplier),
  );
  const report = roundFigures({
    scenario: scn.id,
    overrides: edits.overrides ?? [],
    elasticities: edits.elasticities ?? null,
    elasticities_used: usedElasticities(scn),
    ...rest,
    suppliers,
    top_products: r.top_products.slice(0, q.top ?? DEFAULT_RESPONSE_TOP),
  });
  return { report, detail };
}

function usedElasticities(scn: Scenario): TradeResponse['elasticities_used'] {
  const spec = elasticitySpec(scn);
  const d = spec.default;
  return {
    sigma: d.sigma,
    epsilon_m: d.epsilon_m,
    epsilon_x: d.epsilon_x,
    overrides: spec.overrides?.length ?? 0,
  };
}
