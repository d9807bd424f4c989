// `leverage`: run the command line on this process's arguments (the program is in run.ts, so
// that tests can run commands in-process).
import { run } from './run.ts';

process.exitCode = await run(process.argv.slice(2));
