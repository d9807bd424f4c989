// "Where does this probability come from, and how has it done?" The odds `leverage run`, `npm
// start`, the API's runs and the dashboard print are the simulator's raw shares of runs, not the
// recalibrated forecast that `leverage score` scores. This says so once, here, from the track
// record (the cached score document of the built-in question set), so every edge prints the same
// words beside every such probability (issue 17: every printed probability names its track record).
import { trackRecordSummary, type ScoreResult, type TrackRecordSummary } from '../forecast/index.ts';

/** What a printed share of runs is, and the scores of its kind on resolved questions. */
export interface OddsBasis {
  /** The printed odds are shares of simulated runs (not recalibrated, not scored as printed). */
  kind: 'simulator_shares';
  /** Brier score of the simulator's raw shares on the built-in questions (null: not in the document). */
  simulator_brier: number | null;
  /** Brier score of the recalibrated forecast (`leverage forecast`) on the same questions. */
  forecast_brier: number;
  best_baseline: TrackRecordSummary['best_baseline'];
  best_brier: number;
  resolved: number;
  /** The command whose document these scores come from. */
  command: string;
  /** A short label for a column or axis. */
  label: string;
  /** One sentence to print beside the odds. */
  note: string;
}

export type TrackRecordReport = TrackRecordSummary & { odds_basis: OddsBasis };

const b3 = (x: number) => x.toFixed(3);

/** The basis of the simulator's odds, from the track record's numbers (nothing recomputed). */
export function oddsBasis(t: TrackRecordSummary): OddsBasis {
  const sim = t.simulated_brier;
  const versus =
    sim === null
      ? `the simulator's shares are not in the score document`
      : `the simulator's shares scored Brier ${b3(sim)} vs ${t.best_baseline} ${b3(t.best_brier)}` +
        ` (${sim < t.best_brier ? 'better' : 'worse'}; lower is better)`;
  return {
    kind: 'simulator_shares',
    simulator_brier: sim,
    forecast_brier: t.brier,
    best_baseline: t.best_baseline,
    best_brier: t.best_brier,
    resolved: t.resolved,
    command: t.command,
    label: 'share of runs',
    note:
      `Odds are shares of simulated runs, not a scored forecast: on ${t.resolved} resolved questions ` +
      `${versus}; the recalibrated forecast (leverage forecast) ${b3(t.brier)} (${t.command}).`,
  };
}

/** The track record shown beside the odds (CLI, GET /api/track-record, dashboard), with the odds' basis. */
export function trackRecordReport(s: ScoreResult, file?: string): TrackRecordReport {
  const t = trackRecordSummary(s, ...(file === undefined ? [] : [file]));
  return { ...t, odds_basis: oddsBasis(t) };
}
