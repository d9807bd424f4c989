// Scenarios: list, read, validate, upload (POST or raw PUT) and delete.
import { checkName } from '../names.ts';
import * as S from '../schemas.ts';
import * as R from '../responses/index.ts';
import { bodyOf, on, type Route, type RouteContext } from './route.ts';

export function scenarioRoutes(ctx: RouteContext): Route[] {
  const { work, scenarios } = ctx;
  return [
    {
      method: 'GET',
      url: '/api/scenarios',
      tag: 'scenarios',
      summary: 'List built-in and uploaded scenarios',
      response: { name: 'ScenarioList', schema: R.ScenarioList },
      handler: () => work('scenarioList', undefined),
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name',
      tag: 'scenarios',
      summary: 'A scenario (product lists as counts) with its tariff authorities',
      params: S.NameParams,
      response: { name: 'ScenarioInfo', schema: R.ScenarioInfo },
      handler: (req) => work('scenarioInfo', on(req)),
    },
    {
      method: 'POST',
      url: '/api/scenarios/validate',
      tag: 'scenarios',
      summary:
        'Validate a scenario (YAML/JSON text in content, or a JSON object in scenario) without saving it',
      body: S.ScenarioUpload,
      response: { name: 'ScenarioValid', schema: R.ScenarioValid },
      handler: (req) => work('validate', on(req)),
    },
    {
      method: 'POST',
      url: '/api/scenarios',
      tag: 'scenarios',
      summary: 'Upload a scenario under a name (may extend a built-in or another upload)',
      body: S.ScenarioUpload,
      status: 201,
      response: { name: 'ScenarioSaved', schema: R.ScenarioSaved },
      handler: (req, reply) => {
        const body = bodyOf(S.ScenarioUpload, req);
        const { name, scenario } = scenarios.check(body, true);
        void reply.status(201);
        return {
          name,
          id: scenario.id,
          title: scenario.title,
          counts: {
            measures: scenario.measures.length,
            agreements: scenario.agreements.length,
            claims: scenario.claims.length,
          },
        };
      },
    },
    {
      method: 'PUT',
      url: '/api/scenarios/:name',
      tag: 'scenarios',
      summary:
        'Upload a scenario as a raw YAML or JSON body (Content-Type application/yaml or application/json)',
      params: S.NameParams,
      status: 201,
      response: { name: 'ScenarioPut', schema: R.ScenarioPut },
      handler: (req, reply) => {
        const name = checkName((req.params as { name: string }).name);
        const body =
          typeof req.body === 'string' ? { name, content: req.body } : { name, scenario: req.body };
        const { scenario } = scenarios.check(body, true);
        void reply.status(201);
        return { name, id: scenario.id, title: scenario.title };
      },
    },
    {
      method: 'DELETE',
      url: '/api/scenarios/:name',
      tag: 'scenarios',
      summary: 'Delete an uploaded scenario',
      params: S.NameParams,
      response: { name: 'ScenarioDeleted', schema: R.ScenarioDeleted },
      handler: (req) => (scenarios.delete((req.params as { name: string }).name), { deleted: true }),
    },
  ];
}
