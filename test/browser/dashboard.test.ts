// The dashboard in a real browser: Debian's chromium driven by playwright-core against the real
// server on a random loopback port. Measures the overview's first draw and a tariff-layer edit's
// redraw and records them in bench/out/web-timings.md (not tracked; `npm run bench -- web` records
// the benchmark's own runs in bench/RESULTS.md).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWebIfMissing, startServer, type RunningServer } from '../../src/server/index.ts';
import { REPO_ROOT } from '../../src/io/index.ts';
import { removeDir, tempDir } from '../server/helpers.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

// Page functions below run in the browser; the root tsconfig has no DOM types.
declare const window: {
  __leverage: {
    overviewDrawn?: number;
    editStart?: number;
    editDrawn?: number;
    editVersion: number;
    drawnVersion: number;
  };
};
declare const document: {
  querySelector(
    s: string,
  ): { getAttribute(n: string): string | null; value?: string; textContent: string | null } | null;
  activeElement: { textContent: string | null; getAttribute(n: string): string | null } | null;
  documentElement: { scrollWidth: number; clientWidth: number };
};
type HTMLSelectElement = { value: string };
declare const location: { href: string };

const available = existsSync(CHROMIUM);
if (!available && process.env.CI)
  throw new Error(
    `${CHROMIUM} is missing: CI must install Debian's chromium (apt-get install chromium) for the browser tests`,
  );
const skip = available ? false : `${CHROMIUM} not installed (set CI=1 to make this an error)`;

const OVERVIEW_BUDGET_MS = 1500;
// Hang guards stretch with the machine's load (1-minute load average per core, 1 to 5), so a busy
// box does not turn a wait into a failure. The budgets are for an idle machine: asserted on the best
// of three draws, times the same factor (1 on an idle CI box), and the raw times and the load are
// written to bench/out/web-timings.md.
const LOAD_FACTOR = Math.min(5, Math.max(1, loadavg()[0] / Math.max(1, availableParallelism())));
const slow = (ms: number): number => Math.round(ms * LOAD_FACTOR);
const EDIT_BUDGET_MS = 200;

const DIR = tempDir();
let server: RunningServer;
let browser: Browser;
let url = '';
const timings: { overview: number[]; edit: number[] } = { overview: [], edit: [] };

async function open(path: string, consoleErrors: string[] = []): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(slow(30_000));
  page.setDefaultNavigationTimeout(slow(30_000));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(url + path);
  return page;
}

