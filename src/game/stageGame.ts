import { GameInputError } from './errors.ts';
import type { OwnPayoffs, StageGame } from './types.ts';

/** Axelrod's default prisoner's dilemma payoffs (R, S, T, P) = (3, 0, 5, 1). */
export const DEFAULT_RSTP: OwnPayoffs = { R: 3, S: 0, T: 5, P: 1 };

/**
 * Named symmetric 2x2 games, as (R, S, T, P). Ordinal payoffs 4 > 3 > 2 > 1 follow Rapoport &
 * Guyer (1966) and Snyder & Diesing (1977); Conybeare (1984) reads trade wars as PD, Chicken
 * or Deadlock depending on relative size and elasticities.
 */
export const NAMED_STAGE_GAMES: Readonly<Record<string, { rstp: OwnPayoffs; description: string }>> = {
  'prisoners-dilemma': {
    rstp: DEFAULT_RSTP,
    description: "T > R > P > S (Axelrod's 3, 0, 5, 1): escalating dominates, mutual escalation hurts both",
  },
  chicken: { rstp: { R: 3, S: 2, T: 4, P: 1 }, description: 'T > R > S > P: backing down beats a collision' },
  'stag-hunt': {
    rstp: { R: 4, S: 1, T: 3, P: 2 },
    description: 'R > T > P > S: cooperation pays if the other side cooperates',
  },
  deadlock: {
    rstp: { R: 2, S: 1, T: 4, P: 3 },
    description: 'T > P > R > S: both prefer the trade war to a deal',
  },
  harmony: {
    rstp: { R: 4, S: 2, T: 3, P: 1 },
    description: 'R > T > S > P: free trade is best for both whatever the other does',
  },
};

/** A named stage game, or null if `name` is not one. */
export function namedStageGame(name: string): StageGame | null {
  const g = NAMED_STAGE_GAMES[name.toLowerCase()];
  return g ? symmetricStageGame(g.rstp) : null;
}

/** The symmetric 2x2 game with the given R, S, T, P (player 1 gets A[a1][a2], player 2 B[a1][a2]). */
export function symmetricStageGame({ R, S, T, P }: OwnPayoffs = DEFAULT_RSTP): StageGame {
  return {
    A: [
      [R, S],
      [T, P],
    ],
    B: [
      [R, T],
      [S, P],
    ],
  };
}

/** Player `side`'s own-perspective payoffs in a 2x2 stage game. */
export function ownPayoffs(game: StageGame, side: 0 | 1): OwnPayoffs {
  if (side === 0) return { R: game.A[0][0], S: game.A[0][1], T: game.A[1][0], P: game.A[1][1] };
  return { R: game.B[0][0], S: game.B[1][0], T: game.B[0][1], P: game.B[1][1] };
}

/**
 * Check a stage game given as data ({"A": [[..],[..]], "B": [[..],[..]]}): both 2x2, all
 * finite numbers. `where` names the source (file or option) in errors.
 */
export function parseStageGame(data: unknown, where = 'stage game'): StageGame {
  if (typeof data !== 'object' || data === null)
    throw new GameInputError(`${where}: expected an object {"A": [[..],[..]], "B": [[..],[..]]}`);
  const obj = data as Record<string, unknown>;
  const read = (key: 'A' | 'B'): [[number, number], [number, number]] => {
    const m = obj[key];
    if (!Array.isArray(m) || m.length !== 2)
      throw new GameInputError(
        `${where}: ${key} must be a 2x2 array (rows for C and D), got ${Array.isArray(m) ? `${m.length} rows` : typeof m}`,
      );
    return m.map((row, i) => {
      if (!Array.isArray(row) || row.length !== 2)
        throw new GameInputError(
          `${where}: ${key}[${i}] must have 2 entries, got ${Array.isArray(row) ? row.length : typeof row}`,
        );
      return row.map((x, j) => {
        if (typeof x !== 'number' || !Number.isFinite(x))
          throw new GameInputError(
            `${where}: ${key}[${i}][${j}] must be a finite number, got ${JSON.stringify(x)}`,
          );
        return x;
      });
    }) as [[number, number], [number, number]];
  };
  return { A: read('A'), B: read('B') };
}
