// Issue 17 items 3, 7, 8 and 9 as a user meets them: every chart's exports keep their meaning
// (SVG, PNG and CSV of every chart on every panel, simulated ones with runs and seed), the claims
// chart's directions, values and wrapped explanations at 1280x720, overlapping fan bands told apart,
// and uploads and what-if runs saying what they are. One browser, one server.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { buildWebIfMissing, startServer, type RunningServer } from '../../src/server/index.ts';
import { removeDir, tempDir, waitForEvent } from '../server/helpers.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';
import { forEachCsvRecord } from '../../src/io/csv.ts';
import { HAS_UNIT, NOT_A_QUANTITY } from '../../web/src/charts/csv.ts';

// page functions run in the browser; the root tsconfig has no DOM types
declare const document: { querySelectorAll(s: string): ArrayLike<DomEl> };
interface DomEl {
  getBoundingClientRect(): { top: number; bottom: number; left: number; right: number; width: number };
  closest(s: string): DomEl | null;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
}

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} not installed`;
const LOAD = Math.min(5, Math.max(1, loadavg()[0] / Math.max(1, availableParallelism())));
const slow = (ms: number) => Math.round(ms * LOAD);

const DIR = tempDir();
let server: RunningServer;
let browser: Browser;

async function open(path: string, width = 1440, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true });
  page.setDefaultTimeout(slow(30_000));
  await page.goto(server.url + path);
  return page;
}

/** Cells of one CSV line, read by the loader's own RFC 4180 reader (not the dashboard's parser under test). */
function cells(line: string): string[] {
  let out: string[] = [];
  forEachCsvRecord(line, ',', (fields) => {
    out = fields;
    return false;
  });
  return out;
}

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Download one export of `fig` by its button's label. */
async function grab(page: Page, fig: Locator, label: string): Promise<Buffer> {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    fig.getByRole('button', { name: label }).click(),
  ]);
  return readFileSync((await dl.path())!);
}

/** What is wrong with the exports of the chart `id` on `page` (empty: nothing). */
async function exportProblems(page: Page, id: string): Promise<string[]> {
  const fig = page.locator(`figure.chart[data-testid="${id}"]`);
  const title = squash(await fig.locator('h3').textContent());
  const subtitleEl = fig.locator('figcaption .subtitle');
  const subtitle = (await subtitleEl.count()) ? squash(await subtitleEl.textContent()) : '';
  const noteEl = fig.locator(':scope > .note');
  const note = (await noteEl.count()) ? squash(await noteEl.textContent()) : '';
  const simulated = /\bruns?\b.*\bseed \d+/.test(note) || /\bseed \d+\b/.test(title);
  const out: string[] = [];
  const bad = (what: string) => out.push(`${id}: ${what}`);
  const date = await page.getByTestId('date-input').inputValue();
  // SVG: title, what is included, units, source/note, date and the credit around the drawing
  const svg = (await grab(page, fig, `Export ${title} as SVG`)).toString('utf8');
  if (!svg.includes(`>${xmlText(title)}<`)) bad('SVG without its title');
  if (subtitle && !svg.includes(xmlText(subtitle.split(' ').slice(0, 4).join(' '))))
    bad('SVG without its subtitle');
  if (!/>Units: [^<]+</.test(svg)) bad('SVG without units');
  if (note && !svg.includes(xmlText(note.split(' ').slice(0, 4).join(' ')))) bad('SVG without its note');
  if (!note && !/Source: /.test(svg)) bad('SVG without a source');
  if (!svg.includes(`Dashboard date ${date}. Made with Leverage`)) bad('SVG without date and credit');
  if (simulated && !(/\d[\d,]* runs?\b/.test(svg) && /seed \d+/.test(svg)))
    bad('simulated, SVG without runs and seed');
  // PNG: the same picture at 2x, header and footer included
  const png = await grab(page, fig, `Export ${title} as PNG`);
  const h = Number(/<svg[^>]* height="(\d+(\.\d+)?)"/.exec(svg)?.[1]);
  if (png.readUInt32BE(0) !== 0x89504e47) bad('PNG is not a PNG');
  else if (png.readUInt32BE(20) !== Math.round(h * 2)) bad(`PNG ${png.readUInt32BE(20)} px high, SVG ${h}`);
  // CSV: a date column, units in the headers of numeric columns, title, source and credit lines
  const lines = (await grab(page, fig, `Export the data of ${title} as CSV`)).toString('utf8').split('\r\n');
  const blank = lines.indexOf('');
  const head = cells(lines[0]);
  const rows = lines.slice(1, blank).map(cells);
  const tail = lines.slice(blank + 1);
  if (!head.some((hd) => /^(date|week|from|start)$/i.test(hd)))
    bad(`CSV without a date column: ${head.join(',')}`);
  head.forEach((hd, i) => {
    const numeric = rows.some((r) => r[i] !== undefined && r[i] !== '' && Number.isFinite(Number(r[i])));
    if (numeric && !HAS_UNIT.test(hd) && !NOT_A_QUANTITY.test(hd)) bad(`CSV column "${hd}" has no unit`);
  });
  if (!rows.length) bad('CSV without rows');
  if (!tail.some((l) => l.startsWith('# source: "'))) bad('CSV without a source line');
  if (!tail.some((l) => l.startsWith('# unit: "'))) bad('CSV without a unit line');
  if (!tail.some((l) => /Made with Leverage/.test(l))) bad('CSV without the credit');
  if (simulated && !tail.some((l) => /\d[\d,]* runs?\b.*seed \d+/.test(l)))
    bad('simulated, CSV without runs and seed');
  return out;
}

/** Every chart's id in the panel, once its charts are drawn. */
async function chartsOf(page: Page, panel: string): Promise<string[]> {
  return page
    .locator(`[data-testid="panel-${panel}"] figure.chart`)
    .evaluateAll((fs) => fs.map((f) => f.getAttribute('data-testid') ?? ''));
}

describe('dashboard exports, claims, fans and what-ifs', { skip }, () => {
  before(async () => {
    await buildWebIfMissing({ ifStale: true });
    server = await startServer({ dataDir: DIR, port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    removeDir(DIR);
  });

  test('every chart of every panel exports SVG, PNG and CSV with title, units, subtitle, source, date, credit (runs and seed when simulated)', async () => {
    // each panel with the charts it must have drawn before its exports are taken
    const panels: [string, string[]][] = [
      ['overview', ['chart-timeline', 'chart-stacks-on-date', 'chart-claims']],
      ['tariffs', ['chart-tariff-stack', 'chart-coverage', 'chart-groups', 'chart-daily-averages']],
      ['rare-earths', ['chart-licensing', 'chart-weekly-loss', 'chart-industries', 'chart-flow']],
      [
        'negotiation',
        ['chart-tournament', 'chart-payoffs', 'chart-odds', 'chart-fan-tariffs', 'chart-concession'],
      ],
      ['editor', ['chart-editor-stack']],
    ];
    const problems: string[] = [];
    const seen: string[] = [];
    for (const [panel, must] of panels) {
      const page = await open(`?panel=${panel}&date=2025-06-11`);
      for (const id of must)
        await page
          .locator(`figure.chart[data-testid="${id}"] svg > :not(style):not(title)`)
          .first()
          .waitFor({ state: 'attached', timeout: slow(120_000) });
      const ids = await chartsOf(page, panel);
      for (const id of ids) problems.push(...(await exportProblems(page, id)));
      seen.push(...ids);
      await page.close();
    }
    assert.ok(seen.length >= 18, `charts checked: ${seen.join(', ')}`);
    assert.deepEqual(problems, []);
  });

  test('claims at 1280x720: each row says who charges whom, values are labelled, no text overflows its box, explanations wrap', async () => {
    const page = await open('?panel=overview&date=2025-06-11', 1280, 720);
    const fig = page.getByTestId('chart-claims');
    await fig
      .locator('g.claim')
      .first()
      .waitFor({ state: 'attached', timeout: slow(30_000) });
    const rows = await fig.locator('g.claim').count();
    assert.ok(rows >= 4, `${rows} claims`);
    for (let i = 0; i < rows; i++) {
      const g = fig.locator('g.claim').nth(i);
      const id = await g.getAttribute('data-claim');
      if ((await g.locator('text[data-value="claimed"]').count()) === 0) continue; // a status claim
      assert.match(
        squash(await g.locator('text.direction').textContent()),
        /^\w+ tariffs on goods from \w+/,
        `${id}`,
      );
      assert.match(
        squash(await g.locator('text[data-value="claimed"]').textContent()),
        /^\d+(\.\d+)?%$/,
        `${id}`,
      );
    }
    await fig.getByText('Explanations').click();
    await fig.locator('li').first().waitFor();
    const overflow = await page.evaluate(() => {
      const out: string[] = [];
      const figEl = document.querySelectorAll('[data-testid="chart-claims"]')[0];
      const box = figEl.getBoundingClientRect();
      // the drawing's texts stay inside the drawing
      const svg = document.querySelectorAll('[data-testid="chart-claims"] > svg')[0].getBoundingClientRect();
      for (const t of Array.from(document.querySelectorAll('[data-testid="chart-claims"] > svg text'))) {
        const r = t.getBoundingClientRect();
        if (r.width > 0 && (r.left < svg.left - 1 || r.right > svg.right + 1))
          out.push(
            `text "${t.textContent}" at ${Math.round(r.left)}-${Math.round(r.right)} outside ${Math.round(svg.left)}-${Math.round(svg.right)}`,
          );
      }
      // explanations wrap inside the figure
      for (const li of Array.from(document.querySelectorAll('[data-testid="chart-claims"] li'))) {
        const r = li.getBoundingClientRect();
        if (li.scrollWidth > li.clientWidth + 1 || r.right > box.right + 1)
          out.push(
            `explanation "${(li.textContent ?? '').slice(0, 40)}" overflows (${li.scrollWidth} > ${li.clientWidth})`,
          );
      }
      return out;
    });
    assert.deepEqual(overflow, []);
    // the page itself does not scroll sideways at a laptop's width
    assert.ok(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: DomEl } }).document.documentElement
            .scrollWidth <= 1280,
      ),
    );
    await page.close();
  });

  test('overlapping fan bands stay distinguishable: own fill, own outline, each listed in the legend', async () => {
    const page = await open('?panel=negotiation');
    const fig = page.getByTestId('chart-fan-tariffs');
    await fig
      .locator('path.band')
      .first()
      .waitFor({ state: 'attached', timeout: slow(120_000) });
    const bands = await fig.locator('path.band').evaluateAll((ps) =>
      ps.map((p) => ({
        of: p.getAttribute('data-band-of'),
        fill: p.getAttribute('fill'),
        stroke: p.getAttribute('stroke'),
        dash: p.getAttribute('stroke-dasharray'),
        opacity: Number(p.getAttribute('fill-opacity')),
      })),
    );
    assert.equal(bands.length, 2, JSON.stringify(bands));
    const [a, b] = bands;
    assert.notEqual(a.fill, b.fill, 'fills differ');
    assert.notEqual(a.dash, b.dash, 'outlines differ');
    for (const x of bands) {
      assert.equal(x.stroke, x.fill, `${x.of}: outlined in its own colour`);
      assert.ok(x.opacity > 0 && x.opacity < 0.5, `${x.of}: see-through (${x.opacity})`);
    }
    const legend = (await fig.locator('g.legend text').allTextContents()).map(squash);
    for (const x of bands)
      assert.ok(legend.includes(`${x.of}: 5-95% of runs`), `${x.of} in ${legend.join(' | ')}`);
    assert.equal(await fig.locator('g.legend rect[data-band="yes"]').count(), 2, 'band swatches as drawn');
    await page.close();
  });

  test('an upload keeps its own title and extends; a what-if run is marked in the run list, on its charts and in their exports', async () => {
    const page = await open('?panel=editor');
    await page.getByRole('button', { name: 'Insert example' }).click();
    const text = (await page.getByTestId('upload-text').inputValue())
      .replace(/^id: .*$/m, 'id: my-own-what-if')
      .replace(/^title: .*$/m, 'title: My own what-if title');
    await page.getByTestId('upload-text').fill(text);
    await page.getByTestId('upload-name').fill('my-upload');
    await page.getByTestId('upload-save').click();
    assert.match(
      squash(await page.getByTestId('upload-ok').textContent()),
      /Saved "my-upload" \(My own what-if title\)/,
    );
    const list = (await (await fetch(`${server.url}api/scenarios`)).json()) as {
      scenarios: { name: string; title: string | null; extends: string | null }[];
    };
    const mine = list.scenarios.find((s) => s.name === 'my-upload')!;
    assert.equal(mine.title, 'My own what-if title');
    assert.equal(mine.extends, 'london-2025');
    // the comparison names it with its own title and what it extends
    const b = page.getByTestId('chart-compare-b');
    await b
      .locator('g.bar')
      .first()
      .waitFor({ state: 'attached', timeout: slow(30_000) });
    assert.equal(
      squash(await b.locator('h3').textContent()),
      'my-upload: My own what-if title (upload, extends london-2025)',
    );
    assert.match(
      squash(
        await page.locator('[data-testid="scenario-select"] option[value="my-upload"]').getAttribute('title'),
      ),
      /^My own what-if title \(extends london-2025\)$/,
    );
    await page.close();
    // a what-if run (as the editor's re-run sends it) and a run as recorded
    const post = async (body: object) => {
      const r = await fetch(`${server.url}api/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(r.status, 202, await r.clone().text());
      return ((await r.json()) as { id: string }).id;
    };
    const whatIf = await post({
      scenario: 'us-china',
      runs: 100,
      seed: 3,
      options: { strategies: { US: { name: 'TACO', params: { threshold: 25, decay: 0.1, reescalate: 1 } } } },
    });
    // done before the page opens (the server's own end event), so the page lists it as done
    const end = await waitForEvent(
      `${server.url}api/runs/${whatIf}/events`,
      (e) => e.event === 'end',
      slow(120_000),
    );
    assert.equal((end.data as { status: string }).status, 'done');
    const neg = await open('?panel=negotiation');
    await neg.getByText(/Stored runs/).click();
    const row = neg.locator(`tr[data-run="${whatIf}"][data-status="done"]`);
    await row.waitFor({ timeout: slow(60_000) });
    assert.equal(await row.getAttribute('data-whatif'), 'yes');
    assert.match(
      squash(await row.getByTestId('whatif-badge').textContent()),
      /what-if: US TACO\(threshold=25/,
    );
    await neg.getByRole('button', { name: `Show run ${whatIf.slice(0, 8)}` }).click();
    await neg
      .locator('[data-testid="chart-run-result"][data-whatif="yes"]')
      .waitFor({ timeout: slow(30_000) });
    assert.match(
      squash(await neg.getByTestId('run-whatif').textContent()),
      /^What-if run: US TACO\(threshold=25/,
    );
    const odds = neg.getByTestId('chart-odds');
    assert.match(
      squash(await odds.locator(':scope > .note').textContent()),
      /What-if run, not the scenario as recorded: US TACO/,
    );
    const title = squash(await odds.locator('h3').textContent());
    // the SVG's text, its wrapped footer lines joined
    const svg = squash(
      (await grab(neg, odds, `Export ${title} as SVG`)).toString('utf8').replace(/<[^>]+>/g, ' '),
    );
    assert.match(svg, /What-if run, not the scenario as recorded: US TACO\(threshold=25/);
    const csv = (await grab(neg, odds, `Export the data of ${title} as CSV`)).toString('utf8');
    assert.match(csv, /# source: ".*What-if run, not the scenario as recorded: US TACO\(threshold=25/);
    await neg.close();
  });
});
