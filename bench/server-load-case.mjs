// The server for bench/package.bench.ts's load script: the compiled build (worker pool on), up to
// 8 Monte Carlo runs at once. Prints its URL, then serves until killed.
//   node bench/server-load-case.mjs DATA_DIR
import process from 'node:process';

const { startServer } = await import('../dist/server/index.js');
const server = await startServer({ dataDir: process.argv[2], port: 0, maxConcurrentRuns: 8 });
process.stdout.write(`${server.url}\n`);
