// Mutations of API request bodies and queries, sent in-process with fastify's `inject` (no
// sockets, no spawning). What a route accepted is checked for non-finite numbers before JSON
// turns them into null; a 4xx must say what is wrong and where (a path, the issues, or a code
// about the request as a whole); a 5xx is a crash.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeverageError } from '../../../../src/errors/index.ts';
import { buildApp, type App } from '../../../../src/server/index.ts';
import type { Rng } from '../rng.ts';
import type { FuzzCase, FuzzTarget } from '../target.ts';
import { mutateTree, TREE_MUTATIONS, type Plain } from '../tree.ts';

interface Endpoint {
  name: string;
  url: string;
  body: () => Plain;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'equilibria',
    url: '/api/game/equilibria',
    body: () => ({
      A: [
        [3, 0],
        [5, 1],
      ],
      B: [
        [3, 5],
        [0, 1],
      ],
      method: 'support',
    }),
  },
  {
    name: 'equilibria-lh',
    url: '/api/game/equilibria',
    body: () => ({
      A: [
        [1e6, 2, 0],
        [0, 1, 3],
      ],
      B: [
        [0, 1, 2],
        [2, 0, 1e6],
      ],
      method: 'lemke-howson',
    }),
  },
  {
    name: 'rubinstein',
    url: '/api/game/bargaining',
    body: () => ({ method: 'rubinstein', delta1: 0.9, delta2: 0.8, outside1: 0.1, horizon: 50 }),
  },
  {
    name: 'nash',
    url: '/api/game/bargaining',
    body: () => ({ method: 'nash', d1: 0.2, d2: 0.1, alpha: 0.6, pie: 10 }),
  },
  {
    name: 'tournament',
    url: '/api/game/tournament',
    body: () => ({
      players: ['TitForTat', 'Defector', 'Cooperator'],
      turns: 20,
      repetitions: 2,
      noise: 0.05,
      seed: 3,
    }),
  },
  {
    name: 'tariffs',
    url: '/api/scenarios/london-2025/tariffs',
    body: () => ({
      group: 'steel-aluminium',
      from: '2025-01-01',
      to: '2025-06-30',
      step: 'month',
      overrides: [{ importer: 'US', exporter: 'CN', authority: 'Section 301', pct: 25, from: '2025-03-01' }],
    }),
  },
  {
    name: 'response',
    url: '/api/scenarios/london-2025/response',
    body: () => ({
      at: '2025-06-11',
      overrides: [{ importer: 'US', exporter: 'CN', authority: 'Section 301', pct: 10, from: '2025-05-01' }],
      elasticities: { sigma: 3, epsilon_m: -1.5, epsilon_x: 5 },
    }),
  },
  {
    name: 'validate',
    url: '/api/scenarios/validate',
    body: () => ({
      // standalone: an upload extending a built-in re-reads the built-in chain (seconds a case)
      scenario: {
        id: 'fuzz-upload',
        title: 'Fuzz upload',
        as_of: '2025-12-31',
        actors: { US: { name: 'United States', kind: 'state' }, CN: { name: 'China', kind: 'state' } },
        measures: [
          {
            id: 'fuzz-tariff',
            kind: 'tariff',
            actor: 'US',
            target: 'CN',
            title: 'A what-if layer',
            authority: 'Section 301',
            scope: { hs: ['8505'] },
            rates: [{ from: '2025-07-01', rate_pct: 30 }],
            status: [{ date: '2025-07-01', status: 'in_force' }],
            sources: ['https://example.org/fuzz'],
          },
        ],
      },
    }),
  },
  {
    name: 'runs',
    url: '/api/runs',
    body: () => ({ scenario: 'london-2025', runs: 10, seed: 5, weeks: 20 }),
  },
];

/** Request-level refusals: the request as a whole is what is wrong. */
const WHOLE_REQUEST = new Set([
  'bad_json',
  'body_too_large',
  'unsupported_media_type',
  'misdirected_request',
]);

