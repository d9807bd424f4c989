// The ledger read into the compact state: measure states, average duties, the warm-up weeks.
import { agreementState, exportControlState } from '../ledger/index.ts';
import { toEpochDay, fromEpochDay, type Scenario } from '../model/index.ts';
import { evaluateDirection, ledgerMeasureState, type TariffDirection } from './tariffs.ts';
import type { MeasureInit, Prepared, Warmup } from './prepared.ts';

export function measureInit(scn: Scenario, d: TariffDirection, date: string): MeasureInit {
  const s = ledgerMeasureState(scn, d, date);
  return {
    active: s.active,
    statutory_pct: s.statutory_pct,
    suspended_pct: s.suspended_pct,
    suspended_until_day: Float64Array.from(s.suspended_until, (u) => (u ? toEpochDay(u) : Infinity)),
    exemption_active: s.exemption_active,
  };
}

/** Applied rates of a direction on a day from its measure state (-1 = not in force). */
export function appliedRates(m: MeasureInit, day: number, out: Float64Array): Float64Array {
  for (let j = 0; j < out.length; j++)
    out[j] = m.active[j]
      ? m.statutory_pct[j] - (day < m.suspended_until_day[j] ? m.suspended_pct[j] : 0)
      : -1;
  return out;
}

/** Average additional duty of a direction on a ledger date, percent of base trade. */
export function ledgerAverage(scn: Scenario, d: TariffDirection, date: string): number {
  return stateAverage(d, measureInit(scn, d, date), date);
}

/** Average additional duty of a direction in a measure state on a date, percent of base trade. */
function stateAverage(d: TariffDirection, m: MeasureInit, date: string): number {
  const A = d.authorities.length;
  return evaluateDirection(
    d,
    appliedRates(m, toEpochDay(date), new Float64Array(d.measure_ids.length)),
    m.exemption_active,
    new Float64Array(A),
    new Float64Array(A),
    new Uint8Array(A),
  );
}

/**
 * The ledger's weeks from `from` to the start, and each side's posture in them, read from the
 * state at each week's END (the day before the next week starts) against the end of the week
 * before: D in a week when, on balance, it raised its duties on the other side, put an export
 * control in force or cut a licence flow; C when it lowered, lifted or loosened, or when an
 * agreement between the sides moved forward (talks, agreed, signed, implemented, extended);
 * otherwise as the week before (first week: C). Only duties aimed at the other side count:
 * an MFN-wide layer (target ALL, such as the Section 232 steel raise of 2025-06-04) is priced
 * but is not a move against the other side. Pain is priced at the week's end state too.
 */
export function warmupFrom(
  scn: Scenario,
  from: string,
  startDay: number,
  dirs: [TariffDirection, TariffDirection],
  controls: Prepared['controls'],
  agreementIds: string[],
  side: (id: string) => number,
): Warmup {
  const WU = Math.floor((startDay - toEpochDay(from)) / 7);
  const dates = Array.from({ length: WU }, (_, i) => fromEpochDay(startDay - 7 * (WU - i)));
  const nc = controls.ids.length;
  const target = new Map(scn.measures.map((m) => [m.id, m.target]));
  const directed = dirs.map((d) => ({
    measures: d.measure_ids.map((id) => target.get(id) !== 'ALL'),
    exemptions: d.exemption_ids.map((id) => target.get(id) !== 'ALL'),
  }));
  // the average with every MFN-wide measure held at its state on the day before the warm-up
  const refDate = fromEpochDay(startDay - 7 * WU - 1);
  const ref = dirs.map((d) => measureInit(scn, d, refDate));
  const directedAverage = (k: number, date: string) => {
    const d = dirs[k];
    const m = measureInit(scn, d, date);
    const r = ref[k];
    directed[k].measures.forEach((own, j) => {
      if (own) return;
      m.active[j] = r.active[j];
      m.statutory_pct[j] = r.statutory_pct[j];
      m.suspended_pct[j] = r.suspended_pct[j];
      m.suspended_until_day[j] = r.suspended_until_day[j];
    });
    directed[k].exemptions.forEach((own, e) => {
      if (!own) m.exemption_active[e] = r.exemption_active[e];
    });
    return stateAverage(d, m, date);
  };
  const state = (date: string) => {
    const avg = [ledgerAverage(scn, dirs[0], date), ledgerAverage(scn, dirs[1], date)];
    const aimed = [directedAverage(0, date), directedAverage(1, date)];
    const inForce = new Uint8Array(nc);
    const flow = new Float64Array(nc).fill(1);
    controls.ids.forEach((id, c) => {
      const st = exportControlState(scn, id, date);
      inForce[c] = st.in_force ? 1 : 0;
      if (st.flow_share !== undefined) flow[c] = st.flow_share;
    });
    const ag = agreementIds.map((id) => agreementState(scn, id, date));
    return { avg, aimed, inForce, flow, ag };
  };
  const w: Warmup = {
    from,
    dates,
    avg_pct: [new Float64Array(WU), new Float64Array(WU)],
    aimed_pct: [new Float64Array(WU), new Float64Array(WU)],
    ctrl_in_force: new Uint8Array(WU * nc),
    ctrl_flow: new Float64Array(WU * nc),
    posture: [new Uint8Array(WU), new Uint8Array(WU)],
  };
  let prev = state(refDate);
  const last = [0, 0];
  const forward = ['talks', 'agreed_in_principle', 'signed', 'implemented', 'extended'];
  for (let i = 0; i < WU; i++) {
    const cur = state(fromEpochDay(toEpochDay(dates[i]) + 6)); // the week's end
    w.avg_pct[0][i] = cur.avg[0];
    w.avg_pct[1][i] = cur.avg[1];
    w.aimed_pct[0][i] = cur.aimed[0];
    w.aimed_pct[1][i] = cur.aimed[1];
    w.ctrl_in_force.set(cur.inForce, i * nc);
    w.ctrl_flow.set(cur.flow, i * nc);
    const score = [0, 0]; // > 0: escalated on balance
    for (let s = 0; s < 2; s++) {
      const d = cur.aimed[s] - prev.aimed[s];
      if (d > 1e-9) score[s]++;
      if (d < -1e-9) score[s]--;
    }
    for (let c = 0; c < nc; c++) {
      const o = controls.owner[c];
      if (o < 0) continue;
      if (cur.inForce[c] > prev.inForce[c] || (cur.inForce[c] && cur.flow[c] < prev.flow[c] - 1e-12))
        score[o]++;
      if (cur.inForce[c] < prev.inForce[c] || (cur.inForce[c] && cur.flow[c] > prev.flow[c] + 1e-12))
        score[o]--;
    }
    cur.ag.forEach((a, k) => {
      const moved = a.status !== prev.ag[k].status && a.status !== null && forward.includes(a.status);
      const approved = a.approvals.some(
        (ap, q) => ap.status === 'approved' && prev.ag[k].approvals[q]?.status !== 'approved',
      );
      if (moved) {
        score[0]--;
        score[1]--;
      }
      a.approvals.forEach((ap, q) => {
        const s = side(ap.by);
        if (approved && s >= 0 && ap.status === 'approved' && prev.ag[k].approvals[q]?.status !== 'approved')
          score[s]--;
      });
    });
    for (let s = 0; s < 2; s++) {
      if (score[s] > 0) last[s] = 1;
      else if (score[s] < 0) last[s] = 0;
      w.posture[s][i] = last[s];
    }
    prev = cur;
  }
  return w;
}
