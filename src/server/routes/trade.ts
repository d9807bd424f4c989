// Tariff stacks, groups, effective rates, claims and the trade response (GET, or POST with what-if layers).
import * as S from '../schemas.ts';
import * as R from '../responses/index.ts';
import { on, type Route, type RouteContext } from './route.ts';

export function tradeRoutes(ctx: RouteContext): Route[] {
  const { work } = ctx;
  return [
    {
      method: 'GET',
      url: '/api/scenarios/:name/tariffs',
      tag: 'trade',
      summary:
        'Tariff stack by authority over time for a direction and a product group, product or all lines; coverage',
      params: S.NameParams,
      query: S.TariffQuery,
      response: { name: 'TariffSeries', schema: R.TariffSeries },
      handler: (req) => work('tariffs', on(req)),
    },
    {
      method: 'POST',
      url: '/api/scenarios/:name/tariffs',
      tag: 'trade',
      summary: 'Tariff stack series with what-if tariff layers (overrides)',
      params: S.NameParams,
      body: S.TariffBody,
      response: { name: 'TariffSeriesWhatIf', schema: R.TariffSeriesWhatIf },
      handler: (req) => work('tariffsWhatIf', on(req)),
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name/groups',
      tag: 'trade',
      summary: "Each product group's stack on a date (most common stack, min and max)",
      params: S.NameParams,
      query: S.GroupsQuery,
      response: { name: 'Groups', schema: R.Groups },
      handler: (req) => work('groups', on(req)),
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name/effective',
      tag: 'trade',
      summary: 'Trade-weighted effective tariff rate by authority (shipped base-year flows)',
      params: S.NameParams,
      query: S.EffectiveQuery,
      response: { name: 'Effective', schema: R.Effective },
      handler: (req) => work('effective', on(req)),
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name/claims',
      tag: 'trade',
      summary: "The scenario's public claims checked against the ledger and flows",
      params: S.NameParams,
      response: { name: 'Claims', schema: R.Claims },
      handler: (req) => work('claims', on(req)),
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name/response',
      tag: 'trade',
      summary: 'Partial-equilibrium trade response of US imports (CES by default, or SMART)',
      params: S.NameParams,
      query: S.ResponseQuery,
      response: { name: 'TradeResponse', schema: R.TradeResponse },
      handler: (req) => work('response', on(req)),
    },
    {
      method: 'POST',
      url: '/api/scenarios/:name/response',
      tag: 'trade',
      summary: 'Trade response with what-if tariff layers and elasticities',
      params: S.NameParams,
      body: S.ResponseBody,
      response: { name: 'TradeResponse', schema: R.TradeResponse },
      handler: (req) => work('responseWhatIf', on(req)),
    },
  ];
}
