// Compact tariff state for one direction (importer <- exporter): the ledger's stacking rules
// compiled onto "signatures", the sets of tariff lines that the same measures and exemptions
// cover. Every line of a signature has the same stack for any measure rates, so the trade-
// weighted average per authority is a sum over a few dozen signatures instead of ~11,000
// lines. The rules mirror the ledger's compileTariffSchedule (checked line-for-line against it
// in test/simulate/backtest.test.ts). TariffState (below): one thread's measures in force and
// their applied rates, as the weekly loop changes them.
import { inputError } from '../errors/index.ts';
import { productIndex, scopeCoverage, isActiveOn, rateOn, valueShareOf } from '../ledger/index.ts';
import { normalizeHs, type Scenario, type TariffExemption, type TariffMeasure } from '../model/index.ts';

/** Plain data (structured-cloneable: sent to worker threads). */
export interface TariffDirection {
  importer: string;
  exporter: string;
  /** Tariff measures of this direction, in scenario order. */
  measure_ids: string[];
  /** Authority index of each measure. */
  measure_authority: Int32Array;
  authorities: string[];
  exemption_ids: string[];
  /** exemption x authority mask (row-major), 1 = the exemption removes that authority. */
  exemption_removes: Uint8Array;
  /** Per authority: 1 = measures of this authority combine by max (else add). */
  authority_max: Uint8Array;
  /** Exclusion rules: when authority `when` has a positive layer, the `removes` authorities drop. */
  exclusion_when: Int32Array;
  exclusion_removes: Int32Array[];
  /** Signatures: weight share (sums to the covered share of base trade) and their member lists. */
  sig_weight_share: Float64Array;
  sig_measure_start: Int32Array;
  sig_measures: Int32Array;
  /** Share of the value each signature measure taxes (value_share, e.g. metal content; else 1). */
  sig_measure_share: Float64Array;
  sig_exemption_start: Int32Array;
  sig_exemptions: Int32Array;
  /** Base-year trade (USD a year) the shares are of, and the number of lines. */
  base_usd: number;
  line_count: number;
  /** Lines only partly covered by a measure (coarse codes): not counted, as in the ledger. */
  partial_lines: Record<string, number>;
}

/**
 * Compile a direction from the scenario and base-year weights (lines with USD weights).
 */
