// A server pool thread (pool.ts): its own scenario store on the server's data directory (so its
// caches stay warm across requests), the ops of ops.ts, and Monte Carlo runs with progress.
import { parentPort, workerData } from 'node:worker_threads';
import { monteCarloExecutor } from './engine.ts';
import { makeOps, type OpName } from './ops.ts';
import { toWire, type FromWorker, type ToWorker } from './pool.ts';
import { ScenarioStore } from './scenarios.ts';

const store = new ScenarioStore((workerData as { dataDir: string }).dataDir);
const ops = makeOps(store);
const runMonteCarlo = monteCarloExecutor(store);
const cancels = new Map<number, AbortController>();
const post = (m: FromWorker) => parentPort!.postMessage(m);

async function perform(id: number, op: OpName | 'run', arg: unknown): Promise<unknown> {
  if (op !== 'run') return (ops[op] as (a: unknown) => unknown)(arg);
  const { name, params } = arg as { name: string; params: Record<string, unknown> };
  const ctl = new AbortController();
  cancels.set(id, ctl);
  try {
    return await runMonteCarlo(name, params, {
      signal: ctl.signal,
      onProgress: (progress) => post({ id, progress }),
    });
  } finally {
    cancels.delete(id);
  }
}

parentPort!.on('message', (m: ToWorker) => {
  if ('cancel' in m) return void cancels.get(m.cancel)?.abort(new Error('cancelled'));
  perform(m.id, m.op, m.arg)
    .then((result) => post({ id: m.id, json: JSON.stringify(result ?? null) }))
    .catch((err: unknown) => post({ id: m.id, error: toWire(err) }));
});
