// Thread side of the Monte Carlo: one Simulator, runs chunks [start, end) on request and
// writes each run's results into the shared buffers at its run index.
import { parentPort, workerData } from 'node:worker_threads';
import { Simulator } from './loop.ts';
import { writeRun } from './runner-core.ts';
import type { Prepared } from './prepared.ts';
import { computeBands, type RawResults } from './reduce.ts';

const { prepared, seed, raw } = workerData as { prepared: Prepared; seed: number; raw: RawResults };
const sim = new Simulator(prepared);
parentPort!.on(
  'message',
  (
    msg:
      | { start: number; end: number }
      | { bands: { from: number; to: number; n: number }; out: Float64Array }
      | 'stop',
  ) => {
    if (msg === 'stop') {
      parentPort!.close();
      return;
    }
    if ('bands' in msg) {
      computeBands(raw, msg.bands.n, msg.bands.from, msg.bands.to, msg.out);
      parentPort!.postMessage('bands');
      return;
    }
    for (let r = msg.start; r < msg.end; r++) {
      sim.run(seed, r);
      writeRun(sim, raw, r);
    }
    parentPort!.postMessage({ start: msg.start, end: msg.end });
  },
);
parentPort!.postMessage('ready');