export function compileDirection(
  scn: Scenario,
  importer: string,
  exporter: string,
  lines: readonly string[],
  weights_usd: Float64Array,
): TariffDirection {
  const idx = productIndex(scn);
  const rel = <T extends { actor: string; target: string }>(m: T) =>
    m.actor === importer && (m.target === exporter || m.target === 'ALL');
  const tariffs = scn.measures.filter((m): m is TariffMeasure => m.kind === 'tariff' && rel(m));
  const exemptions = scn.measures.filter(
    (m): m is TariffExemption => m.kind === 'tariff_exemption' && rel(m),
  );
  const authorities = [...new Set(tariffs.map((m) => m.authority))].sort();
  const aIdx = new Map(authorities.map((a, i) => [a, i]));
  const A = authorities.length;
  const exemption_removes = new Uint8Array(exemptions.length * A);
  exemptions.forEach((e, k) =>
    e.removes.forEach((a) => aIdx.has(a) && (exemption_removes[k * A + aIdx.get(a)!] = 1)),
  );
  const rules = scn.stacking.exclusions.filter(
    (r) => (!r.importer || r.importer === importer) && aIdx.has(r.when),
  );
  const partial_lines: Record<string, number> = {};
  const groups = new Map<string, { w: number; ms: number[]; sh: number[]; es: number[] }>();
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    const code = normalizeHs(lines[i]);
    if (code === null) throw inputError(`not an HS code: "${lines[i]}"`);
    const w = weights_usd[i];
    total += w;
    const ms: number[] = [];
    const sh: number[] = [];
    const es: number[] = [];
    tariffs.forEach((m, j) => {
      const c = scopeCoverage(idx, m.scope, code);
      if (c === 'full') {
        ms.push(j);
        sh.push(valueShareOf(scn, m, code));
      } else if (c === 'partial') partial_lines[m.id] = (partial_lines[m.id] ?? 0) + 1;
    });
    exemptions.forEach((e, k) => {
      if (scopeCoverage(idx, e.scope, code) === 'full') es.push(k);
    });
    const key = `${ms.map((j, q) => (sh[q] === 1 ? j : `${j}:${sh[q]}`)).join(',')}|${es.join(',')}`;
    const g = groups.get(key);
    if (g) g.w += w;
    else groups.set(key, { w, ms, sh, es });
  }
  const sigs = [...groups.values()];
  const sig_measure_start = new Int32Array(sigs.length + 1);
  const sig_exemption_start = new Int32Array(sigs.length + 1);
  sigs.forEach((s, k) => {
    sig_measure_start[k + 1] = sig_measure_start[k] + s.ms.length;
    sig_exemption_start[k + 1] = sig_exemption_start[k] + s.es.length;
  });
  return {
    importer,
    exporter,
    measure_ids: tariffs.map((m) => m.id),
    measure_authority: Int32Array.from(tariffs, (m) => aIdx.get(m.authority)!),
    authorities,
    exemption_ids: exemptions.map((e) => e.id),
    exemption_removes,
    authority_max: Uint8Array.from(authorities, (a) => (scn.stacking.combine[a] === 'max' ? 1 : 0)),
    exclusion_when: Int32Array.from(rules, (r) => aIdx.get(r.when)!),
    exclusion_removes: rules.map((r) =>
      Int32Array.from(
        r.removes.filter((a) => aIdx.has(a)),
        (a) => aIdx.get(a)!,
      ),
    ),
    sig_weight_share: Float64Array.from(sigs, (s) => (total > 0 ? s.w / total : 0)),
    sig_measure_start,
    sig_measures: Int32Array.from(sigs.flatMap((s) => s.ms)),
    sig_measure_share: Float64Array.from(sigs.flatMap((s) => s.sh)),
    sig_exemption_start,
    sig_exemptions: Int32Array.from(sigs.flatMap((s) => s.es)),
    base_usd: total,
    line_count: lines.length,
    partial_lines,
  };
}

/**
 * Trade-weighted average additional duty per authority (percent of base-year trade value) for
 * applied measure rates `rate` (-1 = not in force) and exemption flags. Writes into
 * `byAuthority` (length A) and `scratch` and `shareScratch` (length A); returns the total. No
 * allocation when `shareScratch` is passed.
 */
export function evaluateDirection(
  d: TariffDirection,
  rate: Float64Array,
  exemptionActive: Uint8Array,
  byAuthority: Float64Array,
  scratch: Float64Array,
  present: Uint8Array,
  shareScratch: Float64Array = new Float64Array(d.authorities.length),
): number {
  const A = d.authorities.length;
  byAuthority.fill(0);
  const S = d.sig_weight_share.length;
  for (let s = 0; s < S; s++) {
    scratch.fill(0);
    present.fill(0);
    shareScratch.fill(0);
    const e0 = d.sig_exemption_start[s];
    const e1 = d.sig_exemption_start[s + 1];
    for (let k = d.sig_measure_start[s]; k < d.sig_measure_start[s + 1]; k++) {
      const j = d.sig_measures[k];
      const r = rate[j];
      if (r < 0) continue;
      const a = d.measure_authority[j];
      let exempt = false;
      for (let q = e0; q < e1 && !exempt; q++) {
        const e = d.sig_exemptions[q];
        exempt = exemptionActive[e] === 1 && d.exemption_removes[e * A + a] === 1;
      }
      if (exempt) continue;
      // As compileTariffSchedule: a layer taxes its share of the value; max keeps the larger
      // contribution and its share, which decides how much value the excluded layers keep.
      const share = d.sig_measure_share[k];
      const v = r * share;
      if (d.authority_max[a]) {
        if (!present[a] || v > scratch[a]) {
          scratch[a] = v;
          shareScratch[a] = v > 0 ? share : 0;
        }
      } else {
        scratch[a] += v;
        if (v > 0) shareScratch[a] = Math.max(shareScratch[a], share);
      }
      present[a] = 1;
    }
    for (let x = 0; x < d.exclusion_when.length; x++) {
      const when = d.exclusion_when[x];
      if (!present[when] || scratch[when] <= 0) continue;
      const rem = d.exclusion_removes[x];
      const rest = 1 - shareScratch[when];
      for (let y = 0; y < rem.length; y++) {
        scratch[rem[y]] *= rest;
        if (rest <= 0) present[rem[y]] = 0;
      }
    }
    const w = d.sig_weight_share[s];
    for (let a = 0; a < A; a++) byAuthority[a] += w * scratch[a];
  }
  let t = 0;
  for (let a = 0; a < A; a++) t += byAuthority[a];
  return t;
}

