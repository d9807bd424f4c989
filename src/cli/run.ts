import { Command, CommanderError } from 'commander';
import { LeverageError, exitCodeFor } from '../errors/index.ts';
import { COMMAND_MODULES, registerAll } from './commands/index.ts';
import { commandNameIn, readManifest, registerStubs } from './manifest.ts';
import { commanderMessage, deferRequiredOptions } from './usage.ts';
import { addExamples } from './examples.ts';
import { setTableLayout, writeStdoutNow } from './output.ts';
import { processIo, useIo, writeStderr, type CliIo } from './io.ts';

/** The top-level program: name, description, global options; no commands yet. */
export function makeProgram(): Command {
  const program = new Command();
  program
    .name('leverage')
    .description('Model trade wars between states: ledger, tariffs, trade, supply chains, negotiation.')
    .showHelpAfterError('(add --help after the command for its options and an example)')
    .configureOutput({
      writeOut: writeStdoutNow,
      writeErr: writeStderr,
      outputError: (str, write) => write(commanderMessage(str)),
    })
    .exitOverride()
    .option(
      '--as-known-on <date>',
      'use every scenario as known on this date (YYYY-MM-DD): later announcements left out (docs/vintages.md)',
    )
    .option(
      '--wide',
      'tables at full width, every column (default: fit the terminal, 100 columns when piped)',
    )
    .option('--sources', 'tables keep their source URL columns')
    .hook('preAction', async (_program, action) => {
      const { setAsKnownOn, setQueryDates } = await import('./scenario.ts');
      const o = program.opts<{ asKnownOn?: string; wide?: boolean; sources?: boolean }>();
      actionState = true;
      setAsKnownOn(o.asKnownOn);
      setQueryDates(action.opts());
      setTableLayout(o);
    });
  return program;
}

/** Whether a command's action set the module state below (the global options, its dates). */
let actionState = false;

/** Back to no global options and no dates once a run ends, so the next run in the process starts clean. */
async function resetActionState(): Promise<void> {
  if (!actionState) return;
  actionState = false;
  const { setAsKnownOn, setQueryDates } = await import('./scenario.ts');
  setAsKnownOn(undefined);
  setQueryDates({});
  setTableLayout({});
}

/**
 * Register what `argv` needs, cheaply: with the built manifest (dist/cli/commands.json), only the
 * file of the command named; no command (--help): name/description stubs. Without a manifest
 * (running from source) or for an unknown name, every command (commander then suggests one).
 */
async function registerFor(program: Command, argv: string[]): Promise<void> {
  const manifest = readManifest();
  if (!manifest) return registerAll(program);
  const name = commandNameIn(argv);
  if (name === null) return registerStubs(program, manifest);
  const entry = manifest.find((e) => e.name === name);
  if (!entry || !(entry.module in COMMAND_MODULES)) return registerAll(program);
  (await COMMAND_MODULES[entry.module]()).register(program);
}

/**
 * `leverage` command line. Every command takes `--json` (one JSON document on stdout) and
 * reports bad input on stderr with a non-zero exit code, never a stack trace. We never call
 * process.exit(): setting exitCode lets stdout drain first, however large the document.
 * Everything the run reads and writes outside its arguments comes from `io` (the process's own by
 * default; a test's buffers in test/helpers.ts).
 */
export async function run(argv: string[], io: CliIo = processIo()): Promise<number> {
  const restore = useIo(io);
  try {
    return await runWith(argv, io);
  } finally {
    await resetActionState();
    restore();
  }
}

async function runWith(argv: string[], io: CliIo): Promise<number> {
  const program = makeProgram();
  try {
    await registerFor(program, argv);
    deferRequiredOptions(program);
    addExamples(program);
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
      writeStderr(`leverage: ${err.message}\n`);
      return exitCodeFor(err);
    }
    const msg = err instanceof Error ? err.message : String(err);
    writeStderr(`leverage: internal error: ${msg}\n`);
    if (io.env.LEVERAGE_DEBUG && err instanceof Error) writeStderr(`${err.stack}\n`);
    return exitCodeFor(err);
  }
}
