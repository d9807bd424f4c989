// Which tariff measures, exemptions and stacking rules bear on one importer-exporter pair, and the
// share of a line's value a measure taxes: shared by the one-product stack (stack.ts) and the
// compiled many-line schedule (tariff-schedule.ts), so both read the scenario the same way.
import type { Scenario, TariffExemption, TariffMeasure } from '../model/index.ts';

function relevant<T extends { actor: string; target: string }>(
  items: T[],
  importer: string,
  exporter: string,
): T[] {
  return items.filter((m) => m.actor === importer && (m.target === exporter || m.target === 'ALL'));
}

export function tariffsOf(scn: Scenario, importer: string, exporter: string) {
  const tariffs = relevant(
    scn.measures.filter((m): m is TariffMeasure => m.kind === 'tariff'),
    importer,
    exporter,
  );
  const exemptions = relevant(
    scn.measures.filter((m): m is TariffExemption => m.kind === 'tariff_exemption'),
    importer,
    exporter,
  );
  const exclusions = scn.stacking.exclusions.filter((r) => !r.importer || r.importer === importer);
  return { tariffs, exemptions, exclusions };
}

/**
 * Share of a line's value that a tariff taxes: from its `value_share` list (the longest listed
 * prefix of the code), else 1 (the whole value).
 */
export function valueShareOf(scn: Scenario, m: TariffMeasure, code: string): number {
  if (!m.value_share) return 1;
  const shares = scn.products.lists[m.value_share.list]?.shares ?? {};
  for (let len = code.length; len >= 2; len--) {
    const v = shares[code.slice(0, len)];
    if (v !== undefined) return v;
  }
  return 1;
}
