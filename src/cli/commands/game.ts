import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { emit, fmt, table } from '../output.ts';
import type { OutputOptions } from '../output.ts';
import { cliField, parseNumberOption, parseSeedOption } from '../args.ts';
import {
  STRATEGIES,
  moranProcess,
  moranFixation,
  specLabel,
  parseBimatrix,
  makeBimatrix,
  parseStageGame,
  parseStrategySpec,
  playMatch,
  roundRobin,
  roundRobinParallel,
  splitStrategyList,
  symmetricStageGame,
  namedStageGame,
  NAMED_STAGE_GAMES,
} from '../../game/index.ts';
import type { EquilibriumReport, StageGame, StrategySpec } from '../../game/index.ts';
import {
  bargainingReport,
  equilibriaReport,
  strategyCatalogue,
  type EquilibriumMethod,
} from '../../report/index.ts';

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(`${path}: cannot read file (${code})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`${path}: not valid JSON (${(err as Error).message})`);
  }
}

/** --game FILE: {"A": 2x2, "B": 2x2} or {"R": 3, "S": 0, "T": 5, "P": 1}. */
function stageGameOption(path: string | undefined): StageGame {
  if (!path) return symmetricStageGame();
  const named = namedStageGame(path);
  if (named) return named;
  const data = readJsonFile(path);
  if (typeof data === 'object' && data !== null && 'R' in data) {
    const o = data as Record<string, unknown>;
    const v: Record<string, number> = {};
    for (const k of ['R', 'S', 'T', 'P']) {
      const x = o[k];
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new UserError(`${path}: ${k} must be a finite number, got ${JSON.stringify(x)}`);
      v[k] = x;
    }
    return symmetricStageGame({ R: v.R, S: v.S, T: v.T, P: v.P });
  }
  return parseStageGame(data, path);
}

function strategyList(flag: string, raw: string): StrategySpec[] {
  const parts = splitStrategyList(raw);
  if (parts.length === 0)
    throw new UserError(`${flag}: expected a comma-separated list of strategies, got ${JSON.stringify(raw)}`);
  return parts.map((p) => parseStrategySpec(p));
}

interface PlayOpts extends OutputOptions {
  turns: string;
  noise?: string;
  seed?: string;
  probEnd?: string;
  game?: string;
}

function playSettings(o: PlayOpts) {
  return {
    turns: parseNumberOption('--turns', o.turns, { min: 1, max: 10_000_000, integer: true, unit: 'turns' }),
    noise:
      o.noise === undefined
        ? 0
        : parseNumberOption('--noise', o.noise, { min: 0, max: 1, unit: 'flip probability in [0,1]' }),
    seed: o.seed === undefined ? 0 : parseSeedOption(o.seed),
    probEnd:
      o.probEnd === undefined
        ? 0
        : parseNumberOption('--prob-end', o.probEnd, { min: 0, max: 1, unit: 'probability in [0,1]' }),
    game: stageGameOption(o.game),
  };
}

function addPlayOptions(c: Command, turnsDefault: string): Command {
  return c
    .option('--turns <n>', 'turns per match (the cap when --prob-end is given)', turnsDefault)
    .option('--noise <p>', 'probability that each chosen action is flipped')
    .option('--seed <s>', 'random seed (non-negative integer)')
    .option('--prob-end <p>', 'probability the match ends after each turn')
    .option(
      '--game <name|file>',
      `stage game: ${Object.keys(NAMED_STAGE_GAMES).join(', ')}, or JSON {"A": [[..],[..]], "B": [[..],[..]]} or {"R","S","T","P"}`,
    )
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to FILE');
}

function equilibriaText(r: EquilibriumReport): string {
  const lines = [
    `${r.method}: ${r.rows}x${r.cols} game, ${r.equilibria.length} equilibri${r.equilibria.length === 1 ? 'um' : 'a'}`,
  ];
  lines.push(`degenerate: ${r.degenerate === null ? 'not checked' : r.degenerate ? 'yes' : 'no'}`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  lines.push(
    table(
      ['#', 'row strategy', 'column strategy', 'row payoff', 'column payoff'],
      r.equilibria.map((e, i) => [
        i + 1,
        `(${e.row_exact.join(', ')})`,
        `(${e.col_exact.join(', ')})`,
        e.row_payoff_exact,
        e.col_payoff_exact,
      ]),
    ),
  );
  return lines.join('\n');
}

export function register(program: Command): void {
  const game = program
    .command('game')
    .description('Negotiation games: strategies, matches, tournaments, equilibria, bargaining');

  game
    .command('strategies')
    .description('list the strategies and their parameters')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to FILE')
    .action(async (o: OutputOptions) => {
      await emit(strategyCatalogue(), o, () =>
        table(
          ['strategy', 'stochastic', 'parameters', 'behaviour'],
          STRATEGIES.map((s) => [
            s.name,
            s.stochastic ? 'yes' : 'no',
            s.parameters
              .map(
                (p) =>
                  `${p.name}=${p.required ? '(required)' : p.default}${p.min !== undefined ? ` [${p.min},${p.max}]` : ''}${p.choices ? ` {${p.choices.join('|')}}` : ''}`,
              )
              .join('\n') || '-',
            s.description,
          ]),
        ),
      );
    });

  addPlayOptions(
    game
      .command('match')
      .description('play one match; strategies as Name or Name(key=value, ...)')
      .requiredOption('--a <strategy>', 'player 1, e.g. TitForTat or "TACO(threshold=8, decay=0.2)"')
      .requiredOption('--b <strategy>', 'player 2'),
    '200',
  ).action(async (o: PlayOpts & { a: string; b: string }) => {
    const s = playSettings(o);
    const a = parseStrategySpec(o.a);
    const b = parseStrategySpec(o.b);
    const r = playMatch(a, b, s);
    await emit(r, o, () =>
      [
        `${r.players[0]} vs ${r.players[1]}: ${r.turns} turns, noise ${r.noise}, seed ${r.seed}`,
        `${r.players[0]}: ${r.actions[0]}`,
        `${r.players[1]}: ${r.actions[1]}`,
        table(
          ['player', 'score', 'per turn', 'cooperation'],
          [0, 1].map((i) => [
            r.players[i],
            r.scores[i],
            r.scores_per_turn[i],
            fmt(r.cooperation_rate[i] * 100, 1) + '%',
          ]),
        ),
      ].join('\n'),
    );
  });

  addPlayOptions(
    game
      .command('tournament')
      .description('round-robin tournament (Axelrod conventions: self-play played, excluded from scores)')
      .requiredOption(
        '--players <list>',
        'comma-separated strategies, e.g. TitForTat,Grudger,"TACO(threshold=8)"',
      )
      .option('--repetitions <r>', 'matches per pair', '10')
      .option('--no-shortcut', 'play every repetition even when all players are deterministic and noise is 0')
      .option('--workers <n>', 'worker threads (results are identical for any number)', '1'),
    '200',
  ).action(
    async (o: PlayOpts & { players: string; repetitions: string; shortcut: boolean; workers: string }) => {
      const s = playSettings(o);
      const players = strategyList('--players', o.players);
      const repetitions = parseNumberOption('--repetitions', o.repetitions, {
        min: 1,
        max: 1_000_000,
        integer: true,
      });
      const workers = parseNumberOption('--workers', o.workers, { min: 1, max: 256, integer: true });
      const options = { ...s, players, repetitions, shortcutDeterministic: o.shortcut };
      const r = workers === 1 ? roundRobin(options) : await roundRobinParallel(options, workers);
      await emit(r, o, () =>
        [
          `round robin: ${r.players.length} players, ${r.turns} turns, ${r.repetitions} repetitions, noise ${r.noise}, seed ${r.seed}`,
          r.pairs_played_once
            ? `all players deterministic and noise 0: each pair was played once and counted ${r.repetitions} times (identical by construction; --no-shortcut plays them all)`
            : `${r.matches} matches played`,
          table(
            ['rank', 'player', 'median score/turn', 'mean total score', 'mean wins', 'cooperation'],
            r.ranking.map((i, k) => [
              k + 1,
              r.players[i],
              fmt(r.median_normalised_score[i], 3),
              fmt(r.scores[i].reduce((a, b) => a + b, 0) / r.repetitions, 1),
              fmt(r.wins[i].reduce((a, b) => a + b, 0) / r.repetitions, 2),
              fmt(r.cooperation_rate[i] * 100, 1) + '%',
            ]),
          ),
        ].join('\n'),
      );
    },
  );

  addPlayOptions(
    game
      .command('moran')
      .description('Moran birth-death process until one strategy takes over')
      .requiredOption('--population <list>', 'one strategy per individual, e.g. TitForTat,TitForTat,Defector')
      .option('--max-steps <n>', 'stop after this many steps', '10000')
      .option('--runs <n>', 'replicate the process n times and report fixation probabilities'),
    '200',
  ).action(async (o: PlayOpts & { population: string; maxSteps: string; runs?: string }) => {
    const s = playSettings(o);
    const population = strategyList('--population', o.population);
    const maxSteps = parseNumberOption('--max-steps', o.maxSteps, {
      min: 0,
      max: 10_000_000,
      integer: true,
    });
    if (o.runs !== undefined) {
      const runs = parseNumberOption('--runs', o.runs, { min: 1, max: 1_000_000, integer: true });
      const f = moranFixation({ ...s, population, maxSteps, runs });
      await emit(f, o, () =>
        [
          `${f.runs} runs (seed ${f.seed}); mean steps to fixation ${fmt(f.mean_steps_to_fixation, 1)}; ${f.unfixed} runs did not fixate`,
          table(
            ['strategy', 'initial share', 'fixations', 'fixation probability'],
            f.strategies.map((name, k) => [
              name,
              fmt(population.filter((p) => specLabel(p) === name).length / population.length, 3),
              f.fixations[k],
              fmt(f.fixation_probability[k], 3),
            ]),
          ),
        ].join('\n'),
      );
      return;
    }
    const r = moranProcess({ ...s, population, maxSteps });
    await emit(r, o, () =>
      [
        r.fixated
          ? `${r.fixated} took over after ${r.steps} steps (seed ${r.seed})`
          : `no fixation within ${r.steps} steps (seed ${r.seed})`,
        table(
          ['strategy', 'start', 'end'],
          r.strategies.map((name, k) => [name, r.counts[k][0], r.counts[k][r.steps]]),
        ),
      ].join('\n'),
    );
  });

  game
    .command('nash')
    .description('Nash equilibria of a bimatrix game (exact rational arithmetic)')
    .argument(
      '<file>',
      `JSON {"A": [[...]], "B": [[...]]} (A row player, B column player payoffs), or a named 2x2 game: ${Object.keys(NAMED_STAGE_GAMES).join(', ')}`,
    )
    .option('--method <m>', 'support | vertex | lemke-howson', 'support')
    .option(
      '--label <k>',
      'lemke-howson starting label (0..m-1 rows, m..m+n-1 columns); default: every label',
    )
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to FILE')
    .action(async (file: string, o: OutputOptions & { method: string; label?: string }) => {
      const named = namedStageGame(file);
      const g = named
        ? makeBimatrix(
            named.A.map((r) => [...r]),
            named.B.map((r) => [...r]),
          )
        : parseBimatrix(readJsonFile(file), file);
      if (!['support', 'vertex', 'lemke-howson'].includes(o.method))
        throw new UserError(`--method: expected support, vertex or lemke-howson, got "${o.method}"`);
      // a --label with another method is refused by the report (-1 stands for "given")
      const start_label =
        o.label === undefined
          ? undefined
          : o.method === 'lemke-howson'
            ? parseNumberOption('--label', o.label, { min: 0, max: g.m + g.n - 1, integer: true })
            : -1;
      const r = equilibriaReport(
        g,
        { method: o.method as EquilibriumMethod, start_label },
        cliField({ start_label: '--label' }),
      );
      await emit(r, o, () => equilibriaText(r));
    });

  game
    .command('bargain')
    .description('Rubinstein alternating offers (and, with --d1/--d2, Nash bargaining and leverage)')
    .requiredOption('--delta1 <d>', "player 1's discount factor per round, in [0,1]")
    .requiredOption('--delta2 <d>', "player 2's discount factor per round, in [0,1]")
    .option('--first <k>', 'who proposes first: 1 or 2', '1')
    .option('--outside1 <w>', "player 1's outside option (share of the pie)")
    .option('--outside2 <w>', "player 2's outside option")
    .option('--horizon <n>', 'number of rounds (default: infinite)')
    .option('--d1 <x>', "player 1's disagreement payoff for the Nash bargaining solution (negative = harm)")
    .option('--d2 <x>', "player 2's disagreement payoff")
    .option('--alpha <a>', "player 1's bargaining power in the Nash bargaining solution", '0.5')
    .option(
      '--breakdown <q>',
      'with --d1/--d2: probability talks collapse after a rejection (Binmore-Rubinstein-Wolinsky)',
    )
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to FILE')
    .action(
      async (
        o: OutputOptions & {
          delta1: string;
          delta2: string;
          first: string;
          outside1?: string;
          outside2?: string;
          horizon?: string;
          d1?: string;
          d2?: string;
          alpha: string;
          breakdown?: string;
        },
      ) => {
        const num = (flag: string, raw: string | undefined, lo: number, hi: number): number | undefined =>
          raw === undefined ? undefined : parseNumberOption(flag, raw, { min: lo, max: hi });
        const first = parseNumberOption('--first', o.first, { min: 1, max: 2, integer: true }) as 1 | 2;
        const horizon =
          o.horizon === undefined
            ? undefined
            : parseNumberOption('--horizon', o.horizon, { min: 1, max: 1e7, integer: true });
        const result = bargainingReport(
          {
            delta1: num('--delta1', o.delta1, 0, 1),
            delta2: num('--delta2', o.delta2, 0, 1),
            first_mover: first,
            outside1: num('--outside1', o.outside1, 0, 1),
            outside2: num('--outside2', o.outside2, 0, 1),
            horizon,
            d1: num('--d1', o.d1, -1e12, 1e12),
            d2: num('--d2', o.d2, -1e12, 1e12),
            ...(o.d1 !== undefined ? { alpha: num('--alpha', o.alpha, 0, 1) } : {}),
            breakdown:
              o.breakdown === undefined
                ? undefined
                : parseNumberOption('--breakdown', o.breakdown, {
                    min: Number.MIN_VALUE,
                    max: 1,
                    unit: 'probability in (0,1]',
                  }),
          },
          cliField({ first_mover: '--first' }),
        );
        const { rubinstein: rub, nash, breakdown } = result;
        await emit(result, o, () => {
          const lines = rub
            ? [
                `Rubinstein (${rub.horizon === null ? 'infinite horizon' : `${rub.horizon} rounds`}, player ${rub.first_mover} proposes first):`,
                rub.agreement
                  ? `  player 1 gets ${fmt(rub.share1, 4)}, player 2 gets ${fmt(rub.share2, 4)}`
                  : '  no agreement: the outside options sum to 1 or more',
                `  outside options binding: player 1 ${rub.binding.outside1 ? 'yes' : 'no'}, player 2 ${rub.binding.outside2 ? 'yes' : 'no'}; shift in player 1's share from them: ${fmt(rub.shift_from_outside_options, 4)}`,
              ]
            : [];
          if (nash)
            lines.push(
              'Nash bargaining with disagreement payoffs:',
              nash.agreement
                ? `  player 1 gets ${fmt(nash.u1, 4)}, player 2 gets ${fmt(nash.u2, 4)}`
                : '  no agreement: d1 + d2 >= 1',
              `  leverage (shift vs equal disagreement payoffs): player 1 ${fmt(nash.leverage[0], 4)}, player 2 ${fmt(nash.leverage[1], 4)}`,
            );
          if (breakdown)
            lines.push(
              'Risk of breakdown (Binmore-Rubinstein-Wolinsky):',
              breakdown.agreement
                ? `  player 1 gets ${fmt(breakdown.u1, 4)}, player 2 gets ${fmt(breakdown.u2, 4)}`
                : '  no agreement: d1 + d2 >= 1',
            );
          return lines.join('\n');
        });
      },
    );
}
