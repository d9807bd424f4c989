// Rare-earth exposure and bottleneck, and input-output shocks.
import * as S from '../schemas.ts';
import * as R from '../responses/index.ts';
import { on, type Route, type RouteContext } from './route.ts';

export function supplyRoutes(ctx: RouteContext): Route[] {
  const { work } = ctx;
  return [
    {
      method: 'GET',
      url: '/api/scenarios/:name/exposure',
      tag: 'supply',
      summary: 'Rare-earth licensing over time, exposure by industry and country, weekly loss, flow diagram',
      params: S.NameParams,
      query: S.ExposureQuery,
      response: { name: 'Exposure', schema: R.Exposure },
      handler: (req) => work('exposure', on(req)),
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name/exposure/bottleneck',
      tag: 'supply',
      summary:
        'Rare-earth bottleneck model: weekly stocks, output lost by user and country (USD a week, with bands), the week each cohort runs dry; counterfactual hold_flows_from',
      params: S.NameParams,
      query: S.BottleneckQuery,
      response: { name: 'Bottleneck', schema: R.Bottleneck },
      handler: (req) => work('bottleneck', on(req)),
    },
    {
      method: 'GET',
      url: '/api/io/sectors',
      tag: 'supply',
      summary: 'Regions and industries of the input-output table',
      response: { name: 'IoSectors', schema: R.IoSectors },
      handler: () => work('ioSectors', undefined),
    },
    {
      method: 'POST',
      url: '/api/io/shock',
      tag: 'supply',
      summary: 'Demand (Leontief) or supply (Ghosh) shock on one sector of the WIOD table',
      body: S.ShockBody,
      response: { name: 'IoShock', schema: R.IoShock },
      handler: (req) => work('ioShock', on(req)),
    },
  ];
}
