// Subcommands of `leverage ledger` that view the whole ledger over time: `ledger averages` (daily
// averages both ways), `ledger who-paid` (duties by authority and month), `ledger new` (an entry
// skeleton) and `ledger diff OLD NEW`. The computations are report functions; this file parses
// and formats.
import type { Command } from 'commander';
import { DEFAULT_SCENARIO, ledgerSkeleton, SKELETON_KINDS, type SkeletonKind } from '../../io/index.ts';
import {
  AVERAGE_COLUMNS,
  averagesCsv,
  averagesReport,
  ledgerDiffReport,
  whoPaidReport,
  type AveragesReport,
  type LedgerDiffReport,
  type WhoPaidReport,
} from '../../report/index.ts';
import { cliField, parseDateOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit, fmt, table, writeAtomically, writeStdout, type OutputOptions } from '../output.ts';
import { usd } from '../../model/index.ts';
import { writeStderr } from '../io.ts';
import { loadForCli } from '../scenario.ts';
import { shippedTargets, shippedTrade } from '../shipped.ts';

function humanAverages(r: AveragesReport): string {
  const cols = AVERAGE_COLUMNS;
  // the days on which either average changes (the CSV and --json have every day)
  const rows = r.days.filter((d, i) => i === 0 || cols.some((c) => d[c] !== r.days[i - 1][c]));
  return [
    `Daily trade-weighted average tariffs, ${r.from} to ${r.to} (scenario ${r.scenario}, as of ${r.as_of ?? 'n/a'})`,
    `Unit: ${r.unit}`,
    `Source: ${r.source}`,
    `The ${rows.length} days on which an average changes (every day: --csv or --json):`,
    table(
      ['from', 'US on CN add. %', 'US on CN +MFN %', 'CN on US add. %', 'CN on US +MFN %'],
      rows.map((d) => [d.date, ...cols.map((c) => d[c])]),
    ),
    '',
    'PIIE (Bown) published averages, MFN + special tariffs at 2017 weights, beside Leverage with MFN at 2024 weights',
    table(
      ['date', 'direction', 'PIIE %', 'Leverage %', 'gap pp', 'weights pp', 'rest pp', 'id'],
      r.reference_points.map((p) => [
        p.date,
        p.direction === 'us_on_cn' ? 'US on CN' : 'CN on US',
        `${fmt(p.value_pct)}${p.derived ? ' (derived)' : ''}`,
        p.leverage_with_mfn_pct === null ? '' : fmt(p.leverage_with_mfn_pct, 1),
        p.gap_pp === null ? '' : fmt(p.gap_pp, 1),
        p.gap_weights_pp === null ? 'n/a' : fmt(p.gap_weights_pp, 1),
        p.gap_other_pp === null ? 'n/a' : fmt(p.gap_other_pp, 1),
        p.id,
      ]),
    ),
    "weights pp: Leverage's own line rates re-weighted to PIIE's 2017 trade by HS2 chapter (US side only: China-side 2017 weights do not ship); rest pp: product coverage and exclusions, MFN rates, the mix within chapters.",
  ].join('\n');
}

/** Money in the one formatter ($64.5 bn, $1.42 tn). */
const bn = usd;

