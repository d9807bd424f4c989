import { LeverageError, inputError } from '../errors/index.ts';
import {
  addDays,
  daysBetween,
  type Agreement,
  type ExportControl,
  type LicensingRegime,
  type LicensingStep,
  type Measure,
  type Scenario,
} from '../model/index.ts';
import { isActiveOn, lastOnOrBefore, rateOn, statusOn } from './status.ts';

export interface MeasureState {
  id: string;
  kind: Measure['kind'];
  actor: string;
  target: string;
  authority: string;
  title: string;
  status: string;
  /** Date of the status in force. */
  since: string;
  /** Tariffs: the applied rate and its parts, percent. */
  rate_pct?: number;
  statutory_pct?: number;
  suspended_pct?: number;
  sources: string[];
}

export interface MeasureFilter {
  actor?: string;
  target?: string;
  kind?: string;
}

function matches(m: Measure, f: MeasureFilter | undefined): boolean {
  if (!f) return true;
  if (f.actor && m.actor !== f.actor) return false;
  if (f.target && m.target !== f.target && m.target !== 'ALL') return false;
  if (f.kind && m.kind !== f.kind) return false;
  return true;
}

/** Measures in force (active status) on a date, with their applied rates for tariffs. */
export function measuresInForce(scn: Scenario, date: string, filter?: MeasureFilter): MeasureState[] {
  const out: MeasureState[] = [];
  for (const m of scn.measures) {
    if (!matches(m, filter) || !isActiveOn(m, date)) continue;
    const st = statusOn(m, date)!;
    const s: MeasureState = {
      id: m.id,
      kind: m.kind,
      actor: m.actor,
      target: m.target,
      authority: m.authority,
      title: m.title,
      status: st.status,
      since: st.date,
      sources: m.sources,
    };
    if (m.kind === 'tariff') {
      const r = rateOn(m, date);
      if (r)
        Object.assign(s, {
          rate_pct: r.applied_pct,
          statutory_pct: r.statutory_pct,
          suspended_pct: r.suspended_pct,
        });
    }
    out.push(s);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export interface ExportControlState {
  measure_id: string;
  title: string;
  actor: string;
  target: string;
  authority: string;
  items: string[];
  products: { hs?: string[]; lists?: string[]; groups?: string[] };
  in_force: boolean;
  status: string | null;
  licence_required: boolean;
  /** Share of normal exports that gets through, 0..1, when known. */
  flow_share?: number;
  approval_share?: number;
  processing_days?: number;
  basis?: string;
  assumption?: boolean;
  /** Date of the licensing step in force and the measure that set it (the control or a regime). */
  licensing_since?: string;
  licensing_set_by?: string;
  sources: string[];
}

/** The licensing state of an export control on a date: its own path merged with licensing regimes in force. */
export function exportControlState(scn: Scenario, measureId: string, date: string): ExportControlState {
  const m = scn.measures.find((x) => x.id === measureId);
  if (!m || m.kind !== 'export_control')
    throw new LeverageError('not_found', 'not_found', `no export control "${measureId}"`);
  return controlState(scn, m, date);
}

function controlState(scn: Scenario, m: ExportControl, date: string): ExportControlState {
  const st = statusOn(m, date);
  const inForce = isActiveOn(m, date);
  const steps: { step: LicensingStep; by: string }[] = (m.licensing.path ?? []).map((step) => ({
    step,
    by: m.id,
  }));
  for (const reg of scn.measures) {
    if (reg.kind !== 'licensing' || !reg.applies_to.includes(m.id)) continue;
    if (!isActiveOn(reg as LicensingRegime, date)) continue;
    for (const step of reg.path ?? []) steps.push({ step, by: reg.id });
  }
  steps.sort((a, b) => (a.step.from < b.step.from ? -1 : a.step.from > b.step.from ? 1 : 0));
  const cur = inForce ? lastOnOrBefore(steps, date, (s) => s.step.from) : undefined;
  const s = cur?.step;
  return {
    measure_id: m.id,
    title: m.title,
    actor: m.actor,
    target: m.target,
    authority: m.authority,
    items: m.items,
    products: m.products ?? {},
    in_force: inForce,
    status: st?.status ?? null,
    licence_required: inForce && m.licensing.required,
    ...(s?.flow_share !== undefined ? { flow_share: s.flow_share } : {}),
    ...(s?.approval_share !== undefined ? { approval_share: s.approval_share } : {}),
    ...(s?.processing_days !== undefined ? { processing_days: s.processing_days } : {}),
    ...(s?.basis ? { basis: s.basis } : {}),
    ...(s?.assumption ? { assumption: true } : {}),
    ...(cur ? { licensing_since: s!.from, licensing_set_by: cur.by } : {}),
    sources: [...new Set([...(s?.sources ?? []), ...m.sources])],
  };
}

/** Export controls and their licensing state on a date (in force or not, so a caller sees lifted ones too). */
export function exportControlsInForce(
  scn: Scenario,
  date: string,
  filter?: { actor?: string; target?: string },
): ExportControlState[] {
  return scn.measures
    .filter((m): m is ExportControl => m.kind === 'export_control' && matches(m, filter))
    .map((m) => controlState(scn, m, date))
    .filter((s) => s.in_force);
}

// ---------------------------------------------------------------------------------------------

export interface AgreementState {
  id: string;
  title: string;
  status: string | null;
  since: string | null;
  approvals: { by: string; role: string; status: string | null; since: string | null }[];
  /** All required approvals given on this date. */
  approved: boolean;
  clocks: {
    id: string;
    title: string;
    start: string;
    end: string;
    running: boolean;
    days_left: number | null;
  }[];
}

/** Status, approvals and clocks of an agreement on a date. */
export function agreementState(scn: Scenario, agreementId: string, date: string): AgreementState {
  const a = scn.agreements.find((x) => x.id === agreementId);
  if (!a) throw new LeverageError('not_found', 'not_found', `no agreement "${agreementId}"`);
  return stateOf(a, date);
}

function stateOf(a: Agreement, date: string): AgreementState {
  const st = lastOnOrBefore(a.status, date, (s) => s.date);
  const approvals = a.approvals.map((ap) => {
    const s = lastOnOrBefore(ap.status, date, (x) => x.date);
    return { by: ap.by, role: ap.role, status: s?.status ?? null, since: s?.date ?? null };
  });
  const clocks = a.clocks.map((c) => {
    // A clock of N days starting on day S runs through S + N - 1 and has ended on S + N.
    const end = addDays(c.start, c.days);
    const running = date >= c.start && date < end;
    return {
      id: c.id,
      title: c.title,
      start: c.start,
      end,
      running,
      days_left: running ? daysBetween(date, end) : date < c.start ? null : 0,
    };
  });
  return {
    id: a.id,
    title: a.title,
    status: st?.status ?? null,
    since: st?.date ?? null,
    approvals,
    approved: approvals.length > 0 && approvals.every((x) => x.status === 'approved'),
    clocks,
  };
}

export function agreementsOn(scn: Scenario, date: string): AgreementState[] {
  return scn.agreements.map((a) => stateOf(a, date)).filter((s) => s.status !== null);
}

// ---------------------------------------------------------------------------------------------

export interface TimelineEvent {
  date: string;
  id: string;
  kind: string;
  /** Title of the measure, agreement or claim the event belongs to. */
  title: string;
  event: string;
  sources: string[];
}

function licensingText(p: LicensingStep): string {
  const parts: string[] = [];
  if (p.flow_share !== undefined)
    parts.push(`${Math.round(p.flow_share * 100)}% of normal exports get through`);
  if (p.approval_share !== undefined)
    parts.push(`${Math.round(p.approval_share * 100)}% of applications approved`);
  if (p.processing_days !== undefined) parts.push(`processing ${p.processing_days} days`);
  return `licensing: ${parts.join(', ') || 'state changes'}${p.basis ? ` (${p.basis})` : ''}${p.assumption ? ' [assumption]' : ''}`;
}

/** Every dated event of the scenario (or of one measure or agreement), in date order. */
export function timeline(scn: Scenario, id?: string): TimelineEvent[] {
  const ev: TimelineEvent[] = [];
  /** Adds events of one entry: its id and title, and its sources unless a step has its own. */
  const of =
    (entry: { id: string; title: string; sources: string[] }) =>
    (date: string, kind: string, event: string, sources?: string[]) =>
      ev.push({ date, id: entry.id, kind, title: entry.title, event, sources: sources ?? entry.sources });
  const withNote = (what: string, note?: string) => `${what}${note ? ` (${note})` : ''}`;

  for (const m of scn.measures) {
    if (id && m.id !== id) continue;
    const add = of(m);
    for (const s of m.status) add(s.date, m.kind, withNote(s.status.replace(/_/g, ' '), s.note), s.sources);
    if (m.effective) add(m.effective, 'effective', 'takes effect');
    if (m.expires) add(m.expires, 'expires', 'expires');
    if (m.kind === 'tariff') {
      for (const r of m.rates) {
        const susp = r.suspended_pct
          ? `, ${r.suspended_pct} points suspended${r.suspended_until ? ` until ${r.suspended_until}` : ''} (${r.rate_pct - r.suspended_pct}% applied)`
          : '';
        add(
          r.from,
          'rate',
          `${m.authority} rate ${r.rate_pct}%${susp}${r.note ? ` - ${r.note}` : ''}`,
          r.sources,
        );
        if (r.suspended_until)
          add(
            r.suspended_until,
            'rate',
            `${m.authority}: suspension of ${r.suspended_pct} points lapses unless extended`,
            r.sources,
          );
      }
    }
    const lic =
      m.kind === 'export_control' ? (m.licensing.path ?? []) : m.kind === 'licensing' ? (m.path ?? []) : [];
    for (const p of lic) add(p.from, 'licensing', licensingText(p), p.sources);
  }
  for (const a of scn.agreements) {
    if (id && a.id !== id) continue;
    const add = of(a);
    for (const s of a.status)
      add(s.date, 'agreement', withNote(s.status.replace(/_/g, ' '), s.note), s.sources);
    for (const ap of a.approvals)
      for (const s of ap.status)
        add(s.date, 'approval', withNote(`${ap.role}: ${s.status}`, s.note), s.sources);
    for (const c of a.clocks) {
      add(c.start, 'clock', `${c.title}: ${c.days}-day clock starts`, c.sources);
      add(addDays(c.start, c.days), 'clock', `${c.title}: ${c.days}-day clock runs out`, c.sources);
    }
  }
  for (const c of scn.claims) {
    if (id && c.id !== id) continue;
    of({ id: c.id, title: `${c.by}, ${c.date}`, sources: c.sources })(
      c.date,
      'claim',
      `${c.by}: "${c.quote}"`,
    );
  }
  if (id && ev.length === 0)
    throw new LeverageError('not_found', 'not_found', `no measure, agreement or claim "${id}"`);
  return ev.sort((x, y) =>
    x.date < y.date ? -1 : x.date > y.date ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0,
  );
}

/** What changed after `from` up to and including `to`. */
export function changesBetween(scn: Scenario, from: string, to: string): TimelineEvent[] {
  if (to < from) throw inputError(`the end date ${to} is before the start date ${from}`);
  return timeline(scn).filter((e) => e.date > from && e.date <= to);
}
