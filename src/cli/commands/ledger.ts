import type { Command } from 'commander';
import { DEFAULT_SCENARIO, hsCodes, loadScenarioSync, ScenarioError } from '../../io/index.ts';
import { changesBetween, type TimelineEvent } from '../../ledger/index.ts';
import { formatHs, scenarioJsonSchema, type Scenario } from '../../model/index.ts';
import { ledgerReport, timelineReport, type LedgerReport } from '../../report/index.ts';
import { cliField, parseDateOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit, fmt, showSources, table, writeStdout, type OutputOptions } from '../output.ts';
import { getAsKnownOn, loadForCli } from '../scenario.ts';

interface LedgerOptions extends OutputOptions {
  at?: string;
  importer?: string;
  exporter?: string;
  product?: string;
  group?: string;
}

function humanLedger(r: LedgerReport): string {
  const out: string[] = [`Ledger of ${r.scenario} on ${r.date}`];
  out.push(...r.warnings.map((w) => `warning: ${w}`));
  if (r.detail.length === 0) {
    out.push('', "Tariff stacks of the tracked products (the stack on most of each product's lines)");
    out.push(
      table(
        ['product', 'HS', 'importer <- exporter', 'total %', 'layers'],
        r.stacks.map((s) => [
          s.label,
          formatHs(s.product),
          `${s.importer} <- ${s.exporter}`,
          s.total_pct,
          s.layers.map((l) => `${l.authority} ${fmt(l.rate_pct)}`).join(' + '),
        ]),
      ),
    );
  }
  if (r.detail.length > 1 && (!r.importer || !r.exporter))
    out.push(
      '',
      `No --importer and --exporter given: showing every direction (${r.detail.map((d) => `${d.importer} on goods from ${d.exporter}`).join('; ')}). Add --importer US --exporter CN for one.`,
    );
  const sources = showSources();
  for (const ps of r.detail) {
    const what = ps.product ? `HS ${formatHs(ps.product)}` : `${ps.group} (${ps.title ?? ''})`;
    out.push(
      '',
      `Tariff stack, ${ps.importer} on goods from ${ps.exporter}, ${what}: ${ps.line_count} tariff line(s), total ${ps.min_total_pct === ps.max_total_pct ? `${fmt(ps.min_total_pct)}%` : `${fmt(ps.min_total_pct)}-${fmt(ps.max_total_pct)}%`}`,
    );
    const shown = ps.stacks.slice(0, ps.product ? 8 : 3);
    for (const g of shown) {
      const rows: (string | number)[][] = g.layers.map((l) => [
        l.authority,
        l.measure_id,
        l.rate_pct,
        l.note ?? '',
      ]);
      rows.push([
        'total',
        '',
        g.total_pct,
        g.line_count === 1
          ? `1 line: ${formatHs(g.lines[0])}`
          : `${g.line_count} lines, e.g. ${formatHs(g.lines[0])}`,
      ]);
      out.push(table(['authority', 'measure', 'rate %', 'note'], rows));
      // sources below the table, one a line: URLs are too long for a column
      if (sources) for (const l of g.layers) out.push(`  ${l.authority}: ${l.sources.join(' ')}`);
    }
    if (ps.stacks.length > shown.length)
      out.push(`... and ${ps.stacks.length - shown.length} more distinct stack(s) (use --json for all)`);
  }
  if (r.detail.length > 0) {
    // a product or group query answers that question; the rest of the ledger is one flag away
    out.push(
      '',
      `rates: additional duties, percent ad valorem, on ${r.date} (MFN not included).`,
      `${sources ? '' : "--sources adds each layer's source; "}without --product the whole ledger of the day.`,
    );
    return out.join('\n');
  }
  out.push('', 'Measures in force');
  out.push(
    table(
      ['id', 'actor>target', 'status', 'since', 'rate %', 'authority'],
      r.measures_in_force.map((m) => [
        m.id,
        `${m.actor}>${m.target}`,
        m.status.replace(/_/g, ' '),
        m.since,
        m.rate_pct === undefined
          ? ''
          : m.suspended_pct
            ? `${fmt(m.rate_pct)} (${fmt(m.suspended_pct)} susp.)`
            : m.rate_pct,
        m.authority,
      ]),
    ),
  );
  if (r.export_controls.length) {
    out.push('', 'Export controls in force');
    out.push(
      table(
        ['id', 'actor>target', 'licence', 'flow share', 'basis'],
        r.export_controls.map((c) => [
          c.measure_id,
          `${c.actor}>${c.target}`,
          c.licence_required ? 'required' : 'no',
          c.flow_share === undefined ? '' : `${Math.round(c.flow_share * 100)}%`,
          c.basis ?? '',
        ]),
      ),
    );
  }
  if (r.agreements.length) {
    out.push('', 'Agreements');
    out.push(
      table(
        ['id', 'status', 'approvals', 'clocks'],
        r.agreements.map((a) => [
          a.id,
          `${a.status?.replace(/_/g, ' ')} ${a.since}`,
          a.approvals.map((x) => `${x.by}: ${x.status ?? 'not yet'}`).join('; '),
          a.clocks
            .map(
              (c) =>
                `${c.title}: ${c.running ? `${c.days_left} days left (to ${c.end})` : c.days_left === null ? `starts ${c.start}` : `ended ${c.end}`}`,
            )
            .join('; '),
        ]),
      ),
    );
  }
  return out.join('\n');
}

