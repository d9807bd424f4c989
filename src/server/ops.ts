// The server's heavy work, one entry per kind of request: plain data in (a scenario name and
// the validated query or body), plain data out. app.ts runs these in a worker pool (pool.ts) so
// the event loop only routes, or inline (tests from source); both run exactly this code.
import {
  getStrategyInfo,
  GameInputError,
  makeBimatrix,
  parseStrategySpec,
  roundRobin,
} from '../game/index.ts';
import { equilibriaReport, trackRecordReport } from '../report/index.ts';
import {
  BUILTIN_QUESTIONS,
  loadQuestionSet,
  resolutionDocument,
  trackRecord,
  trackRecordIfReady,
} from '../forecast/index.ts';
import { DEFAULT_SCENARIO } from '../io/index.ts';
import type { Scenario } from '../model/index.ts';
import {
  applyOverrides,
  claims,
  effectiveSeries,
  groupsOn,
  ledgerOn,
  response,
  tariffSeries,
  timelineView,
} from './analysis.ts';
import { runStory, withRunOptions, type RunOptions } from './engine.ts';
import { ApiError } from './errors.ts';
import type { ScenarioStore } from './scenarios.ts';
import { bottleneckCached, exposureCached, ioLabels, ioShock } from './supply.ts';
import * as S from './schemas.ts';
import { parseWith } from './errors.ts';
import type { z } from 'zod';

type Q<T extends z.ZodType> = z.infer<T>;

/** A request's JSON body checked against its schema (400 when missing or not an object). */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === undefined || body === null)
    throw new ApiError(
      'input',
      'bad_request',
      'a JSON body is required (Content-Type: application/json)',
      'body',
    );
  if (typeof body !== 'object' || Array.isArray(body))
    throw new ApiError('input', 'bad_request', 'the body must be a JSON object', 'body');
  return parseWith(schema, body, 'body');
}

/** A scenario without its bulky product lists (counts instead of codes). */
function scenarioSummary(scn: Scenario) {
  const lists = Object.fromEntries(
    Object.entries(scn.products.lists).map(([k, l]) => [
      k,
      { ...l, codes: undefined, code_count: l.codes.length },
    ]),
  );
  const universe = Object.fromEntries(
    Object.entries(scn.products.universe).map(([k, v]) => [k, { line_count: v.length }]),
  );
  return { ...scn, files: undefined, products: { ...scn.products, lists, universe } };
}

function tariffAuthorities(scn: Scenario) {
  const m = new Map<string, { authority: string; importer: string; exporters: Set<string> }>();
  for (const x of scn.measures) {
    if (x.kind !== 'tariff') continue;
    const k = `${x.actor}|${x.authority}`;
    const e = m.get(k) ?? { authority: x.authority, importer: x.actor, exporters: new Set<string>() };
    e.exporters.add(x.target);
    m.set(k, e);
  }
  return [...m.values()].map((e) => ({
    authority: e.authority,
    importer: e.importer,
    exporters: [...e.exporters],
  }));
}

/** A game-domain input error as the API's 422. */
function gameErr<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof GameInputError) throw new ApiError('input', 'invalid', err.message);
    throw err;
  }
}

function counts(scenario: Scenario) {
  return {
    measures: scenario.measures.length,
    agreements: scenario.agreements.length,
    claims: scenario.claims.length,
  };
}

/**
 * A query's date or control left out: the scenario's views block gives it (docs/scenario.md#views);
 * a scenario without one needs the field.
 */
function fromViews(s: Scenario, view: 'date' | 'control', field: string, given?: string): string {
  const v = given ?? s.views[view];
  if (v === undefined)
    throw new ApiError(
      'input',
      'bad_request',
      `query.${field}: required (scenario "${s.id}" has no views.${view})`,
      `query.${field}`,
    );
  return v;
}

/** A scenario named in a request's path, with the request's raw query or body. */
interface OnScenario {
  name: string;
  query?: unknown;
  body?: unknown;
}

/**
 * The operations on a scenario store, each on one plain-data argument: the raw request parts,
 * validated here in the order the inline handlers always did (which error a request meets first).
 */