describe('dashboard in chromium', { skip }, () => {
  before(async () => {
    await buildWebIfMissing({ ifStale: true });
    assert.ok(existsSync(join(REPO_ROOT, 'web', 'dist', 'index.html')), 'web/dist built');
    server = await startServer({ dataDir: DIR, port: 0, host: '127.0.0.1' });
    url = server.url;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    removeDir(DIR);
    if (timings.overview.length && timings.edit.length) writeResults(browser?.version?.() ?? '');
  });

  test('overview: timeline, stacks and claims drawn with no console errors, within 1.5 s of navigation (best of three)', async () => {
    for (let i = 0; i < 3; i++) {
      const errors: string[] = [];
      const page = await open('?panel=overview', errors);
      await page.waitForSelector('[data-testid="panel-overview"][data-ready="yes"]', {
        timeout: slow(15_000),
      });
      await page.waitForFunction(() => window.__leverage?.overviewDrawn !== undefined);
      const drawn = await page.evaluate(() => window.__leverage.overviewDrawn!);
      timings.overview.push(drawn);
      // the 55% stack on 11 June 2025, layer by layer
      const row = page.locator('[data-testid="chart-stacks-on-date"] g.row[data-product="420221"]');
      assert.equal(await row.getAttribute('data-total'), '55');
      const layers = await row
        .locator('rect[data-authority]')
        .evaluateAll((rs) => rs.map((r) => [r.getAttribute('data-authority'), r.getAttribute('data-value')]));
      assert.deepEqual(Object.fromEntries(layers), {
        'Section 301': '25',
        'IEEPA fentanyl': '20',
        'IEEPA reciprocal': '10',
      });
      assert.equal(await page.getByTestId('headline-total').textContent(), '55%');
      // timeline: measures with states, approvals and truce clocks
      assert.ok((await page.locator('[data-testid="chart-timeline"] g.measure').count()) > 20);
      assert.ok(
        (await page
          .locator('[data-testid="chart-timeline"] g.approval rect[data-state="pending"]')
          .count()) >= 2,
        'pending approvals of the London framework',
      );
      assert.ok((await page.locator('[data-testid="chart-timeline"] g.clock').count()) >= 1, 'a truce clock');
      // claims vs computed
      const claim = page.locator('[data-testid="chart-claims"] g.claim[data-claim="claim-trump-55"]');
      assert.equal(await claim.getAttribute('data-claimed'), '55');
      assert.ok(Number(await claim.getAttribute('data-computed')) < 55);
      assert.deepEqual(errors, []);
      await page.close();
    }
    const first = timings.overview[0];
    assert.ok(
      Math.min(...timings.overview) < OVERVIEW_BUDGET_MS * LOAD_FACTOR,
      `overview drawn in ${timings.overview.map((t) => t.toFixed(0)).join(', ')} ms (budget ${OVERVIEW_BUDGET_MS} ms x load factor ${LOAD_FACTOR.toFixed(2)})`,
    );
    assert.ok(first > 0);
  });

  test('overview: key dates move the story, and the URL follows', async () => {
    const errors: string[] = [];
    const page = await open('?panel=overview', errors);
    const row = page.locator('[data-testid="chart-stacks-on-date"] g.row[data-product="420221"]');
    await row.waitFor({ state: 'attached', timeout: slow(15_000) });
    await page.getByRole('button', { name: 'Peak, both sides 125%: 12 Apr' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="chart-stacks-on-date"]')?.getAttribute('data-date') ===
        '2025-04-12',
    );
    // both sides at their peaks: handbags 25 + 20 + 125 from the US, soybeans 125 from China
    // (on 10 April China was still at 84%)
    assert.equal(await row.getAttribute('data-total'), '170');
    assert.equal(
      await page
        .locator('[data-testid="chart-stacks-on-date"] g.row[data-product="1201"]')
        .getAttribute('data-total'),
      '125',
    );
    assert.match(page.url(), /date=2025-04-12/);
    assert.equal(await page.locator('[data-testid="chart-timeline-marker"]').count(), 1);
    await page.getByRole('button', { name: 'Geneva truce: 14 May' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="chart-stacks-on-date"]')?.getAttribute('data-date') ===
        '2025-05-14',
    );
    assert.equal(await row.getAttribute('data-total'), '55');
    // clicking the timeline moves the date (here: its left edge, early January, below the legend)
    await page.locator('[data-testid="chart-timeline"] rect.pick').click({ position: { x: 2, y: 60 } });
    await page.waitForFunction(() => /date=2025-01-0/.test(location.href));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('overview past as_of: the scheduled changes are flagged "scheduled, not verified after" as_of; none before it', async () => {
    const errors: string[] = [];
    const page = await open('?panel=overview&date=2026-11-28', errors);
    const flag = page.getByTestId('scheduled-flag');
    await flag.waitFor({ state: 'attached', timeout: slow(15_000) });
    const text = (await flag.textContent()) ?? '';
    assert.match(text, /scheduled, not verified after 2026-08-07/);
    assert.match(text, /2026-11-27 cn-ec-2024-12-gallium-ban: not in force \(suspended\) -> in force/);
    assert.match(text, /2026-11-10 cn-tariff-reciprocal: applied rate 10% -> applied rate 34%/);
    await page.close();
    const before = await open('?panel=overview&date=2026-08-01', errors);
    await before.waitForSelector('[data-testid="panel-overview"][data-ready="yes"]', {
      timeout: slow(15_000),
    });
    await before
      .locator('[data-testid="chart-stacks-on-date"][data-date="2026-08-01"]')
      .waitFor({ state: 'attached' });
    assert.equal(await before.getByTestId('scheduled-flag').count(), 0);
    assert.deepEqual(errors, []);
    await before.close();
  });

  test('tariffs: stack by authority over time, both directions, groups, effective rate', async () => {
    const errors: string[] = [];
    const page = await open('?panel=tariffs', errors);
    const bar = page.locator('[data-testid="chart-tariff-stack"] g.bar[data-date="2025-06-11"]');
    await bar.waitFor({ state: 'attached', timeout: slow(15_000) });
    assert.equal(await bar.getAttribute('data-total'), '55');
    assert.equal(await page.locator('[data-testid="chart-tariff-stack"] g.bar').count(), 53);
    assert.equal(
      await page
        .locator(
          '[data-testid="chart-tariff-stack"] g.bar[data-date="2025-04-16"] rect[data-authority="IEEPA reciprocal"]',
        )
        .getAttribute('data-value'),
      '125',
    );
    await page
      .locator('[data-testid="chart-groups"] g.row[data-group="handbags"]')
      .waitFor({ state: 'attached' });
    assert.equal(
      await page
        .locator('[data-testid="chart-groups"] g.row[data-group="handbags"]')
        .getAttribute('data-total'),
      '55',
    );
    await page
      .locator('[data-testid="chart-effective"] g.series[data-series="total"]')
      .waitFor({ state: 'attached', timeout: slow(20_000) });
    await page.locator('[data-testid="chart-coverage"] g.series').first().waitFor({ state: 'attached' });
    await page
      .locator('[data-testid="chart-both-directions"] g.series')
      .first()
      .waitFor({ state: 'attached', timeout: slow(20_000) });
    assert.equal(await page.locator('[data-testid="chart-both-directions"] g.series').count(), 2);
    // the other direction
    await page.getByTestId('dir-CN-US').check();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="chart-tariff-stack"]')?.getAttribute('data-importer') === 'CN',
    );
    assert.match(page.url(), /dir=CN-US/);
    const cn = await page.locator('[data-testid="chart-tariff-stack"] rect[data-authority^="CN "]').count();
    assert.ok(cn > 0, 'China-side authorities drawn');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('rare earths: licensing over time, exposure by industry and country, flow diagram', async () => {
    const errors: string[] = [];
    const page = await open('?panel=rare-earths', errors);
    await page
      .locator('[data-testid="chart-flow"] path.link')
      .first()
      .waitFor({ state: 'attached', timeout: slow(30_000) });
    const flows = await page.locator('[data-testid="chart-flow"] path.link').count();
    assert.ok(flows > 5, `${flows} links`);
    const stages = await page.locator('[data-testid="chart-flow"] g.node').count();
    assert.ok(stages >= 8);
    const lic = await page
      .locator('[data-testid="chart-licensing"] circle[data-value]')
      .evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('data-value'))));
    assert.equal(lic[0], 100, 'no licensing in early March');
    assert.ok(Math.min(...lic) < 50, 'licensing cut the flow');
    assert.ok((await page.locator('[data-testid="chart-industries"] g.row').count()) >= 5);
    assert.ok((await page.locator('[data-testid="chart-countries"] g.row').count()) >= 5);
    await page
      .locator('[data-testid="chart-io-shock"] g.row')
      .first()
      .waitFor({ state: 'attached', timeout: slow(20_000) });
    const first = Number(
      await page.locator('[data-testid="chart-io-shock"] g.row').first().getAttribute('data-value'),
    );
    assert.ok(first < 0, 'an output cut lowers output');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("rare earths: bottleneck model, output lost by country with bands, cliff weeks, and China's flows held from a date (URL and figures follow)", async () => {
    const errors: string[] = [];
    const page = await open('?panel=rare-earths', errors);
    const section = page.getByTestId('bottleneck');
    await page
      .locator('[data-testid="bottleneck"][data-ready="yes"][data-counterfactual=""]')
      .waitFor({ state: 'attached', timeout: slow(60_000) });
    assert.equal(
      await section.getByRole('heading', { level: 2 }).textContent(),
      'Bottleneck model: stocks run down, then output stops',
    );
    // weekly loss: one line with a band for each country, USD a week
    const loss = page.getByTestId('chart-bottleneck-loss');
    const series = await loss
      .locator('g.series')
      .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-series')));
    for (const c of ['USA', 'DEU', 'JPN', 'KOR', 'MEX']) assert.ok(series.includes(c), `${c} in ${series}`);
    assert.ok((await loss.locator('path.band').count()) >= 5, 'a band for each country');
    const usLoss = await loss
      .locator('g.series[data-series="USA"] circle[data-value]')
      .evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('data-value'))));
    assert.equal(usLoss.length, 30, 'thirty weeks');
    assert.equal(usLoss[0], 0, 'no loss in early March');
    assert.ok(Math.max(...usLoss) > 1e6, 'US output lost, USD a week');
    assert.match((await loss.locator('.subtitle').textContent()) ?? '', /USD a week/);
    assert.match((await loss.locator('.note').textContent()) ?? '', /^Source: Leverage bottleneck model/);
    // the cliff week of each US user
    const cliff = page.getByTestId('cliff-us-light-vehicles');
    const cliffBefore = (await cliff.textContent()) ?? '';
    const lightVehicles = page.locator('[data-testid="bottleneck-cliffs"] tr[data-user="us-light-vehicles"]');
    const dryBefore = Number(await lightVehicles.getAttribute('data-dry-share'));
    assert.match(cliffBefore, /^runs dry in the week of \d{1,2} [A-Z][a-z]{2} 2025/);
    assert.ok(
      (await page
        .locator('[data-testid="bottleneck-cliffs"] td', { hasText: /does not run dry within 30 weeks/ })
        .count()) +
        (await page
          .locator('[data-testid="bottleneck-cliffs"] td', { hasText: /^runs dry in the week of/ })
          .count()) ===
        (await page.locator('[data-testid="bottleneck-cliffs"] tbody tr').count()),
      'every user has a cliff week or "does not run dry"',
    );
    // stocks: one line for each user of the country shown
    const users = await page.locator('[data-testid="bottleneck-cliffs"] tbody tr').count();
    assert.ok(users >= 5);
    assert.equal(await page.locator('[data-testid="chart-bottleneck-stocks"] g.series').count(), users);
    const usPeak = await page
      .locator('[data-testid="bottleneck-countries"] tr[data-country="USA"]')
      .getAttribute('data-peak');
    // hold China's flows at their level of 1 May 2025: the URL and the figures change
    await page.getByTestId('bottleneck-hold').check();
    assert.match(page.url(), /[?&]hold=2025-05-01(&|$)/);
    await page
      .locator('[data-testid="bottleneck"][data-ready="yes"][data-counterfactual*="2025-05-01"]')
      .waitFor({ state: 'attached', timeout: slow(60_000) });
    assert.match((await loss.locator('.note').textContent()) ?? '', /held at their level of 2025-05-01/);
    const cliffHeld = (await cliff.textContent()) ?? '';
    assert.match(cliffHeld, /^runs dry in the week of/);
    // the first (lowest-buffer) plants run dry in the same week on both paths; many more follow
    const dryHeld = Number(await lightVehicles.getAttribute('data-dry-share'));
    assert.ok(dryHeld > dryBefore + 0.3, `share of plants dry ${dryBefore} -> ${dryHeld}`);
    const usPeakHeld = await page
      .locator('[data-testid="bottleneck-countries"] tr[data-country="USA"]')
      .getAttribute('data-peak');
    assert.ok(Number(usPeakHeld) > Number(usPeak), `US peak loss ${usPeak} -> ${usPeakHeld}`);
    // the link keeps the counterfactual; the country select follows the URL too
    await page.reload();
    await page
      .locator('[data-testid="bottleneck"][data-ready="yes"][data-counterfactual*="2025-05-01"]')
      .waitFor({ state: 'attached', timeout: slow(60_000) });
    assert.equal(await page.getByTestId('bottleneck-hold').isChecked(), true);
    assert.equal(await cliff.textContent(), cliffHeld);
    await page.getByTestId('bottleneck-country').selectOption('DEU');
    assert.match(page.url(), /[?&]country=DEU(&|$)/);
    await page.locator('[data-testid="chart-bottleneck-stocks"][data-country="DEU"]').waitFor();
    assert.ok(
      (await page.locator('[data-testid="bottleneck-cliffs"] tbody tr[data-user^="deu-"]').count()) >= 1,
    );
    assert.equal(
      await page.locator('[data-testid="bottleneck-cliffs"] tbody tr[data-user^="us-"]').count(),
      0,
    );
    // off again: the observed path
    await page.getByTestId('bottleneck-hold').uncheck();
    assert.doesNotMatch(page.url(), /hold=/);
    await page
      .locator('[data-testid="bottleneck"][data-ready="yes"][data-counterfactual=""]')
      .waitFor({ state: 'attached', timeout: slow(30_000) });
    assert.equal(
      await page
        .locator('[data-testid="bottleneck-countries"] tr[data-country="USA"]')
        .getAttribute('data-peak'),
      usPeak,
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('negotiation: tournament explorer, bargaining, and a Monte Carlo run with fan charts', async () => {
    const errors: string[] = [];
    const page = await open('?panel=negotiation', errors);
    await page
      .locator('[data-testid="chart-tournament"] g.row')
      .first()
      .waitFor({ state: 'attached', timeout: slow(15_000) });
    assert.ok((await page.locator('[data-testid="chart-tournament"] g.row').count()) >= 5);
    assert.ok((await page.locator('[data-testid="chart-payoffs"] g.cell').count()) >= 25);
    await page.locator('[data-testid="chart-bargaining"] g.row').first().waitFor({ state: 'attached' });
    // the panel opens on an answer: a first run of 2,000 starts by itself
    await page
      .locator('[data-testid="chart-run-result"][data-runs="2000"]')
      .waitFor({ state: 'attached', timeout: slow(60_000) });
    await page.getByTestId('run-count').fill('400');
    await page.getByTestId('start-run').click();
    await page
      .locator('[data-testid="chart-run-result"][data-runs="400"]')
      .waitFor({ state: 'attached', timeout: slow(60_000) });
    assert.ok((await page.locator('[data-testid="chart-odds"] g.series').count()) === 3);
    // simulated charts name their runs and seed in their note (which every export carries:
    // ux.test.ts "exports carry title, ...")
    for (const id of ['chart-odds', 'chart-fan-tariffs', 'chart-fan-licence', 'chart-concession'])
      assert.match(
        (await page.locator(`[data-testid="${id}"] > .note`).textContent()) ?? '',
        /^400 runs from \d{4}-\d{2}-\d{2}, seed \d+: shares of simulated runs/,
        id,
      );
    // beside the odds: what they are and how such shares have scored (GET /api/track-record)
    const basis = page.getByTestId('odds-basis');
    await basis.waitFor({ state: 'attached', timeout: slow(180_000) });
    assert.match(
      (await basis.textContent()) ?? '',
      /^Odds are shares of simulated runs, not a scored forecast: on \d+ resolved questions the simulator's shares scored Brier 0\.\d{3} vs \w+ 0\.\d{3}/,
    );
    // each verdict names whose odds it judges: the forecast's, then the shares shown here
    assert.match(
      (await page.getByTestId('track-record-verdict').textContent()) ?? '',
      /^the recalibrated forecast (scored worse than|beat) /,
    );
    assert.match(
      (await page.getByTestId('track-record-simulator-verdict').textContent()) ?? '',
      /^the simulator's shares of runs (scored worse than|beat) /,
    );
    // one run, step by step
    await page
      .locator('[data-testid="chart-story-moves"] circle.move')
      .first()
      .waitFor({ state: 'attached', timeout: slow(30_000) });
    const before = await page.getByTestId('chart-story-moves').getAttribute('data-moves');
    await page.getByTestId('story-next').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="story-index"]')?.textContent === 'run 1',
    );
    assert.ok(Number(before) > 0);
    // the next visit shows the stored run of the scenario without running again
    const again = await open('?panel=negotiation', errors);
    await again
      .locator('[data-testid="chart-run-result"]')
      .waitFor({ state: 'attached', timeout: slow(15_000) });
    assert.equal(await again.locator('[data-testid="runs-table"] tr[data-status="done"]').count(), 2);
    await again.close();
    assert.ok(
      (await page.locator('[data-testid="chart-fan-tariffs"] path.band').count()) === 2,
      'two fans with 5-95 bands',
    );
    assert.ok((await page.locator('[data-testid="chart-concession"] g.row').count()) >= 2);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('editor: editing a tariff layer redraws the chart within 200 ms', async () => {
    const errors: string[] = [];
    const page = await open('?panel=editor', errors);
    const chart = page.getByTestId('chart-editor-stack');
    await chart
      .locator('g.bar[data-date="2025-06-11"]')
      .waitFor({ state: 'attached', timeout: slow(15_000) });
    assert.equal(await chart.locator('g.bar[data-date="2025-06-11"]').getAttribute('data-total'), '55');
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="layer-authority"]') as HTMLSelectElement)?.value ===
        'IEEPA reciprocal',
    );
    // measured on a settled page: the panel's other charts (trade response, tournament) have loaded
    await page
      .locator('[data-testid="chart-editor-response"] g.row')
      .first()
      .waitFor({ state: 'attached', timeout: slow(20_000) });
    await page
      .locator('[data-testid="chart-editor-strategy"] g.row')
      .first()
      .waitFor({ state: 'attached', timeout: slow(20_000) });
    for (const [rate, total] of [
      ['125', '170'],
      ['150', '195'],
      ['80', '125'],
      ['0', '45'],
    ]) {
      await page.getByTestId('layer-rate').fill(rate);
      await page.waitForFunction(
        (t) =>
          document
            .querySelector('[data-testid="chart-editor-stack"] g.bar[data-date="2025-06-11"]')
            ?.getAttribute('data-total') === t,
        total,
      );
      await page.waitForFunction(() => window.__leverage.drawnVersion === window.__leverage.editVersion);
      const ms = await page.evaluate(() => window.__leverage.editDrawn! - window.__leverage.editStart!);
      timings.edit.push(ms);
      // before the edit's date the stack is as recorded
      assert.equal(await chart.locator('g.bar[data-date="2025-05-21"]').getAttribute('data-total'), '55');
    }
    assert.equal(
      await page.getByTestId('chart-editor-stack-compare').count(),
      1,
      'the recorded stack is drawn for comparison',
    );
    assert.ok(
      Math.min(...timings.edit) < EDIT_BUDGET_MS * LOAD_FACTOR,
      `edit redraws ${timings.edit.map((t) => t.toFixed(0)).join(', ')} ms (budget ${EDIT_BUDGET_MS} ms x load factor ${LOAD_FACTOR.toFixed(2)})`,
    );
    await page
      .locator('[data-testid="chart-editor-response"] g.row')
      .first()
      .waitFor({ state: 'attached', timeout: slow(20_000) });
    await page
      .locator('[data-testid="chart-editor-strategy"] g.row')
      .first()
      .waitFor({ state: 'attached', timeout: slow(20_000) });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a bad upload shows a clear message; a good one can be compared side by side', async () => {
    const page = await open('?panel=editor');
    await page.getByTestId('upload-name').fill('bad-upload');
    await page
      .getByTestId('upload-text')
      .fill(
        'id: bad\ntitle: Bad\nextends: london-2025\nmeasures:\n  - id: us-ieepa-reciprocal-cn\n    rates: lots\n',
      );
    await page.getByTestId('upload-save').click();
    const err = page.getByTestId('error').filter({ hasText: 'not accepted' });
    await err.waitFor();
    const text = (await err.textContent()) ?? '';
    assert.match(text, /invalid/);
    assert.match(text, /line \d+/, 'the message points at a line');
    assert.match(text, /measures\[0\]/);
    // the example is valid and extends london-2025
    await page.getByRole('button', { name: 'Insert example' }).click();
    await page.getByTestId('upload-name').fill('no-geneva-truce');
    await page.getByTestId('upload-save').click();
    await page.getByTestId('upload-ok').waitFor();
    await page
      .locator('[data-testid="chart-compare-b"] g.bar[data-date="2025-06-11"]')
      .waitFor({ state: 'attached', timeout: slow(15_000) });
    assert.equal(
      await page
        .locator('[data-testid="chart-compare-b"] g.bar[data-date="2025-06-11"]')
        .getAttribute('data-total'),
      '170',
    );
    assert.equal(
      await page
        .locator('[data-testid="chart-compare-a"] g.bar[data-date="2025-06-11"]')
        .getAttribute('data-total'),
      '55',
    );
    assert.match((await page.getByTestId('compare-diff').textContent()) ?? '', /differ/);
    assert.match(page.url(), /compare=no-geneva-truce/);
    // the edit is in the URL: a shared link opens the same what-if
    await page.getByTestId('layer-rate').fill('90');
    await page.waitForFunction(() => /edit=IEEPA(\+|%20)reciprocal%7C90%7C2025-06-01/.test(location.href));
    const link = page.url();
    const other = await open(link.slice(url.length));
    await other
      .locator(
        '[data-testid="chart-editor-stack"][data-whatif="yes"] g.bar[data-date="2025-06-11"][data-total="135"]',
      )
      .waitFor({ state: 'attached', timeout: slow(15_000) });
    assert.equal(await other.getByTestId('layer-rate').inputValue(), '90');
    await other.close();
    await page.close();
  });

  test('every chart exports a non-empty SVG, PNG and CSV', async () => {
    const page = await open('?panel=tariffs');
    const fig = page.getByTestId('chart-tariff-stack');
    await fig
      .locator('g.bar')
      .first()
      .waitFor({ state: 'attached', timeout: slow(15_000) });
    const grab = async (label: string) => {
      const [dl] = await Promise.all([
        page.waitForEvent('download'),
        fig.getByRole('button', { name: label }).click(),
      ]);
      const p = await dl.path();
      return { name: dl.suggestedFilename(), bytes: readFileSync(p) };
    };
    const csv = await grab('Export the data of Tariff stack by authority, week by week as CSV');
    assert.equal(csv.name, 'leverage-chart-tariff-stack.csv');
    const lines = csv.bytes.toString('utf8').trim().split(/\r\n/);
    assert.match(lines[0], /^date,/);
    assert.equal(lines.indexOf(''), 54, 'data rows, then a blank line and the source lines');
    assert.ok(lines.some((l) => l.startsWith('2025-06-11,') && l.split(',').includes('55')));
    const svg = await grab('Export Tariff stack by authority, week by week as SVG');
    assert.match(svg.bytes.toString('utf8'), /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(svg.bytes.toString('utf8').includes('data-total="55"'));
    const png = await grab('Export Tariff stack by authority, week by week as PNG');
    assert.ok(png.bytes.length > 2000, `${png.bytes.length} bytes`);
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // every chart on the page has the three export buttons and a data table
    const figs = await page.locator('figure.chart').count();
    assert.equal(await page.locator('figure.chart .exports button').count(), figs * 4);
    await fig
      .getByRole('button', { name: 'Show the data of Tariff stack by authority, week by week as a table' })
      .click();
    const cells = fig.locator('.datatable tbody tr');
    assert.equal(await cells.count(), 53);
    assert.ok(
      (await fig.locator('.datatable tbody tr', { hasText: '2025-06-11' }).textContent())?.includes('55'),
    );
    await page.close();
  });

  test('the URL holds the view, and the view is usable by keyboard on a laptop screen', async () => {
    const page = await open('?panel=tariffs&dir=CN-US&group=soybeans&date=2025-04-15');
    await page
      .locator('[data-testid="chart-tariff-stack"] g.bar')
      .first()
      .waitFor({ state: 'attached', timeout: slow(15_000) });
    assert.equal(await page.getByTestId('chart-tariff-stack').getAttribute('data-importer'), 'CN');
    assert.equal(await page.getByTestId('chart-tariff-stack').getAttribute('data-selection'), 'soybeans');
    assert.equal(await page.getByTestId('group-select').inputValue(), 'soybeans');
    assert.equal(await page.getByTestId('date-input').inputValue(), '2025-04-15');
    assert.equal(await page.getByTestId('tab-tariffs').getAttribute('aria-selected'), 'true');
    // keyboard: the first Tab reaches the skip link, arrows move between panels
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.getByTestId('tab-tariffs').focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('panel-rare-earths').waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      'tab-rare-earths',
    );
    assert.match(page.url(), /panel=rare-earths/);
    await page.keyboard.press('Enter');
    await page.goBack();
    await page.getByTestId('panel-tariffs').waitFor();
    // readable at 1366 x 768: no horizontal scrolling on any panel
    for (const p of ['overview', 'tariffs', 'negotiation', 'editor']) {
      await page.goto(`${url}?panel=${p}`);
      await page
        .locator('figure.chart')
        .first()
        .waitFor({ state: 'attached', timeout: slow(20_000) });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `${p}: ${overflow}px of horizontal scroll`);
    }
    await page.close();
  });
});