/** Measure rates of a direction on a date as the ledger gives them (statutory, suspended part, lapse day). */
export function ledgerMeasureState(scn: Scenario, d: TariffDirection, date: string) {
  const n = d.measure_ids.length;
  const out = {
    active: new Uint8Array(n),
    statutory_pct: new Float64Array(n),
    suspended_pct: new Float64Array(n),
    suspended_until: new Array<string | null>(n).fill(null),
    exemption_active: new Uint8Array(d.exemption_ids.length),
  };
  d.measure_ids.forEach((id, j) => {
    const m = scn.measures.find((x) => x.id === id) as TariffMeasure | undefined;
    if (!m) return; // a card's layer (cards.ts) read on the ledger without its cards: not in force
    const r = rateOn(m, date);
    out.active[j] = isActiveOn(m, date) && r ? 1 : 0;
    if (r) {
      out.statutory_pct[j] = r.step.rate_pct;
      out.suspended_pct[j] = r.step.suspended_pct ?? 0;
      out.suspended_until[j] = r.step.suspended_until ?? null;
    }
  });
  d.exemption_ids.forEach((id, k) => {
    out.exemption_active[k] = isActiveOn(
      scn.measures.find((x) => x.id === id)!,
      date,
    )
      ? 1
      : 0;
  });
  return out;
}

/**
 * evaluateDirection with a memo: within and across runs the same few rate vectors recur
 * (a layer at 10, 35, 60 ...), so results are cached by the exact rate vector and exemption
 * flags (open addressing, verified by comparing the stored key; no allocation per call).
 */
export class DirectionEvaluator {
  private readonly d: TariffDirection;
  private readonly nm: number;
  private readonly ne: number;
  private readonly A: number;
  private readonly mask: number;
  private readonly keys: Float64Array;
  private readonly vals: Float64Array;
  private readonly used: Uint8Array;
  private readonly scratch: Float64Array;
  private readonly present: Uint8Array;
  private readonly shareScratch: Float64Array;
  hits = 0;
  misses = 0;

  constructor(d: TariffDirection, capacity = 4096) {
    this.d = d;
    this.nm = d.measure_ids.length;
    this.ne = d.exemption_ids.length;
    this.A = d.authorities.length;
    this.mask = capacity - 1;
    this.keys = new Float64Array(capacity * (this.nm + this.ne));
    this.vals = new Float64Array(capacity * (this.A + 1));
    this.used = new Uint8Array(capacity);
    this.scratch = new Float64Array(this.A);
    this.present = new Uint8Array(this.A);
    this.shareScratch = new Float64Array(this.A);
  }

