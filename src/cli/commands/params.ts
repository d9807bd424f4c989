// `leverage params [SCENARIO]`: every number of the scenario's parameters with where it came from
// (a source URL or an assumption with its range) and the date of the data it was fitted on
// (report: paramsReport). With --as-known-on D a value fitted to data published after D shows
// its prior, as every engine sees it on D (docs/vintages.md).
import type { Command } from 'commander';
import { paramsReport, type ParamsReport } from '../../report/index.ts';
import { UserError } from '../errors.ts';
import { emit, table, type OutputOptions } from '../output.ts';
import { getAsKnownOn, loadFullForCli } from '../scenario.ts';

interface ParamsOpts extends OutputOptions {
  only?: string;
  path?: string;
}

// the first sentence or 90 characters of an assumption's text (the table's cell; --json has it all)
const short = (t: string) => {
  const first = /^.*?[.;](\s|$)/.exec(t)?.[0].trim() ?? t;
  return first.length <= 90 ? first : first.slice(0, 87) + '...';
};

const ONLY = ['assumptions', 'sourced'] as const;

export function humanParams(r: ParamsReport): string {
  const n = r.rows.length;
  const assumed = r.rows.filter((x) => x.provenance === 'assumption').length;
  return [
    `Parameters of ${r.scenario}${r.as_known_on ? ` as known on ${r.as_known_on}` : ''}: ${n} numbers, ${n - assumed} sourced, ${assumed} assumptions (each with its range)`,
    'Units are in the path (usd, pct, share, weeks) or the assumption text; a range is [low, high] in the same unit; full texts with --json.',
    table(
      ['path', 'value', 'range', 'data date', 'provenance'],
      r.rows.map((x) => [
        x.path.replace(/^parameters\./, ''),
        String(x.value),
        x.range ? `[${x.range[0]}, ${x.range[1]}]` : '-',
        x.data_date ?? '-',
        x.provenance === 'assumption'
          ? `assumption${x.prior_shown ? ' (prior: data came later)' : ''}: ${short(x.assumption ?? '')}`
          : x.provenance,
      ]),
    ),
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('params')
    .description(
      "every number of the scenario's parameters with its source or assumption, its range and its data date",
    )
    .argument('[scenario]', 'built-in id or scenario file', 'us-china')
    .option('--only <which>', `only ${ONLY.join(' or ')}`)
    .option('--path <prefix>', 'only parameters whose path starts with this (e.g. simulation.rare_earth)')
    .option('--json', 'print the list as one JSON document on stdout')
    .action(async (scenario: string, o: ParamsOpts) => {
      if (o.only !== undefined && !(ONLY as readonly string[]).includes(o.only))
        throw new UserError(`--only: expected ${ONLY.join(' or ')}, got "${o.only}"`);
      // the full scenario: the report itself applies the vintage rule, so that it can say which
      // values are priors standing in for data that came later
      const r = paramsReport(loadFullForCli(scenario), getAsKnownOn());
      const prefix = o.path === undefined ? undefined : `parameters.${o.path.replace(/^parameters\./, '')}`;
      const rows = r.rows.filter(
        (x) =>
          (prefix === undefined ||
            x.path === prefix ||
            x.path.startsWith(prefix + '.') ||
            x.path.startsWith(prefix + '[')) &&
          (o.only === undefined || (o.only === 'assumptions') === (x.provenance === 'assumption')),
      );
      if (rows.length === 0 && prefix !== undefined)
        throw new UserError(
          `--path ${o.path}: no parameter under it (top level: ${[...new Set(r.rows.map((x) => x.path.split(/[.[]/)[1]))].join(', ')})`,
        );
      const out = { ...r, rows };
      await emit(out, o, () => humanParams(out));
    });
}
