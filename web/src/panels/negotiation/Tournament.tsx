// The tournament explorer: a round-robin iterated prisoner's dilemma over chosen strategies.
import { useEffect, useState } from 'react';
import { api, ApiFailure, type StrategyInfo, type Tournament } from '../../api.ts';
import { Heatmap } from '../../charts/charts.tsx';
import { useApi } from '../../state.ts';
import { ErrorBox, Section } from '../common.tsx';
import { RankingBars } from './Ranking.tsx';

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
          <RankingBars
            id="chart-tournament"
            title="Ranking by median normalised score"
            subtitle={`${res.matches} matches, mean payoff per turn`}
            res={res}
            detail={(i) => `cooperates ${(res.cooperation_rate[i] * 100).toFixed(0)}% of turns`}
          />
          <Heatmap
            id="chart-payoffs"
            unit="payoff per turn (stage-game units)"
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