function writeResults(chromiumVersion: string) {
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const c = cpus();
  const text = `# Dashboard timings (browser tests)

Written by \`test/browser/dashboard.test.ts\` on every run; numbers from the last run.

- Date: ${new Date().toISOString()}
- Machine: ${c.length} x ${c[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()}
- Node ${process.version}, Chromium ${chromiumVersion} (headless, Debian package, playwright-core)
- Server: the real Leverage server on 127.0.0.1 (random port), built dashboard from web/dist; test suite may run other test files in parallel (\`--test-concurrency=2\`)

| measure | budget | runs (ms) | median (ms) | max (ms) |
| --- | --- | --- | --- | --- |
| Overview drawn (navigation start to the stacks, timeline and claims charts drawn, next frame) | ${OVERVIEW_BUDGET_MS} ms | ${timings.overview.map((t) => t.toFixed(0)).join(', ')} | ${med(timings.overview).toFixed(0)} | ${Math.max(...timings.overview).toFixed(0)} |
| Tariff-layer edit redrawn (input event to the what-if bars on screen, server round trip included) | ${EDIT_BUDGET_MS} ms | ${timings.edit.map((t) => t.toFixed(0)).join(', ')} | ${med(timings.edit).toFixed(0)} | ${Math.max(...timings.edit).toFixed(0)} |

How they are measured: in the page, with \`performance.now()\` (origin: navigation start). The
overview records the frame after all three of its charts have been committed; an edit records the
time of the input event and the frame after the bars for that edit's answer were committed
(\`window.__leverage\`). Both budgets are asserted by the test on the best of the runs (the first run
includes a cold start; under load the others can be slow too), with the load average beside them: ${loadavg()[0].toFixed(1)}.
`;
  mkdirSync(join(REPO_ROOT, 'bench', 'out'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'bench', 'out', 'web-timings.md'), text);
}
