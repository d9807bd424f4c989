// The odds' own track record, shown beside them: the library's score of the built-in question
// set (GET /api/track-record, the numbers of `leverage score data/questions/us-china.yaml
// --json`), a per-origin chart of Brier scores against the baselines, and a history overlay of
// what the model said at each past origin against what happened. Nothing is computed here.
import type { OddsBasis, TrackRecordReport as TrackRecordSummary } from '../../../src/report/index.ts';
// the formatter is a leaf module (no imports), safe to bundle; forecast/index.ts pulls node:fs
// and the worker pool into the browser bundle, so this one value import skips the index
// eslint-disable-next-line leverage/import-direction
import { formatOdds } from '../../../src/forecast/odds.ts';
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { useApi } from '../state.ts';
import { ErrorBox, Loading } from './common.tsx';

export { formatOdds };

const W = 640;
const H = 180;
const PAD = { l: 40, r: 10, t: 12, b: 34 };

function BrierChart({ t }: { t: TrackRecordSummary }) {
  const n = t.history.length;
  const max = Math.max(
    0.3,
    ...t.history.flatMap((h) => [h.model_brier, h.simulated_brier ?? 0, h.persistence_brier, h.best_brier]),
  );
  const x = (i: number) => PAD.l + ((i + 0.5) * (W - PAD.l - PAD.r)) / Math.max(1, n);
  const y = (v: number) => PAD.t + (1 - v / max) * (H - PAD.t - PAD.b);
  const bw = Math.min(14, (W - PAD.l - PAD.r) / Math.max(1, n) / 4);
  const bars: [
    keyof Pick<
      TrackRecordSummary['history'][number],
      'model_brier' | 'simulated_brier' | 'persistence_brier' | 'best_brier'
    >,
    string,
    string,
  ][] = [
    ['model_brier', '#c0392b', 'model'],
    ['simulated_brier', '#e67e22', 'simulator alone'],
    ['persistence_brier', '#7f8c8d', 'persistence'],
    ['best_brier', '#2c7fb8', 'best baseline'],
  ];
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="Brier score by origin: model, persistence and best baseline (lower is better)"
      data-testid="track-record-brier"
      width="100%"
    >
      <line x1={PAD.l} x2={W - PAD.r} y1={y(0)} y2={y(0)} stroke="#999" />
      <line x1={PAD.l} x2={W - PAD.r} y1={y(0.25)} y2={y(0.25)} stroke="#bbb" strokeDasharray="3 3" />
      <text x={PAD.l - 4} y={y(0.25) + 3} fontSize="9" textAnchor="end">
        0.25
      </text>
      {t.history.map((h, i) => (
        <g key={h.origin}>
          {bars.map(([k, color, label], j) => {
            const v = h[k];
            if (v === null) return null;
            return (
              <rect
                key={k}
                x={x(i) + (j - 2) * bw}
                y={y(v)}
                width={bw - 1}
                height={Math.max(0, y(0) - y(v))}
                fill={color}
              >
                <title>{`${h.origin} ${label}: ${v.toFixed(3)}`}</title>
              </rect>
            );
          })}
          <text x={x(i)} y={H - PAD.b + 12} fontSize="9" textAnchor="middle">
            {h.origin.slice(2)}
          </text>
        </g>
      ))}
      {bars.map(([, color, label], j) => (
        <g key={label}>
          <rect x={PAD.l + j * 110} y={H - 12} width="10" height="8" fill={color} />
          <text x={PAD.l + j * 110 + 14} y={H - 5} fontSize="9">
            {label}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** History overlay: each resolved question at its origin, y = the model's P(yes); filled = it happened. */
function HistoryChart({ t }: { t: TrackRecordSummary }) {
  const n = t.history.length;
  const x = (i: number, k: number, m: number) =>
    PAD.l + ((i + (m > 1 ? 0.15 + (0.7 * k) / (m - 1) : 0.5)) * (W - PAD.l - PAD.r)) / Math.max(1, n);
  const y = (p: number) => PAD.t + (1 - p) * (H - PAD.t - PAD.b);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="What the model said at each past origin (P yes) and what happened (filled: yes, open: no)"
      data-testid="track-record-history"
      width="100%"
    >
      {[0, 0.5, 1].map((p) => (
        <g key={p}>
          <line x1={PAD.l} x2={W - PAD.r} y1={y(p)} y2={y(p)} stroke="#ddd" />
          <text x={PAD.l - 4} y={y(p) + 3} fontSize="9" textAnchor="end">
            {p * 100}%
          </text>
        </g>
      ))}
      {t.history.map((h, i) => (
        <g key={h.origin}>
          {h.items.map((it, k) => (
            <circle
              key={it.id}
              cx={x(i, k, h.items.length)}
              cy={y(it.p_model)}
              r="3.5"
              fill={it.outcome ? '#2c7fb8' : 'white'}
              stroke="#2c7fb8"
            >
              <title>{`${it.text} model ${formatOdds(it.p_model)}${it.p_simulated !== undefined ? ` (simulator ${formatOdds(it.p_simulated)})` : ''}; happened: ${it.outcome ? 'yes' : 'no'}${it.realised_pct !== undefined ? ` (realised ${it.realised_pct.toFixed(1)}%${it.quantiles ? `, model p5-p95 ${it.quantiles.p5.toFixed(1)}-${it.quantiles.p95.toFixed(1)}%` : ''})` : ''}`}</title>
            </circle>
          ))}
          <text x={x(i, 0, 1)} y={H - PAD.b + 12} fontSize="9" textAnchor="middle">
            {h.origin.slice(2)}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** The track record beside the odds: the verdict in words and the two charts. */
export function TrackRecord({ charts = true }: { charts?: boolean }) {
  const { data: t, error, loading } = useApi<TrackRecordSummary>('/api/track-record');
  if (loading) return <Loading what="the track record of these odds (scoring past origins)" />;
  if (error || !t) return error ? <ErrorBox error={error} title="Track record" /> : null;
  return (
    <div
      className="track-record"
      data-testid="track-record"
      data-beats-persistence={String(t.beats_persistence)}
    >
      <p className="intro" data-testid="odds-basis">
        {t.odds_basis.note}
      </p>
      <p className="intro">
        <strong>Track record:</strong> on {t.resolved} resolved questions at {t.origins} past origins (
        <code>{t.command}</code>) the recalibrated forecast (<code>leverage forecast</code>, not the odds
        shown here) scores Brier <strong>{t.brier.toFixed(3)}</strong>
        {t.brier_90 ? ` (90% ${t.brier_90.lo.toFixed(2)}-${t.brier_90.hi.toFixed(2)})` : ''}, persistence{' '}
        {t.persistence_brier.toFixed(3)}, best baseline ({t.best_baseline}) {t.best_brier.toFixed(3)}:{' '}
        <em data-testid="track-record-verdict">{t.verdict}</em>.
      </p>
      {t.simulator_verdict !== null && t.simulated_brier !== null ? (
        <p className="intro">
          <strong>The odds shown here</strong> (shares of simulated runs) score Brier{' '}
          <strong>{t.simulated_brier.toFixed(3)}</strong>:{' '}
          <em data-testid="track-record-simulator-verdict">{t.simulator_verdict}</em>.
        </p>
      ) : null}
      {charts ? (
        <>
          <BrierChart t={t} />
          <HistoryChart t={t} />
        </>
      ) : null}
    </div>
  );
}

/** What the note says before the track record has come (or when it cannot): the kind, without the scores. */
export const ODDS_BASIS_PENDING =
  'Odds are shares of simulated runs, not a scored forecast (their track record is being scored; its numbers follow here).';

/** How often the note asks again while the track record is being scored. */
const ODDS_BASIS_RETRY_MS = 20_000;

/**
 * The one sentence printed beside every share of runs: what it is and how such shares have
 * scored. It asks GET /api/track-record/odds-basis, which answers at once (pending while a cold
 * track record is scored in the background), and only once `after` is true (the view's own
 * figures are in): the note must never hold up the figures it annotates. Until the scores come
 * it still says what the odds are.
 */
export function OddsBasisNote({ after }: { after: boolean }) {
  const [basis, setBasis] = useState<OddsBasis | null>(null);
  useEffect(() => {
    if (!after || basis) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () =>
      void api<{ pending: boolean; odds_basis: OddsBasis | null }>('/api/track-record/odds-basis')
        .then((r) => {
          if (!live) return;
          if (r.odds_basis) setBasis(r.odds_basis);
          else timer = setTimeout(ask, ODDS_BASIS_RETRY_MS);
        })
        .catch(() => {});
    ask();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [after, basis]);
  return (
    <p className="note" data-testid="odds-basis-note" data-scored={basis ? 'yes' : 'no'}>
      {basis ? basis.note : ODDS_BASIS_PENDING}
    </p>
  );
}
