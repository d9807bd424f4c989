// The HTTP API against a real server on a random loopback port.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { call, removeDir, start, tempDir } from './helpers.ts';

const DIR = tempDir();
let srv: Awaited<ReturnType<typeof start>>;
let base = '';

before(async () => {
  srv = await start({ dataDir: DIR, bodyLimit: 64 * 1024 });
  base = srv.base;
});
after(async () => {
  await srv.close();
  removeDir(DIR);
});

describe('meta', () => {
  test('listens on loopback with a random port', () => {
    assert.match(srv.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.notEqual(new URL(srv.url).port, '0');
  });

  test('/openapi.json is OpenAPI 3.1 and lists every API route', async () => {
    const r = await call(base, '/openapi.json');
    assert.equal(r.status, 200);
    assert.equal(r.body.openapi, '3.1.0');
    const paths = Object.keys(r.body.paths);
    for (const p of [
      '/api/scenarios',
      '/api/scenarios/{name}',
      '/api/scenarios/validate',
      '/api/scenarios/{name}/ledger',
      '/api/scenarios/{name}/timeline',
      '/api/scenarios/{name}/tariffs',
      '/api/scenarios/{name}/groups',
      '/api/scenarios/{name}/effective',
      '/api/scenarios/{name}/claims',
      '/api/scenarios/{name}/response',
      '/api/scenarios/{name}/exposure',
      '/api/scenarios/{name}/exposure/bottleneck',
      '/api/io/shock',
      '/api/io/sectors',
      '/api/game/strategies',
      '/api/game/tournament',
      '/api/game/bargaining',
      '/api/game/equilibria',
      '/api/scenarios/{name}/story',
      '/api/runs',
      '/api/runs/{id}',
      '/api/runs/{id}/result',
      '/api/runs/{id}/events',
    ])
      assert.ok(paths.includes(p), `missing ${p}`);
    assert.ok(r.body.paths['/api/runs'].post.requestBody, 'POST /api/runs documents its body');
    assert.ok(r.body.paths['/api/runs'].post.responses['429'], 'documents the concurrency limit');
    const ledgerParams = r.body.paths['/api/scenarios/{name}/ledger'].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    assert.deepEqual(ledgerParams.sort(), ['date', 'exporter', 'group', 'importer', 'name', 'product']);
  });

  test('a loopback server refuses other Host names (DNS rebinding) and lets other tools read', async () => {
    const http = await import('node:http');
    const port = Number(new URL(srv.url).port);
    const get = (host: string) =>
      new Promise<{ status: number; body: string; cors?: string }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/api/health', headers: { host } }, (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body,
                cors: res.headers['access-control-allow-origin'] as string | undefined,
              }),
            );
          })
          .on('error', reject);
      });
    const evil = await get('evil.example:80');
    assert.equal(evil.status, 421);
    assert.match(JSON.parse(evil.body).error.message, /answers to/);
    assert.equal((await get(`localhost:${port}`)).status, 200);
    const ok = await get(`127.0.0.1:${port}`);
    assert.equal(ok.status, 200);
    assert.equal(ok.cors, '*');
  });

  test('unknown API routes answer 404 JSON', async () => {
    const r = await call(base, '/api/nope');
    assert.equal(r.status, 404);
    assert.equal(r.body.error.code, 'not_found');
  });
});

