import { LeverageError, inputError } from '../errors/index.ts';
import { normalizeHs, type Scenario, type TariffExemption, type TariffMeasure } from '../model/index.ts';
import { linesUnder, productIndex, scopeCoverage, type Coverage } from './products.ts';
import { isActiveOn, measureDates, rateOn, statusOn, uniqueSorted, rateStepNote } from './status.ts';

export interface StackQuery {
  importer: string;
  exporter: string;
  /** HS code at any depth; dots allowed. */
  product: string;
  date: string;
}

/** One layer of duty on a product: which authority, which measure, how much, on what source. */
export interface StackLayer {
  authority: string;
  measure_id: string;
  title: string;
  /** Applied (collected) rate, percent ad valorem. */
  rate_pct: number;
  statutory_pct: number;
  suspended_pct: number;
  /** The rate step in force (its `from` date). */
  since: string;
  /**
   * Share of the line's value this layer taxes, when not all of it: Section 232 on metal content
   * (rate_pct = statutory rate x share), or a layer that applies only to the value outside it.
   */
  value_share?: number;
  sources: string[];
  note?: string;
}

export interface RemovedLayer {
  authority: string;
  measure_id: string;
  title: string;
  rate_pct?: number;
  reason: string;
}

export interface TariffStack {
  importer: string;
  exporter: string;
  product: string;
  date: string;
  layers: StackLayer[];
  /** Layers that touch the product but do not count on this date, with the reason. */
  removed: RemovedLayer[];
  /** Layers that apply to only some of the tariff lines under a coarse product code. */
  partial: StackLayer[];
  total_pct: number;
}

function relevant<T extends { actor: string; target: string }>(
  items: T[],
  importer: string,
  exporter: string,
): T[] {
  return items.filter((m) => m.actor === importer && (m.target === exporter || m.target === 'ALL'));
}

