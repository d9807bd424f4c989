// Trade commands: effective-rate series (`tariffs`), claims check (`claims`), PE trade response
// (`response`) and flow-file checks (`flows`).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  loadShippedTradeData,
  loadUsImports2024ByPartner,
  readFlowFile,
  loadHsNomenclature,
  loadHsSections,
  cachedCompute,
  DEFAULT_SCENARIO,
  DEFAULT_TRADE_DIR,
  TRADE_DATA_DIR,
} from '../../io/index.ts';
import type { Scenario } from '../../model/index.ts';
import {
  flowTableWeights,
  summarizeFlows,
  expandToLines,
  matchHsVintage,
  canonicalPartner,
  KEY_DATES_2025,
} from '../../trade/index.ts';
import type { BaseWeights, Breakdown, ShippedTrade, Step, ClaimCheck } from '../../trade/index.ts';
import {
  claimsReport,
  effectiveRates,
  keyDateReport,
  tradeResponse,
  withOverrides,
  DEFAULT_RESPONSE_BASE_DATE,
  DEFAULT_RESPONSE_MODEL,
  DEFAULT_RESPONSE_TOP,
  type EffectiveRates,
  type KeyDateRates,
  type TariffOverride,
  type TradeResponse,
} from '../../report/index.ts';
import { cliField, parseDateOption, parseNumberOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit, fmt, table, writeAtomically, type OutputOptions } from '../output.ts';
import { usd } from '../../model/index.ts';
import { writeStderr } from '../io.ts';
import { loadForCli } from '../scenario.ts';

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
/** "2025-04-12" as "12 Apr" (the help's list of key dates). */
const dayMonth = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]}`;

let shipped: ShippedTrade | null = null;
/** The shipped tables, read once per process. */
/** The data folders the claims report reads (the shipped trade tables). */
const CLAIMS_DATA_DIRS = [...new Set([TRADE_DATA_DIR, DEFAULT_TRADE_DIR].map((d) => resolve(d)))];

function data(withPartners = false): ShippedTrade {
  shipped ??= loadShippedTradeData();
  if (withPartners && !shipped.byPartner) shipped.byPartner = loadUsImports2024ByPartner();
  return shipped;
}

const pc = (x: number) => `${fmt(x, 1)}%`;
const sh = (x: number) => `${fmt(100 * x, 1)}%`;

function parseStep(raw: string): Step {
  if (raw === 'day' || raw === 'week' || raw === 'month') return raw;
  throw new UserError(`--step: expected day, week or month, got ${JSON.stringify(raw)}`);
}

function parseBy(raw: string | undefined): Breakdown | null {
  if (raw === undefined) return null;
  if (raw === 'authority' || raw === 'section' || raw === 'group') return raw;
  throw new UserError(`--by: expected authority, section or group, got ${JSON.stringify(raw)}`);
}

function parseDates(raw: string): string[] {
  return raw.split(',').map((d) => parseDateOption('--dates', d));
}

interface TariffsOptions extends OutputOptions {
  importer: string;
  exporter: string;
  from: string;
  to?: string;
  step: string;
  by?: string;
  mfn?: boolean;
  flows?: string;
  baseYear?: string;
  keyDates?: boolean;
  dates?: string;
  classification?: string;
}

/** --base-year for the shipped weights (2024 by default). */
function shippedYear(o: TariffsOptions): number {
  return o.baseYear === undefined
    ? 2024
    : parseNumberOption('--base-year', o.baseYear, { integer: true, min: 1900, max: 2100 });
}

function weightsFromFile(scn: Scenario, o: TariffsOptions): BaseWeights {
  const t = readFlowFile(o.flows!, { classification: o.classification });
  const year =
    o.baseYear === undefined
      ? undefined
      : parseNumberOption('--base-year', o.baseYear, { integer: true, min: 1900, max: 2100 });
  const w = flowTableWeights(t, canonicalPartner(o.importer), canonicalPartner(o.exporter), year);
  const warn = t.warnings.map(
    (x) =>
      `${t.source}: ${x.count} row(s) (USD ${fmt(x.value_usd)}): ${x.message} (first lines ${x.lines.join(', ')})`,
  );
  const excl = t.excluded.map(
    (x) => `${t.source}: ${x.count} row(s) excluded (USD ${fmt(x.value_usd)}): ${x.reason}`,
  );
  for (const m of [...warn, ...excl]) writeStderr(`warning: ${m}\n`);
  const base: BaseWeights = {
    ...w,
    importer: o.importer,
    exporter: o.exporter,
    notes: [...w.notes, ...warn, ...excl],
  };
  // Coarse codes (e.g. HS6) are split over the importer's tariff lines (scenario universe) so that
  // measures scoped on finer codes count; for US imports from China by the 2024 HTS10 values.
  const universe = scn.products.universe[o.importer];
  if (!universe || universe.length === 0) return base;
  let lineWeights: Float64Array | null = null;
  let how = 'equally';
  if (o.importer === 'US' && o.exporter === 'CN') {
    const d = data().usImportsFromChina;
    const idx = new Map(d.hs10.map((h, i) => [h, i]));
    lineWeights = Float64Array.from(universe, (l) => (idx.has(l) ? d.imports_usd[idx.get(l)!] : 0));
    how = 'in proportion to 2024 US imports from China (Census HTS10)';
  }
  return expandToLines(base, universe, lineWeights, how);
}

const cliLabel = cliField({
  base_year: '--base-year',
  base_date: '--base',
  to: '--to',
  exporter: '--exporter',
});

function tariffsReport(scenario: string | undefined, o: TariffsOptions) {
  const scn = loadForCli(scenario);
  const d = data();
  const base_year = o.baseYear === undefined ? undefined : shippedYear(o);
  if (o.keyDates || o.dates) {
    const one = !o.keyDates;
    return keyDateReport(
      scn,
      { trade: d, ...(o.flows && one ? { weights: weightsFromFile(scn, o) } : {}) },
      {
        ...(o.dates ? { dates: parseDates(o.dates) } : {}),
        ...(one ? { directions: [[o.importer, o.exporter]] } : {}),
        mfn: !!o.mfn,
        base_year,
      },
      cliLabel,
    );
  }
  const from = parseDateOption('--from', o.from);
  const to = parseDateOption('--to', o.to ?? scn.as_of ?? '2025-11-30');
  return effectiveRates(
    scn,
    { trade: d, sections: loadHsSections(), ...(o.flows ? { weights: weightsFromFile(scn, o) } : {}) },
    {
      importer: o.importer,
      exporter: o.exporter,
      from,
      to,
      step: parseStep(o.step),
      by: parseBy(o.by),
      mfn: !!o.mfn,
      base_year,
    },
    cliLabel,
  );
}

function basisLines(b: { weights: string; mfn_note: string; rates: string; notes: string[] }): string[] {
  return [
    `weights: ${b.weights}`,
    `inclusions: ${b.mfn_note}; ${b.rates}`,
    ...b.notes.map((n) => `note: ${n}`),
  ];
}

function humanTariffs(r: EffectiveRates | KeyDateRates): string {
  const out: string[] = [];
  if (r.kind === 'key-dates') {
    for (const d of r.directions) {
      out.push(
        `${d.importer} tariffs on goods from ${d.exporter}: trade-weighted average of the stack (percent) and coverage`,
      );
      const auths = d.rows[0]?.by_authority.map((a) => a.authority) ?? [];
      out.push(
        table(
          ['date', 'average', 'coverage', 'revenue at fixed flows', ...auths],
          d.rows.map((x) => [
            x.date,
            pc(x.average_pct),
            sh(x.coverage_share),
            usd(x.revenue_usd),
            ...x.by_authority.map((a) => `${fmt(a.average_pct, 1)} (${sh(a.coverage_share)})`),
          ]),
        ),
      );
      out.push(...basisLines(d.basis), '');
    }
    out.push('authority columns: contribution to the average in points (share of trade covered)');
    return out.join('\n');
  }
  out.push(
    `${r.basis.importer} tariffs on goods from ${r.basis.exporter}, ${r.points[0]?.from} to ${r.points[r.points.length - 1]?.to}, by ${r.step}`,
  );
  const head = ['period', 'average', 'coverage', 'revenue at fixed flows', 'highest line'];
  const names = r.points[0]?.by?.map((b) => b.name) ?? [];
  out.push(
    table(
      [...head, ...names],
      r.points.map((p) => [
        r.step === 'day' ? p.from : `${p.from}..${p.to}`,
        pc(p.average_pct),
        sh(p.coverage_share),
        usd(p.revenue_usd),
        pc(p.max_line_pct),
        ...(p.by ?? []).map((b) => fmt(b.average_pct, 1)),
      ]),
    ),
  );
  if (names.length)
    out.push(
      `breakdown columns (by ${r.breakdown}): contribution to the average in points for authorities; average rate within the part for sections and groups`,
    );
  out.push(`values: ${r.value}`);
  if (r.realized_base_year_pct !== null)
    out.push(
      `realized duty rate in the base year (duties collected / imports): ${pc(r.realized_base_year_pct)}`,
    );
  out.push(...basisLines(r.basis));
  out.push('rate changes in range: ' + r.changes.map((c) => `${c.date} ${pc(c.average_pct)}`).join(', '));
  out.push(...r.warnings.map((w) => `warning: ${w}`));
  return out.join('\n');
}

function humanClaims(checks: ClaimCheck[]): string {
  const out: string[] = [];
  for (const c of checks) {
    out.push(`${c.date}  ${c.by}: "${c.quote}"`);
    out.push(
      `  verdict: ${c.verdict.replace(/_/g, ' ')}${c.gap_pp !== null ? ` (claim minus trade-weighted average: ${fmt(c.gap_pp, 1)} pp)` : ''}`,
    );
    out.push(`  ${c.explanation}`, '');
  }
  return out.join('\n');
}

interface ResponseOptions extends OutputOptions {
  at: string;
  base: string;
  set: string[];
  model: string;
  mfn?: boolean;
  importer: string;
  exporter: string;
  top: string;
  table?: string;
}

function responseReport(scenario: string | undefined, o: ResponseOptions) {
  const scn = loadForCli(scenario);
  const at = parseDateOption('--at', o.at);
  const baseDate = parseDateOption('--base', o.base);
  if (o.model !== 'smart' && o.model !== 'ces')
    throw new UserError(`--model: expected smart or ces, got ${JSON.stringify(o.model)}`);
  const top = parseNumberOption('--top', o.top, { integer: true, min: 0, max: 1000 });
  const overrides: TariffOverride[] = o.set.map((s) => {
    const m = /^(.+?)\s*=\s*([^=]+)$/.exec(s);
    if (!m)
      throw new UserError(
        `--set: expected "AUTHORITY=PCT", e.g. "IEEPA reciprocal=125", got ${JSON.stringify(s)}`,
      );
    const pct = parseNumberOption('--set', m[2], { min: 0, max: 1000, unit: 'percent' });
    return { importer: o.importer, exporter: o.exporter, authority: m[1].trim(), pct, from: at };
  });
  // every --set is one layer: messages name the flag, not a list position
  const label = (f: string) => (f.startsWith('set[') ? '--set' : cliLabel(f));
  const edited = withOverrides(scn, overrides, label, 'set');
  return tradeResponse(
    edited,
    data(true),
    {
      at,
      base_date: baseDate,
      model: o.model,
      mfn: !!o.mfn,
      top,
      importer: o.importer,
      exporter: o.exporter,
    },
    label,
    { overrides },
  );
}

function humanResponse(r: TradeResponse): string {
  const c = r.china;
  const out = [
    `Trade response (${r.basis.model === 'ces' ? 'exact CES' : 'WITS SMART'}): US imports, tariffs of ${r.basis.base_date} -> ${r.basis.at}${r.overrides.length ? ` with ${r.overrides.map((x) => `${x.authority}=${x.pct}%`).join(', ')}` : ''}`,
    table(
      ['imports from China', 'value'],
      [
        ['base flows (2024)', usd(c.m0_usd)],
        ['new flows', usd(c.m1_usd)],
        ['change', `${usd(c.change_usd)} (${sh(c.m0_usd > 0 ? c.change_usd / c.m0_usd : 0)})`],
        ['  trade creation', usd(c.creation_usd)],
        ['  trade diversion', usd(c.diversion_usd)],
        ['effective rate, pre-substitution (base flows)', pc(c.rate_pre_substitution_pct)],
        ['effective rate, post-substitution (new flows)', pc(c.rate_post_substitution_pct)],
        ['revenue at fixed flows', usd(c.revenue_fixed_flows_usd)],
        ['revenue on new flows', usd(c.revenue_new_flows_usd)],
      ],
    ),
    'Suppliers gaining most (trade diverted to them):',
    table(
      ['supplier', 'base', 'change', 'diversion'],
      r.suppliers
        .filter((s) => s.supplier !== 'CHN')
        .slice(0, 8)
        .map((s) => [s.supplier, usd(s.m0_usd), usd(s.dm_usd), usd(s.diversion_usd)]),
    ),
    `market totals: imports ${usd(r.totals.m0_usd)} -> ${usd(r.totals.m1_usd)}; tariff revenue ${usd(r.totals.revenue0_usd)} -> ${usd(r.totals.revenue1_usd)}; importer welfare ${usd(r.totals.welfare_usd)}`,
  ];
  if (r.top_products.length)
    out.push(
      'Largest falls in imports from China (HS6):',
      table(
        ['HS6', 'base', 'change', 'tariff before', 'after'],
        r.top_products.map((p) => [
          p.product,
          usd(p.china_m0_usd),
          usd(p.china_change_usd),
          pc(p.t0_pct),
          pc(p.t1_pct),
        ]),
      ),
    );
  out.push(
    `flows: ${r.basis.flows}`,
    `tariffs: ${r.basis.tariffs}`,
    `elasticities: ${r.basis.elasticities}`,
    `inclusions: ${r.basis.mfn}`,
    ...r.basis.notes.map((n) => `note: ${n}`),
  );
  return out.join('\n');
}

function flowsReport(file: string, o: OutputOptions & { classification?: string }) {
  const t = readFlowFile(file, { classification: o.classification });
  const s = summarizeFlows(t);
  // match against the HS2022 nomenclature (HS6), the vintage of the shipped weights and ledger lines
  const hs6 = new Map<string, number>();
  for (const n of loadHsNomenclature()) if (n.level === 6) hs6.set(n.hscode, 1);
  const lines = t.rows.filter((r) => r.product.length >= 6).map((r) => r.product);
  const w = Float64Array.from(t.rows.filter((r) => r.product.length >= 6).map((r) => r.value_usd));
  const m = matchHsVintage(hs6, lines, w, { allowHs4: true });
  const shallow = t.rows.filter((r) => r.product.length < 6).reduce((a, r) => a + r.value_usd, 0);
  return {
    file,
    layout: t.layout,
    classification: t.classification,
    summary: s,
    warnings: t.warnings,
    excluded: t.excluded,
    hs2022_match: {
      method: 'HS6 codes of the file looked up in the HS2022 nomenclature; else the HS4 heading exists',
      value_usd: m.weight_total,
      exact_hs6_share: m.matched_hs6_share,
      hs4_only_share: m.weight_total > 0 ? m.weight_by_level.hs4 / m.weight_total : 0,
      unmatched_share: m.weight_total > 0 ? m.weight_by_level.none / m.weight_total : 0,
      coarser_than_hs6_usd: shallow,
    },
  };
}

function humanFlows(r: ReturnType<typeof flowsReport>): string {
  const out = [
    `${r.file}: ${r.layout} layout, ${r.summary.rows} rows, USD ${fmt(r.summary.value_usd)} (${r.classification ?? 'HS vintage not stated'}), years ${r.summary.years.join(', ')}`,
    r.summary.realized_rate_pct !== null
      ? `realized duty rate: ${pc(r.summary.realized_rate_pct)}`
      : 'no duties column',
    `HS2022 match (by value): exact HS6 ${sh(r.hs2022_match.exact_hs6_share)}, HS4 only ${sh(r.hs2022_match.hs4_only_share)}, unmatched ${sh(r.hs2022_match.unmatched_share)}; USD ${fmt(r.hs2022_match.coarser_than_hs6_usd)} in codes coarser than HS6`,
  ];
  for (const w of r.warnings)
    out.push(
      `warning: ${w.count} row(s), USD ${fmt(w.value_usd)}: ${w.message} (lines ${w.lines.join(', ')}${w.count > w.lines.length ? ', ...' : ''})`,
    );
  for (const e of r.excluded) out.push(`excluded: ${e.count} row(s), USD ${fmt(e.value_usd)}: ${e.reason}`);
  out.push(
    table(
      ['partner', 'value', 'share'],
      r.summary.by_partner.slice(0, 10).map((p) => [p.partner, fmt(p.value_usd), sh(p.share)]),
    ),
  );
  return out.join('\n');
}

/** The trade section of the `start` report: key-date rates both ways and the claims check. */
export function tradeStartSection(scn: Scenario): string {
  const d = data();
  const r = keyDateReport(scn, { trade: d }, {}, cliLabel);
  // monthly means of the daily series, both ways
  const to = scn.as_of ?? '2025-11-30';
  const series = r.directions.map((x) =>
    effectiveRates(
      scn,
      { trade: d },
      { importer: x.importer, exporter: x.exporter, from: '2025-01-01', to, step: 'month' },
      cliLabel,
    ),
  );
  const monthly = table(
    ['month', ...r.directions.map((x) => `${x.importer} on ${x.exporter}`)],
    series[0].points.map((p, i) => [p.from.slice(0, 7), ...series.map((s) => pc(s.points[i].average_pct))]),
  );
  return [
    humanTariffs(r),
    '',
    `Effective-rate series (monthly means of daily values, same weights and inclusions as above) to ${to}`,
    monthly,
    '',
    'Claims check',
    humanClaims(claimsReport(scn, d).claims),
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('tariffs')
    .description(
      'trade-weighted effective tariff rates over time at fixed base-year weights, with coverage and revenue',
    )
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .option('--importer <actor>', 'importing actor', 'US')
    .option('--exporter <actor>', 'exporting actor', 'CN')
    .option('--from <date>', 'first date', '2025-01-01')
    .option('--to <date>', "last date (default: the scenario's as_of)")
    .option('--step <step>', 'day, week or month (week/month values are means of daily values)', 'week')
    .option('--by <breakdown>', 'authority, section or group')
    .option(
      '--mfn',
      'add pre-war MFN rates (2018-01-01 column of the 2018-2020 series, HS2017) to every total',
    )
    .option(
      '--flows <file>',
      'weights from a flow file (generic CSV or UN Comtrade) instead of the shipped 2024 data',
    )
    .option('--classification <hs>', 'HS vintage of --flows when the file does not say (e.g. HS2017)')
    .option(
      '--base-year <year>',
      "weights year: with --flows, the rows of that year (default: latest); shipped US<-CN weights: 2024 (HTS10) or 2013-2019 (that year's HS2 totals over 2024 lines)",
    )
    .option(
      '--key-dates',
      `table for both directions at the 2025 key dates (${KEY_DATES_2025.map(dayMonth).join(', ')})`,
    )
    .option('--dates <list>', 'table at these dates (comma-separated) for --importer/--exporter')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file')
    .action(async (scenario: string, opts: TariffsOptions) => {
      const r = tariffsReport(scenario, opts);
      await emit(r, opts, () => humanTariffs(r));
    });

  program
    .command('claims')
    .description("check each claim of the scenario against the ledger and trade flows on the claim's date")
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file')
    .action(async (scenario: string, opts: OutputOptions) => {
      const scn = loadForCli(scenario);
      // the report depends only on the scenario and the shipped trade tables: reused across
      // processes while both are unchanged (compiling the tariff schedules is most of its cost)
      const r = await cachedCompute(`claims:${scn.id}`, scn, CLAIMS_DATA_DIRS, async () =>
        claimsReport(scn, data()),
      );
      await emit(r, opts, () => humanClaims(r.claims));
    });

  program
    .command('response')
    .description(
      'partial-equilibrium trade response of US imports (WITS SMART or exact CES), product by product',
    )
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .requiredOption('--at <date>', 'tariffs in force on this date (the shock)')
    .option(
      '--base <date>',
      'tariffs of the base flows (2024 trade was under the regime of 1 Jan 2025)',
      DEFAULT_RESPONSE_BASE_DATE,
    )
    .option(
      '--set <authority=pct>',
      'what-if: set a layer from --at, e.g. "IEEPA reciprocal=125" (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option(
      '--model <model>',
      'smart (linear, WITS) or ces (exact, for large shocks)',
      DEFAULT_RESPONSE_MODEL,
    )
    .option('--mfn', 'include pre-war MFN rates in both regimes')
    .option('--importer <actor>', 'importer for --set', 'US')
    .option('--exporter <actor>', 'exporter for --set', 'CN')
    .option('--top <n>', 'HS6 products to list', String(DEFAULT_RESPONSE_TOP))
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file')
    .option(
      '--table <file>',
      'also write the product x partner results as CSV (hs6, partner, base, tariffs, creation, diversion, ...)',
    )
    .action(async (scenario: string, opts: ResponseOptions) => {
      const { report, detail } = responseReport(scenario, opts);
      if (opts.table) await writeAtomically(opts.table, detail());
      await emit(
        report,
        opts,
        () => humanResponse(report) + (opts.table ? `\nproduct x partner table: ${opts.table}` : ''),
      );
    });

  program
    .command('flows')
    .description('read and check a flow file (generic CSV or UN Comtrade): totals, warnings, HS2022 match')
    .argument('<file>', 'flow file')
    .option('--classification <hs>', 'HS vintage when the file does not say (e.g. HS2017)')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file')
    .action(async (file: string, opts: OutputOptions & { classification?: string }) => {
      const r = flowsReport(file, opts);
      await emit(r, opts, () => humanFlows(r));
    });
}
