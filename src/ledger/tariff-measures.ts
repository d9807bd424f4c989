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
  const shares = scn.products.lists[m.value_share.list]?.shares;
  if (!shares) return 1;
  for (const len of shareLengths(shares)) {
    if (len > code.length || len < 2) continue;
    const v = shares[code.slice(0, len)];
    if (v !== undefined) return v;
  }
  return 1;
}

const lengthsOf = new WeakMap<Record<string, number>, number[]>();

/** The code lengths a share list uses, longest first (one look-up per length, not per prefix). */
function shareLengths(shares: Record<string, number>): number[] {
  let l = lengthsOf.get(shares);
  if (!l) {
    l = [...new Set(Object.keys(shares).map((k) => k.length))].sort((a, b) => b - a);
    lengthsOf.set(shares, l);
  }
  return l;
}
