// Start a Monte Carlo run and follow it over server-sent events.
import { useEffect, useRef, useState } from 'react';
import { api, ApiFailure } from './api.ts';

export interface Band {
  p5: number;
  p50: number;
  p95: number;
  mean: number;
}
export interface Probability {
  probability: number;
  se: number;
}
export interface MonteCarloResult {
  scenario: string;
  seed: number;
  runs_completed: number;
  complete: boolean;
  actors: [string, string];
  start: string;
  horizon_weeks: number;
  metrics: Record<string, string>;
  weeks: ({ week: number; date: string } & Record<string, Band | number | string>)[];
  outcomes: {
    framework: { agreement: string; by: string } & Probability;
    framework_within_horizon: Probability;
    truce_collapses: { agreement: string } & Probability;
    escalation_above_april_2025_peak: Probability;
    first_concession: Record<string, number>;
  };
  curves: {
    framework_approved_by_week: number[];
    truce_ended_by_week: number[];
    escalated_by_week: number[];
  };
  sensitivity: { parameter: string; outcome: string; effect: number }[];
  /** The strategies played (newer engine versions). */
  strategies?: Record<string, { name: string; params: Record<string, number | string> }>;
  basis: string[];
}

export interface RunState {
  id: string | null;
  status: string;
  progress: number;
  result: MonteCarloResult | null;
  error: ApiFailure | null;
}

const IDLE: RunState = { id: null, status: 'idle', progress: 0, result: null, error: null };

export function useRun(onFinished?: () => void) {
  const [st, setSt] = useState<RunState>(IDLE);
  const es = useRef<EventSource | null>(null);
  useEffect(() => () => es.current?.close(), []);
  const load = async (id: string) => {
    try {
      const r = await api<{ result: MonteCarloResult }>(`/api/runs/${id}/result`);
      setSt({ id, status: 'done', progress: 1, result: r.result, error: null });
    } catch (e) {
      setSt((s) => ({ ...s, error: e as ApiFailure }));
    }
  };
  const start = async (body: unknown) => {
    es.current?.close();
    setSt({ ...IDLE, status: 'starting' });
    try {
      const r = await api<{ id: string }>('/api/runs', { body });
      setSt({ id: r.id, status: 'queued', progress: 0, result: null, error: null });
      const src = new EventSource(`/api/runs/${r.id}/events`);
      es.current = src;
      src.addEventListener('progress', (ev) => {
        const d = JSON.parse((ev as MessageEvent).data) as { progress: number; status: string };
        setSt((s) => ({ ...s, progress: d.progress, status: d.status }));
      });
      src.addEventListener('end', (ev) => {
        const d = JSON.parse((ev as MessageEvent).data) as { status: string; error: string | null };
        src.close();
        onFinished?.();
        if (d.status === 'done') void load(r.id);
        else
          setSt((s) => ({
            ...s,
            status: d.status,
            error: new ApiFailure(0, d.status, `run ${d.status}${d.error ? `: ${d.error}` : ''}`),
          }));
      });
      src.onerror = () => {
        if (src.readyState === EventSource.CLOSED) return;
      };
    } catch (e) {
      setSt({ ...IDLE, status: 'error', error: e as ApiFailure });
    }
  };
  return { state: st, start, load };
}
