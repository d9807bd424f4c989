// The `leverage` executable (bin/leverage.js loads the compiled form of this file).
import { run } from './run.ts';

process.exitCode = await run(process.argv.slice(2));
