// The route table: every API route, by resource, declared once. app.ts registers each with the
// router and openapi.ts publishes them (in this order) in /openapi.json.
import { forecastRoutes } from './forecast.ts';
import { gameRoutes } from './game.ts';
import { ledgerViewRoutes } from './ledger-views.ts';
import { ledgerRoutes } from './ledger.ts';
import { healthRoutes } from './meta.ts';
import type { Route, RouteContext } from './route.ts';
import { runRoutes } from './runs.ts';
import { scenarioRoutes } from './scenarios.ts';
import { supplyRoutes } from './supply.ts';
import { tradeRoutes } from './trade.ts';

export { openApiDocument } from './openapi.ts';
export type { Route, RouteContext } from './route.ts';

export function routeTable(ctx: RouteContext): Route[] {
  return [
    ...healthRoutes(ctx),
    ...scenarioRoutes(ctx),
    ...ledgerRoutes(ctx),
    ...tradeRoutes(ctx),
    ...supplyRoutes(ctx),
    ...gameRoutes(ctx),
    ...runRoutes(ctx),
    ...forecastRoutes(ctx),
    // daily averages, since-then, who-paid: light reads of the ledger, answered inline
    ...ledgerViewRoutes(ctx),
  ];
}
