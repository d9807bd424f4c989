// The editor's strategy section: the US TACO parameters and how TACO ranks against the field.
import { useEffect, useState } from 'react';
import { api, ApiFailure, type ScenarioDetail, type Tournament } from '../../api.ts';
import { ErrorBox, Section } from '../common.tsx';
import { RankingBars } from '../negotiation/Ranking.tsx';

export interface Taco {
  threshold: number;
  decay: number;
}

/** GET /api/game/strategies: each strategy's parameters with their registry defaults. */
export interface StrategyList {
  strategies: { name: string; parameters: { name: string; default: number | string | boolean }[] }[];
}

/**
 * The TACO parameters the scenario gives the US (parameters.simulation.strategies.US); where it
 * leaves one out, or the US plays another strategy, the registry's default (GET /api/game/strategies).
 */
export function scenarioTaco(
  d: ScenarioDetail | null,
  registry: StrategyList | null,
): Taco & { from: 'scenario' | 'registry' } {
  const defaults = registry?.strategies.find((x) => x.name === 'TACO')?.parameters ?? [];
  const dflt = (name: string) => {
    const v = defaults.find((x) => x.name === name)?.default;
    return typeof v === 'number' ? v : NaN;
  };
  const us = d?.scenario.parameters?.simulation?.strategies?.US;
  const own = us?.name === 'TACO' ? (us.params ?? {}) : {};
  const t = own.threshold;
  const k = own.decay;
  return {
    threshold: typeof t === 'number' ? t : dflt('threshold'),
    decay: typeof k === 'number' ? k : dflt('decay'),
    from: us?.name === 'TACO' ? 'scenario' : 'registry',
  };
}

export function StrategyEditor({
  value,
  recorded,
  edited,
  set,
}: {
  value: Taco;
  recorded: Taco & { from: 'scenario' | 'registry' };
  edited: boolean;
  set: (t: Taco | null) => void;
}) {
  const { threshold, decay } = value;

  const [res, setRes] = useState<Tournament | null>(null);
  const [err, setErr] = useState<ApiFailure | null>(null);
  useEffect(() => {
    const t = setTimeout(() => {
      api<typeof res>('/api/game/tournament', {
        body: {
          players: [
            `TACO(threshold=${threshold},decay=${decay})`,
            'TitForTat',
            'Defector',
            'Grudger',
            'Cooperator',
            'FightOrTalk',
            'GenerousTitForTat',
          ],
          turns: 200,
          repetitions: 3,
        },
      })
        .then((r) => (setRes(r), setErr(null)))
        .catch((e: ApiFailure) => setErr(e));
    }, 150);
    return () => clearTimeout(t);
  }, [threshold, decay]);
  return (
    <Section
      title="Change a strategy parameter"
      intro={`TACO escalates, then backs down once the pain passes a threshold. The fields start from ${recorded.from === 'scenario' ? `the scenario's US strategy (threshold ${recorded.threshold}, decay ${recorded.decay}; pain in USD bn a week, as the simulation prices it)` : `the strategy registry's defaults (the scenario's US does not play TACO)`}. The ranking below is the classic iterated Prisoner's Dilemma (payoffs 3/0/5/1), where pain is counted in those payoff units, so a threshold means less pain there than in the simulation; the re-run below uses the simulation's units.`}
    >
      <div className="form" role="group" aria-label="TACO parameters">
        <label>
          Pain threshold{' '}
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            value={threshold}
            onChange={(e) => set({ threshold: Number(e.target.value), decay })}
            data-testid="taco-threshold"
          />
        </label>
        <label>
          Decay{' '}
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={decay}
            onChange={(e) => set({ threshold, decay: Number(e.target.value) })}
            data-testid="taco-decay"
          />
        </label>
        <button type="button" onClick={() => set(null)} disabled={!edited} data-testid="taco-reset">
          Reset to the scenario's
        </button>
      </div>
      {err ? <ErrorBox error={err} /> : null}
      {res ? (
        <RankingBars id="chart-editor-strategy" title="Tournament ranking with the edited TACO" res={res} />
      ) : null}
    </Section>
  );
}
