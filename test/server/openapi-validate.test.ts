/* eslint-disable @typescript-eslint/no-explicit-any -- the OpenAPI document is read loosely */
// Every route that declares a response schema in /openapi.json answers real requests (the
// built-in scenarios us-china and london-2025) with bodies that validate against the schema the
// document publishes under components/schemas; and the validator does fail a body missing a
// required field. ajv in strict mode (unknown keywords are errors): ajv is a dependency of
// fastify, not one of ours.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { removeDir, start, tempDir } from './helpers.ts';

const DIR = tempDir();
let srv: Awaited<ReturnType<typeof start>>;
let doc: any;

/** A GET url, or a POST with its JSON body. */
type Call = string | { url: string; json: unknown };
/** Requests per documented operation: each operation with a response schema must be listed here. */
const CALLS: Record<string, Call[]> = {
  'GET /api/health': ['/api/health'],
  'GET /api/scenarios': ['/api/scenarios'],
  'GET /api/scenarios/{name}': ['/api/scenarios/us-china', '/api/scenarios/london-2025'],
  'GET /api/scenarios/{name}/ledger': [
    '/api/scenarios/us-china/ledger?date=2025-06-11',
    '/api/scenarios/us-china/ledger?date=2025-06-11&product=8541.43',
    '/api/scenarios/us-china/ledger?date=2025-06-11&group=semiconductors&importer=US',
    '/api/scenarios/us-china/ledger?date=2025-04-15&importer=CN',
    '/api/scenarios/us-china/ledger?date=2026-12-01',
  ],
  'GET /api/scenarios/{name}/timeline': [
    '/api/scenarios/us-china/timeline',
    '/api/scenarios/us-china/timeline?from=2025-04-01&to=2025-06-30',
    '/api/scenarios/us-china/timeline?id=agr-geneva-2025-05',
  ],
  'GET /api/scenarios/{name}/tariffs': [
    '/api/scenarios/us-china/tariffs',
    '/api/scenarios/us-china/tariffs?product=8541.43&step=month',
    '/api/scenarios/us-china/tariffs?group=semiconductors&importer=CN&exporter=US',
    // past as_of: a warning
    '/api/scenarios/us-china/tariffs?from=2026-09-01&to=2026-10-31',
  ],
  'GET /api/scenarios/{name}/effective': [
    '/api/scenarios/us-china/effective',
    '/api/scenarios/us-china/effective?by=authority&step=day&from=2025-04-01&to=2025-04-30',
    '/api/scenarios/us-china/effective?by=group&mfn=true&step=month',
    '/api/scenarios/us-china/effective?by=section&importer=CN&exporter=US',
  ],
  'GET /api/scenarios/{name}/claims': ['/api/scenarios/us-china/claims', '/api/scenarios/london-2025/claims'],
  'GET /api/scenarios/{name}/response': [
    '/api/scenarios/us-china/response',
    '/api/scenarios/us-china/response?model=smart&top=3&at=2025-04-15',
  ],
  'GET /api/scenarios/{name}/groups': [
    '/api/scenarios/us-china/groups',
    '/api/scenarios/us-china/groups?date=2025-04-15&importer=CN&exporter=US',
  ],
  'GET /api/scenarios/{name}/since-then': ['/api/scenarios/us-china/since-then'],
  'GET /api/scenarios/{name}/averages': [
    '/api/scenarios/us-china/averages',
    '/api/scenarios/us-china/averages?from=2025-04-01&to=2025-04-30&format=json',
  ],
  'GET /api/scenarios/{name}/who-paid': [
    '/api/scenarios/us-china/who-paid',
    '/api/scenarios/us-china/who-paid?from=2019-01-01&to=2019-12-31',
  ],
  'GET /api/io/sectors': ['/api/io/sectors'],
  'GET /api/scenarios/{name}/exposure': [
    '/api/scenarios/us-china/exposure?weeks=6',
    '/api/scenarios/us-china/exposure?from=2025-10-01&weeks=4&target=USA',
  ],
  'GET /api/scenarios/{name}/exposure/bottleneck': [
    '/api/scenarios/us-china/exposure/bottleneck?weeks=8',
    '/api/scenarios/us-china/exposure/bottleneck?start=2025-04-07&weeks=6&hold_flows_from=2025-05-01',
  ],
  'POST /api/io/shock': [
    { url: '/api/io/shock', json: { sector: 'USA:c14', change: -100, top: 3 } },
    { url: '/api/io/shock', json: { kind: 'supply', sector: 'CHN:c14', change: -0.5 } },
  ],
  'GET /api/game/strategies': ['/api/game/strategies'],
  'POST /api/game/tournament': [
    {
      url: '/api/game/tournament',
      json: { players: ['TitForTat', 'Defector', 'Random'], turns: 20, repetitions: 2 },
    },
    {
      url: '/api/game/tournament',
      json: { players: ['Cooperator', 'Grudger'], turns: 10, repetitions: 1, noise: 0.1, prob_end: 0.05 },
    },
  ],
  'POST /api/game/bargaining': [
    { url: '/api/game/bargaining', json: { method: 'rubinstein', delta1: 0.9, delta2: 0.8 } },
    {
      url: '/api/game/bargaining',
      json: { method: 'rubinstein', delta1: 0.9, delta2: 0.8, horizon: 3, outside2: 0.4, first_mover: 2 },
    },
    { url: '/api/game/bargaining', json: { method: 'nash', d1: -0.1, d2: 0.2, alpha: 0.4 } },
  ],
  'POST /api/game/equilibria': [
    // prisoner's dilemma (pure), matching pennies (mixed), a degenerate game
    {
      url: '/api/game/equilibria',
      json: {
        A: [
          [3, 0],
          [5, 1],
        ],
        B: [
          [3, 5],
          [0, 1],
        ],
      },
    },
    {
      url: '/api/game/equilibria',
      json: {
        A: [
          [1, -1],
          [-1, 1],
        ],
        B: [
          [-1, 1],
          [1, -1],
        ],
        method: 'lemke-howson',
      },
    },
    {
      url: '/api/game/equilibria',
      json: {
        A: [
          [1, 1],
          [1, 1],
        ],
        B: [
          [1, 1],
          [1, 1],
        ],
        method: 'vertex',
      },
    },
  ],
  'POST /api/scenarios/{name}/tariffs': [
    { url: '/api/scenarios/us-china/tariffs', json: { group: 'semiconductors', step: 'month' } },
    {
      url: '/api/scenarios/us-china/tariffs',
      json: {
        step: 'month',
        overrides: [{ importer: 'US', exporter: 'CN', authority: 'Section 301', pct: 0, from: '2025-03-01' }],
      },
    },
  ],
  'POST /api/scenarios/{name}/response': [
    {
      url: '/api/scenarios/us-china/response',
      json: {
        top: 3,
        overrides: [
          { importer: 'US', exporter: 'CN', authority: 'IEEPA reciprocal', pct: 0, from: '2025-04-01' },
        ],
        elasticities: { sigma: 3, epsilon_m: -1.5, epsilon_x: 10 },
      },
    },
  ],
};

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
/** The validator of the schema a $ref names in the document. */
function validatorOf(ref: string) {
  const name = ref.replace('#/components/schemas/', '');
  let v = validators.get(name);
  if (!v) {
    const schema = doc.components.schemas[name];
    assert.ok(schema, `${ref} resolves`);
    v = ajv.compile(schema);
    validators.set(name, v);
  }
  return v;
}

