// The package as a user runs it (the compiled build, dist/): whole-process CLI timings, Monte
// Carlo runs as processes (1 vs 2 workers, byte-identical output), and the server under load
// (first 200 on /api/health after start; /api/health latency with 8 Monte Carlo requests in
// flight). `npm run build` first. Targets from issue 16.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/leverage.js');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(', ');

/** Wall seconds of one `leverage ...` process, and its stdout. */
function timeCli(args: string[], env: Record<string, string> = {}): { s: number; out: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`leverage ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return { s: (performance.now() - t) / 1000, out: r.stdout };
}

function medianOf(args: string[], n = 10, env: Record<string, string> = {}): number {
  timeCli(args, env); // the first run fills the parse cache; the figure is for later runs
  return median(Array.from({ length: n }, () => timeCli(args, env).s));
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

async function serverLoad(): Promise<{
  first200_s: number;
  p50: number;
  p99: number;
  max: number;
  n: number;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'leverage-bench-server-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bench/server-load-case.mjs'), dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('\n')) resolve(out.trim().replace(/\/$/, ''));
      });
      child.on('exit', (c) => reject(new Error(`server exited ${c}`)));
    });
    for (;;) {
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const first200_s = (performance.now() - t0) / 1000;
    // 8 Monte Carlo requests of 20,000 runs, then probe health every 20 ms for at most 30 s
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await fetch(`${base}/api/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: 'london-2025', runs: 20_000, seed: i + 1 }),
      });
      if (r.status !== 202) throw new Error(`run ${i}: HTTP ${r.status} ${await r.text()}`);
      ids.push(((await r.json()) as { id: string }).id);
    }
    const lat: number[] = [];
    const until = performance.now() + 30_000;
    while (performance.now() < until) {
      const t = performance.now();
      const h = (await (await fetch(`${base}/api/health`)).json()) as { runs_running: number };
      lat.push(performance.now() - t);
      if (h.runs_running === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const sorted = [...lat].sort((a, b) => a - b);
    const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { first200_s, p50: p(0.5), p99: p(0.99), max: sorted[sorted.length - 1], n: lat.length };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(): Promise<string> {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--no-web'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const loadBefore = load();
  const help = medianOf(['--help']);
  const ledger = medianOf(['ledger', '--product', '4202.21', '--at', '2025-06-11']);
  const ledgerCold = medianOf(['ledger', '--product', '4202.21', '--at', '2025-06-11'], 5, {
    LEVERAGE_CACHE: '0',
  });
  const claims = medianOf(['claims', '--json']);
  const mc20k = timeCli(['run', '--runs', '20000', '--weeks', '52', '--seed', '1', '--json']).s;
  const w1 = timeCli(['run', '--runs', '100000', '--weeks', '52', '--seed', '1', '--workers', '1', '--json']);
  const w2 = timeCli(['run', '--runs', '100000', '--weeks', '52', '--seed', '1', '--workers', '2', '--json']);
  const srv = await serverLoad();
  const row = (what: string, s: number, target: string) => `| ${what} | ${s.toFixed(3)} | ${target} |`;
  return [
    '## Package: the compiled CLI and server as processes',
    '',
    `Machine: ${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
    `Load average at the start: ${loadBefore}; at the end: ${load()} (shared machine: wall times are noisy; rerun on an idle machine).`,
    '',
    '| whole process (`node bin/leverage.js ...`, median of 10 after one warm-up run) | s | target |',
    '|---|---:|---|',
    row('`--help`', help, '< 0.15'),
    row('`ledger --product 4202.21 --at 2025-06-11` (parse cache warm)', ledger, '< 0.3'),
    row('the same with `LEVERAGE_CACHE=0` (scenario parsed; median of 5)', ledgerCold, ''),
    row('`claims --json`', claims, '< 0.5'),
    row('`run --runs 20000 --weeks 52 --seed 1 --json` (one run)', mc20k, '< 2'),
    row('`run --runs 100000 --weeks 52 --workers 1` (one run)', w1.s, ''),
    row('`run --runs 100000 --weeks 52 --workers 2` (one run)', w2.s, '1.6x faster than 1 worker'),
    '',
    `Workers 1 vs 2 on 100,000 runs: ${(w1.s / w2.s).toFixed(2)}x; output byte-identical: ${sha(w1.out) === sha(w2.out) ? 'yes' : 'NO'} (sha256 ${sha(w1.out)}).`,
    '',
    `Server (bench/server-load-case.mjs: the compiled server, worker pool, up to 8 concurrent runs): first 200 on /api/health ${srv.first200_s.toFixed(2)} s after spawning the process (target < 1 s). With 8 Monte Carlo requests of 20,000 runs in flight, /api/health over ${srv.n} probes: p50 ${srv.p50.toFixed(1)} ms, p99 ${srv.p99.toFixed(1)} ms, max ${srv.max.toFixed(1)} ms (target p99 < 50 ms).`,
  ].join('\n');
}
