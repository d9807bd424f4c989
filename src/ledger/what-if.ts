// What-if copies of a scenario (a user's "IEEPA reciprocal = 125"): not sourced measures.
import { inputError } from '../errors/index.ts';
import type { Scenario, TariffMeasure } from '../model/index.ts';

/**
 * A copy of the scenario with one tariff layer set to a rate from a date (a what-if such as
 * "IEEPA reciprocal = 125"): existing measures of that authority get a new rate step (no
 * suspension) and stay in force; if there is none, a new economy-wide measure is added.
 */
export function withTariffOverride(
  scn: Scenario,
  o: { importer: string; exporter: string; authority: string; pct: number; from: string },
): Scenario {
  if (!Number.isFinite(o.pct) || o.pct < 0) throw inputError(`rate must be a number >= 0, got ${o.pct}`);
  const note = `what-if: ${o.authority} set to ${o.pct}% from ${o.from}`;
  let touched = false;
  const measures = scn.measures.map((m) => {
    if (m.kind !== 'tariff' || m.authority !== o.authority || m.actor !== o.importer) return m;
    if (m.target !== o.exporter && m.target !== 'ALL') return m;
    touched = true;
    const rates = [...m.rates.filter((r) => r.from < o.from), { from: o.from, rate_pct: o.pct, note }];
    const status = [
      ...m.status.filter((s) => s.date < o.from),
      { date: o.from, status: 'in_force' as const, note },
    ];
    return { ...m, rates, status, expires: undefined };
  });
  if (!touched) {
    measures.push({
      id: `what-if-${o.authority.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      kind: 'tariff',
      actor: o.importer,
      target: o.exporter,
      title: note,
      authority: o.authority,
      scope: { all: true },
      rates: [{ from: o.from, rate_pct: o.pct, note }],
      status: [{ date: o.from, status: 'in_force', note }],
      sources: ['https://github.com/leverage/leverage#what-if'],
      note: 'Modelling assumption entered by the user, not a sourced measure.',
    } as TariffMeasure);
  }
  return { ...scn, measures };
}
