import { inputError } from '../../errors/index.ts';
import { C, D } from '../types.ts';
import type { Action, History, MatchContext, ParamValue, Strategy, StrategyInfo } from '../types.ts';

export type ScriptFallback = 'cycle' | 'last' | 'C' | 'D' | 'TitForTat';

/**
 * Scripted: plays a scenario's given moves (a C/D string) in order. After the script ends:
 * - `cycle` (default): start the script again (like Axelrod's `Cycler` / `MockPlayer`);
 * - `last`: keep repeating the script's last move;
 * - `C` / `D`: play that move;
 * - `TitForTat`: copy the opponent's previous move.
 */
export class Scripted implements Strategy {
  readonly name = 'Scripted';
  readonly stochastic = false;
  readonly parameters: Readonly<Record<string, ParamValue>>;
  private readonly moves: Uint8Array;
  private readonly fallback: ScriptFallback;
  constructor(script: string, fallback: ScriptFallback = 'cycle') {
    if (!/^[CD]+$/.test(script))
      throw inputError(`Scripted: script must be a non-empty C/D string, got "${script}"`);
    this.moves = Uint8Array.from(script, (ch) => (ch === 'C' ? C : D));
    this.fallback = fallback;
    this.parameters = { script, fallback };
  }
  reset(_ctx: MatchContext): void {}
  next(h: History): Action {
    const t = h.turn;
    const n = this.moves.length;
    if (t < n) return this.moves[t] as Action;
    switch (this.fallback) {
      case 'cycle':
        return this.moves[t % n] as Action;
      case 'last':
        return this.moves[n - 1] as Action;
      case 'C':
        return C;
      case 'D':
        return D;
      case 'TitForTat':
        return h.opp[t - 1] as Action;
    }
  }
}

export const scriptedInfo: StrategyInfo = {
  name: 'Scripted',
  description:
    "Plays a given C/D script (a scenario's moves), then a fallback: cycle, last, C, D or TitForTat.",
  stochastic: false,
  parameters: [
    {
      name: 'script',
      kind: 'string',
      default: 'C',
      pattern: /^[CD]+$/,
      pattern_text: 'a non-empty string of C and D',
      required: true,
      description: 'moves in order, e.g. DDCD',
    },
    {
      name: 'fallback',
      kind: 'string',
      default: 'cycle',
      choices: ['cycle', 'last', 'C', 'D', 'TitForTat'],
      description: 'what to play once the script is exhausted',
    },
  ],
  create: (p) => new Scripted(p.script as string, p.fallback as ScriptFallback),
};
