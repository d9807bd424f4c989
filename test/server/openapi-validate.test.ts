/* eslint-disable @typescript-eslint/no-explicit-any -- the OpenAPI document is read loosely */
// Every route that declares a response schema in /openapi.json answers real requests (the
// built-in scenarios us-china and london-2025) with bodies that validate against the schema the
// document publishes under components/schemas; and the validator does fail a body missing a
// required field. ajv in strict mode (unknown keywords are errors): ajv is a dependency of
// fastify, not one of ours.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readEvents, removeDir, start, tempDir } from './helpers.ts';

const DIR = tempDir();
let srv: Awaited<ReturnType<typeof start>>;
let doc: any;

/** A request: a GET url, or a method (default POST with a body) with its JSON or YAML body and the status it answers (200). */
interface Req {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  json?: unknown;
  yaml?: string;
  status?: number;
}
/** A request, or one made when it is called (for a run id); `setup` requests go first, unchecked. */
type Call = string | (Req & { setup?: Req[] }) | (() => Promise<Req | string>);

const UUID = /^[0-9a-f-]{36}$/;
const yamlOf = (id: string) => `extends: us-china\nid: ${id}\ntitle: Upload ${id}\n`;

/** Start a small Monte Carlo run (50 runs x 8 weeks): its id. */
async function startRun(): Promise<string> {
  const r = await srv.app.fastify.inject({
    method: 'POST',
    url: '/api/runs',
    payload: { runs: 50, weeks: 8 },
  });
  assert.equal(r.statusCode, 202, r.body);
  const { id } = r.json();
  assert.match(id, UUID);
  return id;
}
/** Wait for a run's end on its event stream: it must be done. */
async function waitFor(id: string): Promise<void> {
  const events = await readEvents(`${srv.base}/api/runs/${id}/events`, 120_000);
  assert.deepEqual(events.at(-1)?.event, 'end', `run ${id} ended`);
  assert.equal(events.at(-1)?.data.status, 'done', JSON.stringify(events.at(-1)));
}
let finished: Promise<string> | null = null;
/** One finished run, shared by the GETs. */
const finishedRun = () =>
  (finished ??= startRun().then(async (id) => {
    await waitFor(id);
    return id;
  }));

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
  // scenario writes (an uploaded scenario then shows in the list and the GETs above)
  'POST /api/scenarios/validate': [
    { method: 'POST', url: '/api/scenarios/validate', json: { content: yamlOf('checked') } },
    {
      method: 'POST',
      url: '/api/scenarios/validate',
      json: { scenario: { extends: 'us-china', id: 'obj', title: 'As an object' } },
    },
  ],
  'POST /api/scenarios': [
    { method: 'POST', url: '/api/scenarios', json: { name: 'up-a', content: yamlOf('up-a') }, status: 201 },
  ],
  'PUT /api/scenarios/{name}': [
    { method: 'PUT', url: '/api/scenarios/up-b', yaml: yamlOf('up-b'), status: 201 },
    {
      method: 'PUT',
      url: '/api/scenarios/up-c',
      json: { extends: 'us-china', id: 'up-c', title: 'As JSON' },
      status: 201,
    },
  ],
  'DELETE /api/scenarios/{name}': [
    {
      setup: [{ method: 'PUT', url: '/api/scenarios/up-d', yaml: yamlOf('up-d'), status: 201 }],
      method: 'DELETE',
      url: '/api/scenarios/up-d',
    },
  ],
  // runs: small runs (50 x 8 weeks), waited for on their event streams
  'GET /api/scenarios/{name}/story': [
    '/api/scenarios/us-china/story',
    '/api/scenarios/london-2025/story?seed=7&run=3',
  ],
  'POST /api/runs': [
    { method: 'POST', url: '/api/runs', json: { runs: 50, weeks: 8, seed: 3 }, status: 202 },
  ],
  'GET /api/runs': [async () => (await finishedRun(), '/api/runs')],
  'GET /api/runs/{id}': [async () => `/api/runs/${await finishedRun()}`],
  'GET /api/runs/{id}/result': [async () => `/api/runs/${await finishedRun()}/result`],
  'DELETE /api/runs/{id}': [
    // a finished run is deleted; a run just started is cancelled (or deleted if it was quick)
    async () => {
      const id = await startRun();
      await waitFor(id);
      return { method: 'DELETE', url: `/api/runs/${id}` };
    },
    async () => ({ method: 'DELETE', url: `/api/runs/${await startRun()}` }),
  ],
  // forecast: the score and track record are the built-in set's 2,000-run document, computed once
  // per change of src/ or data/ and shared through its disk cache (forecast/track-record.ts) by
  // every process of the suite that asks for it (the dashboard, `leverage run`, these routes)
  'GET /api/questions/us-china/resolve': ['/api/questions/us-china/resolve'],
  'GET /api/questions/us-china/score': ['/api/questions/us-china/score'],
  'GET /api/track-record': ['/api/track-record'],
  // after the track record above: warm, it answers pending: false with the basis
  'GET /api/track-record/odds-basis': ['/api/track-record/odds-basis'],
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