describe('scenarios and ledger', () => {
  test('lists the built-in scenario', async () => {
    const r = await call(base, '/api/scenarios');
    assert.equal(r.status, 200);
    const l = r.body.scenarios.find((s: { name: string }) => s.name === 'london-2025');
    assert.ok(l);
    assert.equal(l.builtin, true);
    assert.equal(l.valid, true);
  });

  test('a scenario comes with its authorities and groups, lists as counts', async () => {
    const r = await call(base, '/api/scenarios/us-china');
    assert.equal(r.status, 200);
    assert.ok(
      r.body.authorities.some(
        (a: { authority: string; importer: string }) =>
          a.authority === 'IEEPA reciprocal' && a.importer === 'US',
      ),
    );
    assert.ok(r.body.groups.some((g: { id: string }) => g.id === 'handbags'));
    const lists = Object.values(r.body.scenario.products.lists) as { codes?: unknown; code_count: number }[];
    assert.ok(lists.length > 0 && lists.every((l) => l.codes === undefined && l.code_count > 0));
  });

  test('the ledger on 11 June 2025 gives the 55% stack on handbags, layer by layer', async () => {
    const r = await call(base, '/api/scenarios/us-china/ledger?date=2025-06-11');
    assert.equal(r.status, 200);
    const hb = r.body.stacks.find((s: { product: string }) => s.product === '420221');
    assert.equal(hb.total_pct, 55);
    assert.deepEqual(
      Object.fromEntries(
        hb.layers.map((l: { authority: string; rate_pct: number }) => [l.authority, l.rate_pct]),
      ),
      { 'Section 301': 25, 'IEEPA fentanyl': 20, 'IEEPA reciprocal': 10 },
    );
    const london = r.body.agreements.find((a: { id: string }) => a.id === 'agr-london-framework-2025-06');
    assert.equal(london.approved, false);
  });

  test('timeline rows carry status intervals, approvals and clocks', async () => {
    const r = await call(base, '/api/scenarios/us-china/timeline?from=2025-01-01&to=2025-12-31');
    assert.equal(r.status, 200);
    const geneva = r.body.rows.find(
      (x: { kind: string; clocks?: unknown[] }) => x.kind === 'agreement' && (x.clocks?.length ?? 0) > 0,
    );
    assert.ok(geneva, 'an agreement with a clock');
    assert.ok(r.body.events.length > 20);
    assert.ok(r.body.events.every((e: { date: string }) => e.date >= '2025-01-01' && e.date <= '2025-12-31'));
  });

  test('bad query values answer 400 with the field', async () => {
    let r = await call(base, '/api/scenarios/us-china/ledger?date=2025-02-30');
    assert.equal(r.status, 400);
    assert.equal(r.body.error.path, 'query.date');
    r = await call(base, '/api/scenarios/us-china/ledger?date=2025-06-11&group=nope');
    assert.equal(r.status, 400);
    assert.match(r.body.error.message, /unknown product group "nope"/);
    r = await call(base, '/api/scenarios/us-china/ledger?date=2025-06-11&importer=XX');
    assert.equal(r.status, 400);
    r = await call(base, '/api/scenarios/us-china/tariffs?bogus=1');
    assert.equal(r.status, 400);
  });

  test('unknown scenarios answer 404', async () => {
    const r = await call(base, '/api/scenarios/no-such-scenario/ledger?date=2025-06-11');
    assert.equal(r.status, 404);
    assert.equal(r.body.error.code, 'not_found');
  });
});

