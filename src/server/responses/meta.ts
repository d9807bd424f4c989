// Response schemas of the meta and scenario routes: health, the scenario list, a scenario.
import { z } from 'zod';
import { asOf, count, day } from './common.ts';

export const Health = z.looseObject({
  ok: z.literal(true),
  limits: z.object({
    body_bytes: count().describe('largest request body, bytes'),
    max_concurrent_runs: count(),
    max_runs_per_request: count(),
  }),
  engine: z.object({ monte_carlo: z.boolean().describe('false: run requests are answered 503') }),
  runs_running: count(),
});

export const ScenarioList = z.looseObject({
  scenarios: z.array(
    z.object({
      name: z.string(),
      builtin: z.boolean(),
      title: z.string().nullable().describe('null when the scenario is invalid'),
      extends: z.string().nullable().describe('the scenario an upload extends'),
      valid: z.boolean(),
      date: day("the scenario's views.date: what a view shows when no date is asked for")
        .nullable()
        .optional()
        .describe('null: the scenario has none; absent when the scenario is invalid'),
      error: z.string().optional().describe('why the scenario does not load (valid false)'),
    }),
  ),
});

export const ScenarioInfo = z.looseObject({
  name: z.string(),
  builtin: z.boolean(),
  authorities: z
    .array(z.object({ authority: z.string(), importer: z.string(), exporters: z.array(z.string()) }))
    .describe('tariff authorities by importer, with the exporters their measures target'),
  groups: z.array(z.object({ id: z.string(), title: z.string() })).describe('product groups'),
  scenario: z
    .looseObject({
      id: z.string(),
      title: z.string(),
      description: z.string().optional(),
      as_of: day('the last day the ledger vouches for').optional(),
      as_known_on: day('a vintage view: the date it is as known on').optional(),
      actors: z.record(z.string(), z.looseObject({})),
      products: z.looseObject({
        classification: z.string(),
        universe: z
          .record(z.string(), z.object({ line_count: count() }))
          .describe('known tariff lines by importer, as counts'),
        lists: z
          .record(z.string(), z.looseObject({ code_count: count() }))
          .describe('product lists with their codes as counts'),
        groups: z.record(z.string(), z.looseObject({})),
      }),
      stacking: z.looseObject({}),
      measures: z.array(z.looseObject({ id: z.string(), kind: z.string() })),
      agreements: z.array(z.looseObject({ id: z.string() })),
      claims: z.array(z.looseObject({ id: z.string() })),
      parameters: z.looseObject({}),
    })
    .describe(
      'the scenario as loaded (the format of docs/scenario.md), product lists and universe as counts',
    ),
  ...asOf,
});

const counts = z
  .object({ measures: count(), agreements: count(), claims: count() })
  .describe("the scenario's measures, agreements and claims, as counts");

/** POST /api/scenarios/validate: the scenario loads (an invalid one is answered 422). */
export const ScenarioValid = z.looseObject({
  valid: z.literal(true),
  id: z.string().describe("the scenario's id"),
  title: z.string(),
  counts,
});

/** POST /api/scenarios (201): the upload, saved under its name. */
export const ScenarioSaved = z.looseObject({
  name: z.string().describe('the name it is saved under'),
  id: z.string().describe("the scenario's id"),
  title: z.string(),
  counts,
});

/** PUT /api/scenarios/:name (201): the raw upload, saved. */
export const ScenarioPut = z.looseObject({
  name: z.string().describe('the name it is saved under'),
  id: z.string().describe("the scenario's id"),
  title: z.string(),
});

/** DELETE /api/scenarios/:name. */
export const ScenarioDeleted = z.looseObject({ deleted: z.literal(true) });
