// The editor's re-run: two Monte Carlo runs with the same seed, as recorded and with the edits.
import { useState } from 'react';
import { HBars, LineChart } from '../../charts/charts.tsx';
import { useRun, type MonteCarloResult } from '../../runs.ts';
import { ErrorBox, Section } from '../common.tsx';
import { OddsBasisNote } from '../TrackRecord.tsx';
import type { Taco } from './Strategy.tsx';
import type { Override } from './types.ts';

/** The runs and seed of both runs, for the charts and their exported files. */
const runsNote = (ra: MonteCarloResult, rb: MonteCarloResult, edits: string[]) =>
  `Recorded: ${ra.runs_completed.toLocaleString('en-US')} runs, seed ${ra.seed}; edited (what-if run: ${edits.join('; ') || 'no edit'}): ${rb.runs_completed.toLocaleString('en-US')} runs, seed ${rb.seed}; from ${ra.start} (Leverage Monte Carlo, shares of simulated runs).`;

export function ReRun({
  scenario,
  overrides,
  taco,
  recordedTaco,
}: {
  scenario: string;
  overrides: Override[];
  /** The edited US TACO parameters (null: the scenario's own). */
  taco: Taco | null;
  recordedTaco: Taco & { from: 'scenario' | 'registry' };
}) {
  const [runs, setRuns] = useState(1000);
  // the edits the shown runs were made with (the fields may change after)
  const [ranWith, setRanWith] = useState<string[]>([]);
  const a = useRun();
  const b = useRun();
  const busy = [a.state.status, b.state.status].some(
    (x) => x === 'starting' || x === 'queued' || x === 'running',
  );
  const edits: string[] = [
    ...overrides.map((o) => `${o.authority} ${o.pct}% from ${o.from}`),
    ...(taco
      ? [
          `US TACO threshold ${taco.threshold} (recorded ${recordedTaco.threshold}), decay ${taco.decay} (recorded ${recordedTaco.decay})`,
        ]
      : []),
  ];
  const go = async () => {
    setRanWith(edits);
    await a.start({ scenario, runs, seed: 1 });
    // only what was edited is sent: an unedited field stays the scenario's own
    await b.start({
      scenario,
      runs,
      seed: 1,
      options: {
        ...(overrides.length ? { overrides } : {}),
        ...(taco
          ? {
              strategies: {
                US: { name: 'TACO', params: { threshold: taco.threshold, decay: taco.decay, reescalate: 1 } },
              },
            }
          : {}),
      },
    });
  };
  const ra = a.state.result;
  const rb = b.state.result;
  // each outcome's recorded and edited odds side by side
  const outcomes = (r: MonteCarloResult) => [
    {
      key: 'framework',
      label: `framework by ${r.outcomes.framework.by}`,
      p: r.outcomes.framework.probability,
    },
    { key: 'truce', label: 'Geneva truce collapses', p: r.outcomes.truce_collapses.probability },
    {
      key: 'escalation',
      label: 'escalation above April peak',
      p: r.outcomes.escalation_above_april_2025_peak.probability,
    },
    { key: 'us-first', label: 'the US concedes first', p: r.outcomes.first_concession[r.actors[0]] ?? 0 },
  ];
  const paired = (ra: MonteCarloResult, rb: MonteCarloResult) => {
    const eb = outcomes(rb);
    return outcomes(ra).flatMap((o, i) => [
      { key: `recorded-${o.key}`, label: `${o.label}: recorded`, value: o.p * 100, color: '#2b6cb0' },
      { key: `edited-${o.key}`, label: `${o.label}: edited`, value: eb[i].p * 100, color: '#dd6b20' },
    ]);
  };
  const median = (r: MonteCarloResult, name: string, color: string, dash = false) => ({
    name,
    color,
    dash,
    points: r.weeks
      .filter((w) => typeof w[`tariff_${r.actors[0]}_on_${r.actors[1]}_pct`] === 'object')
      .map((w) => ({
        date: w.date,
        value: (w[`tariff_${r.actors[0]}_on_${r.actors[1]}_pct`] as { p50: number }).p50,
      })),
  });
  return (
    <Section
      title="Re-run the negotiation with these edits"
      intro={`Two Monte Carlo runs with the same seed and the same draws: the scenario as recorded, and with your edits (${edits.length ? edits.join('; ') : 'none yet: both runs would be the same'}). Only the edited fields differ between the two.`}
    >
      <div className="form">
        <label>
          Runs each{' '}
          <input
            type="number"
            min={100}
            max={20000}
            step={100}
            value={runs}
            onChange={(e) => setRuns(Number(e.target.value))}
          />
        </label>
        <button type="button" onClick={() => void go()} disabled={busy || !edits.length} data-testid="rerun">
          {busy ? 'Running...' : 'Re-run and compare'}
        </button>
        {a.state.id ? (
          <span data-testid="rerun-status">
            recorded: {a.state.status} {Math.round(a.state.progress * 100)}%; edited: {b.state.status}{' '}
            {Math.round(b.state.progress * 100)}%
          </span>
        ) : null}
      </div>
      {a.state.error ? <ErrorBox error={a.state.error} /> : null}
      {b.state.error ? <ErrorBox error={b.state.error} /> : null}
      {ra && rb ? (
        <>
          <HBars
            id="chart-rerun-outcomes"
            unit="percent of runs"
            title="Outcome odds: recorded vs edited"
            rows={paired(ra, rb)}
            fmt={(v) => `${v.toFixed(1)}%`}
            csvHeader="share_of_runs_pct"
            note={runsNote(ra, rb, ranWith)}
          />
          <OddsBasisNote after />
          <LineChart
            id="chart-rerun-tariff"
            unit="percent ad valorem"
            title={`Median ${ra.actors[0]} tariff on ${ra.actors[1]}: recorded vs edited`}
            series={[median(ra, 'recorded', '#2b6cb0'), median(rb, 'edited', '#dd6b20', true)]}
            yFmt={(v) => `${v}%`}
            height={220}
            note={
              overrides.length
                ? `${runsNote(ra, rb, ranWith)} True by construction: from ${overrides.map((o) => `${o.from} the ${o.authority} layer is ${o.pct}%`).join(', ')} in the edited run, so the edited median differs there whatever the strategies do; the difference that tells something is in the outcome odds and in the weeks before the edit.`
                : runsNote(ra, rb, ranWith)
            }
          />
        </>
      ) : null}
    </Section>
  );
}