describe('tariffs, claims, response', () => {
  test('weekly stack by authority for handbags: 55% in the week of 11 June, 145%+ in April', async () => {
    const r = await call(base, '/api/scenarios/us-china/tariffs?group=handbags');
    assert.equal(r.status, 200);
    assert.equal(r.body.points.length, 53);
    const june = r.body.points.find((p: { from: string }) => p.from === '2025-06-11');
    assert.equal(june.total_pct, 55);
    assert.equal(june.layers['IEEPA reciprocal'], 10);
    const april = r.body.points.find((p: { from: string }) => p.from === '2025-04-16');
    assert.ok(april.total_pct >= 145, `April stack ${april.total_pct}`);
    assert.ok(june.coverage_share > 0 && june.coverage_share <= 1);
  });

  test('both directions: China on US goods', async () => {
    const r = await call(base, '/api/scenarios/us-china/tariffs?importer=CN&exporter=US&group=soybeans');
    assert.equal(r.status, 200);
    assert.ok(r.body.authorities.some((a: string) => a.startsWith('CN ')));
    const all = await call(base, '/api/scenarios/us-china/tariffs?importer=CN&exporter=US&step=month');
    assert.equal(all.status, 200);
    assert.equal(all.body.points.length, 12);
  });

  test('a what-if tariff layer changes the stack from its date only', async () => {
    const body = {
      group: 'handbags',
      overrides: [
        { importer: 'US', exporter: 'CN', authority: 'IEEPA reciprocal', pct: 125, from: '2025-06-01' },
      ],
    };
    const r = await call(base, '/api/scenarios/us-china/tariffs', { json: body });
    assert.equal(r.status, 200);
    const at = (d: string) => r.body.points.find((p: { from: string }) => p.from === d);
    assert.equal(at('2025-06-11').total_pct, 170);
    assert.equal(at('2025-05-21').total_pct, 55);
    const bad = await call(base, '/api/scenarios/us-china/tariffs', {
      json: { ...body, overrides: [{ ...body.overrides[0], authority: 'Section 999' }] },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /unknown tariff authority/);
    const neg = await call(base, '/api/scenarios/us-china/tariffs', {
      json: { ...body, overrides: [{ ...body.overrides[0], pct: -5 }] },
    });
    assert.equal(neg.status, 400);
    assert.equal(neg.body.error.path, 'body.overrides.0.pct');
  });

  test('product groups on a date', async () => {
    const r = await call(base, '/api/scenarios/us-china/groups?date=2025-06-11');
    assert.equal(r.status, 200);
    assert.equal(r.body.groups.find((g: { group: string }) => g.group === 'handbags').total_pct, 55);
  });

  test('trade-weighted effective rate series', async () => {
    const r = await call(base, '/api/scenarios/us-china/effective?step=month');
    assert.equal(r.status, 200);
    assert.equal(r.body.points.length, 12);
    const may = r.body.points[4];
    assert.ok(may.average_pct > 30 && may.average_pct < 120, String(may.average_pct));
    assert.match(r.body.basis.weights, /2024/);
  });

  test('claims: the "55%" is checked against the ledger', async () => {
    const r = await call(base, '/api/scenarios/us-china/claims');
    assert.equal(r.status, 200);
    const c = r.body.claims.find((x: { id: string }) => x.id === 'claim-trump-55');
    assert.equal(c.claimed, 55);
    assert.ok(typeof c.verdict === 'string' && c.explanation.length > 20);
    assert.ok(c.found.average_pct < 55, 'the trade-weighted average is below the top stack');
  });

  test('trade response, with edited elasticities', async () => {
    const a = await call(base, '/api/scenarios/us-china/response?at=2025-06-11');
    assert.equal(a.status, 200);
    assert.ok(a.body.china.change_usd < 0, 'imports from China fall');
    const b = await call(base, '/api/scenarios/us-china/response', {
      json: { at: '2025-06-11', elasticities: { sigma: 5, epsilon_m: -1.5, epsilon_x: 99 } },
    });
    assert.equal(b.status, 200);
    assert.notEqual(b.body.china.diversion_usd, a.body.china.diversion_usd);
    const bad = await call(base, '/api/scenarios/us-china/response', {
      json: { elasticities: { sigma: -1, epsilon_m: -1.5, epsilon_x: 99 } },
    });
    assert.equal(bad.status, 400);
  });
});

describe('bad requests', () => {
  test('malformed JSON answers 400 bad_json', async () => {
    const r = await call(base, '/api/scenarios/us-china/tariffs', {
      body: '{"group": "handbags",',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'bad_json');
  });

  test('a JSON array or a missing body answers 400', async () => {
    let r = await call(base, '/api/game/tournament', {
      body: '[1,2]',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(r.status, 400);
    r = await call(base, '/api/game/tournament', { method: 'POST' });
    assert.equal(r.status, 400);
  });

  test('an oversized body answers 413 before it is parsed', async () => {
    const big = JSON.stringify({ name: 'big', content: 'x'.repeat(70 * 1024) });
    const r = await call(base, '/api/scenarios', {
      body: big,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(r.status, 413);
    assert.equal(r.body.error.code, 'body_too_large');
  });

  test('an unsupported content type answers 415', async () => {
    const r = await call(base, '/api/game/tournament', {
      body: 'a=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(r.status, 415);
  });

  test('scenario names cannot reach outside the data directory', async () => {
    const attempts = [
      '..%2F..%2Fetc%2Fpasswd',
      '..',
      '%2E%2E',
      '..%5C..%5Cwindows',
      '%2Fetc%2Fpasswd',
      'london-2025%00.yaml',
      'a%2Fb',
      'C%3A%5Cx',
      '.hidden',
      'UPPER',
    ];
    for (const a of attempts) {
      const r = await call(base, `/api/scenarios/${a}/ledger?date=2025-06-11`);
      assert.ok(r.status === 400 || r.status === 404, `${a}: ${r.status}`);
      assert.ok(r.body?.error, `${a}: JSON error`);
      assert.doesNotMatch(r.text, /root:/);
    }
    const up = await call(base, '/api/scenarios', {
      json: { name: '../../escape', content: 'id: x\ntitle: x\n' },
    });
    assert.equal(up.status, 400);
    assert.equal(up.body.error.code, 'bad_name');
    const put = await call(base, '/api/scenarios/..%2Fescape', {
      method: 'PUT',
      body: 'id: x',
      headers: { 'content-type': 'application/yaml' },
    });
    assert.equal(put.status, 400);
  });

  test('static files cannot be read outside the dashboard folder', async () => {
    for (const p of [
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '/.git/config',
      '/%00',
    ]) {
      const r = await fetch(base + p, { redirect: 'manual' });
      const text = await r.text();
      assert.doesNotMatch(text, /"name": "leverage"|repositoryformatversion/, p);
      assert.ok(
        r.status === 404 ||
          r.status === 400 ||
          r.status === 302 ||
          (r.status === 200 && /<!doctype html>/i.test(text)),
        `${p}: ${r.status}`,
      );
    }
  });

  test('uploads cannot extend or read files by path', async () => {
    let r = await call(base, '/api/scenarios/validate', {
      json: { content: 'id: x\ntitle: x\nextends: ../../../etc/passwd\n' },
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'bad_name');
    r = await call(base, '/api/scenarios/validate', {
      json: { content: 'id: x\ntitle: x\nextends: /etc/passwd\n' },
    });
    assert.equal(r.status, 400);
    r = await call(base, '/api/scenarios/validate', {
      json: {
        content: 'id: x\ntitle: x\nextends: us-china\nproducts:\n  lists:\n    l1: {file: /etc/passwd}\n',
      },
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'file_reference');
    assert.equal(r.body.error.path, 'products.lists.l1.file');
  });
});

describe('uploaded scenarios', () => {
  const WHATIF = [
    'id: no-truce',
    'title: No Geneva truce (what-if)',
    'extends: us-china',
    'measures:',
    '  - id: us-ieepa-reciprocal-cn',
    '    kind: tariff',
    '    actor: US',
    '    target: CN',
    '    title: IEEPA reciprocal duty on products of China, never lowered (what-if)',
    '    authority: IEEPA reciprocal',
    '    scope: {all: true}',
    '    status:',
    '      - {date: 2025-04-05, status: in_force}',
    '    rates:',
    '      - {from: 2025-04-05, rate_pct: 10}',
    '      - {from: 2025-04-09, rate_pct: 84}',
    '      - {from: 2025-04-10, rate_pct: 125}',
    '    sources: [https://example.org/what-if]',
    '',
  ].join('\n');

  test('validate, save, use, compare and delete an upload that extends the built-in scenario', async () => {
    const v = await call(base, '/api/scenarios/validate', { json: { content: WHATIF } });
    assert.equal(v.status, 200, v.text);
    assert.equal(v.body.valid, true);
    const s = await call(base, '/api/scenarios', { json: { name: 'no-truce', content: WHATIF } });
    assert.equal(s.status, 201, s.text);
    const list = await call(base, '/api/scenarios');
    assert.ok(
      list.body.scenarios.some(
        (x: { name: string; builtin: boolean }) => x.name === 'no-truce' && !x.builtin,
      ),
    );
    const t = await call(base, '/api/scenarios/no-truce/tariffs?group=handbags');
    assert.equal(t.status, 200);
    assert.equal(t.body.points.find((p: { from: string }) => p.from === '2025-06-11').total_pct, 170);
    // a second upload can extend the first
    const chained = await call(base, '/api/scenarios', {
      json: { name: 'chained', content: 'id: chained\ntitle: Chained\nextends: no-truce\n' },
    });
    assert.equal(chained.status, 201, chained.text);
    const c = await call(base, '/api/scenarios/chained/ledger?date=2025-06-11&product=4202.21');
    assert.equal(c.body.stacks[0].total_pct, 170);
    assert.equal((await call(base, '/api/scenarios/chained', { method: 'DELETE' })).status, 200);
    assert.equal((await call(base, '/api/scenarios/no-truce', { method: 'DELETE' })).status, 200);
    assert.equal((await call(base, '/api/scenarios/no-truce')).status, 404);
  });

  test('raw YAML upload with PUT', async () => {
    const r = await call(base, '/api/scenarios/raw-yaml', {
      method: 'PUT',
      body: WHATIF.replace('no-truce', 'raw-yaml'),
      headers: { 'content-type': 'application/yaml' },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal((await call(base, '/api/scenarios/raw-yaml', { method: 'DELETE' })).status, 200);
  });

  test('an invalid upload answers 422 with located issues', async () => {
    const content = WHATIF.replace('no-truce', 'broken').replace(
      '{from: 2025-04-10, rate_pct: 125}',
      '{from: 2025-04-10, rate_pct: lots}',
    );
    const r = await call(base, '/api/scenarios', { json: { name: 'broken', content } });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'invalid_scenario');
    assert.ok(Array.isArray(r.body.error.details) && r.body.error.details.length > 0);
    assert.ok(
      r.body.error.details.some((i: { line?: number }) => i.line === 17),
      JSON.stringify(r.body.error.details),
    );
    assert.doesNotMatch(r.text, /\/tmp\/|leverage-server-/, 'no server paths in the message');
    assert.equal((await call(base, '/api/scenarios/broken')).status, 404, 'nothing saved');
    const yaml = await call(base, '/api/scenarios/validate', { json: { content: 'id: [unclosed' } });
    assert.equal(yaml.status, 422);
  });

  test('an upload whose simulation block names an unknown measure is refused, located, not saved', async () => {
    const content = [
      'extends: us-china',
      'id: bad-move',
      'title: A move on a measure that does not exist',
      'parameters:',
      '  simulation:',
      '    moves:',
      '      US:',
      '        - id: us-lift-nothing',
      '          kind: lift_export_control',
      '          on: C',
      '          measure: no-such-measure',
      '          harm_to_target_usd_per_week: {value: 1, assumption: a test value, range: [1, 1]}',
      '          cost_to_self_usd_per_week: {value: 1, assumption: a test value, range: [1, 1]}',
    ].join('\n');
    const r = await call(base, '/api/scenarios', { json: { name: 'bad-move', content } });
    assert.equal(r.status, 422, r.text);
    assert.equal(r.body.error.code, 'invalid_scenario');
    const issue = r.body.error.details[0];
    assert.equal(issue.path, 'parameters.simulation.moves.US[0].measure');
    assert.equal(issue.line, 11);
    assert.match(issue.message, /unknown measure "no-such-measure"/);
    assert.equal((await call(base, '/api/scenarios/bad-move')).status, 404, 'nothing saved');
  });

  test('built-in scenarios are read-only', async () => {
    assert.equal((await call(base, '/api/scenarios/london-2025', { method: 'DELETE' })).status, 409);
    const r = await call(base, '/api/scenarios', { json: { name: 'london-2025', content: WHATIF } });
    assert.equal(r.status, 409);
  });
});

describe('supply and game', () => {
  test('rare-earth exposure: licensing over time, industries, countries and a flow diagram', async () => {
    const r = await call(base, '/api/scenarios/us-china/exposure?weeks=20');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.equal(r.body.licensing.length, 20);
    const before = r.body.licensing[0];
    assert.equal(before.flow_share, 1, 'no licensing before 4 April 2025');
    assert.ok(r.body.licensing.some((l: { flow_share: number }) => l.flow_share < 0.5));
    assert.ok(r.body.industries.length > 5 && r.body.industries[0].loss_usd_m > 0);
    assert.ok(r.body.countries.every((c: { region: string }) => c.region !== 'CHN'));
    assert.ok(r.body.flow.nodes.some((n: { stage: number }) => n.stage === 3));
    assert.ok(r.body.flow.links.length > 5);
    const bad = await call(base, '/api/scenarios/us-china/exposure?measure=us-s301-list1');
    assert.equal(bad.status, 400);
  });

  test('rare-earth bottleneck: weekly rows by country and user, the counterfactual, located errors', async () => {
    const r = await call(base, '/api/scenarios/us-china/exposure/bottleneck?weeks=26');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.equal(r.body.model, 'bottleneck');
    assert.equal(r.body.weekly.length, 26 * r.body.countries.length);
    type Week = { country: string; date: string; output_lost_usd: number };
    const us = (b: { weekly: Week[] }, d: string) =>
      b.weekly.find((w) => w.country === 'USA' && w.date === d)?.output_lost_usd ?? NaN;
    const held = await call(
      base,
      '/api/scenarios/us-china/exposure/bottleneck?weeks=26&hold_flows_from=2025-05-01',
    );
    assert.equal(held.status, 200);
    assert.ok(us(held.body, '2025-08-25') > 10 * Math.max(1, us(r.body, '2025-08-25')));
    assert.ok(r.body.users.some((u: { first_dry_date: string | null }) => u.first_dry_date !== null));
    const bad = await call(base, '/api/scenarios/us-china/exposure/bottleneck?weeks=0');
    assert.equal(bad.status, 400);
  });

  test('IO shock', async () => {
    const labels = await call(base, '/api/io/sectors');
    assert.equal(labels.status, 200);
    assert.ok(
      labels.body.regions.includes('USA') &&
        labels.body.sectors.some((x: { code: string }) => x.code === 'c14'),
    );
    const r = await call(base, '/api/io/shock', { json: { sector: 'USA:c14', change: -1000, top: 5 } });
    assert.equal(r.status, 200);
    assert.equal(r.body.top.length, 5);
    assert.ok(r.body.top[0].change_usd_m < 0);
    assert.equal(r.body.demand_change_usd_m, -1000);
    assert.equal(r.body.output_change_share, null);
    const bad = await call(base, '/api/io/shock', { json: { sector: 'XXX:c99', change: -1 } });
    assert.equal(bad.status, 422);
  });

  test('tournament, equilibria and bargaining', async () => {
    const t = await call(base, '/api/game/tournament', {
      json: { players: ['TitForTat', 'Defector', 'TACO(threshold=3)'], turns: 50, repetitions: 2 },
    });
    assert.equal(t.status, 200, t.text);
    assert.equal(t.body.ranked_players.length, 3);
    const unknown = await call(base, '/api/game/tournament', {
      json: { players: ['TitForTat', 'NoSuchStrategy'] },
    });
    assert.equal(unknown.status, 422);
    assert.match(unknown.body.error.message, /unknown strategy/);
    const huge = await call(base, '/api/game/tournament', {
      json: { players: Array(30).fill('Random'), turns: 2000, repetitions: 200 },
    });
    assert.equal(huge.status, 422);
    assert.equal(huge.body.error.code, 'too_large');
    const eq = await call(base, '/api/game/equilibria', {
      json: {
        A: [
          [1, -1],
          [-1, 1],
        ],
        B: [
          [-1, 1],
          [1, -1],
        ],
      },
    });
    assert.equal(eq.status, 200);
    assert.equal(eq.body.equilibria.length, 1);
    assert.deepEqual(eq.body.equilibria[0].row, [0.5, 0.5]);
    const big = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i * 3 + j) % 7));
    const slow = await call(base, '/api/game/equilibria', { json: { A: big, B: big, method: 'vertex' } });
    assert.equal(slow.status, 422);
    assert.equal(slow.body.error.path, 'body.method');
    const lh = await call(base, '/api/game/equilibria', {
      json: { A: big, B: big.map((r) => r.map((v) => -v)), method: 'lemke-howson' },
    });
    assert.equal(lh.status, 200, lh.text);
    assert.ok(lh.body.equilibria.length >= 1);
    const b = await call(base, '/api/game/bargaining', {
      json: { method: 'rubinstein', delta1: 0.9, delta2: 0.9 },
    });
    assert.equal(b.status, 200);
    assert.ok(Math.abs(b.body.rubinstein.share1 - 1 / 1.9) < 1e-9);
    assert.equal(b.body.nash, null, 'one shape: the parts not asked for are null');
  });
});

describe('startServer', () => {
  test('a busy port fails clearly, or falls back to a free one when asked', async () => {
    const port = Number(new URL(srv.url).port);
    const dir = tempDir();
    try {
      const { startServer } = await import('../../src/server/index.ts');
      await assert.rejects(startServer({ dataDir: dir, port, warm: false }), /EADDRINUSE/);
      const other = await startServer({ dataDir: dir, port, warm: false, anyPortIfBusy: true });
      try {
        assert.notEqual(new URL(other.url).port, String(port));
        assert.equal((await call(other.url.replace(/\/$/, ''), '/api/health')).status, 200);
      } finally {
        await other.close();
      }
    } finally {
      removeDir(dir);
    }
  });
});
