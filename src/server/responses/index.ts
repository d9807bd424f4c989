// Response schemas (zod) of the API routes: routes/openapi.ts publishes each under
// components/schemas in /openapi.json (Route.response) and test/server/openapi-validate.test.ts
// checks real answers against the published JSON Schema. Written from what the handlers and the report functions
// return. Top-level objects are loose (a route may add a field without breaking clients);
// nested objects whose keys the report writes literally are closed.
// One file per API area; this index re-exports them all (the route files import it as R).
export * from './meta.ts';
export * from './tariffs.ts';
export * from './ledger.ts';
export * from './trade.ts';
export * from './supply.ts';
export * from './game.ts';
export * from './runs.ts';
export * from './forecast.ts';
