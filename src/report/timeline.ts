// "What happened when?" Every dated event of the scenario (status changes, rate steps, licensing,
// agreements, approvals, clocks, claims) and the measures and agreements as dated intervals (the
// dashboard's Gantt rows). One function for the CLI's `timeline`, the API's /timeline and the overview.
import { LeverageError } from '../errors/index.ts';
import { timeline, type TimelineEvent } from '../ledger/index.ts';
import type { Scenario } from '../model/index.ts';
import { fromDay, toDay } from '../trade/index.ts';
import { fieldError, type FieldLabel } from './query.ts';

export interface TimelineQuery {
  /** First date (inclusive); none: from the first event. */
  from?: string;
  /** Last date (inclusive); none: to the last event. */
  to?: string;
  /** Only this measure, agreement or claim. */
  id?: string;
}

export interface TimelineInterval {
  from: string;
  /** Day the next state starts; null: still in this state. */
  to: string | null;
  state: string;
}

export interface TimelineRate {
  from: string;
  rate_pct: number;
  /** Rate less the suspended part, percent. */
  applied_pct: number;
  suspended_until: string | null;
}

export interface TimelineRow {
  id: string;
  kind: string;
  actor: string;
  target: string;
  title: string;
  authority: string | null;
  intervals: TimelineInterval[];
  /** Tariffs: the rate steps. */
  rates: TimelineRate[] | null;
  /** Agreements: their clocks and approvals. */
  clocks: { title: string; start: string; end: string }[] | null;
  approvals: { role: string; by: string; states: TimelineInterval[] }[] | null;
}

export interface TimelineReport {
  scenario: string;
  id: string | null;
  from: string | null;
  to: string | null;
  /** Measures and agreements with a state in the window, as dated intervals. */
  rows: TimelineRow[];
  events: TimelineEvent[];
}

const addDays = (d: string, n: number) => fromDay(toDay(d) + n);

function toIntervals(steps: { date: string; status: string }[]): TimelineInterval[] {
  const s = [...steps].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return s.map((x, i) => ({
    from: x.date,
    to: s[i + 1]?.date ?? null,
    state: x.status,
  }));
}

export function timelineReport(scn: Scenario, q: TimelineQuery, label: FieldLabel): TimelineReport {
  const from = q.from ?? null;
  const to = q.to ?? null;
  if (from && to && to < from) throw fieldError(label, 'to', `${to} is before the first date ${from}`);
  let events: TimelineEvent[];
  try {
    events = timeline(scn, q.id);
  } catch (err) {
    if (err instanceof LeverageError && err.kind === 'not_found')
      throw fieldError(label, 'id', err.message, 'not_found', 'not_found');
    throw err;
  }
  events = events.filter((e) => (!from || e.date >= from) && (!to || e.date <= to));
  const inWindow = (iv: TimelineInterval[]) => {
    if (!iv.length) return false;
    const last = iv[iv.length - 1];
    return (
      !(to && iv[0].from > to) && !(from && last.to !== null && last.to < from && last.state !== 'in_force')
    );
  };
  const rows: TimelineRow[] = [];
  for (const m of scn.measures) {
    if (q.id && m.id !== q.id) continue;
    const intervals = toIntervals(m.status);
    if (!inWindow(intervals)) continue;
    rows.push({
      id: m.id,
      kind: m.kind,
      actor: m.actor,
      target: m.target,
      title: m.title,
      authority: 'authority' in m && typeof m.authority === 'string' ? m.authority : null,
      intervals,
      rates:
        m.kind === 'tariff'
          ? m.rates.map((r) => ({
              from: r.from,
              rate_pct: r.rate_pct,
              applied_pct: r.rate_pct - (r.suspended_pct ?? 0),
              suspended_until: r.suspended_until ?? null,
            }))
          : null,
      clocks: null,
      approvals: null,
    });
  }
  for (const a of scn.agreements) {
    if (q.id && a.id !== q.id) continue;
    rows.push({
      id: a.id,
      kind: 'agreement',
      actor: a.parties?.[0] ?? '',
      target: a.parties?.[1] ?? '',
      title: a.title,
      authority: null,
      intervals: toIntervals(a.status),
      rates: null,
      clocks: a.clocks.map((c) => ({
        title: c.title,
        start: c.start,
        end: addDays(c.start, c.days),
      })),
      approvals: a.approvals.map((ap) => ({
        role: ap.role,
        by: ap.by,
        states: toIntervals(ap.status),
      })),
    });
  }
  return { scenario: scn.id, id: q.id ?? null, from, to, rows, events };
}
