// The stacking rules compiled for many tariff lines at once (the effective-rate series): the same
// totals as tariffStack line by line, without building a stack per line and date.
import { inputError } from '../errors/index.ts';
import { normalizeHs, type Scenario, type TariffMeasure } from '../model/index.ts';
import { productIndex, scopeCoverage, type Coverage, type ProductIndex } from './products.ts';
import { isActiveOn, measureDates, rateOn, uniqueSorted } from './status.ts';
import { tariffsOf, valueShareOf } from './tariff-measures.ts';

/** Per-line, per-authority rates evaluated fast for many lines and dates (effective-rate series). */
export interface TariffSchedule {
  importer: string;
  exporter: string;
  lines: string[];
  authorities: string[];
  /** Sorted dates at which any rate may change; rates are constant between consecutive breakpoints. */
  breakpoints: string[];
  /** Lines that only part of a measure's scope covers (coarse codes), by measure id; they are not counted. */
  partialLines: Record<string, number>;
  ratesAt(date: string): { byAuthority: Float64Array; total: Float64Array };
}

const PARTIAL = 1;
const FULL = 2;
const COVERAGE_CODE: Record<Coverage, number> = { none: 0, partial: PARTIAL, full: FULL };
const coverageByIndex = new WeakMap<ProductIndex, WeakMap<readonly string[], WeakMap<object, Uint8Array>>>();

/**
 * Each scope's coverage of a line set, kept per product index and line array: the vintage views
 * and what-if copies of a scenario share both and their measures' scope objects, so a schedule
 * compiled for another date or view reuses the look-ups (the scope test is most of a compile).
 */
function coverageCache(idx: ProductIndex, lines: readonly string[]): WeakMap<object, Uint8Array> {
  let byLines = coverageByIndex.get(idx);
  if (!byLines) coverageByIndex.set(idx, (byLines = new WeakMap()));
  let byScope = byLines.get(lines);
  if (!byScope) byLines.set(lines, (byScope = new WeakMap()));
  return byScope;
}

/**
 * Compile the stacking rules for a set of tariff lines. Scope membership is resolved once
 * (a bitmap per measure); each `ratesAt` call is then O(lines x measures) with no allocation
 * beyond its two result arrays. Gives the same totals as `tariffStack` line by line.
 */
export function compileTariffSchedule(
  scn: Scenario,
  q: { importer: string; exporter: string; lines: string[] },
): TariffSchedule {
  const idx = productIndex(scn);
  const { tariffs, exemptions, exclusions } = tariffsOf(scn, q.importer, q.exporter);
  const lines = q.lines.map((c) => {
    const n = normalizeHs(c);
    if (n === null) throw inputError(`not an HS code: "${c}"`);
    return n;
  });
  const n = lines.length;
  const authorities = uniqueSorted(tariffs.map((m) => m.authority));
  const A = authorities.length;
  const authIdx = new Map(authorities.map((a, i) => [a, i]));
  const partialLines: Record<string, number> = {};
  // `partialIsMember`: an exemption that covers only some lines under a coarse code still takes the
  // layers it names out of the count (tariffStack moves them to `partial`), so it is a member there.
  const coverages = coverageCache(idx, q.lines);
  const membership = (scope: TariffMeasure['scope'], id: string, partialIsMember = false): Uint8Array => {
    let cov = coverages.get(scope);
    if (!cov) {
      cov = new Uint8Array(n);
      for (let i = 0; i < n; i++) cov[i] = COVERAGE_CODE[scopeCoverage(idx, scope, lines[i])];
      coverages.set(scope, cov);
    }
    const bits = new Uint8Array(n);
    let partial = 0;
    for (let i = 0; i < n; i++) {
      if (cov[i] === FULL) bits[i] = 1;
      else if (cov[i] === PARTIAL) {
        partial++;
        if (partialIsMember) bits[i] = 1;
      }
    }
    if (partial) partialLines[id] = partial;
    return bits;
  };
  const tMember = tariffs.map((m) => membership(m.scope, m.id));
  // Share of each line's value each measure taxes (null: the whole value on every line).
  const tShare = tariffs.map((m) =>
    m.value_share ? Float64Array.from(lines, (c) => valueShareOf(scn, m, c)) : null,
  );
  const tAuth = Int32Array.from(tariffs, (m) => authIdx.get(m.authority)!);
  const eMember = exemptions.map((e) => membership(e.scope, e.id, true));
  const eRemoves = exemptions.map((e) => {
    const mask = new Uint8Array(A);
    for (const a of e.removes) if (authIdx.has(a)) mask[authIdx.get(a)!] = 1;
    return mask;
  });
  const isMax = Uint8Array.from(authorities, (a) => (scn.stacking.combine[a] === 'max' ? 1 : 0));
  const rules = exclusions
    .filter((r) => authIdx.has(r.when))
    .map((r) => ({
      when: authIdx.get(r.when)!,
      removes: r.removes.filter((a) => authIdx.has(a)).map((a) => authIdx.get(a)!),
    }));
  const breakpoints = uniqueSorted([...tariffs, ...exemptions].flatMap(measureDates));

  const rate = new Float64Array(tariffs.length);
  const exemptActive = new Uint8Array(exemptions.length);
  const present = new Uint8Array(A);
  const shareOfAuth = new Float64Array(A);

  function ratesAt(date: string) {
    for (let j = 0; j < tariffs.length; j++) {
      const r = isActiveOn(tariffs[j], date) ? rateOn(tariffs[j], date) : undefined;
      rate[j] = r ? r.applied_pct : -1;
    }
    for (let e = 0; e < exemptions.length; e++) exemptActive[e] = isActiveOn(exemptions[e], date) ? 1 : 0;
    const byAuthority = new Float64Array(n * A);
    const total = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = i * A;
      present.fill(0);
      shareOfAuth.fill(0);
      for (let j = 0; j < tariffs.length; j++) {
        if (rate[j] < 0 || tMember[j][i] === 0) continue;
        const a = tAuth[j];
        let exempt = false;
        for (let e = 0; e < exemptions.length && !exempt; e++)
          exempt = exemptActive[e] === 1 && eMember[e][i] === 1 && eRemoves[e][a] === 1;
        if (exempt) continue;
        const share = tShare[j] ? tShare[j]![i] : 1;
        const r = rate[j] * share;
        if (isMax[a]) {
          // Highest contribution applies; ties keep the first listed measure (as tariffStack).
          if (!present[a] || r > byAuthority[row + a]) {
            byAuthority[row + a] = r;
            shareOfAuth[a] = r > 0 ? share : 0;
          }
        } else {
          byAuthority[row + a] += r;
          if (r > 0) shareOfAuth[a] = Math.max(shareOfAuth[a], share);
        }
        present[a] = 1;
      }
      for (const rule of rules) {
        if (!present[rule.when] || byAuthority[row + rule.when] <= 0) continue;
        // The excluded layers keep the value the trigger does not tax (metal content rule).
        const rest = 1 - shareOfAuth[rule.when];
        for (const a of rule.removes) {
          byAuthority[row + a] *= rest;
          if (rest <= 0) present[a] = 0;
        }
      }
      let t = 0;
      for (let a = 0; a < A; a++) t += byAuthority[row + a];
      total[i] = t;
    }
    return { byAuthority, total };
  }

  return {
    importer: q.importer,
    exporter: q.exporter,
    lines,
    authorities,
    breakpoints,
    partialLines,
    ratesAt,
  };
}
