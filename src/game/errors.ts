/**
 * Bad input to the game engine (unknown strategy, out-of-range parameter, malformed game).
 * The message names what is wrong, where, and what was expected; the CLI turns it into a
 * one-line error and a non-zero exit.
 */
export class GameInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GameInputError';
  }
}