export function makeOps(store: ScenarioStore) {
  const scn = (name: string) => store.get(name);
  const q = <T>(schema: z.ZodType<T>, query: unknown) => parseWith(schema, query, 'query');
  return {
    scenarioList: () => ({ scenarios: store.list() }),
    scenarioInfo: ({ name }: OnScenario) => {
      const s = scn(name);
      return {
        name,
        builtin: store.isBuiltin(name),
        authorities: tariffAuthorities(s),
        groups: Object.entries(s.products.groups).map(([id, g]) => ({ id, title: g.title ?? id })),
        scenario: scenarioSummary(s),
      };
    },
    validate: ({ body }: OnScenario) => {
      const x = parseBody(S.ScenarioUpload, body);
      const { scenario } = store.check({ content: x.content, scenario: x.scenario }, false);
      return { valid: true, id: scenario.id, title: scenario.title, counts: counts(scenario) };
    },
    ledger: ({ name, query }: OnScenario) => ledgerOn(scn(name), q(S.LedgerQuery, query)),
    timeline: ({ name, query }: OnScenario) => timelineView(scn(name), q(S.TimelineQuery, query)),
    tariffs: ({ name, query }: OnScenario) => tariffSeries(scn(name), q(S.TariffQuery, query)),
    tariffsWhatIf: ({ name, body }: OnScenario) => {
      const { overrides, ...rest } = parseBody(S.TariffBody, body);
      return { ...tariffSeries(applyOverrides(scn(name), overrides), rest), overrides };
    },
    groups: ({ name, query }: OnScenario) => {
      const s = scn(name);
      const x = q(S.GroupsQuery, query);
      return groupsOn(s, { ...x, date: fromViews(s, 'date', 'date', x.date) });
    },
    effective: ({ name, query }: OnScenario) => effectiveSeries(scn(name), q(S.EffectiveQuery, query)),
    claims: ({ name }: OnScenario) => claims(scn(name)),
    response: ({ name, query }: OnScenario) => {
      const s = scn(name);
      const x = q(S.ResponseQuery, query);
      return response(s, { ...x, at: fromViews(s, 'date', 'at', x.at) });
    },
    responseWhatIf: ({ name, body }: OnScenario) => {
      const { overrides, elasticities, ...rest } = parseBody(S.ResponseBody, body);
      const s = scn(name);
      const at = fromViews(s, 'date', 'at', rest.at);
      return response(applyOverrides(s, overrides), { ...rest, at }, { overrides, elasticities });
    },
    exposure: ({ name, query }: OnScenario) => {
      const s = scn(name);
      const x = q(S.ExposureQuery, query);
      return exposureCached(s, { ...x, measure: fromViews(s, 'control', 'measure', x.measure) });
    },
    bottleneck: ({ name, query }: OnScenario) => bottleneckCached(scn(name), q(S.BottleneckQuery, query)),
    ioSectors: () => ioLabels(),
    ioShock: ({ body }: OnScenario) => ioShock(parseBody(S.ShockBody, body)),
    /** A round robin whose size the route has checked. */
    tournament: (x: Q<typeof S.TournamentBody>) =>
      gameErr(() => {
        const players = x.players.map((p) => parseStrategySpec(p));
        const r = roundRobin({
          players,
          turns: x.turns,
          repetitions: x.repetitions,
          noise: x.noise,
          probEnd: x.prob_end,
          seed: x.seed,
        });
        return {
          ...r,
          strategies: players.map((p) => ({ name: p.name, stochastic: getStrategyInfo(p.name).stochastic })),
        };
      }),
    /** Equilibria of a game whose shape the route has checked. */
    equilibria: (x: Q<typeof S.EquilibriaBody>) =>
      gameErr(() => equilibriaReport(makeBimatrix(x.A, x.B), { method: x.method }, (f) => `body.${f}`)),
    story: ({ name, query }: OnScenario) => runStory(scn(name), q(S.StoryQuery, query)),
    /** The 404 / 422 / 400 a run request would meet, before a run is created. */
    checkRun: ({ name, options }: { name: string; options?: RunOptions }) => {
      withRunOptions(scn(name), options);
      return null;
    },
    resolveQuestions: () => resolutionDocument(loadQuestionSet(BUILTIN_QUESTIONS)),
    // the cache key hashes the code and data: off the event loop too; scoring in its own thread
    trackRecordScore: () => trackRecord({ thread: true }),
    trackRecordSummary: async () => trackRecordReport(await trackRecord({ thread: true })),
    /** The odds' basis now, or pending while a cold track record is scored in the background. */
    oddsBasisNow: async () => {
      const s = await trackRecordIfReady({ thread: true });
      return { pending: s === null, odds_basis: s ? trackRecordReport(s).odds_basis : null };
    },
    /** Compute what the dashboard's first screen asks for, so the first request is fast. */
    warm: async () => {
      try {
        const s = scn(DEFAULT_SCENARIO);
        const year = { from: '2025-01-01', to: '2025-12-31', step: 'week' } as const;
        claims(s);
        tariffSeries(s, { importer: 'US', exporter: 'CN', group: 'handbags', ...year });
        effectiveSeries(s, { importer: 'US', exporter: 'CN', ...year });
        effectiveSeries(s, { importer: 'CN', exporter: 'US', ...year });
        response(s, { at: fromViews(s, 'date', 'at'), base_date: '2025-01-01' });
        // the Rare earths panel's default view (reads the IO table once)
        const measure = fromViews(s, 'control', 'measure');
        await exposureCached(s, { measure, from: '2025-03-07', weeks: 43, target: 'all' });
      } catch {
        // a broken default scenario shows up in the API's answers; warming is best effort
      }
      return null;
    },
  };
}

export type Ops = ReturnType<typeof makeOps>;
export type OpName = keyof Ops;
