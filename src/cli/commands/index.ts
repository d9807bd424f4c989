import type { Command } from 'commander';
import { register as registerLedger } from './ledger.ts';
import { register as registerLedgerViews } from './ledger-views.ts';
import { register as registerStart } from './start.ts';
import { register as registerTrade } from './trade.ts';
import { register as registerSimulate } from './simulate.ts';
import { register as registerSupply } from './supply.ts';
import { register as registerGame } from './game.ts';
import { register as registerServe } from './serve.ts';
import { register as registerForecast } from './forecast.ts';

/** Each domain's commands live in their own file here and are registered in this list. */
export function registerAll(program: Command): void {
  registerLedger(program);
  registerLedgerViews(program);
  registerStart(program);
  registerTrade(program);
  registerSimulate(program);
  registerSupply(program);
  registerGame(program);
  registerServe(program);
  registerForecast(program);
}
