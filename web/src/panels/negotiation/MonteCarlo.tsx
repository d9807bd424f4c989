// Monte Carlo runs of the weekly loop: start one, follow its progress, open a stored one, chart it.
import { useEffect, useState } from 'react';
import { api, ApiFailure } from '../../api.ts';
import { useApi } from '../../state.ts';
import { useRun } from '../../runs.ts';
import { ErrorBox, Section } from '../common.tsx';
import { RunCharts } from './RunCharts.tsx';
import { RunsTable, whatIfOf } from './RunsTable.tsx';
import type { RunRow } from './types.ts';

/** The what-if of the run on screen (its stored row's options), or null for a run as recorded. */
function whatIfOfShown(runs: RunRow[], id: string | null | undefined): string | null {
  const row = id ? runs.find((r) => r.id === id) : undefined;
  return row ? whatIfOf(row) : null;
}

export function MonteCarlo({ scenario }: { scenario: string }) {
  const health = useApi<{
    engine: { monte_carlo: boolean };
    limits: { max_runs_per_request: number; max_concurrent_runs: number };
  }>('/api/health');
  const [runs, setRuns] = useState<RunRow[]>([]);
  const [n, setN] = useState(2000);
  const [seed, setSeed] = useState(1);
  const [err, setErr] = useState<ApiFailure | null>(null);
  const refresh = () =>
    api<{ runs: RunRow[] }>('/api/runs').then(
      (r) => setRuns(r.runs),
      () => undefined,
    );
  const run = useRun(() => void refresh());
  const available = health.data?.engine.monte_carlo;
  // open on an answer: the latest stored run of this scenario as recorded, or a first run of 2,000
  useEffect(() => {
    if (!available) return;
    let live = true;
    void api<{ runs: RunRow[] }>('/api/runs').then(
      (r) => {
        if (!live) return;
        setRuns(r.runs);
        const mine = r.runs.find((x) => x.scenario === scenario && x.status === 'done' && !x.params.options);
        if (mine) void run.load(mine.id);
        else if (
          !r.runs.some((x) => x.scenario === scenario && (x.status === 'running' || x.status === 'queued'))
        )
          void run.start({ scenario, runs: 2000, seed: 1 });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [scenario, available]);
  const st = run.state;
  return (
    <Section
      title="Outcome odds over time (Monte Carlo)"
      intro="Run the weekly negotiation loop many times over the scenario's uncertain parameters: fan charts show the 5-95% range around the median."
    >
      {available === false ? (
        <p className="notice" data-testid="engine-unavailable">
          The simulation engine is not part of this build, so runs cannot be started here. Tournament and
          bargaining tools below work.
        </p>
      ) : null}
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run.start({ scenario, runs: n, seed });
        }}
      >
        <label>
          Runs{' '}
          <input
            type="number"
            min={1}
            max={health.data?.limits.max_runs_per_request ?? 20000}
            value={n}
            onChange={(e) => setN(Number(e.target.value))}
            data-testid="run-count"
          />
        </label>
        <label>
          Seed <input type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
        </label>
        <button
          type="submit"
          disabled={
            !available || st.status === 'running' || st.status === 'queued' || st.status === 'starting'
          }
          data-testid="start-run"
        >
          Start run on {scenario}
        </button>
        {st.id ? (
          <span className="run-progress" data-testid="run-progress" data-status={st.status}>
            <progress max={1} value={st.progress} aria-label="Run progress" /> {Math.round(st.progress * 100)}
            % {st.status}
          </span>
        ) : null}
      </form>
      {st.error ? <ErrorBox error={st.error} title="The run did not finish" /> : null}
      {err ? <ErrorBox error={err} /> : null}
      {st.result ? <RunCharts r={st.result} whatIf={whatIfOfShown(runs, st.id)} /> : null}
      {runs.length ? (
        <RunsTable
          runs={runs}
          open={!st.result}
          onShow={(id) => void run.load(id)}
          onDelete={(id) =>
            void api(`/api/runs/${id}`, { method: 'DELETE' }).then(refresh, (e: ApiFailure) => setErr(e))
          }
        />
      ) : null}
    </Section>
  );
}
