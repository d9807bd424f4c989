import type { Command } from 'commander';

export interface CommandModule {
  register(program: Command): void;
}

/**
 * Each domain's commands live in their own file here and are listed in this table, in the order
 * `leverage --help` shows them. The CLI imports a file only when one of its commands runs
 * (src/cli/manifest.ts lists which commands each file registers, so --help needs none of them).
 */
export const COMMAND_MODULES: Record<string, () => Promise<CommandModule>> = {
  // ledger-views adds the `ledger averages|who-paid|new|diff` subcommands to the ledger command
  ledger: async () => {
    const [ledger, views] = await Promise.all([import('./ledger.ts'), import('./ledger-views.ts')]);
    return {
      register(program: Command) {
        ledger.register(program);
        views.register(program);
      },
    };
  },
  start: () => import('./start.ts'),
  trade: () => import('./trade.ts'),
  simulate: () => import('./simulate.ts'),
  io: () => import('./io.ts'),
  exposure: () => import('./exposure.ts'),
  game: () => import('./game.ts'),
  serve: () => import('./serve.ts'),
  forecast: () => import('./forecast.ts'),
  calibrate: () => import('./calibrate.ts'),
  params: () => import('./params.ts'),
};

/** Register every command (loads every command file). */
export async function registerAll(program: Command): Promise<void> {
  const mods = await Promise.all(Object.values(COMMAND_MODULES).map((load) => load()));
  for (const m of mods) m.register(program);
}