/** An answer of an operation: its first call. */
const firstAnswer = async (op: string) => {
  const a = (await answers()).find((x) => x.op === op);
  assert.ok(a, `${op} was answered`);
  return structuredClone(a.body);
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

/** A request's method: as given, else POST with a body and GET without. */
const methodOf = (q: Req) => q.method ?? (q.json !== undefined || q.yaml !== undefined ? 'POST' : 'GET');

async function send(q: Req) {
  const r = await srv.app.fastify.inject({
    method: methodOf(q),
    url: q.url,
    ...(q.yaml !== undefined
      ? { payload: q.yaml, headers: { 'content-type': 'application/yaml' } }
      : q.json !== undefined
        ? { payload: q.json as object }
        : {}),
  });
  assert.equal(r.statusCode, q.status ?? 200, `${methodOf(q)} ${q.url}: ${r.body.slice(0, 300)}`);
  return r.json();
}

/** Make a call: its answer, and the request in words (for messages). */
async function made(c: Call): Promise<{ body: any; what: string }> {
  const x = typeof c === 'function' ? await c() : c;
  if (typeof x === 'string') return { body: await get(x), what: x };
  for (const s of (x as { setup?: Req[] }).setup ?? []) await send(s);
  return {
    body: await send(x),
    what: `${methodOf(x)} ${x.url} ${JSON.stringify(x.json ?? x.yaml ?? '')}`,
  };
}

async function call(c: Call) {
  return (await made(c)).body;
}

/** An answer of a declared operation: the request in words and its body. */
interface Answer {
  op: string;
  ref: string;
  what: string;
  body: unknown;
}
let answered: Promise<Answer[]> | null = null;
/** The answers of every call in CALLS, made once and shared by the tests. */
const answers = () =>
  (answered ??= (async () => {
    const out: Answer[] = [];
    for (const [op, ref] of declared()) {
      for (const c of CALLS[op] ?? []) out.push({ op, ref, ...(await made(c)) });
    }
    return out;
  })());

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
    'each route with a response schema is called by this test, and only those',
  );
  // every published response schema (all but Error) is one a route refers to
  const published = Object.keys(doc.components.schemas).filter((n) => n !== 'Error');
  assert.deepEqual(published.sort(), [...new Set(routes.map(([, ref]) => ref.split('/').pop()))].sort());
  let checked = 0;
  for (const { op, ref, what, body } of await answers()) {
    const validate = validatorOf(ref);
    const ok = validate(body);
    assert.ok(ok, `${what} against ${ref}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
    checked++;
    assert.ok(CALLS[op], op);
  }
  assert.ok(checked >= routes.length);
});

/** A camelCase name: a lower-case letter followed by an upper-case one (`probEnd`, also the region code `RoW`; not `A`). */
const CAMEL = /[a-z][A-Z]/;

/** The object schemas a value may match: the schema itself, or the members of its anyOf/oneOf/allOf. */
function objectSchemas(schema: any): any[] {
  if (!schema || typeof schema !== 'object') return [];
  const members = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  return [schema, ...members.flatMap(objectSchemas)].filter((s) => s.properties || s.additionalProperties);
}

/**
 * The camelCase field names in a body, as paths (`.face_value.lines[].chinaShare`), walked alongside
 * the schema the document publishes for it. Object keys are field names unless the schema says the
 * object is a map: a schema with no `properties` at all, only `propertyNames`/`additionalProperties`
 * (zod's z.record: authority -> rate, region -> loss, strategy parameter -> value). A map's keys are
 * data (authority names, region codes like `RoW`, actor ids) and are not checked; its values are.
 * Keys a loose object adds beyond its declared properties, or keys under no schema at all, are
 * field names and are checked.
 */
function camelFields(v: any, schema: any, path = '', out: string[] = []): string[] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      const item = [schema, ...(schema?.anyOf ?? []), ...(schema?.oneOf ?? [])]
        .map((s) => s?.prefixItems?.[i] ?? s?.items)
        .find(Boolean);
      camelFields(x, item, `${path}[]`, out);
    });
  } else if (v !== null && typeof v === 'object') {
    const shapes = objectSchemas(schema);
    const isMap = shapes.length > 0 && shapes.every((s) => !s.properties);
    for (const [k, x] of Object.entries(v)) {
      if (!isMap && CAMEL.test(k)) out.push(`${path}.${k}`);
      const child =
        shapes.map((s) => s.properties?.[k]).find(Boolean) ??
        shapes.map((s) => s.additionalProperties).find((a) => a && typeof a === 'object');
      camelFields(x, child, `${path}.${k}`, out);
    }
  }
  return [...new Set(out)];
}

test('every JSON answer names its fields in snake_case (map keys that are data aside)', async () => {
  const found: string[] = [];
  for (const { ref, what, body } of await answers())
    for (const p of camelFields(body, doc.components.schemas[ref.split('/').pop()!]))
      found.push(`${what}: ${p}`);
  assert.deepEqual(found, [], 'camelCase field names in JSON answers');
  // the walk does check: a camelCase field is found, at any depth, but not a map's data key
  const groupsRef = declared().find(([op]) => op === 'GET /api/scenarios/{name}/groups')![1];
  const groups = structuredClone(await call(CALLS['GET /api/scenarios/{name}/groups'][0]));
  groups.groups[0].totalPct = 1;
  groups.groups[0].layers = { 'IEEPA fentanyl': 10, sectionThreeOhOne: 25 };
  assert.deepEqual(camelFields(groups, doc.components.schemas[groupsRef.split('/').pop()!]), [
    '.groups[].totalPct',
  ]);
});

test('every field the document declares, in answers, request bodies and query parameters, is snake_case', () => {
  const names: string[] = [];
  const walk = (s: any, path: string) => {
    if (Array.isArray(s)) s.forEach((x, i) => walk(x, `${path}/${i}`));
    else if (s && typeof s === 'object')
      for (const [k, x] of Object.entries<any>(s)) {
        if (k === 'properties') for (const name of Object.keys(x)) names.push(`${path}: ${name}`);
        walk(x, `${path}/${k}`);
      }
  };
  walk(doc.components.schemas, '#/components/schemas');
  for (const [path, ops] of Object.entries<any>(doc.paths))
    for (const [method, op] of Object.entries<any>(ops)) {
      const at = `${method.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) names.push(`${at} ${p.in}: ${p.name}`);
      walk(op.requestBody?.content?.['application/json']?.schema, `${at} body`);
    }
  assert.ok(names.length > 500, `${names.length} names`);
  assert.deepEqual(
    names.filter((n) => CAMEL.test(n.split(': ').pop()!)),
    [],
    'camelCase names in the document',
  );
});

