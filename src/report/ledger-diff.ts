// "What does my edit change?" Two scenarios (a ledger before and after a new entry) compared:
// the entries added, removed or changed, and, by date, the trade-weighted averages both ways and
// the tracked products' stacks where they differ. One function for `leverage ledger diff OLD NEW`.
import { tariffStack } from '../ledger/index.ts';
import type { Scenario } from '../model/index.ts';
import { toDay, type ShippedTrade } from '../trade/index.ts';
import { asOfWarnings, checkLedgerDate, ledgerFirstDate } from './dates.ts';
import { fieldError, type FieldLabel } from './query.ts';
import { BOTH_DIRECTIONS, directionSegments, round, segmentOn, type DirectionKey } from './segments.ts';

export interface DiffQuery {
  from?: string;
  to?: string;
}

export interface AverageDiff {
  /** First and last day with this difference. */
  from: string;
  to: string;
  old_pct: number;
  new_pct: number;
  change_pp: number;
}

export interface StackDiff {
  date: string;
  label: string;
  product: string;
  importer: string;
  exporter: string;
  old_total_pct: number;
  new_total_pct: number;
  old_layers: string[];
  new_layers: string[];
}

export interface LedgerDiffReport {
  old: { scenario: string; as_of: string | null };
  new: { scenario: string; as_of: string | null };
  as_of: string | null;
  warnings: string[];
  from: string;
  to: string;
  unit: string;
  entries: {
    added: { collection: string; id: string; title: string }[];
    removed: { collection: string; id: string; title: string }[];
    changed: { collection: string; id: string; title: string; fields: string[] }[];
  };
  /** Per direction, the stretches of days on which the new average differs from the old. */
  averages: { key: DirectionKey; label: string; changes: AverageDiff[] }[];
  /** The tracked products whose stack differs, on the first day of each stretch. */
  stacks: StackDiff[];
}

type Entry = { id: string; title?: string };
const COLLECTIONS = ['measures', 'agreements', 'claims'] as const;

function entryDiff(a: Scenario, b: Scenario): LedgerDiffReport['entries'] {
  const out: LedgerDiffReport['entries'] = { added: [], removed: [], changed: [] };
  for (const c of COLLECTIONS) {
    const old = new Map((a[c] as Entry[]).map((e) => [e.id, e]));
    const neu = new Map((b[c] as Entry[]).map((e) => [e.id, e]));
    for (const [id, e] of neu) {
      const o = old.get(id);
      if (!o) out.added.push({ collection: c, id, title: e.title ?? '' });
      else {
        const keys = [...new Set([...Object.keys(o), ...Object.keys(e)])].sort();
        const fields = keys.filter(
          (k) =>
            JSON.stringify((o as Record<string, unknown>)[k]) !==
            JSON.stringify((e as Record<string, unknown>)[k]),
        );
        if (fields.length) out.changed.push({ collection: c, id, title: e.title ?? '', fields });
      }
    }
    for (const [id, e] of old)
      if (!neu.has(id)) out.removed.push({ collection: c, id, title: e.title ?? '' });
  }
  return out;
}

const DIGITS = 3;

export function ledgerDiffReport(
  a: Scenario,
  b: Scenario,
  data: ShippedTrade,
  q: DiffQuery,
  label: FieldLabel,
): LedgerDiffReport {
  const from = q.from ?? [ledgerFirstDate(a), ledgerFirstDate(b)].sort()[0];
  const to =
    q.to ??
    [a.as_of, b.as_of]
      .filter((x): x is string => !!x)
      .sort()
      .at(-1) ??
    null;
  if (to === null) throw fieldError(label, 'to', 'neither scenario has an as_of; give the last date');
  checkLedgerDate(b, label, 'from', from);
  if (to < from) throw fieldError(label, 'to', `${to} is before ${label('from')} ${from}`);

  const averages = BOTH_DIRECTIONS.map((d) => {
    const ra = directionSegments(a, data, d.importer, d.exporter, from, to).segments;
    const rb = directionSegments(b, data, d.importer, d.exporter, from, to).segments;
    const starts = [...new Set([...ra.map((s) => s.from), ...rb.map((s) => s.from)])].sort();
    const changes: AverageDiff[] = [];
    starts.forEach((s, i) => {
      const end = i + 1 < starts.length ? starts[i + 1] : null;
      const oldPct = round(segmentOn(ra, s).rate.additional_pct, DIGITS);
      const newPct = round(segmentOn(rb, s).rate.additional_pct, DIGITS);
      const last = end ? new Date((toDay(end) - 1) * 86_400_000).toISOString().slice(0, 10) : to;
      const prev = changes.at(-1);
      if (oldPct === newPct) return;
      if (prev && prev.old_pct === oldPct && prev.new_pct === newPct && toDay(prev.to) + 1 === toDay(s))
        prev.to = last;
      else
        changes.push({
          from: s,
          to: last,
          old_pct: oldPct,
          new_pct: newPct,
          change_pp: round(newPct - oldPct, DIGITS),
        });
    });
    return { key: d.key, label: d.label, changes };
  });

  const dates = [...new Set(averages.flatMap((x) => x.changes.map((c) => c.from)))].sort();
  const stacks: StackDiff[] = [];
  for (const date of dates)
    for (const t of b.views.tracked_products ?? []) {
      if (!b.actors[t.importer] || !a.actors[t.importer]) continue;
      const q2 = { importer: t.importer, exporter: t.exporter, product: t.product.replace('.', ''), date };
      const sa = tariffStack(a, q2);
      const sb = tariffStack(b, q2);
      const la = sa.layers.map((l) => `${l.authority} ${l.rate_pct}`);
      const lb = sb.layers.map((l) => `${l.authority} ${l.rate_pct}`);
      if (sa.total_pct === sb.total_pct && JSON.stringify(la) === JSON.stringify(lb)) continue;
      stacks.push({
        date,
        label: t.label,
        product: q2.product,
        importer: t.importer,
        exporter: t.exporter,
        old_total_pct: sa.total_pct,
        new_total_pct: sb.total_pct,
        old_layers: la,
        new_layers: lb,
      });
    }

  return {
    old: { scenario: a.id, as_of: a.as_of ?? null },
    new: { scenario: b.id, as_of: b.as_of ?? null },
    as_of: b.as_of ?? null,
    warnings: asOfWarnings(b, label, { to }),
    from,
    to,
    unit: 'percent ad valorem; averages trade-weighted at fixed 2024 weights, additional duties over MFN',
    entries: entryDiff(a, b),
    averages,
    stacks,
  };
}
