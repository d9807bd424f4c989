import { useEffect, useRef, useState } from 'react';
import { api, ApiFailure } from '../api.ts';
import { Heatmap, HBars, LineChart, type Series } from '../charts/charts.tsx';
import { useApi } from '../state.ts';
import { ErrorBox, Section, type PanelProps } from './common.tsx';

interface StrategyInfo {
  name: string;
  description: string;
  stochastic: boolean;
  parameters: { name: string; default: unknown; description?: string }[];
}
interface Tournament {
  players: string[];
  rankedPlayers: string[];
  ranking: number[];
  medianNormalisedScore: number[];
  payoffMatrix: number[][];
  cooperationRate: number[];
  matches: number;
}

const DEFAULT_PLAYERS = ['TitForTat', 'TACO', 'Defector', 'Cooperator', 'Grudger', 'GenerousTitForTat', 'WinStayLoseShift', 'FightOrTalk'];

export function Negotiation({ view }: PanelProps) {
  return (
    <div className="panel" data-testid="panel-negotiation">
      <MonteCarlo scenario={view.scenario} />
      <TournamentExplorer />
      <Bargaining />
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

export function TournamentExplorer({ initial, title }: { initial?: string[]; title?: string }) {
  const strategies = useApi<{ strategies: StrategyInfo[] }>('/api/game/strategies');
  const [players, setPlayers] = useState<string[]>(initial ?? DEFAULT_PLAYERS);
  const [turns, setTurns] = useState(200);
  const [reps, setReps] = useState(5);
  const [noise, setNoise] = useState(0);
  const [seed, setSeed] = useState(1);
  const [res, setRes] = useState<Tournament | null>(null);
  const [err, setErr] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setErr(null);
    try {
      setRes(await api<Tournament>('/api/game/tournament', { body: { players, turns, repetitions: reps, noise, seed } }));
    } catch (e) {
      setErr(e as ApiFailure);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void run();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Section title={title ?? 'Tournament explorer'} intro="Round-robin iterated prisoner's dilemma (Axelrod conventions, payoffs R,S,T,P = 3,0,5,1): which negotiating styles do well against the field?">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <fieldset className="checks">
          <legend>Players ({players.length})</legend>
          {(strategies.data?.strategies ?? []).map((s) => (
            <label key={s.name} title={s.description}>
              <input type="checkbox" checked={players.includes(s.name)} onChange={(e) => setPlayers(e.target.checked ? [...players, s.name] : players.filter((p) => p !== s.name))} /> {s.name}
            </label>
          ))}
        </fieldset>
        <label>
          Turns <input type="number" min={1} max={2000} value={turns} onChange={(e) => setTurns(Number(e.target.value))} />
        </label>
        <label>
          Repetitions <input type="number" min={1} max={200} value={reps} onChange={(e) => setReps(Number(e.target.value))} />
        </label>
        <label>
          Noise <input type="number" min={0} max={0.5} step={0.01} value={noise} onChange={(e) => setNoise(Number(e.target.value))} />
        </label>
        <label>
          Seed <input type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
        </label>
        <button type="submit" disabled={busy} data-testid="run-tournament">
          {busy ? 'Running...' : 'Run tournament'}
        </button>
      </form>
      {err ? <ErrorBox error={err} /> : null}
      {res ? (
        <>
          <HBars
            id="chart-tournament"
            title="Ranking by median normalised score"
            subtitle={`${res.matches} matches, mean payoff per turn`}
            rows={res.ranking.map((i) => ({ key: res.players[i], label: res.players[i], value: res.medianNormalisedScore[i], detail: `cooperates ${(res.cooperationRate[i] * 100).toFixed(0)}% of turns`, color: res.players[i] === 'TACO' ? '#dd6b20' : '#2b6cb0' }))}
            fmt={(v) => v.toFixed(3)}
            csvHeader="median_normalised_score"
          />
          <Heatmap id="chart-payoffs" title="Mean payoff per turn, row player against column player" labels={res.players} values={res.payoffMatrix} fmt={(v) => v.toFixed(2)} />
        </>
      ) : null}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------

function Bargaining() {
  const [d1, setD1] = useState(0.9);
  const [d2, setD2] = useState(0.8);
  const [o1, setO1] = useState(0);
  const [o2, setO2] = useState(0.3);
  const [res, setRes] = useState<{ share1: number; share2: number; binding: { outside1: boolean; outside2: boolean }; agreement: boolean } | null>(null);
  const [err, setErr] = useState<ApiFailure | null>(null);
  useEffect(() => {
    const t = setTimeout(() => {
      api<typeof res>('/api/game/bargaining', { body: { method: 'rubinstein', delta1: d1, delta2: d2, outside1: o1, outside2: o2 } })
        .then((r) => (setRes(r), setErr(null)))
        .catch((e: ApiFailure) => setErr(e));
    }, 120);
    return () => clearTimeout(t);
  }, [d1, d2, o1, o2]);
  const slider = (label: string, v: number, set: (x: number) => void, max = 0.99) => (
    <label className="slider">
      {label} <input type="range" min={0} max={max} step={0.01} value={v} onChange={(e) => set(Number(e.target.value))} aria-valuetext={v.toFixed(2)} /> <output>{v.toFixed(2)}</output>
    </label>
  );
  return (
    <Section title="Who gets what: alternating offers" intro="Rubinstein bargaining with outside options: patience (discount factors) and what each side can get by walking away (e.g. a rare-earth lever) set the split.">
      <div className="form">
        {slider('US patience (delta)', d1, setD1)}
        {slider('China patience (delta)', d2, setD2)}
        {slider('US outside option', o1, setO1, 0.9)}
        {slider('China outside option', o2, setO2, 0.9)}
      </div>
      {err ? <ErrorBox error={err} /> : null}
      {res ? (
        <HBars
          id="chart-bargaining"
          title={res.agreement ? 'Equilibrium split of the gains from a deal' : 'No agreement: outside options exceed the pie'}
          subtitle={`binding outside option: ${res.binding.outside1 ? 'US' : res.binding.outside2 ? 'China' : 'none'}`}
          rows={[
            { key: 'US', label: 'United States (moves first)', value: res.share1 * 100, color: '#2b6cb0' },
            { key: 'CN', label: 'China', value: res.share2 * 100, color: '#c53030' },
          ]}
          fmt={(v) => `${v.toFixed(1)}%`}
          csvHeader="share_pct"
        />
      ) : null}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------

interface RunRow {
  id: string;
  scenario: string;
  status: string;
  progress: number;
  created_at: string;
  error: string | null;
  params: Record<string, unknown>;
}

/** Percentile fan from a run result: any series of {date|week, p5, p25, p50, p75, p95}. */
function fanSeries(result: unknown): { title: string; series: Series[] }[] {
  const out: { title: string; series: Series[] }[] = [];
  const visit = (v: unknown, name: string) => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v) && v.length && typeof v[0] === 'object' && v[0] && 'p50' in v[0] && ('p5' in v[0] || 'p05' in v[0])) {
      const rows = v as Record<string, number | string>[];
      const date = (r: Record<string, number | string>) => String(r.date ?? r.weekStart ?? r.week_start ?? '');
      if (!date(rows[0])) return;
      const g = (r: Record<string, number | string>, k: string) => Number(r[k] ?? r[k.replace('p5', 'p05')] ?? 0);
      out.push({
        title: name,
        series: [{ name: 'median', color: '#2b6cb0', points: rows.map((r) => ({ date: date(r), value: g(r, 'p50') })), bands: [{ lo: rows.map((r) => g(r, 'p5')), hi: rows.map((r) => g(r, 'p95')), opacity: 0.15 }, ...('p25' in rows[0] ? [{ lo: rows.map((r) => g(r, 'p25')), hi: rows.map((r) => g(r, 'p75')), opacity: 0.25 }] : [])] }],
      });
      return;
    }
    if (!Array.isArray(v)) for (const [k, x] of Object.entries(v)) visit(x, name ? `${name}.${k}` : k);
  };
  visit(result, '');
  return out;
}

function MonteCarlo({ scenario }: { scenario: string }) {
  const health = useApi<{ engine: { monte_carlo: boolean }; limits: { max_runs_per_request: number; max_concurrent_runs: number } }>('/api/health');
  const [runs, setRuns] = useState<RunRow[]>([]);
  const [n, setN] = useState(1000);
  const [seed, setSeed] = useState(1);
  const [active, setActive] = useState<{ id: string; progress: number; status: string } | null>(null);
  const [result, setResult] = useState<{ id: string; result: unknown } | null>(null);
  const [err, setErr] = useState<ApiFailure | null>(null);
  const es = useRef<EventSource | null>(null);
  const refresh = () => api<{ runs: RunRow[] }>('/api/runs').then((r) => setRuns(r.runs), () => undefined);
  useEffect(() => {
    void refresh();
    return () => es.current?.close();
  }, []);
  const open = async (id: string) => {
    try {
      setResult(await api<{ id: string; result: unknown }>(`/api/runs/${id}/result`));
      setErr(null);
    } catch (e) {
      setErr(e as ApiFailure);
    }
  };
  const start = async () => {
    setErr(null);
    try {
      const r = await api<{ id: string }>('/api/runs', { body: { scenario, runs: n, seed } });
      setActive({ id: r.id, progress: 0, status: 'queued' });
      es.current?.close();
      const src = new EventSource(`/api/runs/${r.id}/events`);
      es.current = src;
      src.addEventListener('progress', (ev) => {
        const d = JSON.parse((ev as MessageEvent).data) as { progress: number; status: string };
        setActive({ id: r.id, progress: d.progress, status: d.status });
      });
      src.addEventListener('end', (ev) => {
        const d = JSON.parse((ev as MessageEvent).data) as { status: string; error: string | null };
        setActive({ id: r.id, progress: 1, status: d.status });
        src.close();
        void refresh();
        if (d.status === 'done') void open(r.id);
      });
      void refresh();
    } catch (e) {
      setErr(e as ApiFailure);
    }
  };
  const fans = result ? fanSeries(result.result) : [];
  const available = health.data?.engine.monte_carlo;
  return (
    <Section title="Outcome odds over time (Monte Carlo)" intro="Run the weekly negotiation loop many times over the uncertain parameters; fan charts show the 5-95% and 25-75% ranges around the median.">
      {available === false ? (
        <p className="notice" data-testid="engine-unavailable">
          The simulation engine is not part of this build, so runs cannot be started here. Tournament and bargaining tools below work.
        </p>
      ) : null}
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <label>
          Runs <input type="number" min={1} max={health.data?.limits.max_runs_per_request ?? 20000} value={n} onChange={(e) => setN(Number(e.target.value))} />
        </label>
        <label>
          Seed <input type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
        </label>
        <button type="submit" disabled={!available} data-testid="start-run">
          Start run on {scenario}
        </button>
        {active ? (
          <span className="run-progress" data-testid="run-progress" data-status={active.status}>
            <progress max={1} value={active.progress} aria-label="Run progress" /> {Math.round(active.progress * 100)}% {active.status}
          </span>
        ) : null}
      </form>
      {err ? <ErrorBox error={err} /> : null}
      {runs.length ? (
        <table className="table" data-testid="runs-table">
          <thead>
            <tr>
              <th>Run</th>
              <th>Scenario</th>
              <th>Runs</th>
              <th>Status</th>
              <th>Started</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.slice(0, 10).map((r) => (
              <tr key={r.id} data-run={r.id} data-status={r.status}>
                <td>
                  <code>{r.id.slice(0, 8)}</code>
                </td>
                <td>{r.scenario}</td>
                <td>{String(r.params.runs ?? '')}</td>
                <td>
                  {r.status}
                  {r.status === 'running' ? ` ${Math.round(r.progress * 100)}%` : ''}
                  {r.error ? ` (${r.error})` : ''}
                </td>
                <td>{r.created_at.slice(0, 19).replace('T', ' ')}</td>
                <td>
                  {r.status === 'done' ? (
                    <button type="button" onClick={() => void open(r.id)}>
                      Show
                    </button>
                  ) : null}{' '}
                  <button type="button" onClick={() => void api(`/api/runs/${r.id}`, { method: 'DELETE' }).then(refresh, (e: ApiFailure) => setErr(e))} aria-label={`Delete run ${r.id.slice(0, 8)}`}>
                    {r.status === 'running' || r.status === 'queued' ? 'Cancel' : 'Delete'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {fans.map((f, i) => (
        <LineChart key={f.title} id={`chart-fan-${i}`} title={`Fan chart: ${f.title}`} series={f.series} data={{ run: result?.id ?? '' }} />
      ))}
      {result && !fans.length ? (
        <details>
          <summary>Run {result.id.slice(0, 8)}: result</summary>
          <pre className="json">{JSON.stringify(result.result, null, 1).slice(0, 4000)}</pre>
        </details>
      ) : null}
    </Section>
  );
}
