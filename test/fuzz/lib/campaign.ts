// Run a seeded campaign over targets and summarise: one row per target, one column per outcome.
import { Rng } from './rng.ts';
import { FAILING, OUTCOMES, runCase, type CaseResult, type Outcome } from './classify.ts';
import type { FuzzTarget } from './target.ts';

export interface Campaign {
  seed: number;
  results: CaseResult[];
  /** Cases that crashed, hung or returned a non-finite number. */
  failures: CaseResult[];
  seconds: number;
}

export async function runCampaign(
  targets: { target: FuzzTarget; cases: number }[],
  seed: number,
  onCase?: (r: CaseResult, i: number) => void,
): Promise<Campaign> {
  const t0 = performance.now();
  const results: CaseResult[] = [];
  const root = new Rng(seed);
  for (const [ti, { target, cases }] of targets.entries()) {
    await target.setup();
    try {
      for (let i = 0; i < cases; i++) {
        // one generator per case: case i is the same whatever ran before it
        const rng = root.fork(ti * 1_000_003 + i);
        const c = await target.next(rng);
        const r = await runCase({ target: target.name, ...c }, c.run, target.limitMs);
        results.push(r);
        onCase?.(r, results.length);
      }
    } finally {
      await target.teardown();
    }
  }
  return {
    seed,
    results,
    failures: results.filter((r) => FAILING.has(r.outcome)),
    seconds: (performance.now() - t0) / 1000,
  };
}

/** The summary as a Markdown table: cases by target and outcome, with the slowest case. */
export function summaryTable(c: Campaign): string {
  const targets = [...new Set(c.results.map((r) => r.target))];
  const row = (name: string, rs: CaseResult[]) => {
    const count = (o: Outcome) => rs.filter((r) => r.outcome === o).length;
    const slowest = rs.reduce((m, r) => Math.max(m, r.ms), 0);
    return `| ${name} | ${rs.length} | ${OUTCOMES.map(count).join(' | ')} | ${slowest.toFixed(0)} |`;
  };
  return [
    `| target | cases | ${OUTCOMES.join(' | ')} | slowest case (ms) |`,
    `| --- | ---: | ${OUTCOMES.map(() => '---:').join(' | ')} | ---: |`,
    ...targets.map((t) =>
      row(
        t,
        c.results.filter((r) => r.target === t),
      ),
    ),
    row('**all**', c.results),
  ].join('\n');
}

/** Outcomes by mutation kind, for seeing which faults are refused and which accepted. */
export function mutationTable(c: Campaign): string {
  // API mutations are `endpoint:kind`; the table groups by kind
  const kind = (r: CaseResult) => r.mutation.split(':').pop()!;
  const keys = [...new Set(c.results.map((r) => `${r.target} ${kind(r)}`))].sort();
  return [
    `| target | mutation | cases | ${OUTCOMES.join(' | ')} |`,
    `| --- | --- | ---: | ${OUTCOMES.map(() => '---:').join(' | ')} |`,
    ...keys.map((k) => {
      const [t, m] = k.split(' ');
      const rs = c.results.filter((r) => r.target === t && kind(r) === m);
      return `| ${t} | ${m} | ${rs.length} | ${OUTCOMES.map((o) => rs.filter((r) => r.outcome === o).length).join(' | ')} |`;
    }),
  ].join('\n');
}
