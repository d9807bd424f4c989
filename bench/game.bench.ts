import os from 'node:os';
import {
  DETERMINISTIC_CLASSICS,
  roundRobin,
  roundRobinParallel,
  makeBimatrix,
  lemkeHowsonPath,
  isEquilibrium,
} from '../src/game/index.ts';
import type { TournamentOptions } from '../src/game/index.ts';
import { createStream } from '../src/random/index.ts';

/** Median wall time (ms) of `runs` calls after one warm-up call. */
function time<T>(runs: number, f: () => T): { ms: number; cold: number; all: number[]; result: T } {
  const c0 = performance.now();
  let result = f();
  const cold = performance.now() - c0;
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = f();
    all.push(performance.now() - t0);
  }
  const s = [...all].sort((a, b) => a - b);
  return { ms: s[s.length >> 1], cold, all, result };
}

const f1 = (x: number): string => x.toFixed(1);

/**
 * Negotiation-engine benchmark: the round robin (19 deterministic Axelrod classics,
 * 200 turns x 100 repetitions = 19,000 matches incl. self-play) and Lemke-Howson on 20
 * random 30x30 games. Single-threaded.
 */
export async function main(): Promise<string> {
  const loadAtStart = os.loadavg();
  const players = DETERMINISTIC_CLASSICS.map((name) => ({ name }));
  const base: TournamentOptions = { players, turns: 200, repetitions: 100 };
  const full = time(5, () => roundRobin({ ...base, shortcutDeterministic: false }));
  const once = time(5, () => roundRobin(base));
  const identical =
    JSON.stringify({ ...once.result, pairs_played_once: false }) === JSON.stringify(full.result);
  const noisy = time(3, () => roundRobin({ ...base, noise: 0.05, seed: 1 }));

  // Noisy tournament with the stochastic strategies too, single thread vs 2 workers.
  const big: TournamentOptions = {
    players: [...players, { name: 'GenerousTitForTat' }, { name: 'Random' }],
    turns: 200,
    repetitions: 100,
    noise: 0.05,
    seed: 3,
  };
  const bigSingle = time(1, () => roundRobin(big));
  const t2 = performance.now();
  const bigPar = await roundRobinParallel(big, 2);
  const parMs = performance.now() - t2;
  const parIdentical = JSON.stringify(bigPar) === JSON.stringify(bigSingle.result);

  const rng = createStream(2025, 0);
  const games = Array.from({ length: 20 }, () => {
    const mk = (): number[][] =>
      Array.from({ length: 30 }, () => Array.from({ length: 30 }, () => rng.nextInt(201) - 100));
    return makeBimatrix(mk(), mk());
  });
  let pivots = 0;
  let verified = 0;
  const lh = time(3, () => {
    pivots = 0;
    verified = 0;
    for (const g of games) {
      const p = lemkeHowsonPath(g, 0);
      pivots += p.pivots;
      if (isEquilibrium(g, p.equilibrium[0], p.equilibrium[1])) verified++;
    }
    return pivots;
  });
  const lhAll = time(1, () => {
    let k = 0;
    for (const g of games.slice(0, 5))
      for (let label = 0; label < 60; label++) k += lemkeHowsonPath(g, label).pivots;
    return k;
  });
  const rssMB = process.resourceUsage().maxRSS / 1024;
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const axelrodSeconds = 35;
  return [
    '## Game engine (`bench/game.bench.ts`)',
    '',
    `Machine: ${cpu}, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. Single-threaded unless stated; median of timed runs after a warm-up. Load average at start: ${loadAtStart
      .map((x) => x.toFixed(1))
      .join(', ')} (other jobs on the machine inflate timings).`,
    '',
    '| workload | time | notes |',
    '|---|---|---|',
    `| Round robin, 19 deterministic classics, 200 turns x 100 reps (19,000 matches), **full loop** | ${f1(full.ms)} ms | every match played; ${(axelrodSeconds / (full.ms / 1000)).toFixed(0)}x faster than Axelrod-Python's ~35 s |`,
    `| Same, full loop, first (cold, un-JITted) run in a fresh process | ${f1(full.cold)} ms | what a one-off CLI call pays |`,
    `| Same, deterministic shortcut (each pair once, counted 100x) | ${f1(once.ms)} ms | results identical to the full loop: ${identical ? 'yes' : 'NO'} |`,
    `| Same with noise 0.05, seed 1 (all 19,000 matches played) | ${f1(noisy.ms)} ms | seeded streams per match |`,
    `| 21 strategies incl. stochastic, noise 0.05, 200 turns x 100 reps (23,100 matches), 1 thread | ${f1(bigSingle.ms)} ms | |`,
    `| Same on 2 worker threads | ${f1(parMs)} ms | includes worker start-up (TypeScript loader per thread); byte-identical to 1 thread: ${parIdentical ? 'yes' : 'NO'} |`,
    `| Lemke-Howson, 20 random 30x30 games (integers in [-100,100]), label 0 | ${f1(lh.ms)} ms | exact BigInt pivoting; ${pivots} pivots in all; ${verified}/20 verified exact equilibria |`,
    `| Lemke-Howson, first 5 of those games, all 60 labels each (300 paths) | ${f1(lhAll.ms)} ms | ${lhAll.result} pivots |`,
    '',
    `Peak RSS of the benchmark process: ${rssMB.toFixed(0)} MB.`,
    `Full-loop runs (ms): ${full.all.map(f1).join(', ')}.`,
    '',
  ].join('\n');
}
