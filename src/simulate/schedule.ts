// The ledger's dated changes as plain operations on the loop's compact state. The backtest
// replays all of them to check the state against the ledger; a simulation replays the ones
// that were scheduled on its start date: dated after the start but announced on or before it
// (a truce's expiry or extension, a step-up), so a forecast from any origin plays the known
// calendar and no later announcement.
import { agreementState, timeline } from '../ledger/index.ts';
import {
  ACTIVE_STATUSES,
  AGREEMENT_STATUSES,
  toEpochDay,
  type Measure,
  type Scenario,
  type TariffMeasure,
} from '../model/index.ts';

export const APPROVAL_NAMES = ['none', 'pending', 'approved', 'rejected'] as const;

interface OpBase {
  date: string;
  /** When the change became public (the entry's `announced`; its own date when not given). */
  announced: string;
  /** Measure or agreement id and event kind, e.g. "us-ieepa-reciprocal-cn rate". */
  what: string;
}
/** A tariff rate step: statutory rate, suspended points and when the suspension lapses. */
export interface RateOp extends OpBase {
  op: 'rate';
  k: 0 | 1;
  j: number;
  active: boolean;
  stat: number;
  /** The ledger's statutory rate before this step (NaN when this is the measure's first). */
  prev_stat: number;
  susp: number;
  until_day: number;
}
/** A measure, exemption or control comes into force or leaves it. */
export interface ActiveOp extends OpBase {
  op: 'active';
  tariff: { k: 0 | 1; j: number } | null;
  exemption: { k: 0 | 1; e: number } | null;
  control: number;
  active: boolean;
  /** Flow share of a control as the ledger has it then (NaN: none given). */
  flow: number;
}
export interface FlowOp extends OpBase {
  op: 'flow';
  control: number;
  flow: number;
}
export interface AgreementOp extends OpBase {
  op: 'agreement';
  agreement: number;
  /** Status code (0 none, then the scenario's statuses in order). */
  status: number;
  /** Day the agreement's running clock ends after this change, +Infinity when none runs. */
  clock_end_day: number;
}
export interface ApprovalOp extends OpBase {
  op: 'approval';
  /** Index into the flattened approvals. */
  approval: number;
  status: number;
}
export type ScheduleOp = RateOp | ActiveOp | FlowOp | AgreementOp | ApprovalOp;

/** What the ops need of the prepared state (indices of measures, controls, agreements). */
export interface ScheduleIndex {
  directions: readonly { measure_ids: readonly string[]; exemption_ids: readonly string[] }[];
  controls: { ids: readonly string[] };
  agreements: { ids: readonly string[]; approval_agreement: Int32Array };
}

const announcedOf = (x: object, fallback: string): string =>
  (x as { announced?: string }).announced ?? fallback;
const statusCode = (s: string) => AGREEMENT_STATUSES.indexOf(s as (typeof AGREEMENT_STATUSES)[number]) + 1;

/** Every dated change of the ledger as an operation on the compact state, in date order. */
export function scheduleFromLedger(scn: Scenario, p: ScheduleIndex): ScheduleOp[] {
  const out: ScheduleOp[] = [];
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
  const lastStat = new Map<string, number>();
  const ctrlFlow = new Map<string, number>();
  const pushActive = (date: string, announced: string, m: Measure) => {
    const f = flag(m);
    const active = f.status && f.bounds && f.rate;
    out.push({
      op: 'active',
      date,
      announced,
      what: `${m.id} ${active ? 'in force' : 'not in force'}`,
      tariff: where(m.id),
      exemption: whereEx(m.id),
      control: p.controls.ids.indexOf(m.id),
      active,
      flow: ctrlFlow.get(m.id) ?? NaN,
    });
  };
  // the timeline lists status changes, rate steps, licensing steps and effective/expiry bounds
  const seen = new Set<string>();
  for (const e of timeline(scn)) {
    const key = `${e.date}|${e.id}|${e.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const m = byId.get(e.id);
    if (m) {
      if (e.kind === 'effective' || e.kind === 'expires') {
        flag(m).bounds = e.kind === 'effective';
        pushActive(e.date, announcedOf(m, e.date), m);
      } else if (e.kind === 'rate' && m.kind === 'tariff') {
        const step = (m as TariffMeasure).rates.find((r) => r.from === e.date);
        if (!step) continue; // a "suspension lapses" event: the loop's clock handles it
        const t = where(m.id);
        if (!t) continue;
        const f = flag(m);
        f.rate = true;
        out.push({
          op: 'rate',
          date: e.date,
          announced: announcedOf(step, e.date),
          what: `${m.id} rate`,
          k: t.k,
          j: t.j,
          active: f.status && f.bounds && f.rate,
          stat: step.rate_pct,
          prev_stat: lastStat.get(m.id) ?? NaN,
          susp: step.suspended_pct ?? 0,
          until_day: step.suspended_until ? toEpochDay(step.suspended_until) : Infinity,
        });
        lastStat.set(m.id, step.rate_pct);
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
            op: 'flow',
            date: e.date,
            announced: announcedOf(step, e.date),
            what: `${id} licensing`,
            control: c,
            flow,
          });
        }
      } else if (e.kind === m.kind) {
        const st = m.status.find((s) => s.date === e.date);
        if (!st) continue;
        flag(m).status = ACTIVE_STATUSES.includes(st.status);
        pushActive(e.date, announcedOf(st, e.date), m);
      }
      continue;
    }
    const a = p.agreements.ids.indexOf(e.id);
    if (a < 0) continue;
    const ag = scn.agreements.find((x) => x.id === e.id)!;
    if (e.kind === 'agreement') {
      const st = ag.status.find((s) => s.date === e.date);
      if (!st) continue;
      const running = agreementState(scn, ag.id, e.date)
        .clocks.filter((c) => c.running)
        .map((c) => toEpochDay(c.end));
      out.push({
        op: 'agreement',
        date: e.date,
        announced: announcedOf(st, e.date),
        what: `${e.id} ${st.status}`,
        agreement: a,
        status: statusCode(st.status),
        clock_end_day: running.length ? Math.max(...running) : Infinity,
      });
    } else if (e.kind === 'approval') {
      let q = -1;
      for (const ap of ag.approvals) {
        q = p.agreements.approval_agreement.indexOf(a, q + 1);
        const st = ap.status.find((s) => s.date === e.date);
        if (st && q >= 0)
          out.push({
            op: 'approval',
            date: e.date,
            announced: announcedOf(st, e.date),
            what: `${e.id} approval by ${ap.by}`,
            approval: q,
            status: APPROVAL_NAMES.indexOf(st.status),
          });
      }
    }
  }
  return out;
}

/** A scheduled change placed in the simulation: applied at the start of week `week`. */
export interface ScheduledChange {
  week: number;
  op: ScheduleOp;
}

/**
 * The changes a simulation starting on `start` replays: dated after the start, announced on or
 * before it. An op on date X is applied in the first week whose start date is on or after X
 * (the backtest's rule).
 */
export function scheduledAfter(ops: readonly ScheduleOp[], start: string, weeks: number): ScheduledChange[] {
  const s = toEpochDay(start);
  const out: ScheduledChange[] = [];
  for (const op of ops) {
    if (op.date <= start || op.announced > start) continue;
    const week = Math.ceil((toEpochDay(op.date) - s) / 7);
    if (week < weeks) out.push({ week, op });
  }
  return out;
}