  evaluate(rate: Float64Array, exemptionActive: Uint8Array, byAuthority: Float64Array): number {
    const nm = this.nm;
    const ne = this.ne;
    const K = nm + ne;
    const A = this.A;
    let h = 0x811c9dc5;
    for (let j = 0; j < nm; j++) h = Math.imul(h ^ ((rate[j] * 1024) | 0), 0x01000193);
    for (let e = 0; e < ne; e++) h = Math.imul(h ^ exemptionActive[e], 0x01000193);
    h ^= h >>> 15;
    let slot = h & this.mask;
    for (let probe = 0; probe < 4; probe++) {
      if (this.used[slot] === 0) break;
      const o = slot * K;
      let same = true;
      for (let j = 0; j < nm; j++)
        if (this.keys[o + j] !== rate[j]) {
          same = false;
          break;
        }
      if (same)
        for (let e = 0; e < ne; e++)
          if (this.keys[o + nm + e] !== exemptionActive[e]) {
            same = false;
            break;
          }
      if (same) {
        const v = slot * (A + 1);
        for (let a = 0; a < A; a++) byAuthority[a] = this.vals[v + a];
        this.hits++;
        return this.vals[v + A];
      }
      slot = (slot + 1) & this.mask;
    }
    if (this.used[slot] === 1) slot = h & this.mask; // probe window full: replace the home slot
    this.misses++;
    const t = evaluateDirection(
      this.d,
      rate,
      exemptionActive,
      byAuthority,
      this.scratch,
      this.present,
      this.shareScratch,
    );
    const o = slot * K;
    for (let j = 0; j < nm; j++) this.keys[o + j] = rate[j];
    for (let e = 0; e < ne; e++) this.keys[o + nm + e] = exemptionActive[e];
    const v = slot * (A + 1);
    for (let a = 0; a < A; a++) this.vals[v + a] = byAuthority[a];
    this.vals[v + A] = t;
    this.used[slot] = 1;
    return t;
  }
}

/** One thread's tariffs in force, per direction (importer k): measures' rates and the exemptions. */
export interface TariffState {
  readonly directions: readonly [TariffDirection, TariffDirection];
  readonly stat: [Float64Array, Float64Array];
  readonly susp: [Float64Array, Float64Array];
  readonly until: [Float64Array, Float64Array];
  readonly active: [Uint8Array, Uint8Array];
  readonly exAct: [Uint8Array, Uint8Array];
  /** Applied rates of the last updateRates (-1: not in force). */
  readonly rate: [Float64Array, Float64Array];
  readonly prevRate: [Float64Array, Float64Array];
  readonly byAuth: [Float64Array, Float64Array];
  readonly evaluators: [DirectionEvaluator, DirectionEvaluator];
  /** Trade-weighted average duty per direction, percent. */
  readonly avg: Float64Array;
  /** avg changed since the trade payoffs were last priced. */
  dirty: boolean;
  /**
   * Per direction, bumped whenever updateRates writes a rate that differs from the one before:
   * while it is unchanged, rate[k] holds the same values (callers key their memos on it).
   */
  readonly rateVersion: Float64Array;
  /**
   * Bumped by every write to stat, susp, until or active (setMeasure, moves.ts, agreements.ts,
   * litigation.ts): with it unchanged, updateRates on a day in [ratesFrom[k], ratesTo[k]) gives
   * the rates it gave last (it only compares the day with the suspensions' ends) and is skipped.
   */
  inputs: number;
  /** inputs at the last updateRates of direction k, the days its rates hold for, and its answer. */
  readonly ratesInputs: Float64Array;
  readonly ratesFrom: Float64Array;
  readonly ratesTo: Float64Array;
  readonly ratesChanged: Uint8Array;
  /** Headline rate per authority (headline()) and the rateVersion it was computed at. */
  readonly heads: [Float64Array, Float64Array];
  readonly headsVersion: Float64Array;
}

