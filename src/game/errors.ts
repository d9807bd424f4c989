/**
 * Bad input to the game engine (unknown strategy, out-of-range parameter, malformed game).
 * The message names what is wrong, where, and what was expected; the CLI turns it into a
 * one-line error and a non-zero exit.
 */
export class GameInputError extends LeverageError {
  constructor(message: string, code = 'invalid_game_input') {
    super('input', code, message);
    this.name = 'GameInputError';
  }
}
import { LeverageError } from '../errors/index.ts';
