// The dashboard as a user meets it (issue 17 items 3, 6 and 9): a bad link, the layout at a
// laptop's 1280x720, the timeline's colours and clicks, and exports that keep their meaning.
// One browser, one server; screenshots of every panel at 1440x900 and 1280x720 go to
// test-results/screens/ (not tracked) for review.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWebIfMissing, startServer, type RunningServer } from '../../src/server/index.ts';
import { REPO_ROOT } from '../../src/io/index.ts';
import { removeDir, tempDir } from '../server/helpers.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

// page functions run in the browser; the root tsconfig has no DOM types
declare const document: {
  querySelectorAll(s: string): ArrayLike<DomEl>;
  querySelector(s: string): DomEl | null;
  body: { innerText: string };
};
interface DomEl {
  getBoundingClientRect(): { top: number; bottom: number; height: number; left: number; right: number };
  getScreenCTM?(): { a: number } | null;
  closest(s: string): DomEl | null;
  textContent: string | null;
  children: ArrayLike<DomEl>;
}
declare const location: { href: string };
declare function getComputedStyle(e: DomEl): { fontSize: string; display: string };

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} not installed`;
const LOAD = Math.min(5, Math.max(1, loadavg()[0] / Math.max(1, availableParallelism())));
const slow = (ms: number) => Math.round(ms * LOAD);
const SCREENS = join(REPO_ROOT, 'test-results', 'screens');
const PANELS = ['overview', 'tariffs', 'rare-earths', 'negotiation', 'editor'];

const DIR = tempDir();
let server: RunningServer;
let browser: Browser;

async function open(path: string, width = 1440, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true });
  page.setDefaultTimeout(slow(30_000));
  await page.goto(server.url + path);
  return page;
}

describe('dashboard as a user meets it', { skip }, () => {
  before(async () => {
    await buildWebIfMissing({ ifStale: true });
    server = await startServer({ dataDir: DIR, port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(SCREENS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    removeDir(DIR);
  });

  test('a bad link shows one clear message and falls back to the defaults', async () => {
    const page = await open('?panel=nope&date=2025-99-99&scenario=gone');
    const alert = page.getByTestId('link-problem');
    await page.waitForFunction(() =>
      /not on this server/.test(document.querySelector('[data-testid="link-problem"]')?.textContent ?? ''),
    );
    const text = (await alert.textContent()) ?? '';
    assert.match(text, /there is no panel "nope" \(showing Overview\)/);
    assert.match(text, /2025-99-99 is not a calendar date \(showing the scenario's date\)/);
    assert.match(text, /the scenario "gone" is not on this server \(showing us-china\)/);
    assert.equal(await page.locator('[role="alert"][data-testid="link-problem"]').count(), 1, 'one message');
    // the defaults are what is shown
    assert.equal(await page.getByTestId('date-input').inputValue(), '2025-06-11');
    assert.equal(await page.getByTestId('scenario-select').inputValue(), 'us-china');
    assert.equal(await page.getByTestId('tab-overview').getAttribute('aria-selected'), 'true');
    await page.waitForSelector('[data-testid="panel-overview"][data-ready="yes"]', { timeout: slow(20_000) });
    const body = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(body, /undefined|NaN|Invalid Date/);
    assert.doesNotMatch(page.url(), /scenario=gone|2025-99-99/);
    await page.getByRole('button', { name: 'Dismiss the message' }).click();
    assert.equal(await alert.count(), 0);
    await page.close();
  });

  test('the story on 11 June 2025 leads with the London framework, its rare-earth licences and the "55%" debunk, without scrolling', async () => {
    for (const [w, h] of [
      [1440, 900],
      [1280, 720],
    ]) {
      const page = await open('?panel=overview&date=2025-06-11', w, h);
      const claim = page.getByTestId('story-claim');
      await claim.waitFor({ timeout: slow(20_000) });
      assert.match((await page.getByTestId('story-agreement').textContent()) ?? '', /^London framework/);
      assert.match(
        (await page.getByTestId('story-licence').textContent()) ?? '',
        /lets 62% of normal exports through/,
      );
      assert.match(
        (await claim.textContent()) ?? '',
        /"getting a total of 55%" \(Donald Trump\): one product's stack; .* was \d+(\.\d)?%/,
      );
      for (const id of ['story-agreement', 'story-licence', 'story-claim']) {
        const b = (await page.getByTestId(id).boundingBox())!;
        assert.ok(b.y + b.height <= h, `${id} at ${w}x${h} ends at ${b.y + b.height}`);
      }
      await page.close();
    }
  });

  test('timeline: in force (raised, lowered) in blues, others grey; distinct labels; a click on a bar moves the date', async () => {
    const page = await open('?panel=overview');
    const tl = page.getByTestId('chart-timeline');
    await tl
      .locator('g.measure')
      .first()
      .waitFor({ state: 'attached', timeout: slow(20_000) });
    const bars = await tl.locator('rect[data-state]').evaluateAll((rs) =>
      rs.map((r) => ({
        state: r.getAttribute('data-state')!,
        fill: r.getAttribute('fill')!,
        live: r.getAttribute('data-in-force'),
      })),
    );
    const fillOf = new Map<string, Set<string>>();
    for (const b of bars) fillOf.set(b.state, (fillOf.get(b.state) ?? new Set()).add(b.fill));
    for (const s of ['raised', 'lowered', 'in_force'])
      assert.ok(
        bars.filter((b) => b.state === s).every((b) => b.live === 'yes'),
        `${s} counts as in force`,
      );
    assert.ok(fillOf.has('raised') && fillOf.has('lowered'), [...fillOf.keys()].join(', '));
    // every state its own colour, and in-force ones never the grey of superseded/ended states
    const fills = [...fillOf.entries()].map(([s, f]) => [s, [...f][0]] as const);
    assert.equal(new Set(fills.map((f) => f[1])).size, fills.length, JSON.stringify(fills));
    const isBlue = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return b > r + 40 && b > g;
    };
    for (const [s, f] of fills)
      if (['in_force', 'raised', 'lowered', 'extended'].includes(s)) assert.ok(isBlue(f), `${s} ${f}`);
    // labels: two different titles never show the same text
    const labels = await tl.locator('g.measure > text').evaluateAll((ts) =>
      ts.map((t) => ({
        shown: t.childNodes[0]?.textContent ?? '',
        full: t.querySelector('title')?.textContent ?? '',
      })),
    );
    const byShown = new Map<string, Set<string>>();
    for (const l of labels) byShown.set(l.shown, (byShown.get(l.shown) ?? new Set()).add(l.full));
    for (const [shown, full] of byShown)
      assert.equal(full.size, 1, `"${shown}" stands for ${[...full].join(' | ')}`);
    // the legend's names never run into the next swatch (the timeline is drawn at full width, so
    // its 12-unit text is the largest on the page)
    const clashes = await tl.locator('g.legend > g').evaluateAll((gs) => {
      // no helper functions in here: the page has no __name of the test's transpiler
      const out: string[] = [];
      for (let i = 0; i + 1 < gs.length; i++) {
        const t = (gs[i].querySelector('text') as unknown as DomEl).getBoundingClientRect();
        const own = (gs[i].querySelector('rect, line') as unknown as DomEl).getBoundingClientRect();
        const next = (gs[i + 1].querySelector('rect, line') as unknown as DomEl).getBoundingClientRect();
        if (Math.abs(next.top - own.top) < 1 && t.right > next.left)
          out.push(`${gs[i].textContent} runs into ${gs[i + 1].textContent}`);
      }
      return out;
    });
    assert.deepEqual(clashes, []);
    // a click on a bar (not only on the background) moves the date to where it was clicked
    const bar = tl.locator('g.measure rect[data-state="in_force"]').first();
    const box = (await bar.boundingBox())!;
    await bar.click({ position: { x: box.width - 3, y: box.height / 2 } });
    await page.waitForFunction(() => !/date=2025-06-11|^[^?]*\?panel=overview$/.test(location.href));
    assert.notEqual(await page.getByTestId('date-input').inputValue(), '2025-06-11');
    await page.close();
  });

  test('exports carry title, what is included, date, source and the Leverage credit', async () => {
    const page = await open('?panel=tariffs');
    const fig = page.getByTestId('chart-tariff-stack');
    await fig
      .locator('g.bar')
      .first()
      .waitFor({ state: 'attached', timeout: slow(20_000) });
    const title = (await fig.locator('h3').textContent())!;
    const subtitle = ((await fig.locator('.subtitle').textContent()) ?? '').replace(/\s+/g, ' ').trim();
    const noteEl = fig.locator(':scope > .note');
    const note = (await noteEl.count())
      ? ((await noteEl.textContent()) ?? '').replace(/\s+/g, ' ').trim()
      : '';
    const grab = async (label: string) => {
      const [dl] = await Promise.all([
        page.waitForEvent('download'),
        fig.getByRole('button', { name: label }).click(),
      ]);
      return readFileSync((await dl.path())!);
    };
    const svg = (await grab(`Export ${title} as SVG`)).toString('utf8');
    assert.ok(svg.includes(`>${title}<`), 'title in the SVG');
    if (subtitle) assert.ok(svg.includes(subtitle.split(' ').slice(0, 4).join(' ')), 'subtitle in the SVG');
    if (note) assert.ok(svg.includes(note.split(' ').slice(0, 4).join(' ')), 'note (source) in the SVG');
    else assert.match(svg, /Source: the Leverage scenario ledger "london-2025"/);
    assert.match(svg, /Dashboard date 2025-06-11\. Made with Leverage/);
    assert.ok(svg.includes('data-total="55"'), 'the drawing itself');
    const csv = (await grab(`Export the data of ${title} as CSV`)).toString('utf8');
    const lines = csv.trim().split(/\r\n/);
    assert.match(lines[0], /^date,/);
    const tail = lines.slice(lines.indexOf('') + 1);
    assert.match(tail[0], new RegExp(`^# "${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"$`));
    assert.ok(
      tail.some((l) => l.startsWith('# source: "')),
      tail.join('\n'),
    );
    assert.ok(tail.some((l) => /Made with Leverage/.test(l)));
    const png = await grab(`Export ${title} as PNG`);
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    // the PNG is as tall as the SVG with its header and footer, at 2x
    const svgHeight = Number(/<svg[^>]* height="(\d+(\.\d+)?)"/.exec(svg)![1]);
    assert.equal(png.readUInt32BE(20), Math.round(svgHeight * 2));
    await page.close();
  });

  test("Tariffs leads with both directions' trade-weighted averages, each saying what it includes; a direction switch drops the product", async () => {
    const page = await open('?panel=tariffs&group=handbags');
    const cards = page.getByTestId('both-averages');
    await page
      .locator('[data-testid="average-CN-US"][data-value]:not([data-value=""])')
      .waitFor({ timeout: slow(30_000) });
    // the first section of the panel is the two averages
    const firstSection = page.locator('[data-testid="panel-tariffs"] section').first();
    assert.equal(await firstSection.getByTestId('both-averages').count(), 1);
    for (const k of ['US-CN', 'CN-US']) {
      const card = cards.getByTestId(`average-${k}`);
      const v = Number(await card.getAttribute('data-value'));
      assert.ok(v > 5 && v < 100, `${k}: ${v}`);
      const text = ((await card.textContent()) ?? '').replace(/\s+/g, ' ');
      assert.match(text, /additional duties, MFN not included/);
      assert.match(text, /by layer \(points of the average\): .*%/);
      assert.match(text, /weights: .*2024/);
    }
    assert.equal(await page.getByTestId('group-select').inputValue(), 'handbags');
    await page.getByTestId('dir-CN-US').check();
    await page.waitForFunction(() => /dir=CN-US/.test(location.href));
    assert.equal(await page.getByTestId('group-select').inputValue(), 'all', 'the US product is not kept');
    await page.close();
  });

  test('the daily averages since 2018: two lines as the API gives them, PIIE points overlaid, CSV with dates, units and source', async () => {
    const api = (await (await fetch(`${server.url}api/scenarios/us-china/averages`)).json()) as {
      from: string;
      to: string;
      days: { date: string; us_on_cn_with_mfn_pct: number; cn_on_us_with_mfn_pct: number }[];
      reference_points: {
        id: string;
        direction: string;
        value_pct: number;
        gap_pp: number | null;
        gap_weights_pp: number | null;
      }[];
    };
    assert.ok(api.from <= '2018-01-01' && api.to >= '2026-01-01', `${api.from}..${api.to}`);
    assert.ok(api.reference_points.length >= 5, 'the shipped data cite PIIE points');
    const page = await open('?panel=tariffs');
    const fig = page.getByTestId('chart-daily-averages');
    await fig
      .locator('circle.piie-point')
      .first()
      .waitFor({ state: 'attached', timeout: slow(30_000) });
    // one line per direction, ending at the API's last value
    const last = api.days.at(-1)!;
    for (const [name, v] of [
      ['US on goods from China', last.us_on_cn_with_mfn_pct],
      ['China on goods from the US', last.cn_on_us_with_mfn_pct],
    ] as const) {
      const g = fig.locator(`g.series[data-series="${name}"]`);
      assert.equal(await g.count(), 1, name);
      assert.equal(Number(await g.getAttribute('data-last')), v, `${name}: last value`);
      const d = (await g.locator('path').getAttribute('d')) ?? '';
      assert.ok((d.match(/V/g) ?? []).length >= 10, `${name}: a step line with its changes`);
    }
    // every PIIE point is drawn, on its direction's line, with its value in the tooltip
    assert.equal(await fig.locator('circle.piie-point').count(), api.reference_points.length);
    for (const p of api.reference_points.slice(0, 3)) {
      const tip = (await fig.locator(`circle.piie-point[data-id="${p.id}"] title`).textContent()) ?? '';
      assert.match(tip, new RegExp(`^PIIE .*: ${p.value_pct}%`), p.id);
    }
    // the gap to each PIIE point and why, opened as a user would
    await page.locator('details.piie-gaps summary').click();
    const gaps = page.getByTestId('piie-gaps');
    assert.equal(await gaps.locator('tbody tr').count(), api.reference_points.length);
    const geneva = api.reference_points.find((p) => p.id === 'piie_us_2025_geneva')!;
    const row = gaps.locator(`tbody tr[data-id="${geneva.id}"]`);
    assert.equal(await row.locator('td').nth(4).textContent(), geneva.gap_pp!.toFixed(1));
    assert.equal(await row.locator('td').nth(5).textContent(), geneva.gap_weights_pp!.toFixed(1));
    assert.match((await row.locator('td').nth(6).textContent()) ?? '', /from the weights/);
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      fig.getByRole('button', { name: /^Export the data of .* as CSV$/ }).click(),
    ]);
    const lines = readFileSync((await dl.path())!, 'utf8')
      .trim()
      .split(/\r\n/);
    assert.equal(
      lines[0],
      'date,us_on_cn_with_mfn_pct,cn_on_us_with_mfn_pct,us_on_cn_additional_pct,cn_on_us_additional_pct',
    );
    assert.equal(lines[1].split(',')[0], api.from);
    const rows = lines.filter((l) => /^\d{4}-\d{2}-\d{2},/.test(l));
    assert.equal(rows.length, api.days.length, 'one row a day');
    assert.ok(
      lines.some((l) => /unit: percent ad valorem/.test(l)),
      'unit line',
    );
    assert.ok(
      lines.some((l) => l.startsWith('# source: "')),
      'source line',
    );
    await page.close();
  });

  test('claims: the claimed and computed values are labelled on the chart; a claim about a later date says why', async () => {
    const api = (await (await fetch(`${server.url}api/scenarios/us-china/claims`)).json()) as {
      claims: {
        id: string;
        claimed: unknown;
        explanation: string;
        importer: string | null;
        exporter: string | null;
        found: { average_pct?: number };
      }[];
    };
    const page = await open('?panel=overview');
    const fig = page.getByTestId('chart-claims');
    await fig
      .locator('g.claim')
      .first()
      .waitFor({ state: 'attached', timeout: slow(30_000) });
    const numeric = api.claims.filter(
      (c) => typeof c.claimed === 'number' && c.found.average_pct !== undefined,
    );
    assert.ok(numeric.length >= 4);
    for (const c of numeric) {
      const g = fig.locator(`g.claim[data-claim="${c.id}"]`);
      assert.equal(await g.locator('text[data-value="claimed"]').textContent(), `${c.claimed}%`, c.id);
      const dir = (await g.locator('text.direction').textContent()) ?? '';
      assert.ok(dir.startsWith(`${c.importer} tariffs on goods from ${c.exporter}`), `${c.id}: ${dir}`);
      const avg = (await g.locator('text[data-value="average"]').textContent()) ?? '';
      assert.equal(
        Number(/avg ([\d.]+)%/.exec(avg)?.[1]),
        Number(c.found.average_pct!.toFixed(1)),
        `${c.id}: ${avg}`,
      );
    }
    const later = api.claims.find((c) => /^Checked on /.test(c.explanation));
    assert.ok(later, 'the scenario has a claim about a later date');
    await fig.getByText('Explanations').click();
    const li = fig.locator('li', { hasText: later.explanation.slice(0, 60) });
    assert.equal(await li.count(), 1, 'the explanation with its reason is on screen');
    await page.close();
  });

  test('editor: fields start from the values the scenario uses, every edit lives in the URL, the re-run pairs recorded and edited odds', async () => {
    const scn = (await (await fetch(`${server.url}api/scenarios/us-china`)).json()) as {
      scenario: {
        parameters: {
          simulation: { strategies: { US: { name: string; params: { threshold: number; decay: number } } } };
        };
      };
    };
    const us = scn.scenario.parameters.simulation.strategies.US;
    assert.equal(us.name, 'TACO');
    const resp = (await (
      await fetch(`${server.url}api/scenarios/us-china/response?at=2025-06-11`)
    ).json()) as {
      elasticities_used: { sigma: number; epsilon_m: number; epsilon_x: number };
    };
    const page = await open('?panel=editor');
    const threshold = page.getByTestId('taco-threshold');
    await threshold.waitFor({ timeout: slow(30_000) });
    assert.equal(
      Number(await threshold.inputValue()),
      us.params.threshold,
      "the scenario's TACO threshold, not the registry's 6",
    );
    assert.equal(Number(await page.getByTestId('taco-decay').inputValue()), us.params.decay);
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="el-sigma"]') as unknown as { value: string })?.value !== '',
    );
    assert.equal(Number(await page.getByTestId('el-sigma').inputValue()), resp.elasticities_used.sigma);
    assert.equal(
      Number(await page.getByTestId('el-epsilon-m').inputValue()),
      resp.elasticities_used.epsilon_m,
    );
    assert.equal(
      Number(await page.getByTestId('el-epsilon-x').inputValue()),
      resp.elasticities_used.epsilon_x,
    );
    assert.doesNotMatch(page.url(), /[?&](taco|el)=/, 'nothing edited yet, nothing in the URL');
    assert.equal(await page.getByTestId('rerun').isDisabled(), true, 'no edit: nothing to compare');
    // edits go to the URL, and a link reproduces them
    await threshold.fill('20');
    await page.waitForFunction(() => /taco=20%7C0\.1/.test(location.href));
    await page.getByTestId('el-sigma').fill('3');
    await page.waitForFunction(() => /el=3%7C-1%7C99/.test(location.href));
    const link = page.url();
    const again = await open(link.slice(server.url.length));
    await again.getByTestId('taco-threshold').waitFor({ timeout: slow(30_000) });
    await again.waitForFunction(
      () =>
        (document.querySelector('[data-testid="el-sigma"]') as unknown as { value: string })?.value === '3',
    );
    assert.equal(await again.getByTestId('taco-threshold').inputValue(), '20');
    await again.close();
    // the re-run sends only the edit and shows each outcome recorded then edited
    await page.locator('input[type="number"][max="20000"]').fill('100');
    await page.getByTestId('rerun').click();
    const chart = page.getByTestId('chart-rerun-outcomes');
    await chart.waitFor({ timeout: slow(120_000) });
    const labels = await chart.locator('text').allTextContents();
    const rows = labels.filter((t) => /: (recorded|edited)$/.test(t));
    assert.ok(rows.length >= 8, rows.join(' | '));
    for (let i = 0; i < rows.length; i += 2) {
      assert.match(rows[i], /: recorded$/);
      assert.equal(
        rows[i + 1],
        rows[i].replace(/recorded$/, 'edited'),
        'the same outcome, edited, next to it',
      );
    }
    // beside the odds, what they are (the track record is asked only after the runs are in)
    assert.match(
      (await page.getByTestId('odds-basis-note').first().textContent()) ?? '',
      /^Odds are shares of simulated runs, not a scored forecast/,
    );
    // the stored runs mark the edited one as a what-if, saying what it changed
    const neg = await open('?panel=negotiation');
    await neg.getByText(/Stored runs/).click();
    const badge = neg.locator('tr[data-whatif="yes"] [data-testid="whatif-badge"]').first();
    await badge.waitFor({ timeout: slow(30_000) });
    assert.match(
      (await badge.textContent()) ?? '',
      /what-if: US TACO\(threshold=20, decay=0\.1, reescalate=1\)/,
    );
    assert.ok((await neg.locator('tr[data-whatif="no"]').count()) >= 1, 'the recorded run is not marked');
    await neg.close();
    // reset returns to the scenario's values and clears the URL
    await page.getByTestId('taco-reset').click();
    await page.getByTestId('el-reset').click();
    await page.waitForFunction(() => !/[?&](taco|el)=/.test(location.href));
    assert.equal(Number(await threshold.inputValue()), us.params.threshold);
    await page.close();
  });

  test('editor: comparing two scenarios shows their averages, odds and claims side by side, as the API gives them', async () => {
    const date = '2026-03-02';
    const avg = async (scn: string, imp: string, exp: string) =>
      (
        (await (
          await fetch(
            `${server.url}api/scenarios/${scn}/effective?importer=${imp}&exporter=${exp}&from=${date}&to=${date}&step=day`,
          )
        ).json()) as { points: { average_pct: number }[] }
      ).points[0].average_pct;
    const want = {
      a: await avg('us-china', 'US', 'CN'),
      b: await avg('london-2025', 'US', 'CN'),
    };
    const page = await open(`?panel=editor&date=${date}&compare=london-2025`);
    const table = page.getByTestId('compare-figures');
    const row = (k: string) => table.locator(`tr[data-figure="${k}"] td`);
    await page.waitForFunction(() => {
      const tds = document.querySelectorAll('[data-testid="compare-figures"] tr[data-figure="avg-us-cn"] td');
      return tds.length === 3 && !/\.\.\./.test((tds[1].textContent ?? '') + (tds[2].textContent ?? ''));
    });
    const cells = await row('avg-us-cn').allTextContents();
    assert.equal(cells[1], `${Number(want.a.toFixed(1))}%`);
    assert.equal(cells[2], `${Number(want.b.toFixed(1))}%`);
    // us-china knows the 2026 ruling, london-2025 (as known on 2025-06-11) does not
    assert.notEqual(cells[1], cells[2]);
    assert.equal(await table.locator('tr[data-figure="avg-us-cn"]').getAttribute('data-differs'), 'yes');
    // the claim verdicts arrive with their own request, after the averages: wait for them
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="compare-figures"] tr[data-figure^="claim-"]').length >= 3,
      undefined,
      { timeout: slow(20_000) },
    );
    assert.ok((await table.locator('tr[data-figure^="claim-"]').count()) >= 3, 'claims side by side');
    // odds: a percentage from the latest stored run as recorded, or saying there is none
    const runs = (await (await fetch(`${server.url}api/runs`)).json()) as {
      runs: { scenario: string; status: string; params: { options?: unknown } }[];
    };
    const stored = runs.runs.some(
      (r) => r.scenario === 'us-china' && r.status === 'done' && !r.params.options,
    );
    await page.waitForFunction(
      () =>
        !/\.\.\./.test(
          document.querySelectorAll('[data-testid="compare-figures"] tr[data-figure="odds-framework"] td')[1]
            ?.textContent ?? '...',
        ),
    );
    const odds = await row('odds-framework').allTextContents();
    assert.match(odds[1], stored ? /^\d+(\.\d)?%$/ : /^no stored run$/, odds.join(' | '));
    // the odds say what they are, under the table, without holding up its figures
    assert.match(
      (await table.getByTestId('odds-basis-note').textContent()) ?? '',
      /^Odds are shares of simulated runs, not a scored forecast/,
    );
    await page.close();
  });

  test('screenshots of every panel at 1440x900 and 1280x720; at 1280x720 one header row and chart text >= 11 px', async () => {
    for (const [w, h] of [
      [1440, 900],
      [1280, 720],
    ]) {
      // one page per size, panels opened from their tabs as a user does
      const page = await open('?panel=overview', w, h);
      for (const panel of PANELS) {
        await page.getByTestId(`tab-${panel}`).click();
        await page.getByTestId(`panel-${panel}`).waitFor({ timeout: slow(20_000) });
        await page
          .locator(`[data-testid="panel-${panel}"] figure.chart svg text`)
          .first()
          .waitFor({ state: 'attached', timeout: slow(20_000) })
          .catch(() => {}); // a panel may draw nothing until asked (the editor)
        const file = join(SCREENS, `${panel}-${w}x${h}.png`);
        await page.screenshot({ path: file });
        assert.ok(readFileSync(file).length > 5000, file);
        if (w !== 1280) continue;
        const rows = await page.evaluate(() => {
          const kids = Array.from(document.querySelector('header')!.children).filter(
            (k) => getComputedStyle(k).display !== 'none',
          );
          return kids.map((k) =>
            Math.round(k.getBoundingClientRect().top + k.getBoundingClientRect().height / 2),
          );
        });
        assert.ok(
          Math.max(...rows) - Math.min(...rows) <= 6,
          `${panel}: header items at heights ${rows.join(', ')}`,
        );
        const smallest = await page.evaluate(() => {
          let min = Infinity;
          for (const t of Array.from(document.querySelectorAll('figure.chart svg text'))) {
            const svg = t.closest('svg') as DomEl;
            const scale = svg.getScreenCTM?.()?.a ?? 1;
            const px = parseFloat(getComputedStyle(t).fontSize) * scale;
            if ((t.textContent ?? '').trim() && t.getBoundingClientRect().height > 0) min = Math.min(min, px);
          }
          return min;
        });
        assert.ok(smallest >= 10.95, `${panel}: smallest chart text ${smallest.toFixed(2)} px`);
      }
      await page.close();
    }
  });
});
