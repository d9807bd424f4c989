// `leverage exposure`: rare-earth exposure on a date (linear IO model) or the weekly stock-flow
// bottleneck model. The figures are computed in src/report/exposure.ts; this parses the options,
// calls the report and formats it (exposure-format.ts, exposure-bottleneck.ts).
import type { Command } from 'commander';
import { DEFAULT_SCENARIO, loadExposureInputs } from '../../io/index.ts';
import { rareEarthExposure } from '../../report/index.ts';
import { DEFAULT_BUFFER_COHORTS } from '../../supply/index.ts';
import { cliField, parseDateOption, parseNumberOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit, type OutputOptions } from '../output.ts';
import { loadForCli } from '../scenario.ts';
import { humanExposure } from './exposure-format.ts';
import {
  csvBottleneck,
  humanBottleneck,
  runBottleneckCli,
  type BottleneckCliOptions,
} from './exposure-bottleneck.ts';

export function register(program: Command): void {
  program
    .command('exposure')
    .description(
      "rare-earth exposure on a date from the scenario's licensing state (--model linear), or the weekly stock-flow bottleneck model (--model bottleneck)",
    )
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .option('--model <m>', 'linear (IO cost share) or bottleneck (stock-flow critical input)', 'linear')
    .option('--at <date>', 'date YYYY-MM-DD (linear model; required there)')
    .option(
      '--from <date>',
      'linear: first week of the weekly path (default: start of the first rare-earth control)',
    )
    .option('--start <date>', 'bottleneck: first week (default 2025-03-03)')
    .option('--weeks <n>', 'bottleneck: weeks to run (default 30)')
    .option(
      '--hold-flows-from <date>',
      "bottleneck: China's flows and licence shares stay at their level of this date (counterfactual)",
    )
    .option('--sigma <s>', 'bottleneck: CES elasticity for the critical items (default: the min rule)')
    .option('--cohorts <n>', `bottleneck: buffer cohorts per user (default ${DEFAULT_BUFFER_COHORTS})`)
    .option('--csv', 'bottleneck: print the weekly rows by user as CSV (units and sources as # lines)')
    .option('--mrio <dir>', 'IO table folder (default: shipped WIOD 2011; must use WIOD industry codes)')
    .option('--top <n>', 'US industries to list', '15')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file')
    .action(
      async (
        scenario: string,
        o: OutputOptions &
          BottleneckCliOptions & { model: string; at?: string; from?: string; mrio?: string; top: string },
      ) => {
        if (o.model === 'bottleneck') {
          // options of the linear model are refused, not ignored: the bottleneck model's weeks
          // are set by --start and --weeks (an ignored --at answered for another date)
          for (const [flag, v] of [
            ['--at', o.at],
            ['--from', o.from],
          ] as const)
            if (v !== undefined)
              throw new UserError(
                `${flag} applies to --model linear; the bottleneck model runs from --start (default 2025-03-03) for --weeks`,
              );
          const scn = loadForCli(scenario);
          const r = await runBottleneckCli(scn, o);
          await emit(r, o.csv ? { ...o, json: false } : o, () =>
            o.csv ? csvBottleneck(r) : humanBottleneck(r),
          );
          return;
        }
        if (o.model !== 'linear')
          throw new UserError(`--model: expected linear or bottleneck, got ${o.model}`);
        if (o.at === undefined) throw new UserError('--at <date> is required with --model linear');
        const at = parseDateOption('--at', o.at);
        const from = o.from !== undefined ? parseDateOption('--from', o.from) : undefined;
        const top = parseNumberOption('--top', o.top, { integer: true, min: 1 });
        const scn = loadForCli(scenario);
        if (from !== undefined && from > at) throw new UserError(`--from ${from} is after --at ${at}`);
        const inputs = await loadExposureInputs(o.mrio !== undefined ? { mrio: o.mrio } : {});
        const r = rareEarthExposure(scn, at, inputs, from ? { from } : {}, cliField());
        await emit(r, o, () => humanExposure(r, top));
      },
    );
}
