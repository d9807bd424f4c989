import type { Command } from 'commander';

/** Each domain's commands live in their own file here and are registered in this list. */
export function registerAll(program: Command): void {
  void program;
}
