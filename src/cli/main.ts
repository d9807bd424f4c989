// The `leverage` executable (bin/leverage.js loads the compiled form of this file): the process's
// own streams, environment and folder handed to `run`, its answer the exit code.
import { processIo } from './io.ts';
import { run } from './run.ts';

// A reader that closes the pipe early (`| head`) must not crash the process with an unhandled
// 'error' event; writeStdout resolves on EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});

process.exitCode = await run(process.argv.slice(2), processIo());
