import { Command, CommanderError } from 'commander';
import { LeverageError, exitCodeFor } from '../errors/index.ts';
import { registerAll } from './commands/index.ts';
import { setAsKnownOn, setQueryDates } from './scenario.ts';

/**
 * `leverage` command line. Every command takes `--json` (one JSON document on stdout) and
 * reports bad input on stderr with a non-zero exit code, never a stack trace. We never call
 * process.exit(): setting exitCode lets stdout drain first, however large the document.
 */
export async function run(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('leverage')
    .description('Model trade wars between states: ledger, tariffs, trade, supply chains, negotiation.')
    .showHelpAfterError()
    .exitOverride()
    .option(
      '--as-known-on <date>',
      'use every scenario as known on this date (YYYY-MM-DD): later announcements left out (docs/vintages.md)',
    )
    .hook('preAction', (_program, action) => {
      setAsKnownOn(program.opts<{ asKnownOn?: string }>().asKnownOn);
      setQueryDates(action.opts());
    });
  registerAll(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version are "errors" to commander; they have already printed.
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' ? 0 : 2;
    }
    // Every failure a user can cause is a LeverageError (ours or a domain's): its message, and
    // the catalogue's exit code for its kind (src/errors). Internal ones say so.
    if (err instanceof LeverageError && err.kind !== 'internal') {
      process.stderr.write(`leverage: ${err.message}\n`);
      return exitCodeFor(err);
    }
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`leverage: internal error: ${msg}\n`);
    if (process.env.LEVERAGE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return exitCodeFor(err);
  }
}

process.exitCode = await run(process.argv.slice(2));