test('the past-as_of queries above are answered with warnings (the schemas allow them)', async () => {
  const tariffs = await get('/api/scenarios/us-china/tariffs?from=2026-09-01&to=2026-10-31');
  assert.ok(tariffs.warnings.length > 0);
  const ledger = await get('/api/scenarios/us-china/ledger?date=2026-12-01');
  // one list, said once: the report's note and the as-of hook's are the same text
  assert.equal(ledger.warnings.length, 1);
  assert.match(ledger.warnings[0], /^query\.date: 2026-12-01 is after the scenario's as-of date/);
  assert.ok(!('warning' in ledger), 'no second, singular warning field');
  const effective = await get('/api/scenarios/us-china/effective?from=2026-09-01&to=2026-10-31');
  assert.deepEqual(
    effective.warnings.map((w: string) => w.split(':')[0]),
    ['query.from', 'query.to'],
  );
  assert.ok(!('warning' in effective));
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
    const body: any = await firstAnswer(op);
    for (const field of schema.required) {
      const broken = structuredClone(body);
      delete broken[field];
      assert.equal(validate(broken), false, `${op} without ${field}`);
      cases++;
    }
  }
  assert.ok(cases > 0);
});

/**
 * Operations whose 2xx answer is deliberately not described by a JSON schema, with the reason.
 * Non-JSON answers (the run's server-sent events, text/event-stream) only need their content type.
 */
const NO_SCHEMA: Record<string, string> = {
  'GET /openapi.json': 'this document itself (an OpenAPI 3.1 document; its schema is the OpenAPI spec)',
};

test('every JSON answer in the document has a response schema (no empty {})', () => {
  const missing: string[] = [];
  let nonJson = 0;
  for (const [path, ops] of Object.entries<any>(doc.paths))
    for (const [method, op] of Object.entries<any>(ops)) {
      const name = `${method.toUpperCase()} ${path}`;
      const ok = Object.entries<any>(op.responses ?? {}).filter(([status]) => /^2/.test(status));
      assert.ok(ok.length > 0, `${name} documents a 2xx answer`);
      for (const [status, res] of ok) {
        const content = Object.entries<any>(res.content ?? {});
        if (content.length === 0) {
          assert.ok(NO_SCHEMA[name], `${name} ${status}: no content documented`);
          continue;
        }
        for (const [type, media] of content) {
          if (!type.startsWith('application/json')) {
            nonJson++;
            continue;
          }
          const schema = media.schema ?? {};
          if (!schema.$ref && Object.keys(schema).length === 0 && !NO_SCHEMA[name])
            missing.push(`${name} ${status}`);
        }
      }
    }
  assert.deepEqual(missing, [], 'JSON answers without a response schema');
  assert.ok(nonJson >= 1, 'the run events are documented as text/event-stream');
  const events = doc.paths['/api/runs/{id}/events'].get.responses['200'].content;
  assert.deepEqual(Object.keys(events), ['text/event-stream']);
  // every exception is a documented operation
  for (const name of Object.keys(NO_SCHEMA)) {
    const [method, path] = name.split(' ');
    assert.ok(doc.paths[path]?.[method.toLowerCase()], `${name} is in the document`);
  }
});