const BODY_MUTATIONS = [
  ...TREE_MUTATIONS,
  'malformed-json',
  'content-type',
  'huge-body',
  'json-nesting',
  'not-object',
];

export function apiTarget(): FuzzTarget {
  let dir = '';
  let app: App | null = null;
  let captured: unknown = undefined;
  return {
    name: 'api-body',
    limitMs: 10_000,
    async setup() {
      dir = mkdtempSync(join(tmpdir(), 'leverage-fuzz-api-'));
      app = await buildApp({ dataDir: dir, executor: null, webDist: join(dir, 'no-web') });
      // the accepted answer as the route returned it, before JSON.stringify turns NaN into null
      app.fastify.addHook('preSerialization', async (_req, _reply, payload) => {
        captured = payload;
        return payload;
      });
      // every unmutated body is accepted (else its cases test nothing); this also warms the caches
      for (const ep of ENDPOINTS) {
        const res = await app.fastify.inject({ method: 'POST', url: ep.url, payload: ep.body() as object });
        if (res.statusCode >= 300 && res.statusCode !== 503)
          throw new Error(
            `fuzz base body of ${ep.name} refused: ${res.statusCode} ${res.body.slice(0, 300)}`,
          );
      }
    },
    async teardown() {
      await app?.fastify.close();
      rmSync(dir, { recursive: true, force: true });
    },
    next(rng: Rng): FuzzCase {
      const ep = rng.pick(ENDPOINTS);
      const mutation = rng.pick(BODY_MUTATIONS);
      let payload: string;
      let contentType = 'application/json';
      let label = mutation;
      if ((TREE_MUTATIONS as string[]).includes(mutation)) {
        const m = mutateTree(ep.body(), mutation as (typeof TREE_MUTATIONS)[number], rng);
        label = m.label;
        payload = JSON.stringify(m.value);
      } else if (mutation === 'malformed-json') {
        const text = JSON.stringify(ep.body());
        payload = text.slice(0, rng.int(text.length));
      } else if (mutation === 'content-type') {
        contentType = rng.pick(['text/csv', 'application/xml', 'multipart/form-data', 'application/yaml']);
        payload = JSON.stringify(ep.body());
        label = `content-type ${contentType}`;
      } else if (mutation === 'huge-body') {
        payload = JSON.stringify({ ...(ep.body() as object), pad: 'x'.repeat(1_100_000) });
      } else if (mutation === 'json-nesting') {
        const depth = rng.pick([1000, 10_000, 100_000]);
        payload = JSON.stringify(ep.body()).replace(
          /\d+(?=[,\]}])/,
          `${'['.repeat(depth)}1${']'.repeat(depth)}`,
        );
        label = `json-nesting depth=${depth}`;
      } else payload = rng.pick(['[]', '"x"', '42', 'null', 'true']);
      return {
        mutation: `${ep.name}:${mutation}`,
        label: `${ep.name} ${label}`,
        where: [],
        run: async () => {
          captured = undefined;
          const res = await app!.fastify.inject({
            method: 'POST',
            url: ep.url,
            payload,
            headers: { 'content-type': contentType },
          });
          let body: { error?: { code?: string; message?: string; path?: string; details?: unknown } } = {};
          try {
            body = JSON.parse(res.body) as typeof body;
          } catch {
            // not JSON: judged below by the status
          }
          const e = body.error;
          if (res.statusCode < 300) return captured;
          if (res.statusCode === 503 && e?.code === 'engine_unavailable') return captured ?? body; // valid, no engine here
          if (res.statusCode >= 500 || !e?.code || !e.message)
            throw new Error(`HTTP ${res.statusCode}: ${res.body.slice(0, 200)}`);
          // a 404 names what does not exist (`no scenario "x"`)
          const located =
            !!e.path || e.details !== undefined || WHOLE_REQUEST.has(e.code) || res.statusCode === 404;
          if (!located) throw new Error(`HTTP ${res.statusCode} without a location: ${e.code}: ${e.message}`);
          throw new LeverageError('input', e.code, e.message, { location: { path: e.path ?? 'body' } });
        },
      };
    },
  };
}
