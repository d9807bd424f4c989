// Worker for bench/trade.bench.ts: holds views on the shared flow table and scans a row range
// each time it is asked (so start-up is paid once, outside the timing).
import { parentPort, workerData } from 'node:worker_threads';
import { accumulateRows, rowAccumulator } from '../src/trade/index.ts';

const d = workerData as {
  lineOf: SharedArrayBuffer;
  value: SharedArrayBuffer;
  total: SharedArrayBuffer;
  byAuthority: SharedArrayBuffer;
  nLines: number;
  nDates: number;
  nAuthorities: number;
};
const r = {
  nLines: d.nLines,
  nDates: d.nDates,
  nAuthorities: d.nAuthorities,
  total: new Float64Array(d.total),
  byAuthority: new Float64Array(d.byAuthority),
};
const lineOf = new Int32Array(d.lineOf);
const value = new Float64Array(d.value);
parentPort!.on('message', (m: { start: number; end: number }) => {
  const acc = rowAccumulator(r);
  accumulateRows(lineOf, value, m.start, m.end, r, acc);
  parentPort!.postMessage(acc);
});
parentPort!.postMessage('ready');