function tariffsOf(scn: Scenario, importer: string, exporter: string) {
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

function layerSources(m: TariffMeasure, stepSources: string[] | undefined): string[] {
  return [...new Set([...(stepSources ?? []), ...m.sources])];
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

const pctText = (share: number) => `${+(share * 100).toFixed(1)}%`;

/**
 * The tariff stack on one product from one partner on one date, layer by layer.
 *
 * Rules, all read from the scenario: a measure counts only while its status is active (not
 * announced, suspended, superseded, rolled back or expired) and only its applied rate counts
 * (statutory minus any suspended part); an exemption in force removes the layers of the
 * authorities it names; a stacking exclusion removes layers when another authority's layer is
 * present (Section 232 goods are outside the IEEPA reciprocal layer); measures of one authority
 * combine by that authority's rule (Section 301 lists: the highest applies); layers of different
 * authorities add.
 */
export function tariffStack(scn: Scenario, q: StackQuery): TariffStack {
  const code = normalizeHs(q.product);
  if (code === null) throw inputError(`not an HS code: "${q.product}"`);
  const idx = productIndex(scn);
  const { tariffs, exemptions, exclusions } = tariffsOf(scn, q.importer, q.exporter);
  const layers: StackLayer[] = [];
  const removed: RemovedLayer[] = [];
  const partial: StackLayer[] = [];

  for (const m of tariffs) {
    const cov = scopeCoverage(idx, m.scope, code);
    if (cov === 'none') continue;
    const base = { authority: m.authority, measure_id: m.id, title: m.title };
    const st = statusOn(m, q.date);
    if (!isActiveOn(m, q.date)) {
      if (m.effective && q.date < m.effective && st)
        removed.push({ ...base, reason: `not in force yet: effective from ${m.effective}` });
      else if (st)
        removed.push({ ...base, reason: `not in force: ${st.status.replace(/_/g, ' ')} since ${st.date}` });
      continue;
    }
    const r = rateOn(m, q.date);
    if (!r) {
      removed.push({ ...base, reason: 'no rate in force yet' });
      continue;
    }
    const share = valueShareOf(scn, m, code);
    if (share === 0) {
      // No part of the value pays (an end-use rule read as an assumption): the layer does not apply.
      const vs = m.value_share!;
      removed.push({
        ...base,
        reason: `does not apply: no part of the value pays (${vs.list}${vs.note ? `: ${vs.note}` : ''})`,
      });
      continue;
    }
    const notes = [
      r.suspended_pct > 0
        ? `${r.statutory_pct}% statutory, ${r.suspended_pct} points suspended`
        : rateStepNote(scn, r),
      share < 1
        ? `${r.applied_pct}% on ${pctText(share)} of the value (${m.value_share!.list}${m.value_share!.note ? `: ${m.value_share!.note}` : ''})`
        : undefined,
    ].filter(Boolean);
    const layer: StackLayer = {
      ...base,
      rate_pct: r.applied_pct * share,
      statutory_pct: r.statutory_pct,
      suspended_pct: r.suspended_pct,
      since: r.step.from,
      sources: layerSources(m, r.step.sources),
      ...(share < 1 ? { value_share: share } : {}),
      ...(notes.length ? { note: notes.join('; ') } : {}),
    };
    (cov === 'partial' ? partial : layers).push(layer);
  }

  // Exemptions in force remove named layers from the products they cover.
  for (const e of exemptions) {
    if (!isActiveOn(e, q.date)) continue;
    const cov = scopeCoverage(idx, e.scope, code);
    if (cov === 'none') continue;
    for (let i = layers.length - 1; i >= 0; i--) {
      const l = layers[i];
      if (!e.removes.includes(l.authority)) continue;
      if (cov === 'full') {
        removed.push({
          authority: l.authority,
          measure_id: l.measure_id,
          title: l.title,
          rate_pct: l.rate_pct,
          reason: `exempt under ${e.id} (${e.title})`,
        });
        layers.splice(i, 1);
      } else {
        l.note = [l.note, `some lines under ${code} are exempt under ${e.id}`].filter(Boolean).join('; ');
        partial.push(l);
        layers.splice(i, 1);
      }
    }
  }

  // Combine first: the layer that survives within an authority is the one that excludes others.
  combineWithinAuthority(scn, layers, removed);
  applyExclusions(layers, removed, exclusions);
  const total_pct = layers.reduce((s, l) => s + l.rate_pct, 0);
  return {
    importer: q.importer,
    exporter: q.exporter,
    product: code,
    date: q.date,
    layers,
    removed,
    partial,
    total_pct,
  };
}

function applyExclusions(
  layers: StackLayer[],
  removed: RemovedLayer[],
  exclusions: Scenario['stacking']['exclusions'],
) {
  for (const rule of exclusions) {
    const triggers = layers.filter((l) => l.authority === rule.when && l.rate_pct > 0);
    if (!triggers.length) continue;
    const trigger = triggers.reduce((a, b) => ((b.value_share ?? 1) > (a.value_share ?? 1) ? b : a));
    // A trigger on part of the value (metal content) leaves the rest to the excluded layers.
    const rest = 1 - (trigger.value_share ?? 1);
    for (let i = layers.length - 1; i >= 0; i--) {
      const l = layers[i];
      if (!rule.removes.includes(l.authority)) continue;
      if (rest > 0) {
        l.rate_pct *= rest;
        l.value_share = rest * (l.value_share ?? 1);
        l.note = [l.note, `on the ${pctText(rest)} of the value outside ${rule.when} (${trigger.measure_id})`]
          .filter(Boolean)
          .join('; ');
        continue;
      }
      removed.push({
        authority: l.authority,
        measure_id: l.measure_id,
        title: l.title,
        rate_pct: l.rate_pct,
        reason: `goods under ${rule.when} (${trigger.measure_id}) are outside ${l.authority}${rule.note ? `: ${rule.note}` : ''}`,
      });
      layers.splice(i, 1);
    }
  }
}

function combineWithinAuthority(scn: Scenario, layers: StackLayer[], removed: RemovedLayer[]) {
  for (const [authority, rule] of Object.entries(scn.stacking.combine)) {
    if (rule !== 'max') continue;
    const same = layers.filter((l) => l.authority === authority);
    if (same.length < 2) continue;
    // Highest applies; ties keep the first listed measure.
    const keep = same.reduce((a, b) => (b.rate_pct > a.rate_pct ? b : a));
    for (const l of same) {
      if (l === keep) continue;
      removed.push({
        authority,
        measure_id: l.measure_id,
        title: l.title,
        rate_pct: l.rate_pct,
        reason: `overlaps ${keep.measure_id} (${keep.rate_pct}%); under ${authority} the highest rate applies`,
      });
      layers.splice(layers.indexOf(l), 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------

export interface ProductStackGroup {
  total_pct: number;
  layers: StackLayer[];
  removed: RemovedLayer[];
  /** Number of tariff lines with this stack, and a sample of them. */
  line_count: number;
  lines: string[];
}

export interface ProductStacks {
  importer: string;
  exporter: string;
  date: string;
  product?: string;
  group?: string;
  line_count: number;
  /** Lines grouped by identical stacks, most lines first. */
  stacks: ProductStackGroup[];
  min_total_pct: number;
  max_total_pct: number;
}

const SAMPLE_LINES = 12;

/**
 * Stacks for a coarse product code or a named product group: the code is expanded into the
 * known tariff lines under it and lines with the same layers are grouped, so "4202.21" answers
 * for every handbag line at once and a mixed heading shows each of its distinct stacks.
 */
export function productStacks(
  scn: Scenario,
  q: { importer: string; exporter: string; date: string; product?: string; group?: string },
): ProductStacks {
  const idx = productIndex(scn);
  let prefixes: string[];
  if (q.group) {
    const g = idx.groups.get(q.group);
    if (!g) throw new LeverageError('not_found', 'not_found', `unknown product group "${q.group}"`);
    prefixes = g;
  } else {
    const code = normalizeHs(q.product ?? '');
    if (code === null) throw inputError(`not an HS code: "${q.product}"`);
    prefixes = [code];
  }
  const lines = uniqueSorted(prefixes.flatMap((p) => linesUnder(idx, q.importer, p)));
  const bySignature = new Map<string, ProductStackGroup>();
  for (const line of lines) {
    const s = tariffStack(scn, { importer: q.importer, exporter: q.exporter, product: line, date: q.date });
    const sig = s.layers.map((l) => `${l.measure_id}=${l.rate_pct}`).join('|');
    let g = bySignature.get(sig);
    if (!g)
      bySignature.set(
        sig,
        (g = { total_pct: s.total_pct, layers: s.layers, removed: s.removed, line_count: 0, lines: [] }),
      );
    g.line_count++;
    if (g.lines.length < SAMPLE_LINES) g.lines.push(line);
  }
  const stacks = [...bySignature.values()].sort(
    (a, b) => b.line_count - a.line_count || b.total_pct - a.total_pct,
  );
  const totals = stacks.map((s) => s.total_pct);
  return {
    importer: q.importer,
    exporter: q.exporter,
    date: q.date,
    ...(q.product ? { product: normalizeHs(q.product)! } : {}),
    ...(q.group ? { group: q.group } : {}),
    line_count: lines.length,
    stacks,
    min_total_pct: Math.min(...totals),
    max_total_pct: Math.max(...totals),
  };
}

// ---------------------------------------------------------------------------------------------

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
  const membership = (scope: TariffMeasure['scope'], id: string, partialIsMember = false): Uint8Array => {
    const bits = new Uint8Array(n);
    let partial = 0;
    for (let i = 0; i < n; i++) {
      const c: Coverage = scopeCoverage(idx, scope, lines[i]);
      if (c === 'full') bits[i] = 1;
      else if (c === 'partial') {
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

// ---------------------------------------------------------------------------------------------

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
