// `leverage branches`: leverage by week from breakdown branches (src/simulate leverageOverTime).
// Wiring only: parse the options, call the library, format.
import type { Command } from 'commander';
import {
  leverageOverTime,
  locateConfigProblems,
  DEFAULT_BRANCH_WEEKS,
  MAX_BRANCH_WEEKS,
  SimulationConfigError,
  type LeveragePath,
} from '../../simulate/index.ts';
import { parseDateOption, parseNumberOption, parseSeedOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit, fmt, table, type OutputOptions } from '../output.ts';
import { loadForCli } from '../scenario.ts';

interface BranchOptions extends OutputOptions {
  branchWeeks: string;
  path: string;
  from?: string;
  to?: string;
  seed: string;
  run: string;
}

const bn = (usd: number) => fmt(usd / 1e9, 2);

function human(r: LeveragePath): string {
  const [a, b] = Object.keys(r.weeks[0]?.breakdown_loss_usd ?? { US: 0, CN: 0 });
  return [
    `Leverage from breakdown branches, ${r.scenario}, ${r.path} path ${r.from} to ${r.to}; each week both branches run ${r.branch_weeks} weeks ahead.`,
    `Loss from breakdown (= minus the disagreement payoff): USD bn, cumulative over the ${r.branch_weeks} weeks, objective-weighted.`,
    table(
      [
        'week of',
        `${a} loss bn`,
        `${b} loss bn`,
        `${a} share`,
        `${a} leverage`,
        'RE lost bn holds / breakdown',
        'flow holds / breakdown',
        'RE lost this week USD m',
      ],
      r.weeks.map((w) => [
        w.date,
        bn(w.breakdown_loss_usd[a]),
        bn(w.breakdown_loss_usd[b]),
        fmt(w.bargaining_share[a], 3),
        fmt(w.leverage_shift, 3),
        `${bn(w.rare_earth_lost_usd.holds)} / ${bn(w.rare_earth_lost_usd.breakdown)}`,
        `${fmt(w.flow_share.holds, 2)} / ${fmt(w.flow_share.breakdown, 2)}`,
        fmt(w.output_lost_usd / 1e6, 0),
      ]),
    ),
    ...r.basis.map((x) => `basis: ${x}`),
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('branches')
    .description(
      'leverage by week: each side\'s loss if talks broke down ("breakdown" vs "agreement holds" branches) and the Nash bargaining share it implies',
    )
    .argument('[scenario]', 'built-in id or scenario file', 'us-china')
    .option(
      '--branch-weeks <n>',
      `weeks each branch runs ahead (1..${MAX_BRANCH_WEEKS})`,
      String(DEFAULT_BRANCH_WEEKS),
    )
    .option('--path <p>', 'ledger (the recorded history) or run (one Monte Carlo run)', 'ledger')
    .option('--from <date>', "first week (default: the scenario's start)")
    .option('--to <date>', 'last week (needs --from)')
    .option('--seed <s>', 'with --path run: random seed', '1')
    .option('--run <i>', 'with --path run: run index', '0')
    .option('--json', 'one JSON document on stdout')
    .option('--out <file>', 'write the document to FILE')
    .action(async (scenario: string, o: BranchOptions) => {
      const branchWeeks = parseNumberOption('--branch-weeks', o.branchWeeks, {
        min: 1,
        max: MAX_BRANCH_WEEKS,
        integer: true,
        unit: 'weeks',
      });
      if (o.path !== 'ledger' && o.path !== 'run')
        throw new UserError(`--path: expected ledger or run, got ${JSON.stringify(o.path)}`);
      const from = o.from !== undefined ? parseDateOption('--from', o.from) : undefined;
      const to = o.to !== undefined ? parseDateOption('--to', o.to) : undefined;
      if (to !== undefined && from === undefined) throw new UserError('--to needs --from');
      if (from !== undefined && to !== undefined && to < from)
        throw new UserError(`--to ${to} is before --from ${from}`);
      const seed = parseSeedOption(o.seed);
      const run = parseNumberOption('--run', o.run, {
        min: 0,
        max: Number.MAX_SAFE_INTEGER,
        integer: true,
        unit: 'run index',
      });
      const scn = loadForCli(scenario);
      let r: LeveragePath;
      try {
        r = await leverageOverTime(scn, { path: o.path, branchWeeks, from, to, seed, run });
      } catch (err) {
        if (err instanceof SimulationConfigError)
          throw new UserError(
            `invalid simulation parameters:\n${locateConfigProblems(scn, err.problems).join('\n')}`,
          );
        throw err;
      }
      await emit(r, o, () => human(r));
    });
}