export function tariffState(d: readonly [TariffDirection, TariffDirection]): TariffState {
  const f64 = (n: (k: 0 | 1) => number): [Float64Array, Float64Array] => [
    new Float64Array(n(0)),
    new Float64Array(n(1)),
  ];
  const nm = (k: 0 | 1) => d[k].measure_ids.length;
  return {
    directions: d,
    stat: f64(nm),
    susp: f64(nm),
    until: f64(nm),
    active: [new Uint8Array(nm(0)), new Uint8Array(nm(1))],
    exAct: [new Uint8Array(d[0].exemption_ids.length), new Uint8Array(d[1].exemption_ids.length)],
    rate: f64(nm),
    prevRate: f64(nm),
    byAuth: f64((k) => d[k].authorities.length),
    evaluators: [new DirectionEvaluator(d[0]), new DirectionEvaluator(d[1])],
    avg: new Float64Array(2),
    dirty: true,
    rateVersion: new Float64Array(2),
    inputs: 0,
    ratesInputs: new Float64Array(2).fill(-1),
    ratesFrom: new Float64Array(2),
    ratesTo: new Float64Array(2),
    ratesChanged: new Uint8Array(2),
    heads: f64((k) => d[k].authorities.length),
    headsVersion: new Float64Array(2).fill(-1),
  };
}

/** Applied rates on `day`; returns true when any changed since the last evaluation. */
export function updateRates(t: TariffState, k: 0 | 1, day: number): boolean {
  // nothing written since the last call and no suspension ends between its day and this one
  if (t.ratesInputs[k] === t.inputs && day >= t.ratesFrom[k] && day < t.ratesTo[k])
    return t.ratesChanged[k] === 1;
  const rate = t.rate[k];
  const prev = t.prevRate[k];
  const st = t.stat[k];
  const su = t.susp[k];
  const un = t.until[k];
  const ac = t.active[k];
  let changed = false;
  let wrote = false;
  // the days with the same answer to every `day < until`: [latest end <= day, earliest end > day)
  let from = -Infinity;
  let to = Infinity;
  for (let j = 0; j < rate.length; j++) {
    const u = un[j];
    if (day < u) {
      if (u < to) to = u;
    } else if (u > from) from = u;
    const r = ac[j] ? st[j] - (day < u ? su[j] : 0) : -1;
    if (r !== rate[j]) wrote = true;
    rate[j] = r;
    if (r !== prev[j]) changed = true;
  }
  if (wrote) t.rateVersion[k]++;
  t.ratesInputs[k] = t.inputs;
  t.ratesFrom[k] = from;
  t.ratesTo[k] = to;
  t.ratesChanged[k] = changed ? 1 : 0;
  return changed;
}

/** The average duty of direction k on `day` (re-evaluated only when a rate changed). */
export function evaluateTariffs(t: TariffState, k: 0 | 1, day: number): void {
  if (!updateRates(t, k, day)) return;
  t.prevRate[k].set(t.rate[k]);
  t.ratesChanged[k] = 0;
  t.avg[k] = t.evaluators[k].evaluate(t.rate[k], t.exAct[k], t.byAuth[k]);
  t.dirty = true;
}

/** Headline rate of an authority in a direction: the highest applied rate among its measures in force; -1 if none. */
export function headline(t: TariffState, k: 0 | 1, a: number): number {
  // every authority's headline in one pass over the measures, kept while rate[k] is unchanged
  const hs = t.heads[k];
  if (t.headsVersion[k] !== t.rateVersion[k]) {
    const d = t.directions[k];
    const rate = t.rate[k];
    hs.fill(-1);
    for (let j = 0; j < d.measure_ids.length; j++) {
      const x = d.measure_authority[j];
      if (rate[j] >= 0 && rate[j] > hs[x]) hs[x] = rate[j];
    }
    t.headsVersion[k] = t.rateVersion[k];
  }
  return a >= 0 && a < hs.length ? hs[a] : -1;
}

/** A measure set from outside (the ledger's changes, the backtest's script). */
export function setMeasure(
  t: TariffState,
  k: 0 | 1,
  j: number,
  active: boolean,
  statutory: number,
  suspended: number,
  untilDay: number,
): void {
  t.active[k][j] = active ? 1 : 0;
  t.stat[k][j] = statutory;
  t.susp[k][j] = suspended;
  t.until[k][j] = untilDay;
  t.inputs++;
}
