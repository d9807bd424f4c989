// Leverage from breakdown branches on the 2025 history (issue 15 Must show, issue 14 item 4):
// week by week over April-July 2025 on the ledger path with the bottleneck model driving the
// rare-earth pain, and which inputs move it (buffers, licence shares, lags, branch length,
// objective weights). Nothing is tuned: every row is the model at the data's central values
// but for the one input named.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { loadScenarioSync } from '../src/io/index.ts';
import { leverageOverTime, type LeveragePath, type LeveragePathOptions } from '../src/simulate/index.ts';
import type { Scenario } from '../src/model/index.ts';
import { DEFAULT_BUFFER_COHORTS } from '../src/supply/index.ts';

const FROM = '2025-03-31';
const TO = '2025-07-28';
const SHOWN = ['2025-04-14', '2025-05-19', '2025-06-02', '2025-06-30', '2025-07-28'];

const bn = (x: number) => (x / 1e9).toFixed(1);
const sh = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(3);

/** The scenario with one objective weight multiplied (a what-if on the assumption). */
function withWeight(scn: Scenario, actor: string, key: 'economic' | 'political', factor: number): Scenario {
  const s = structuredClone(scn);
  s.parameters.simulation!.objectives[actor][key].value *= factor;
  return s;
}

async function path(scn: Scenario, o: LeveragePathOptions = {}): Promise<{ r: LeveragePath; s: number }> {
  const t = performance.now();
  const r = await leverageOverTime(scn, { from: FROM, to: TO, branchWeeks: 26, ...o });
  return { r, s: (performance.now() - t) / 1000 };
}

export async function main(): Promise<string> {
  const scn = loadScenarioSync('us-china');
  const load0 = loadavg();
  const central = await path(scn);
  const rows = central.r.weeks;
  const variants: [string, Scenario, LeveragePathOptions][] = [
    ['central (data central values, branches of 26 weeks)', scn, {}],
    ['buffers x 0.5', scn, { prepare: { bottleneck: { bufferFactor: 0.5 } } }],
    ['buffers x 2', scn, { prepare: { bottleneck: { bufferFactor: 2 } } }],
    ['buffers: low end of the ranges', scn, { prepare: { bottleneck: { buffers: 'low' } } }],
    ['buffers: high end of the ranges', scn, { prepare: { bottleneck: { buffers: 'high' } } }],
    [
      'priority licences civil 0.25 (CLEPA: about a quarter granted)',
      scn,
      { prepare: { bottleneck: { priority: [0.25, 0] } } },
    ],
    [
      'priority licences civil 0.5, defence 0.25',
      scn,
      { prepare: { bottleneck: { priority: [0.5, 0.25] } } },
    ],
    ['transit lags 0 weeks', scn, { prepare: { bottleneck: { lagWeeks: 0 } } }],
    ['transit lags 6 weeks', scn, { prepare: { bottleneck: { lagWeeks: 6 } } }],
    ['branches of 13 weeks', scn, { branchWeeks: 13 }],
    ['branches of 52 weeks', scn, { branchWeeks: 52 }],
    ['US political weight 1 (not 2)', withWeight(scn, 'US', 'political', 0.5), {}],
    ['CN political weight 1 (not 0.5)', withWeight(scn, 'CN', 'political', 2), {}],
  ];
  const sens: string[] = [];
  for (const [name, s, o] of variants) {
    const v = name.startsWith('central') ? central : await path(s, o);
    const at = (d: string) => v.r.weeks.find((w) => w.date === d)!;
    const live = v.r.weeks.filter((w) => w.breakdown_loss_usd.US !== 0 || w.breakdown_loss_usd.CN !== 0);
    const mean = live.reduce((x, w) => x + w.leverage_shift, 0) / Math.max(1, live.length);
    sens.push(
      `| ${name} | ${SHOWN.slice(1)
        .map((d) => sh(at(d).leverage_shift))
        .join(
          ' | ',
        )} | ${sh(mean)} | ${bn(at('2025-06-30').breakdown_loss_usd.US)} / ${bn(at('2025-06-30').breakdown_loss_usd.CN)} | ${v.s.toFixed(1)} |`,
    );
  }
  const load1 = loadavg();
  return [
    '## Leverage from breakdown branches on the 2025 history (`leverage branches`, `src/simulate/branches.ts`)',
    '',
    `Machine: ${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${load0.map((x) => x.toFixed(1)).join(', ')} at start, ${load1.map((x) => x.toFixed(1)).join(', ')} at end (shared machine).`,
    `Path: the ledger's recorded history ${FROM} to ${TO} (scenario us-china; rates, controls and agreements as recorded; the bottleneck model on the observed flows, ${DEFAULT_BUFFER_COHORTS} buffer cohorts). Each week both branches run 26 weeks ahead from that week's state: "agreement holds" keeps today's rates and controls; "breakdown" ends every live agreement (its tariff suspensions end, the controls it lifted return) and sets China's rare-earth licensing to its menu's floor (0.26, May 2025). Loss from breakdown = the sum over the 26 weeks of (pain in breakdown - pain if it holds), objective-weighted, USD bn, cumulative; disagreement payoff = minus that. US leverage = US Nash share - 1/2 = (L_CN - L_US) / (2 (|L_US| + |L_CN|)). One run of the central case took ${central.s.toFixed(1)} s.`,
    '',
    '| week of | US loss from breakdown, USD bn | CN loss, USD bn | US share | US leverage | US rare-earth lost if it holds / breaks down, USD bn (26 weeks) | licence flow share holds / breakdown | US rare-earth output lost that week on the path, USD m |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (w) =>
        `| ${w.date} | ${bn(w.breakdown_loss_usd.US)} | ${bn(w.breakdown_loss_usd.CN)} | ${w.bargaining_share.US.toFixed(3)} | ${sh(w.leverage_shift)} | ${bn(w.rare_earth_lost_usd.holds)} / ${bn(w.rare_earth_lost_usd.breakdown)} | ${w.flow_share.holds.toFixed(2)} / ${w.flow_share.breakdown.toFixed(2)} | ${(w.output_lost_usd / 1e6).toFixed(0)} |`,
    ),
    '',
    '**Which inputs move it** (US leverage on the dates shown; mean over the weeks with an agreement live; US / CN loss from breakdown in the week of 30 June):',
    '',
    `| input changed | ${SHOWN.slice(1).join(' | ')} | mean | losses 06-30, USD bn | s |`,
    `|---|${SHOWN.slice(1)
      .map(() => '---|')
      .join('')}---|---|---|`,
    ...sens,
  ].join('\n');
}
