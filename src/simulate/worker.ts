// Thread side of the Monte Carlo: one Simulator, runs chunks [start, end) on request and
// writes each run's results into the shared buffers at its run index.
import { parentPort } from 'node:worker_threads';
import { Simulator } from './loop.ts';
import { writeRun } from './runner-core.ts';
import type { Prepared } from './prepared.ts';
import { computeBands, type RawResults } from './reduce.ts';

// the first message brings the inputs (the thread may start before they are known: startWorkers)
let seed = 0;
let raw: RawResults;
let sim: Simulator;
parentPort!.on(
  'message',
  (
    msg:
      | { init: { prepared: Prepared; seed: number; raw: RawResults } }
      | { start: number; end: number }
      | { bands: { from: number; to: number; n: number }; out: Float64Array }
      | 'stop',
  ) => {
    if (msg === 'stop') {
      parentPort!.close();
      return;
    }
    if ('init' in msg) {
      ({ seed, raw } = msg.init);
      sim = new Simulator(msg.init.prepared);
      parentPort!.postMessage('ready');
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
