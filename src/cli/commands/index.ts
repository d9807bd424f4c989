import type { Command } from 'commander';
import { register as registerGame } from './game.ts';

/** Each domain's commands live in their own file here and are registered in this list. */
export function registerAll(program: Command): void {
  registerGame(program);
}