/**
 * [operation, $ref] of every operation (any method, any 2xx status) whose answer the document
 * describes by a $ref, operation as "GET /api/...".
 */
function declared(): [string, string][] {
  const out: [string, string][] = [];
  for (const [path, ops] of Object.entries<any>(doc.paths))
    for (const [method, op] of Object.entries<any>(ops))
      for (const [status, res] of Object.entries<any>(op.responses ?? {})) {
        const ref = res?.content?.['application/json']?.schema?.$ref;
        if (/^2/.test(status) && ref) out.push([`${method.toUpperCase()} ${path}`, ref]);
      }
  return out;
}

async function get(url: string) {
  const r = await srv.app.fastify.inject({ method: 'GET', url });
  assert.equal(r.statusCode, 200, `${url}: ${r.body.slice(0, 300)}`);
  return r.json();
}

async function call(c: Call) {
  if (typeof c === 'string') return get(c);
  const r = await srv.app.fastify.inject({ method: 'POST', url: c.url, payload: c.json as object });
  assert.equal(r.statusCode, 200, `POST ${c.url}: ${r.body.slice(0, 300)}`);
  return r.json();
}

before(async () => {
  srv = await start({ dataDir: DIR });
  doc = await get('/openapi.json');
});
after(async () => {
  await srv.close();
  removeDir(DIR);
});

