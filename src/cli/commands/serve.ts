import type { Command } from 'commander';
import { buildWebIfMissing, DataDirInUseError, startServer, type RunningServer } from '../../server/index.ts';
import { parseNumberOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { writeStdout } from '../output.ts';

export interface ServeOptions {
  port: string;
  host: string;
  dataDir?: string;
  build: boolean;
}

/** Build the dashboard if needed, start the server, print its URL; runs until Ctrl+C. */
export async function serveDashboard(opts: ServeOptions): Promise<void> {
  const port = parseNumberOption('--port', opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UserError(`--port: expected a whole number in 0..65535, got ${opts.port}`);
  if (opts.build && (await buildWebIfMissing({ ifStale: true })))
    await writeStdout('Built the dashboard (web/dist).\n');
  let server: RunningServer;
  try {
    server = await startServer({
      port,
      host: opts.host,
      // npm start on a busy 8787: take another port and say which
      anyPortIfBusy: true,
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    });
  } catch (err) {
    if (err instanceof DataDirInUseError) throw new UserError(err.message);
    throw err;
  }
  await writeStdout(
    `Leverage dashboard: ${server.url}\nAPI: ${server.url}openapi.json\nPress Ctrl+C to stop.\n`,
  );
  const stop = () => void server.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP API and the dashboard (builds the dashboard if it is missing)')
    .option('--port <n>', 'port (0 picks a free one)', '8787')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--data-dir <dir>', 'where uploaded scenarios and the run store live (default .leverage/)')
    .option('--no-build', 'do not build the dashboard, even if it is missing or older than its sources')
    .action(serveDashboard);
}
