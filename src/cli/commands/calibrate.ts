// `leverage calibrate [SCENARIO] --as-known-on D --seed S [--particles N]`: ABC-SMC of the
// scenario as known on D against the history known on D; writes the posterior next to the
// scenario (data/posteriors/<id>@D.json for the built-ins) and prints the posterior predictive checks.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import {
  calibrate,
  posteriorFile,
  writePosterior,
  DEFAULT_GENERATIONS,
  DEFAULT_PARTICLES,
  type Posterior,
} from '../../calibrate/index.ts';
import { resolveScenarioPath } from '../../io/index.ts';
import { isIsoDate } from '../../model/index.ts';
import { parseNumberOption, parseSeedOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit, fmt, table, type OutputOptions } from '../output.ts';
import { progressStream } from '../io.ts';
import { getAsKnownOn, loadForCli } from '../scenario.ts';

interface CalibrateOpts extends OutputOptions {
  seed: string;
  particles: string;
  generations: string;
  from?: string;
  posterior?: string;
}

export function humanPosterior(p: Posterior, file: string): string {
  const q = (x: { p5: number; p50: number; p95: number }) =>
    `${fmt(x.p50, 2)} [${fmt(x.p5, 2)}, ${fmt(x.p95, 2)}]`;
  return [
    `Posterior of ${p.scenario} as known on ${p.as_known_on}: ${p.settings.particles} particles, ${p.settings.generations_completed} generations, ${p.simulations.toLocaleString('en-US')} simulated runs of ${p.settings.weeks} weeks from ${p.settings.from}, seed ${p.seed}`,
    `written to ${file}`,
    `tolerance by generation: ${p.tolerance.map((t) => (Number.isFinite(t) ? t.toFixed(2) : 'none')).join(', ')}`,
    '',
    'Models (discrete structure)',
    table(
      ['strategies', 'renewal rule', 'posterior probability'],
      p.models.map((m) => [
        Object.entries(m.structure.strategies)
          .map(([a, s]) => `${a} ${s}`)
          .join(', '),
        m.structure.on_expiry,
        fmt(m.probability, 3),
      ]),
    ),
    '',
    'Parameters of the most probable model (prior -> posterior mean, sd, 90% interval)',
    table(
      ['path', 'prior', 'mean', 'sd', 'p5', 'p95'],
      [...p.models]
        .sort((a, b) => b.probability - a.probability)[0]
        .parameters.map((x) => [
          x.path,
          x.prior,
          x.posterior_mean === null ? '-' : fmt(x.posterior_mean, 3),
          x.posterior_sd === null ? '-' : fmt(x.posterior_sd, 3),
          x.posterior_p5 === null ? '-' : fmt(x.posterior_p5, 3),
          x.posterior_p95 === null ? '-' : fmt(x.posterior_p95, 3),
        ]),
    ),
    '',
    'Posterior predictive checks (median [5%, 95%]; tail: share of draws at or below the history)',
    table(
      ['statistic', 'unit', 'history', 'prior predictive', 'posterior predictive', 'tail'],
      p.statistics.map((s) => [
        s.name,
        s.unit,
        fmt(s.observed, 2),
        q(s.prior_predictive),
        q(s.posterior_predictive),
        fmt(s.predictive_tail, 2),
      ]),
    ),
    ...p.basis.map((b) => `- ${b}`),
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('calibrate')
    .description(
      'ABC-SMC of the uncertain parameters and the strategy/renewal structure on the history known on --as-known-on D; writes the posterior used by forecasts from D on',
    )
    .argument('[scenario]', 'built-in id or scenario file', 'us-china')
    .option('--seed <s>', 'random seed (same seed, same posterior)', '1')
    .option('--particles <n>', 'particles per generation', String(DEFAULT_PARTICLES))
    .option('--generations <n>', 'generations (tolerance steps)', String(DEFAULT_GENERATIONS))
    .option('--from <date>', 'start of the compared history (default: the scenario warm-up, else 2025-01-20)')
    .option('--posterior <file>', 'write the posterior here instead of next to the scenario')
    .option('--json', 'print the posterior as one JSON document on stdout')
    .action(async (scenario: string, o: CalibrateOpts) => {
      const D = getAsKnownOn();
      if (D === undefined)
        throw new UserError('calibrate: --as-known-on D is required (the vintage to calibrate on)');
      if (o.from !== undefined && !isIsoDate(o.from))
        throw new UserError(`--from: expected a date YYYY-MM-DD, got "${o.from}"`);
      const seed = parseSeedOption(o.seed);
      const particles = parseNumberOption('--particles', o.particles, {
        min: 10,
        max: 100_000,
        integer: true,
        unit: 'particles',
      });
      const generations = parseNumberOption('--generations', o.generations, {
        min: 1,
        max: 50,
        integer: true,
        unit: 'generations',
      });
      const view = loadForCli(scenario);
      if (o.from !== undefined && o.from >= D)
        throw new UserError(`--from ${o.from}: must be before --as-known-on ${D}`);
      const bar =
        progressStream() && !o.json
          ? new cliProgress.SingleBar(
              {
                format: 'calibrate {bar} generation {gen}/{gens}, {value}/{total} accepted, {sims} runs',
                stream: progressStream()!,
              },
              cliProgress.Presets.shades_classic,
            )
          : null;
      bar?.start(particles, 0, { gen: 1, gens: generations, sims: 0 });
      let post: Posterior;
      try {
        post = await calibrate(view, {
          seed,
          particles,
          generations,
          ...(o.from ? { from: o.from } : {}),
          onProgress: (sims, g, acc) => bar?.update(acc, { gen: g + 1, gens: generations, sims }),
        });
      } finally {
        bar?.stop();
      }
      const file = writePosterior(
        o.posterior ?? posteriorFile(resolveScenarioPath(scenario), view.id, D),
        post,
      );
      await emit(post, { json: o.json }, () => humanPosterior(post, file));
    });
}
