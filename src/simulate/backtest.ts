// Backtest: replay the real 2025 history through the loop's compact state and compare it,
// week by week, with what the ledger says for the same dates. The scripted moves are derived
// from the ledger's own timeline (rate steps, status changes, licensing steps, agreement and
// approval events) including the measures' effective/expiry bounds.
// The comparison uses the ledger's independent queries: compileTariffSchedule line by line
// (not the loop's signatures), rateOn/isActiveOn, exportControlState and agreementState.
import {
  compileTariffSchedule,
  exportControlState,
  agreementState,
  isActiveOn,
  rateOn,
} from '../ledger/index.ts';
import { toEpochDay, type Scenario, type TariffMeasure } from '../model/index.ts';
import { Simulator } from './loop.ts';
import { AGREEMENT_STATUS_NAMES, APPROVAL_NAMES, type PrepareInputs, type Prepared } from './prepared.ts';
import { prepare } from './setup.ts';
import { scheduleFromLedger } from './schedule.ts';
import { CARD_PREFIX } from './config.ts';

export interface BacktestMismatch {
  date: string;
  what: string;
  loop: number | string | null;
  ledger: number | string | null;
}

export interface BacktestWeek {
  date: string;
  /** Trade-weighted average additional duty per direction: loop and ledger, percent. */
  average_pct: Record<string, { loop: number; ledger: number }>;
  events_applied: number;
}

export interface BacktestResult {
  from: string;
  to: string;
  weeks: BacktestWeek[];
  checks: number;
  mismatches: BacktestMismatch[];
  max_abs_error_pct: number;
  scripted_events: number;
}

const TOL = 1e-9;

export interface ScriptEvent {
  date: string;
  /** Measure or agreement id and event kind, e.g. "us-ieepa-reciprocal-cn rate". */
  what: string;
  apply: (sim: Simulator) => void;
}

/** Scripted moves from the ledger's timeline: each change applied to the compact state as the ledger has it. */
export function scriptFromLedger(scn: Scenario, p: Prepared): ScriptEvent[] {
  return scheduleFromLedger(scn, p).map((op) => ({
    date: op.date,
    what: op.what,
    apply: (sim: Simulator) => sim.applyLedgerOp(op, false, 0),
  }));
}

/**
 * Replay from `from` (default 2025-01-01) to the scenario's knowledge date weekly and compare
 * the loop's state with the ledger's on every week's date.
 */
export function backtest(
  scn: Scenario,
  inputs: PrepareInputs,
  o: {
    from?: string;
    to?: string;
    /** Tests: leave scripted event i out. */ skipEvent?: (i: number) => boolean;
  } = {},
): BacktestResult {
  const from = o.from ?? '2025-01-01';
  const to = o.to ?? scn.as_of ?? '2025-11-28';
  const weeks = Math.floor((toEpochDay(to) - toEpochDay(from)) / 7) + 1;
  const p = prepare(scn, inputs, { start: from, weeks });
  const sim = new Simulator(p);
  sim.reset();
  const script = scriptFromLedger(scn, p);
  // events on or before the start are already in the start state
  let next = 0;
  while (next < script.length && script[next].date <= from) next++;
  const schedules = p.directions.map((d) => {
    const f = inputs.flows[`${d.importer}<-${d.exporter}`];
    return {
      sched: compileTariffSchedule(scn, { importer: d.importer, exporter: d.exporter, lines: [...f.lines] }),
      w: f.weights_usd,
    };
  });
  const mismatches: BacktestMismatch[] = [];
  const out: BacktestWeek[] = [];
  let checks = 0;
  let maxErr = 0;
  const check = (
    date: string,
    what: string,
    loop: number | string | null,
    ledger: number | string | null,
  ) => {
    checks++;
    const bad =
      typeof loop === 'number' && typeof ledger === 'number'
        ? !(Math.abs(loop - ledger) <= TOL * Math.max(1, Math.abs(ledger)))
        : loop !== ledger;
    if (bad) mismatches.push({ date, what, loop, ledger });
  };
  for (let w = 0; w < weeks; w++) {
    const date = p.week_dates[w];
    const day = toEpochDay(date);
    let applied = 0;
    while (next < script.length && script[next].date <= date) {
      if (!o.skipEvent?.(next)) {
        script[next].apply(sim);
        applied++;
      }
      next++;
    }
    sim.evaluateWeek(day);
    const avg: BacktestWeek['average_pct'] = {};
    for (const k of [0, 1] as const) {
      const d = p.directions[k];
      // measures: applied rate or -1 when not in force
      d.measure_ids.forEach((id, j) => {
        if (id.startsWith(CARD_PREFIX)) return; // a card's layer: not in the ledger (cards.ts)
        const m = scn.measures.find((x) => x.id === id) as TariffMeasure;
        const r = rateOn(m, date);
        check(
          date,
          `${id} applied rate`,
          sim.appliedRate(k, j),
          isActiveOn(m, date) && r ? r.applied_pct : -1,
        );
      });
      // authorities: the ledger's line-by-line schedule, weighted by the same base-year trade
      const { sched, w: wts } = schedules[k];
      const r = sched.ratesAt(date);
      const A = sched.authorities.length;
      let W = 0;
      const by = new Float64Array(A);
      for (let i = 0; i < wts.length; i++) {
        W += wts[i];
        for (let a = 0; a < A; a++) by[a] += wts[i] * r.byAuthority[i * A + a];
      }
      let totLedger = 0;
      let totLoop = 0;
      sched.authorities.forEach((auth, a) => {
        const led = W > 0 ? by[a] / W : 0;
        const lp = sim.authorityAverage(k, d.authorities.indexOf(auth));
        totLedger += led;
        totLoop += lp;
        check(date, `${d.importer}<-${d.exporter} ${auth} average`, lp, led);
        maxErr = Math.max(maxErr, Math.abs(lp - led));
      });
      avg[`${d.importer}_on_${d.exporter}`] = { loop: totLoop, ledger: totLedger };
    }
    p.controls.ids.forEach((id, c) => {
      if (id.startsWith(CARD_PREFIX)) return; // a card's control: not in the ledger (cards.ts)
      const st = exportControlState(scn, id, date);
      check(date, `${id} in force`, sim.ctrlInForce[c] === 1 ? 'yes' : 'no', st.in_force ? 'yes' : 'no');
      if (st.in_force && st.flow_share !== undefined)
        check(date, `${id} flow share`, sim.ctrlFlow[c], st.flow_share);
    });
    p.agreements.ids.forEach((id, a) => {
      const st = agreementState(scn, id, date);
      check(date, `${id} status`, AGREEMENT_STATUS_NAMES[sim.agStatus[a]] ?? null, st.status ?? 'none');
      let q = -1;
      st.approvals.forEach((ap) => {
        q = p.agreements.approval_agreement.indexOf(a, q + 1);
        check(date, `${id} approval by ${ap.by}`, APPROVAL_NAMES[sim.apStatus[q]], ap.status ?? 'none');
      });
    });
    out.push({ date, average_pct: avg, events_applied: applied });
  }
  return {
    from,
    to,
    weeks: out,
    checks,
    mismatches,
    max_abs_error_pct: maxErr,
    scripted_events: script.length,
  };
}
