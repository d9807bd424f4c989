import { parentPort, workerData } from 'node:worker_threads';
import type { TournamentWorkerJob } from './parallel.ts';
import { planTournament, playTournamentMatches } from './tournament.ts';

// Worker side of roundRobinParallel: play matches [from, to) and send back their totals.
const job = workerData as TournamentWorkerJob;
const totals = playTournamentMatches(planTournament(job.opts), job.from, job.to);
parentPort?.postMessage(totals, [totals.buffer as ArrayBuffer]);
