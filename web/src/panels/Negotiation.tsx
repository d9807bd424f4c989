import { useEffect, useState } from 'react';
import { TrackRecord, formatOdds } from './TrackRecord.tsx';
import { api, ApiFailure, type BargainingReport } from '../api.ts';
import { Heatmap, HBars, LineChart, type Series } from '../charts/charts.tsx';
import { useApi } from '../state.ts';
import { useRun, type Band, type MonteCarloResult } from '../runs.ts';
import { ErrorBox, Loading, Section, type PanelProps } from './common.tsx';
import { ChartFrame } from '../charts/frame.tsx';
import { toCsv } from '../charts/util.ts';

interface StrategyInfo {
  name: string;
  description: string;
  stochastic: boolean;
  parameters: { name: string; default: unknown; description?: string }[];
}
interface Tournament {
  players: string[];
  ranked_players: string[];
  ranking: number[];
  median_normalised_score: number[];
  payoff_matrix: number[][];
  cooperation_rate: number[];
  matches: number;
}

const DEFAULT_PLAYERS = [
  'TitForTat',
  'TACO',
  'Defector',
  'Cooperator',
  'Grudger',
  'GenerousTitForTat',
  'WinStayLoseShift',
  'FightOrTalk',
];

export function Negotiation({ view }: PanelProps) {
  return (
    <div className="panel" data-testid="panel-negotiation">
      <MonteCarlo scenario={view.scenario} />
      <OneRun scenario={view.scenario} />
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
      setRes(
        await api<Tournament>('/api/game/tournament', {
          body: { players, turns, repetitions: reps, noise, seed },
        }),
      );
    } catch (e) {
      setErr(e as ApiFailure);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void run();
  }, []);
  return (
    <Section
      title={title ?? 'Tournament explorer'}
      intro="Round-robin iterated prisoner's dilemma (Axelrod conventions, payoffs R,S,T,P = 3,0,5,1): which negotiating styles do well against the field?"
    >
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
              <input
                type="checkbox"
                checked={players.includes(s.name)}
                onChange={(e) =>
                  setPlayers(e.target.checked ? [...players, s.name] : players.filter((p) => p !== s.name))
                }
              />{' '}
              {s.name}
            </label>
          ))}
        </fieldset>
        <label>
          Turns{' '}
          <input
            type="number"
            min={1}
            max={2000}
            value={turns}
            onChange={(e) => setTurns(Number(e.target.value))}
          />
        </label>
        <label>
          Repetitions{' '}
          <input
            type="number"
            min={1}
            max={200}
            value={reps}
            onChange={(e) => setReps(Number(e.target.value))}
          />
        </label>
        <label>
          Noise{' '}
          <input
            type="number"
            min={0}
            max={0.5}
            step={0.01}
            value={noise}
            onChange={(e) => setNoise(Number(e.target.value))}
          />
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
            rows={res.ranking.map((i) => ({
              key: res.players[i],
              label: res.players[i],
              value: res.median_normalised_score[i],
              detail: `cooperates ${(res.cooperation_rate[i] * 100).toFixed(0)}% of turns`,
              color: res.players[i] === 'TACO' ? '#dd6b20' : '#2b6cb0',
            }))}
            fmt={(v) => v.toFixed(3)}
            csvHeader="median_normalised_score"
          />
          <Heatmap
            id="chart-payoffs"
            title="Mean payoff per turn, row player against column player"
            labels={res.players}
            values={res.payoff_matrix}
            fmt={(v) => v.toFixed(2)}
          />
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
  const [res, setRes] = useState<BargainingReport['rubinstein']>(null);
  const [err, setErr] = useState<ApiFailure | null>(null);
  useEffect(() => {
    const t = setTimeout(() => {
      api<BargainingReport>('/api/game/bargaining', {
        body: { method: 'rubinstein', delta1: d1, delta2: d2, outside1: o1, outside2: o2 },
      })
        .then((r) => (setRes(r.rubinstein), setErr(null)))
        .catch((e: ApiFailure) => setErr(e));
    }, 120);
    return () => clearTimeout(t);
  }, [d1, d2, o1, o2]);
  const slider = (label: string, v: number, set: (x: number) => void, max = 0.99) => (
    <label className="slider">
      {label}{' '}
      <input
        type="range"
        min={0}
        max={max}
        step={0.01}
        value={v}
        onChange={(e) => set(Number(e.target.value))}
        aria-valuetext={v.toFixed(2)}
      />{' '}
      <output>{v.toFixed(2)}</output>
    </label>
  );
  return (
    <Section
      title="Who gets what: alternating offers"
      intro="Rubinstein bargaining with outside options: patience (discount factors) and what each side can get by walking away (e.g. a rare-earth lever) set the split."
    >
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
          title={
            res.agreement
              ? 'Equilibrium split of the gains from a deal'
              : 'No agreement: outside options exceed the pie'
          }
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

/** What a run changed from its scenario (the editor's re-run sends overrides and strategies), or null. */
function whatIfOf(r: RunRow): string | null {
  const o = r.params.options as
    | {
        overrides?: { authority: string; pct: number; from: string }[];
        strategies?: Record<string, { name: string; params?: Record<string, unknown> }>;
      }
    | undefined;
  if (!o) return null;
  const bits = [
    ...(o.overrides ?? []).map((x) => `${x.authority} ${x.pct}% from ${x.from}`),
    ...Object.entries(o.strategies ?? {}).map(
      ([actor, s]) =>
        `${actor} ${s.name}(${Object.entries(s.params ?? {})
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(', ')})`,
    ),
  ];
  return bits.length ? bits.join('; ') : null;
}

const isBand = (v: unknown): v is Band => !!v && typeof v === 'object' && 'p50' in (v as object);

function fan(r: MonteCarloResult, metric: string, name: string, color: string, scale = 1): Series {
  const rows = r.weeks.filter((w) => isBand(w[metric]));
  const b = (w: (typeof rows)[number]) => w[metric] as Band;
  return {
    name,
    color,
    points: rows.map((w) => ({ date: w.date, value: b(w).p50 * scale })),
    bands: [{ lo: rows.map((w) => b(w).p5 * scale), hi: rows.map((w) => b(w).p95 * scale), opacity: 0.18 }],
  };
}

/** Outcome odds over time, fan charts and who concedes first, from one Monte Carlo result. */
export function RunCharts({ r, prefix = 'chart' }: { r: MonteCarloResult; prefix?: string }) {
  const dates = r.weeks.map((w) => w.date);
  const curve = (xs: number[], name: string, color: string): Series => ({
    name,
    color,
    points: xs.map((v, i) => ({ date: dates[i], value: Math.round(v * 1000) / 10 })),
  });
  const [a, b] = r.actors;
  const fc = r.outcomes.first_concession;
  return (
    <div data-testid={`${prefix}-run-result`} data-runs={r.runs_completed}>
      <p className="intro">
        {r.runs_completed.toLocaleString('en-US')} runs from {r.start}, seed {r.seed}. London framework
        approved by {r.outcomes.framework.by}: <strong>{formatOdds(r.outcomes.framework.probability)}</strong>
        ; Geneva truce collapses: <strong>{formatOdds(r.outcomes.truce_collapses.probability)}</strong>;
        escalation above the April 2025 peak:{' '}
        <strong>{formatOdds(r.outcomes.escalation_above_april_2025_peak.probability)}</strong>.
        {r.strategies ? (
          <>
            {' '}
            Strategies:{' '}
            {Object.entries(r.strategies)
              .map(
                ([actor, st]) =>
                  `${actor} ${st.name}${
                    Object.keys(st.params ?? {}).length
                      ? `(${Object.entries(st.params)
                          .map(([k2, v]) => `${k2}=${v}`)
                          .join(', ')})`
                      : ''
                  }`,
              )
              .join('; ')}
            .
          </>
        ) : null}
      </p>
      <TrackRecord />
      <LineChart
        id={`${prefix}-odds`}
        title="Outcome odds over time"
        subtitle="Share of runs in which each outcome has happened by that week"
        series={[
          curve(r.curves.framework_approved_by_week, 'framework approved', '#38a169'),
          curve(r.curves.truce_ended_by_week, 'truce ended', '#e53e3e'),
          curve(r.curves.escalated_by_week, 'escalated above April peak', '#805ad5'),
        ]}
        yMax={100}
        yFmt={(v) => `${v}%`}
        height={230}
      />
      <LineChart
        id={`${prefix}-fan-tariffs`}
        title="Tariff levels: median and 5-95% band"
        subtitle={r.metrics.tariff_US_on_CN_pct}
        series={[
          fan(r, `tariff_${a}_on_${b}_pct`, `${a} on ${b}`, '#2b6cb0'),
          fan(r, `tariff_${b}_on_${a}_pct`, `${b} on ${a}`, '#c53030'),
        ]}
        yFmt={(v) => `${v}%`}
        height={230}
      />
      <LineChart
        id={`${prefix}-fan-licence`}
        title="Rare-earth licence flow: median and 5-95% band"
        subtitle={r.metrics.licence_flow_share}
        series={[fan(r, 'licence_flow_share', 'exports getting through (%)', '#2f855a', 100)]}
        yMax={100}
        yFmt={(v) => `${v}%`}
        height={210}
      />
      <HBars
        id={`${prefix}-concession`}
        title="Who concedes first"
        rows={Object.entries(fc).map(([k, v]) => ({
          key: k,
          label:
            k === 'same_week' ? 'both in the same week' : k === 'neither' ? 'neither within the horizon' : k,
          value: v * 100,
          color: k === a ? '#2b6cb0' : k === b ? '#c53030' : '#a0aec0',
        }))}
        fmt={(v) => `${v.toFixed(1)}%`}
        csvHeader="share_of_runs_pct"
      />
      <details>
        <summary>Basis and assumptions</summary>
        <ul className="compact">
          {r.basis.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function MonteCarlo({ scenario }: { scenario: string }) {
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
      {st.result ? <RunCharts r={st.result} /> : null}
      {runs.length ? (
        <details open={!st.result}>
          <summary>Stored runs ({runs.length})</summary>
          <table className="table" data-testid="runs-table">
            <thead>
              <tr>
                <th>Run</th>
                <th>Scenario</th>
                <th>Runs</th>
                <th>Status</th>
                <th>Created</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {runs.slice(0, 12).map((r) => (
                <tr
                  key={r.id}
                  data-run={r.id}
                  data-status={r.status}
                  data-whatif={whatIfOf(r) ? 'yes' : 'no'}
                >
                  <td>
                    <code>{r.id.slice(0, 8)}</code>
                  </td>
                  <td>
                    {r.scenario}
                    {whatIfOf(r) ? (
                      <span className="badge" title={whatIfOf(r)!} data-testid="whatif-badge">
                        {' '}
                        what-if: {whatIfOf(r)}
                      </span>
                    ) : null}
                  </td>
                  <td>{String(r.params.runs ?? '')}</td>
                  <td>
                    {r.status}
                    {r.status === 'running' ? ` ${Math.round(r.progress * 100)}%` : ''}
                    {r.error ? ` (${r.error})` : ''}
                  </td>
                  <td>{r.created_at.slice(0, 19).replace('T', ' ')}</td>
                  <td>
                    {r.status === 'done' ? (
                      <button
                        type="button"
                        onClick={() => void run.load(r.id)}
                        aria-label={`Show run ${r.id.slice(0, 8)}`}
                      >
                        Show
                      </button>
                    ) : null}{' '}
                    <button
                      type="button"
                      onClick={() =>
                        void api(`/api/runs/${r.id}`, { method: 'DELETE' }).then(refresh, (e: ApiFailure) =>
                          setErr(e),
                        )
                      }
                      aria-label={`Delete run ${r.id.slice(0, 8)}`}
                    >
                      {r.status === 'running' || r.status === 'queued' ? 'Cancel' : 'Delete'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------

interface Story {
  seed: number;
  run: number;
  parameters: Record<string, number>;
  moves: { week: number; date: string; actor: string; move: string }[];
  weeks: Record<string, number | string>[];
  framework_week: number | null;
  truce_end_week: number | null;
  escalation_week: number | null;
  first_concession: string;
}

/** One run of the loop, step by step: who moved when, and the path it produced. */
function OneRun({ scenario }: { scenario: string }) {
  const [seed, setSeed] = useState(1);
  const [index, setIndex] = useState(0);
  const story = useApi<Story>(
    `/api/scenarios/${encodeURIComponent(scenario)}/story?seed=${seed}&run=${index}`,
  );
  const detail = useApi<{
    scenario: { parameters?: { simulation?: { moves?: Record<string, { id: string; on: string }[]> } } };
  }>(`/api/scenarios/${encodeURIComponent(scenario)}`);
  const posture = new Map<string, string>();
  for (const list of Object.values(detail.data?.scenario.parameters?.simulation?.moves ?? {}))
    for (const mv of list) posture.set(mv.id, mv.on);
  const colorOfMove = (id: string) =>
    posture.get(id) === 'C' ? '#38a169' : posture.get(id) === 'D' ? '#dd6b20' : '#718096';
  const s = story.data;
  const actors = s ? [...new Set(s.moves.map((m) => m.actor))] : [];
  const W = 860;
  const laneH = 46;
  const m = { l: 60, r: 16, t: 24, b: 28 };
  const H = m.t + m.b + laneH * Math.max(actors.length, 1);
  const dates = s ? s.weeks.map((w) => String(w.date)) : [];
  const x = (d: string) => {
    const i = dates.indexOf(d);
    return m.l + (i / Math.max(dates.length - 1, 1)) * (W - m.l - m.r);
  };
  const tariffKey = (a: string, b: string) => `tariff_${a}_on_${b}_pct`;
  return (
    <Section
      title="One run, step by step"
      intro="A single draw of the uncertain parameters and the moves each side made week by week. Step through runs to see how different the stories are."
    >
      <div className="form" role="group" aria-label="Run to show">
        <label>
          Seed{' '}
          <input
            type="number"
            min={0}
            value={seed}
            onChange={(e) => setSeed(Math.max(0, Number(e.target.value) || 0))}
          />
        </label>
        <button
          type="button"
          onClick={() => setIndex(Math.max(0, index - 1))}
          disabled={index === 0}
          aria-label="Previous run"
        >
          Previous
        </button>
        <span data-testid="story-index">run {index}</span>
        <button
          type="button"
          onClick={() => setIndex(index + 1)}
          aria-label="Next run"
          data-testid="story-next"
        >
          Next
        </button>
      </div>
      {story.error ? <ErrorBox error={story.error} /> : null}
      {s ? (
        <>
          <p className="intro" data-testid="story-summary">
            {s.first_concession ? `First concession: ${s.first_concession}. ` : ''}
            {s.framework_week !== null
              ? `London framework approved in week ${s.framework_week} (${dates[s.framework_week] ?? ''}). `
              : 'London framework not approved. '}
            {s.truce_end_week !== null ? `Truce ended in week ${s.truce_end_week}. ` : ''}
            {s.escalation_week !== null
              ? `Escalation above the April peak in week ${s.escalation_week}.`
              : ''}
          </p>
          <ChartFrame
            id="chart-story-moves"
            title={`Moves in run ${s.run} (seed ${s.seed})`}
            width={W}
            height={H}
            csv={() =>
              toCsv(
                ['week', 'date', 'actor', 'move'],
                s.moves.map((mv) => [mv.week, mv.date, mv.actor, mv.move]),
              )
            }
            data={{ moves: s.moves.length }}
          >
            {actors.map((a, k) => (
              <g key={a} className="lane" data-actor={a}>
                <line
                  x1={m.l}
                  x2={W - m.r}
                  y1={m.t + k * laneH + laneH / 2}
                  y2={m.t + k * laneH + laneH / 2}
                  stroke="#e2e8f0"
                />
                <text x={m.l - 8} y={m.t + k * laneH + laneH / 2 + 4} textAnchor="end" className="title">
                  {a}
                </text>
                {s.moves
                  .filter((mv) => mv.actor === a)
                  .map((mv, i) => (
                    <circle
                      key={i}
                      className="move"
                      data-move={mv.move}
                      data-week={mv.week}
                      cx={x(mv.date)}
                      cy={m.t + k * laneH + laneH / 2}
                      r={6}
                      fill={colorOfMove(mv.move)}
                      opacity={0.85}
                    >
                      <title>{`${mv.date} (week ${mv.week}): ${a} ${mv.move}${posture.get(mv.move) === 'C' ? ' (talk)' : posture.get(mv.move) === 'D' ? ' (fight)' : ''}`}</title>
                    </circle>
                  ))}
              </g>
            ))}
            <g className="legend">
              <circle cx={m.l + 6} cy={10} r={5} fill="#38a169" />
              <text x={m.l + 16} y={14}>
                talk (C) move
              </text>
              <circle cx={m.l + 126} cy={10} r={5} fill="#dd6b20" />
              <text x={m.l + 136} y={14}>
                fight (D) move
              </text>
            </g>
            <g className="axis">
              {dates
                .filter((d) => d.endsWith('-01') || d.slice(8) <= '07')
                .filter((d, i, arr) => i === 0 || d.slice(0, 7) !== arr[i - 1].slice(0, 7))
                .map((d) => (
                  <text key={d} x={x(d)} y={H - 8} className="small">
                    {d.slice(0, 7)}
                  </text>
                ))}
            </g>
          </ChartFrame>
          {actors.length === 2 ? (
            <LineChart
              id="chart-story-path"
              title="Tariff path in this run"
              series={[
                {
                  name: `${actors[0]} on ${actors[1]}`,
                  color: '#2b6cb0',
                  points: s.weeks.map((w) => ({
                    date: String(w.date),
                    value: Number(w[tariffKey(actors[0], actors[1])] ?? 0),
                  })),
                },
                {
                  name: `${actors[1]} on ${actors[0]}`,
                  color: '#c53030',
                  points: s.weeks.map((w) => ({
                    date: String(w.date),
                    value: Number(w[tariffKey(actors[1], actors[0])] ?? 0),
                  })),
                },
              ]}
              yFmt={(v) => `${v}%`}
              height={200}
            />
          ) : null}
          <details>
            <summary>Parameters drawn and moves ({s.moves.length})</summary>
            <ul className="compact">
              {Object.entries(s.parameters).map(([k, v]) => (
                <li key={k}>
                  <code>{k}</code> = {v}
                </li>
              ))}
            </ul>
            <ol className="compact">
              {s.moves.map((mv, i) => (
                <li key={i}>
                  {mv.date}: {mv.actor} {mv.move}
                </li>
              ))}
            </ol>
          </details>
        </>
      ) : !story.error ? (
        <Loading what="the run" />
      ) : null}
    </Section>
  );
}
