// The "since then" section of `npm start`: today's averages and layers against London's, and the
// dated moves with the ledger events behind them (report: sinceThenReport).
import type { Scenario } from '../../model/index.ts';
import { queryField, sinceThenReport, type SinceThenReport } from '../../report/index.ts';
import { fmt, table } from '../output.ts';
import { shippedTrade } from '../shipped.ts';

const pp = (x: number) => `${x > 0 ? '+' : ''}${fmt(x)}`;

export function humanSinceThen(r: SinceThenReport): string {
  const out: string[] = [
    `Since then: ${r.then} to ${r.now} (the scenario ${r.scenario}, as of ${r.as_of})`,
    'Trade-weighted averages, additional duties over MFN at fixed 2024 weights, percent (with pre-war MFN in brackets)',
    table(
      ['direction', r.then, r.now, 'change pp'],
      r.directions.map((d) => [
        d.label,
        `${fmt(d.then_pct)} (${fmt(d.then_with_mfn_pct)})`,
        `${fmt(d.now_pct)} (${fmt(d.now_with_mfn_pct)})`,
        pp(d.change_pp),
      ]),
    ),
  ];
  for (const d of r.directions) {
    out.push(
      '',
      `${d.label} on ${r.now}, layer by layer (percentage points of the average; coverage and mean rate where it applies)`,
    );
    out.push(
      table(
        ['authority', `${r.then} pp`, `${r.now} pp`, 'change pp', 'covers', 'rate there %'],
        [
          ...d.layers.map((l) => [
            l.authority,
            l.then_pp,
            l.now_pp,
            pp(l.change_pp),
            `${fmt(l.now_coverage_share * 100, 1)}%`,
            l.now_rate_on_covered_pct,
          ]),
          ['total', d.then_pct, d.now_pct, pp(d.change_pp), '', ''],
        ],
      ),
    );
    out.push(`What moved it (${d.moves.length} dates; the ledger's events of each day):`);
    for (const m of d.moves) {
      const layers = m.layers.map((l) => `${l.authority} ${pp(l.change_pp)}`).join(', ');
      out.push(`  ${m.date}  ${fmt(m.before_pct)} -> ${fmt(m.after_pct)} (${pp(m.change_pp)} pp: ${layers})`);
      // one line per measure: its events of the day joined
      const byId = new Map<string, string[]>();
      for (const e of m.events) byId.set(e.id, [...(byId.get(e.id) ?? []), e.event]);
      for (const [id, evs] of byId) {
        const text = evs.join('; ');
        out.push(`      ${id}: ${text.length > 110 ? text.slice(0, 107) + '...' : text}`);
      }
    }
  }
  return out.join('\n');
}

/** The section for a scenario whose as_of lies after its views.date (London); null otherwise (nothing happened since). */
export function sinceThenSection(scn: Scenario): string | null {
  if (!scn.as_of || !scn.views.date || scn.as_of <= scn.views.date) return null;
  return humanSinceThen(sinceThenReport(scn, shippedTrade(), queryField));
}