function humanTimeline(events: TimelineEvent[]): string {
  return table(
    ['date', 'id', 'kind', 'event'],
    events.map((e) => [e.date, e.id, e.kind, e.event.length > 110 ? e.event.slice(0, 107) + '...' : e.event]),
  );
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('check a scenario file (YAML or JSON): schema, references, dates; exits non-zero if invalid')
    .argument('<file>', 'scenario file or built-in id')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file')
    .action(async (file: string, opts: OutputOptions) => {
      // loaded here only: the other ledger commands do not need the simulator
      const { checkSimulationBlock } = await import('../../simulate/index.ts');
      let scn: Scenario;
      try {
        scn = loadScenarioSync(file, { asKnownOn: getAsKnownOn() });
        checkSimulationBlock(scn);
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        if (opts.json) {
          await writeStdout(JSON.stringify({ valid: false, file, issues: err.issues }, null, 2) + '\n');
          throw new UserError(
            `${file}: invalid scenario (${err.issues.length} problem${err.issues.length === 1 ? '' : 's'})`,
          );
        }
        throw new UserError(
          `invalid scenario (${err.issues.length} problem${err.issues.length === 1 ? '' : 's'}):\n${err.message}`,
        );
      }
      const counts = {
        actors: Object.keys(scn.actors).length,
        product_lists: Object.keys(scn.products.lists).length,
        product_groups: Object.keys(scn.products.groups).length,
        measures: scn.measures.length,
        agreements: scn.agreements.length,
        claims: scn.claims.length,
      };
      const warnings = Object.entries(scn.products.lists).flatMap(([id, l]) =>
        (l.warnings ?? []).map((w) => `products.lists.${id}: ${w}`),
      );
      await emit(
        { valid: true, file, id: scn.id, as_of: scn.as_of ?? null, files: scn.files, counts, warnings },
        opts,
        () =>
          [
            `ok: ${file} is a valid scenario "${scn.id}" (${Object.entries(counts)
              .map(([k, v]) => `${v} ${k.replace('_', ' ')}`)
              .join(', ')})`,
            ...warnings.map((w) => `warning: ${w}`),
          ].join('\n'),
      );
    });

  program
    .command('schema')
    .description('print the JSON Schema of the scenario format (for editors)')
    .option('--json', 'print JSON (the default: the schema is JSON)')
    .option('--out <file>', 'write the schema to FILE (atomically) instead of stdout')
    .action(async (opts: OutputOptions) => {
      const schema = scenarioJsonSchema();
      await emit(schema, { ...opts, json: true }, () => '');
    });

  program
    .command('ledger')
    .description('what is in force on a date, and the tariff stack per product or product group')
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .option('--at <date>', 'the date, YYYY-MM-DD (required)')
    .option('--importer <actor>', 'importing actor, e.g. US')
    .option('--exporter <actor>', 'exporting actor, e.g. CN')
    .option('--product <hs>', 'HS code at any depth, e.g. 4202.21')
    .option('--group <name>', 'named product group, e.g. rare-earths')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file')
    .action(async (scenario: string, opts: LedgerOptions) => {
      // not a requiredOption: commander would then demand it of the subcommands too (ledger averages)
      if (opts.at === undefined) throw new UserError("required option '--at <date>' not specified");
      const date = parseDateOption('--at', opts.at);
      const scn = loadForCli(scenario);
      const q = {
        importer: opts.importer,
        exporter: opts.exporter,
        product: opts.product,
        group: opts.group,
      };
      const hsNomenclature = opts.product ? hsCodes() : undefined;
      const report = ledgerReport(scn, { date, ...q }, cliField({ date: '--at' }), { hsNomenclature });
      await emit(report, opts, () => humanLedger(report));
    });

  program
    .command('timeline')
    .description(
      'every dated event: status changes, rate steps, licensing, agreements, approvals, clocks, claims',
    )
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .option('--id <id>', 'only this measure, agreement or claim')
    .option('--from <date>', 'first date')
    .option('--to <date>', 'last date')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file')
    .action(async (scenario: string, opts: OutputOptions & { id?: string; from?: string; to?: string }) => {
      const from = opts.from ? parseDateOption('--from', opts.from) : undefined;
      const to = opts.to ? parseDateOption('--to', opts.to) : undefined;
      const r = timelineReport(loadForCli(scenario), { from, to, id: opts.id }, cliField());
      await emit(r, opts, () => humanTimeline(r.events));
    });

  program
    .command('changes')
    .description('what changed after one date up to another')
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .requiredOption('--from <date>', 'start date (exclusive)')
    .requiredOption('--to <date>', 'end date (inclusive)')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file')
    .action(async (scenario: string, opts: OutputOptions & { from: string; to: string }) => {
      const from = parseDateOption('--from', opts.from);
      const to = parseDateOption('--to', opts.to);
      if (to < from) throw new UserError(`--to ${to} is before --from ${from}`);
      const scn = loadForCli(scenario);
      const events = changesBetween(scn, from, to);
      await emit(
        { scenario: scn.id, from, to, events },
        opts,
        () => `Changes after ${from} up to ${to}\n${humanTimeline(events)}`,
      );
    });
}