function humanWhoPaid(r: WhoPaidReport): string {
  const out: string[] = [
    `Who paid: additional duties by authority, ${r.from} to ${r.to} (scenario ${r.scenario}, as of ${r.as_of ?? 'n/a'})`,
    `Unit: ${r.unit}. Assumption: ${r.assumption}.`,
  ];
  for (const d of r.directions) {
    out.push(
      '',
      `${d.label}: ${bn(d.total_usd)} in all, paid at the border by ${d.paid_by}; flows of ${d.flow_year}, ${bn(d.flow_usd_per_year)} a year`,
    );
    out.push(
      table(
        ['authority', 'duties', 'share'],
        d.by_authority.map((a) => [
          a.authority,
          bn(a.duties_usd),
          `${fmt((100 * a.duties_usd) / Math.max(1, d.total_usd), 1)}%`,
        ]),
      ),
    );
    const months = d.months.filter((m) => m.duties_usd > 0);
    out.push(
      `By month (${months.length} months with duties; --json for every authority):`,
      table(
        ['month', 'duties', 'largest layer'],
        months.map((m) => [
          m.month,
          bn(m.duties_usd),
          m.by_authority[0] ? `${m.by_authority[0].authority} ${bn(m.by_authority[0].duties_usd)}` : '',
        ]),
      ),
    );
  }
  const i = r.ieepa_refundable;
  out.push(
    '',
    `Refundable after the ruling: ${bn(i.duties_usd)} of US duties on goods from China were IEEPA duties (${fmt(100 * i.share_of_us_duties, 1)}% of US duties on China in the range; collected ${i.from ?? '-'} to ${i.to ?? '-'}), at the static flows.`,
    i.basis,
    'Published refund figures (every origin):',
    table(
      ['figure', 'USD', 'as of', 'scope', 'source'],
      r.published_refunds.map((p) => [
        p.figure,
        p.value_usd !== null ? bn(p.value_usd) : `${bn(p.low_usd ?? 0)}-${bn(p.high_usd ?? 0)}`,
        p.as_of,
        p.scope,
        p.ledger_entry,
      ]),
    ),
  );
  return out.join('\n');
}

function humanDiff(r: LedgerDiffReport): string {
  const e = r.entries;
  const out: string[] = [
    `Ledger diff: ${r.old.scenario} (as of ${r.old.as_of ?? 'n/a'}) -> ${r.new.scenario} (as of ${r.new.as_of ?? 'n/a'}), ${r.from} to ${r.to}`,
    `Entries: ${e.added.length} added, ${e.removed.length} removed, ${e.changed.length} changed`,
    ...e.added.map((x) => `  + ${x.collection} ${x.id}: ${x.title}`),
    ...e.removed.map((x) => `  - ${x.collection} ${x.id}: ${x.title}`),
    ...e.changed.map((x) => `  ~ ${x.collection} ${x.id}: ${x.fields.join(', ')}`),
  ];
  for (const a of r.averages) {
    out.push('', `${a.label}, trade-weighted average (additional duties, percent):`);
    out.push(
      a.changes.length
        ? table(
            ['from', 'to', 'old %', 'new %', 'change pp'],
            a.changes.map((c) => [c.from, c.to, c.old_pct, c.new_pct, c.change_pp]),
          )
        : '  no change',
    );
  }
  out.push('', 'Tracked products whose stack changes (on the first day of each change):');
  out.push(
    r.stacks.length
      ? table(
          ['date', 'product', 'old %', 'new %', 'new layers'],
          r.stacks.map((s) => [s.date, s.label, s.old_total_pct, s.new_total_pct, s.new_layers.join(' + ')]),
        )
      : '  none',
  );
  return out.join('\n');
}

function ledgerCommand(program: Command): Command {
  const ledger = program.commands.find((c) => c.name() === 'ledger');
  if (!ledger) throw new Error('ledger-views: register after the ledger command');
  return ledger;
}

/**
 * A subcommand's options with the `--json` and `--out` typed after it. `ledger` has the same two
 * options (for its own query) and commander files them there: its positional mode would need the
 * root program's too, which would bind the global options (--wide, --as-known-on) to before the
 * command name.
 */
function withOutput<T extends { json?: boolean; out?: string }>(opts: T, ledger: Command): T {
  const p = ledger.opts<{ json?: boolean; out?: string }>();
  return { ...opts, json: opts.json || p.json || undefined, out: opts.out ?? p.out };
}

