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
  timeline,
} from '../ledger/index.ts';
import {
  ACTIVE_STATUSES,
  toEpochDay,
  type Measure,
  type Scenario,
  type TariffMeasure,
} from '../model/index.ts';
import { Simulator } from './loop.ts';
import {
  AG,
  AGREEMENT_STATUS_NAMES,
  APPROVAL_NAMES,
  prepare,
  type PrepareInputs,
  type Prepared,
} from './setup.ts';

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

/** Scripted moves from the ledger's timeline: each event becomes a change of the compact state. */
export function scriptFromLedger(scn: Scenario, p: Prepared): ScriptEvent[] {
  const out: ScriptEvent[] = [];
  const byId = new Map(scn.measures.map((m) => [m.id, m]));
  // per-measure flags the events update: status active, inside effective/expires, has a rate
  const flags = new Map<string, { status: boolean; bounds: boolean; rate: boolean }>();
  const flag = (m: Measure) => {
    let f = flags.get(m.id);
    if (!f) flags.set(m.id, (f = { status: false, bounds: !m.effective, rate: m.kind !== 'tariff' }));
    return f;
  };
  const where = (id: string): { k: 0 | 1; j: number } | null => {
    for (const k of [0, 1] as const) {
      const j = p.directions[k].measure_ids.indexOf(id);
      if (j >= 0) return { k, j };
    }
    return null;
  };
  const whereEx = (id: string): { k: 0 | 1; e: number } | null => {
    for (const k of [0, 1] as const) {
      const e = p.directions[k].exemption_ids.indexOf(id);
      if (e >= 0) return { k, e };
    }
    return null;
  };
  const rateState = new Map<string, { stat: number; susp: number; until: number }>();
  const ctrlFlow = new Map<string, number>();
  const pushActive = (date: string, m: Measure) => {
    const f = flag(m);
    const active = f.status && f.bounds && f.rate;
    const t = where(m.id);
    const ex = whereEx(m.id);
    const c = p.controls.ids.indexOf(m.id);
    const flowNow = ctrlFlow.get(m.id) ?? NaN;
    out.push({
      date,
      what: `${m.id} ${active ? 'in force' : 'not in force'}`,
      apply: (sim) => {
        if (t) sim.setMeasureActive(t.k, t.j, active);
        if (ex) sim.setExemption(ex.k, ex.e, active);
        if (c >= 0) sim.setControl(c, active, flowNow);
      },
    });
  };
  // the timeline lists status changes, rate steps, licensing steps and effective/expiry bounds
  const all = timeline(scn);
  const seen = new Set<string>();
  for (const e of all) {
    const key = `${e.date}|${e.id}|${e.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const m = byId.get(e.id);
    if (m) {
      if (e.kind === 'effective') {
        flag(m).bounds = true;
        pushActive(e.date, m);
      } else if (e.kind === 'expires') {
        flag(m).bounds = false;
        pushActive(e.date, m);
      } else if (e.kind === 'rate' && m.kind === 'tariff') {
        const step = (m as TariffMeasure).rates.find((r) => r.from === e.date);
        if (!step) continue; // a "suspension lapses" event: the loop's clock handles it
        const t = where(m.id);
        if (!t) continue;
        const rs = {
          stat: step.rate_pct,
          susp: step.suspended_pct ?? 0,
          until: step.suspended_until ? toEpochDay(step.suspended_until) : Infinity,
        };
        rateState.set(m.id, rs);
        flag(m).rate = true;
        const f = flag(m);
        const active = f.status && f.bounds && f.rate;
        out.push({
          date: e.date,
          what: `${m.id} rate`,
          apply: (sim) => sim.setMeasure(t.k, t.j, active, rs.stat, rs.susp, rs.until),
        });
      } else if (e.kind === 'licensing') {
        const targets = m.kind === 'export_control' ? [m.id] : m.kind === 'licensing' ? m.applies_to : [];
        const path =
          m.kind === 'export_control'
            ? (m.licensing.path ?? [])
            : m.kind === 'licensing'
              ? (m.path ?? [])
              : [];
        const step = path.find((s) => s.from === e.date);
        if (!step) continue;
        for (const id of targets) {
          const c = p.controls.ids.indexOf(id);
          if (c < 0) continue;
          const flow = step.flow_share ?? NaN;
          ctrlFlow.set(id, flow);
          out.push({
            date: e.date,
            what: `${id} licensing`,
            apply: (sim) => sim.setControl(c, sim.ctrlInForce[c] === 1, flow),
          });
        }
      } else if (e.kind === m.kind) {
        const st = m.status.find((s) => s.date === e.date);
        if (!st) continue;
        flag(m).status = ACTIVE_STATUSES.includes(st.status);
        pushActive(e.date, m);
      }
      continue;
    }
    const a = p.agreements.ids.indexOf(e.id);
    if (a < 0) continue;
    const ag = scn.agreements.find((x) => x.id === e.id)!;
    if (e.kind === 'agreement') {
      const st = ag.status.find((s) => s.date === e.date);
      if (st)
        out.push({
          date: e.date,
          what: `${e.id} ${st.status}`,
          apply: (sim) => sim.setAgreement(a, AG[st.status]),
        });
    } else if (e.kind === 'approval') {
      let q = -1;
      for (const ap of ag.approvals) {
        q = p.agreements.approval_agreement.indexOf(a, q + 1);
        const st = ap.status.find((s) => s.date === e.date);
        if (st && q >= 0) {
          const qq = q;
          out.push({
            date: e.date,
            what: `${e.id} approval by ${ap.by}`,
            apply: (sim) => sim.setApproval(qq, APPROVAL_NAMES.indexOf(st.status)),
          });
        }
      }
    }
  }
  return out;
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