test('every route declaring a response schema answers a body valid against it', async () => {
  const routes = declared();
  assert.ok(routes.length > 0, 'some routes declare a response schema');
  assert.deepEqual(
    routes.map(([op]) => op).sort(),
    Object.keys(CALLS).sort(),
    'each route with a response schema is called by this test (and only those)',
  );
  // every published response schema (all but Error) is one a route refers to
  const published = Object.keys(doc.components.schemas).filter((n) => n !== 'Error');
  assert.deepEqual(published.sort(), [...new Set(routes.map(([, ref]) => ref.split('/').pop()))].sort());
  let checked = 0;
  for (const [op, ref] of routes) {
    const validate = validatorOf(ref);
    for (const c of CALLS[op]) {
      const body = await call(c);
      const ok = validate(body);
      const what = typeof c === 'string' ? c : `POST ${c.url} ${JSON.stringify(c.json)}`;
      assert.ok(ok, `${what} against ${ref}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
      checked++;
    }
  }
  assert.ok(checked >= routes.length);
});

test('the past-as_of queries above are answered with warnings (the schemas allow them)', async () => {
  const tariffs = await get('/api/scenarios/us-china/tariffs?from=2026-09-01&to=2026-10-31');
  assert.ok(tariffs.warnings.length > 0);
  const ledger = await get('/api/scenarios/us-china/ledger?date=2026-12-01');
  assert.ok(ledger.warnings.length > 0 && typeof ledger.warning === 'string');
});

test("a strategy parameter's pattern is sent as its regular expression's source", async () => {
  const body = await get('/api/game/strategies');
  const withPattern = body.strategies.flatMap((s: any) =>
    s.parameters.filter((p: any) => p.pattern !== undefined).map((p: any) => ({ s: s.name, p })),
  );
  assert.ok(withPattern.length > 0, 'some parameter has a pattern (Scripted moves)');
  for (const { s, p } of withPattern) assert.equal(typeof p.pattern, 'string', `${s}.${p.name}`);
  // Scripted's move list: a client can check a value with the pattern as sent
  const scripted = withPattern.find((x: any) => x.s === 'Scripted');
  assert.ok(scripted);
  assert.ok(new RegExp(scripted.p.pattern).test('CDDC'));
  assert.ok(!new RegExp(scripted.p.pattern).test('CXC'));
});

test('the validator fails a body with a required field deleted or of the wrong type', async () => {
  const [, ref] = declared().find(([op]) => op === 'GET /api/scenarios/{name}/groups')!;

  const validate = validatorOf(ref);
  const body = await call(CALLS['GET /api/scenarios/{name}/groups'][0]);
  assert.ok(validate(body));
  const noGroups = structuredClone(body);
  delete noGroups.groups;
  assert.equal(validate(noGroups), false);
  assert.ok(validate.errors!.some((e) => e.keyword === 'required'));
  const noPct = structuredClone(body);
  delete noPct.groups[0].total_pct;
  assert.equal(validate(noPct), false);
  const badType = structuredClone(body);
  badType.groups[0].line_count = 'many';
  assert.equal(validate(badType), false);
  const health = validatorOf(declared().find(([op]) => op === 'GET /api/health')![1]);
  const h = await get('/api/health');
  delete h.limits.body_bytes;
  assert.equal(health(h), false);
});

test('every response schema fails its answer with any one required top-level field deleted', async () => {
  let cases = 0;
  for (const [op, ref] of declared()) {
    const schema = doc.components.schemas[ref.split('/').pop()!];
    assert.ok(schema.required?.length > 0, `${ref} has required fields`);
    const validate = validatorOf(ref);
    const body = await call(CALLS[op][0]);
    for (const field of schema.required) {
      const broken = structuredClone(body);
      delete broken[field];
      assert.equal(validate(broken), false, `${op} without ${field}`);
      cases++;
    }
  }
  assert.ok(cases > 0);
});
