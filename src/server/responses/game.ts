// Response schemas of the game routes: strategies, tournaments, bargaining, equilibria. Written
// from src/game (TournamentResult, EquilibriumReport) and src/report/game.ts (BargainingReport).
import { z } from 'zod';
import { count, share } from './common.ts';

const strategyParameter = z.object({
  name: z.string(),
  kind: z.enum(['number', 'integer', 'string']),
  description: z.string(),
  default: z.union([z.number(), z.string()]),
  min: z.number().optional().describe('inclusive'),
  max: z.number().optional().describe('inclusive'),
  choices: z.array(z.string()).optional(),
  pattern: z
    .string()
    .optional()
    .describe('whole-string regular expression (JavaScript syntax) a free-string value must match'),
  pattern_text: z.string().optional(),
  required: z.boolean().optional().describe('no default: the caller must give it'),
});

export const Strategies = z.looseObject({
  strategies: z.array(
    z.object({
      name: z.string(),
      axelrod: z.string().nullable().describe('the Axelrod-Python class it reproduces'),
      description: z.string(),
      stochastic: z.boolean(),
      parameters: z.array(strategyParameter),
    }),
  ),
});

/** per player (in the order of `players`), per repetition */
const byPlayerRep = (what: string) => z.array(z.array(z.number())).describe(`${what}: [player][repetition]`);
/** per player against per player */
const byPair = (what: string) => z.array(z.array(z.number())).describe(`${what}: [player][opponent]`);

/** POST /api/game/tournament (game/tournament.ts TournamentResult, with the strategies played). */
export const Tournament = z.looseObject({
  players: z.array(z.string()).describe('as given ("Name" or "Name(key=value)")'),
  turns: count(),
  repetitions: count(),
  noise: share('chance a move is flipped'),
  prob_end: share('chance a match ends after each turn'),
  seed: count(),
  matches: count().describe('matches represented, self-play included (n(n+1)/2 x repetitions)'),
  pairs_played_once: z.boolean().describe('the deterministic shortcut was used (each pair simulated once)'),
  scores: byPlayerRep('total payoff over the matches against others (self-play excluded)'),
  normalised_scores: byPlayerRep('mean per-turn payoff, averaged over the n-1 opponents'),
  median_normalised_score: z.array(z.number()).describe('per player'),
  ranking: z.array(count()).describe('player indices, best first'),
  ranked_players: z.array(z.string()).describe('players, best first'),
  wins: z.array(z.array(count())).describe('matches won outright against others: [player][repetition]'),
  payoff_matrix: byPair('mean per-turn payoff over the repetitions (self-play on the diagonal)'),
  cooperation_matrix: byPair('share of turns the player cooperated'),
  cooperation_rate: z.array(share("the player's turns that were C (self-play excluded)")),
  strategies: z
    .array(z.object({ name: z.string(), stochastic: z.boolean() }))
    .describe('the strategy of each player'),
});

/** POST /api/game/bargaining (report/game.ts BargainingReport). */
export const Bargaining = z.looseObject({
  rubinstein: z
    .object({
      share1: share("player 1's share of the pie"),
      share2: share("player 2's share of the pie"),
      first_mover: z.union([z.literal(1), z.literal(2)]),
      horizon: count().nullable().describe('rounds; null: infinite horizon'),
      agreement: z.boolean(),
      binding: z
        .object({ outside1: z.boolean(), outside2: z.boolean() })
        .describe('outside options that bind'),
      shift_from_outside_options: z
        .number()
        .describe("share1 minus player 1's share with no outside options"),
    })
    .nullable()
    .describe('alternating offers with outside options (method rubinstein)'),
  nash: z
    .object({
      u1: z.number(),
      u2: z.number(),
      agreement: z.boolean(),
      baseline: z
        .tuple([z.number(), z.number()])
        .describe('shares when both sides have the mean disagreement payoff'),
      leverage: z
        .tuple([z.number(), z.number()])
        .describe("u - baseline: the leverage each side's threat gives it"),
    })
    .nullable()
    .describe('Nash bargaining with disagreement payoffs (method nash)'),
  breakdown: z
    .object({ u1: z.number(), u2: z.number(), agreement: z.boolean() })
    .nullable()
    .describe('risk of breakdown (the API does not take it: always null)'),
});

const mixed = (who: string) =>
  z.array(share('probability of the strategy')).describe(`${who}'s mixed strategy`);
const exact = (what: string) => z.string().describe(`${what}, exact (a rational as "p/q" or an integer)`);

/** POST /api/game/equilibria (game/equilibria EquilibriumReport; Lemke-Howson adds its paths). */
export const Equilibria = z.looseObject({
  method: z.enum(['support-enumeration', 'vertex-enumeration', 'lemke-howson']),
  rows: count(),
  cols: count(),
  equilibria: z.array(
    z.object({
      row: mixed('the row player'),
      col: mixed('the column player'),
      row_exact: z.array(exact('probability')),
      col_exact: z.array(exact('probability')),
      row_payoff: z.number().describe("the row player's expected payoff x'Ay"),
      col_payoff: z.number().describe("the column player's expected payoff x'By"),
      row_payoff_exact: exact("the row player's payoff"),
      col_payoff_exact: exact("the column player's payoff"),
    }),
  ),
  degenerate: z.boolean().nullable().describe('null: not checked (too large)'),
  notes: z.array(z.string()),
  paths: z
    .array(z.object({ label: count(), pivots: count() }))
    .optional()
    .describe('lemke-howson: the path from each starting label'),
});