export function register(program: Command): void {
  const ledger = ledgerCommand(program);

  ledger
    .command('averages')
    .description(
      'daily trade-weighted average tariffs both ways (US on China, China on US), with and without MFN, and the PIIE points',
    )
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .option('--from <date>', "first day (default: the ledger's first date, 2018-01-01 for us-china)")
    .option('--to <date>', "last day (default: the scenario's as_of)")
    .option('--json', 'print one JSON document')
    .option('--csv', 'print CSV: a source line, a date column, units in the headers')
    .option('--out <file>', 'write the result to a file')
    .action(
      async (scenario: string, given: OutputOptions & { from?: string; to?: string; csv?: boolean }) => {
        const opts = withOutput(given, ledger);
        if (opts.json && opts.csv) throw new UserError('--json and --csv: give one');
        const from = opts.from === undefined ? undefined : parseDateOption('--from', opts.from);
        const to = opts.to === undefined ? undefined : parseDateOption('--to', opts.to);
        const scn = loadForCli(scenario);
        const r = averagesReport(scn, shippedTrade(), shippedTargets(), { from, to }, cliField());
        if (opts.csv) {
          const text = averagesCsv(r);
          if (opts.out) await writeAtomically(opts.out, text);
          else await writeStdout(text);
          return;
        }
        await emit(r, opts, () => humanAverages(r));
      },
    );
  ledger
    .command('who-paid')
    .description(
      'duties by legal authority and month both ways at fixed base-year flows (a static-flow estimate), and the IEEPA duties the ruling makes refundable beside the published refunds',
    )
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .option('--from <date>', "first day (default: the ledger's first date)")
    .option('--to <date>', "last day (default: the scenario's as_of)")
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file')
    .action(async (scenario: string, given: OutputOptions & { from?: string; to?: string }) => {
      const opts = withOutput(given, ledger);
      const from = opts.from === undefined ? undefined : parseDateOption('--from', opts.from);
      const to = opts.to === undefined ? undefined : parseDateOption('--to', opts.to);
      const scn = loadForCli(scenario);
      const r = whoPaidReport(scn, shippedTrade(), { from, to }, cliField());
      await emit(r, opts, () => humanWhoPaid(r));
    });
  ledger
    .command('new')
    .description(
      'write a documented YAML skeleton for a new ledger entry (a scenario file extending the built-in ledger); fill it in, then `leverage validate` it',
    )
    .requiredOption('--kind <kind>', `the entry: ${SKELETON_KINDS.join(', ')}`)
    .option('--id <id>', 'the new scenario id (default: <extends>-update)')
    .option('--extends <scenario>', 'the scenario the entry is added to', DEFAULT_SCENARIO)
    .option('--out <file>', 'write the skeleton to a file (not replaced if read-only)')
    .action(async (given: { kind: string; id?: string; extends: string; out?: string }) => {
      const opts = withOutput(given, ledger);
      if (!(SKELETON_KINDS as readonly string[]).includes(opts.kind))
        throw new UserError(`--kind: expected one of ${SKELETON_KINDS.join(', ')}, got "${opts.kind}"`);
      const text = ledgerSkeleton(opts.kind as SkeletonKind, { id: opts.id, extends: opts.extends });
      if (opts.out) {
        await writeAtomically(opts.out, text);
        writeStderr(`leverage: wrote ${opts.out}; fill in every FILL, then: leverage validate ${opts.out}\n`);
      } else await writeStdout(text);
    });

  ledger
    .command('diff')
    .description(
      'what a changed ledger changes: entries added/removed/changed, averages both ways and tracked stacks, by date',
    )
    .argument('<old>', 'built-in id or scenario file before the change')
    .argument('<new>', 'built-in id or scenario file after it')
    .option('--from <date>', "first day (default: the ledgers' first date)")
    .option('--to <date>', 'last day (default: the later as_of)')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file')
    .action(async (a: string, b: string, given: OutputOptions & { from?: string; to?: string }) => {
      const opts = withOutput(given, ledger);
      const from = opts.from === undefined ? undefined : parseDateOption('--from', opts.from);
      const to = opts.to === undefined ? undefined : parseDateOption('--to', opts.to);
      const sa = loadForCli(a);
      const sb = loadForCli(b);
      const r = ledgerDiffReport(sa, sb, shippedTrade(), { from, to }, cliField());
      await emit(r, opts, () => humanDiff(r));
    });
}
