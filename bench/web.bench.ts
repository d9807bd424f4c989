import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildWebIfMissing, startServer } from '../src/server/index.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/browser/chromium.ts';

// Page functions run in the browser; the root tsconfig has no DOM types.
declare const window: {
  __leverage: {
    overviewDrawn?: number;
    editStart?: number;
    editDrawn?: number;
    editVersion: number;
    drawnVersion: number;
  };
};
declare const document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `${q(0.5).toFixed(0)} | ${q(0.9).toFixed(0)} | ${s[s.length - 1].toFixed(0)}`;
};

async function timed<T>(f: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

/** Web: server start-up, API latencies (first and cached), overview draw and tariff-edit redraw in chromium. */
export async function main(): Promise<string> {
  await buildWebIfMissing({ ifStale: true });
  const dir = mkdtempSync(join(tmpdir(), 'leverage-bench-web-'));
  const tStart = performance.now();
  const server = await startServer({ dataDir: dir, port: 0 });
  const startup = performance.now() - tStart;
  const base = server.url.replace(/\/$/, '');
  const api: [string, string, RequestInit?][] = [
    ['ledger on a date', '/api/scenarios/london-2025/ledger?date=2025-04-10'],
    ['timeline', '/api/scenarios/london-2025/timeline'],
    ['tariff series, a group, weekly', '/api/scenarios/london-2025/tariffs?group=steel-aluminium'],
    ['tariff series, all 14k US lines, weekly', '/api/scenarios/london-2025/tariffs'],
    ['groups on a date', '/api/scenarios/london-2025/groups?date=2025-04-10'],
    ['claims check', '/api/scenarios/london-2025/claims'],
    [
      'what-if tariff layer (handbags)',
      '/api/scenarios/london-2025/tariffs',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          group: 'handbags',
          overrides: [
            { importer: 'US', exporter: 'CN', authority: 'IEEPA reciprocal', pct: 99, from: '2025-06-01' },
          ],
        }),
      },
    ],
    [
      'tournament, 8 players x 200 turns x 5',
      '/api/game/tournament',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          players: [
            'TitForTat',
            'TACO',
            'Defector',
            'Cooperator',
            'Grudger',
            'GenerousTitForTat',
            'WinStayLoseShift',
            'FightOrTalk',
          ],
          turns: 200,
          repetitions: 5,
        }),
      },
    ],
  ];
  const rows: string[] = [];
  for (const [name, path, init] of api) {
    const first = await timed(() => fetch(base + path, init).then((r) => r.text()));
    const again: number[] = [];
    for (let i = 0; i < 5; i++) again.push(await timed(() => fetch(base + path, init).then((r) => r.text())));
    rows.push(`| ${name} | ${first.toFixed(0)} | ${stats(again).split(' | ')[0]} |`);
  }
  const run = await timed(async () => {
    const r = (await (
      await fetch(base + '/api/runs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: 'london-2025', runs: 5000, seed: 1 }),
      })
    ).json()) as { id: string };
    await (await fetch(`${base}/api/runs/${r.id}/events`)).text();
  });

  let browserRows = '| (chromium not installed: browser timings skipped) | | | | |';
  if (existsSync(CHROMIUM)) {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const overview: number[] = [];
    for (let i = 0; i < 8; i++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(server.url + '?panel=overview');
      await page.waitForFunction(() => window.__leverage?.overviewDrawn !== undefined, undefined, {
        timeout: 20_000,
      });
      overview.push(await page.evaluate(() => window.__leverage.overviewDrawn!));
      await page.close();
    }
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(server.url + '?panel=editor');
    await page
      .locator('[data-testid="chart-editor-response"] g.row')
      .first()
      .waitFor({ state: 'attached', timeout: 30_000 });
    await page
      .locator('[data-testid="chart-editor-strategy"] g.row')
      .first()
      .waitFor({ state: 'attached', timeout: 30_000 });
    const edits: number[] = [];
    for (let i = 0; i < 20; i++) {
      const rate = 30 + 7 * i;
      await page.getByTestId('layer-rate').fill(String(rate));
      await page.waitForFunction(
        (t) =>
          document
            .querySelector('[data-testid="chart-editor-stack"] g.bar[data-date="2025-06-11"]')
            ?.getAttribute('data-total') === t,
        String(45 + rate),
      );
      await page.waitForFunction(() => window.__leverage.drawnVersion === window.__leverage.editVersion);
      edits.push(await page.evaluate(() => window.__leverage.editDrawn! - window.__leverage.editStart!));
    }
    const version = browser.version();
    await browser.close();
    browserRows = [
      `| overview drawn after navigation (stacks, timeline, claims), ${overview.length} fresh pages, Chromium ${version} | 1500 | ${stats(overview)} |`,
      `| tariff-layer edit to redrawn chart (server round trip included), ${edits.length} edits | 200 | ${stats(edits)} |`,
    ].join('\n');
  }
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  return `## Web (${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model}, ${cpus().length} cores, Node ${process.version})

Server start-up with warm-up (scenario, claims, effective rates, trade response, rare-earth exposure): ${startup.toFixed(0)} ms.
Monte Carlo run of 5,000 through the API (start, server-sent events to the end, engine inputs prepared on first use): ${run.toFixed(0)} ms.

| API request (loopback) | first (ms) | repeated, median of 5 (ms) |
| --- | --- | --- |
${rows.join('\n')}

| dashboard, measured in the page with performance.now() | budget (ms) | median | p90 | max |
| --- | --- | --- | --- | --- |
${browserRows}

The browser tests (\`test/browser/dashboard.test.ts\`) assert both budgets on every \`npm test\` and write their own numbers to \`bench/out/web-timings.md\` (untracked).`;
}
