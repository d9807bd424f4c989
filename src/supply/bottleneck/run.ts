// The bottleneck model's weekly stock-flow step: one run's stocks, shipments and output, week by week.
import { internalError } from '../../errors/index.ts';
import type { BottleneckModel, WeekPolicy } from './model.ts';
import { cesShare } from './numerics.ts';

export interface RunSnapshot {
  week: number;
  S: Float64Array;
  ship: Float64Array;
  rampWeeks: Float64Array;
  x: Float64Array;
  dryWeek: Int32Array;
  full: Uint8Array;
}

export type RunMark = Pick<RunSnapshot, 'week' | 'S' | 'rampWeeks' | 'dryWeek' | 'full'>;

/** The state of one path through the weeks. */
export class BottleneckRun {
  readonly t0 = 0;
  /** Output share by user and week: x[t * J + j]. */
  readonly x: Float64Array;
  /** Arrivals (share of need) by user and week. */
  readonly arrivals: Float64Array;
  /** Mean stock over cohorts, weeks of need (first item group), by user and week. */
  readonly stockWeeks: Float64Array;
  /** First week each cohort produced below normal (-1: never). */
  readonly dryWeek: Int32Array;
  week = 0;
  private readonly S: Float64Array;
  private readonly ship: Float64Array;
  private readonly rampWeeks: Float64Array;
  /** 1 when every cohort of the user is at its buffer target (fast path). */
  private readonly full: Uint8Array;
  private readonly meanTau: Float64Array;
  private readonly z: Float64Array;
  private readonly groupsMax: number;
  /** Every user has one item group (step's fast cohort loop). */
  private readonly simple: boolean;
  /** 0 + w_0 + w_1 + ... + w_{F-1}, in this order (a user's output share when no cohort is short). */
  private readonly weightSum: number = 0;
  /** false: arrivals, stockWeeks and dryWeek are not kept (see the constructor). */
  private readonly diagnostics: boolean;

  /**
   * `diagnostics: false` for a caller that reads only the weekly loss (the simulation's seam):
   * the per-week arrivals, mean stocks and dry weeks are then not computed (they stay 0 / -1).
   * The loss, the output shares x and the stocks are the same either way.
   */
  constructor(
    readonly m: BottleneckModel,
    opts: { diagnostics?: boolean } = {},
  ) {
    this.diagnostics = opts.diagnostics ?? true;
    const { J, F, weeks: W } = m;
    this.x = new Float64Array(W * J);
    this.arrivals = new Float64Array(W * J);
    this.stockWeeks = new Float64Array(W * J);
    this.dryWeek = new Int32Array(J * F).fill(-1);
    let g = 0;
    let one = true;
    for (let j = 0; j < J; j++) {
      g = Math.max(g, m.itemPtr[j + 1] - m.itemPtr[j]);
      if (m.itemPtr[j + 1] - m.itemPtr[j] !== 1) one = false;
    }
    this.groupsMax = g;
    this.simple = one;
    for (let f = 0; f < F; f++) this.weightSum += m.cohortWeight[f];
    this.S = new Float64Array(J * F * g);
    this.z = new Float64Array(g);
    this.ship = new Float64Array(J * (m.maxLag + W));
    this.rampWeeks = new Float64Array(J);
    this.full = new Uint8Array(J);
    this.meanTau = new Float64Array(J);
    for (let j = 0; j < J; j++)
      for (let f = 0; f < F; f++) this.meanTau[j] += m.cohortWeight[f] * m.tau[j * F + f];
    this.reset();
  }

  /** Back to week 0: stocks at their buffers, pre-start shipments from the observed path. */
  reset(): void {
    const m = this.m;
    const { J, F } = m;
    const G = this.groupsMax;
    for (let j = 0; j < J; j++)
      for (let f = 0; f < F; f++) this.S.fill(m.tau[j * F + f], (j * F + f) * G, (j * F + f + 1) * G);
    this.dryWeek.fill(-1);
    this.rampWeeks.fill(0);
    this.full.fill(1);
    const H = m.maxLag + m.weeks;
    for (let j = 0; j < J; j++)
      for (let t = 0; t < m.maxLag; t++)
        this.ship[j * H + t] = this.shipped(j, m.phi[m.destOf[j] * H + t], undefined);
    this.week = 0;
  }

  private shipped(j: number, phi: number, p: WeekPolicy | undefined): number {
    const e = this.m.endUse[j];
    if (p?.deny?.[e]) return 0;
    const pi = p?.priority?.[e] ?? 0;
    return phi + pi * (1 - phi);
  }

  /**
   * Advance one week under `policy` (shipments leave this week; they arrive after the lag).
   * Returns gross output lost this week over all users, USD.
   */
  step(policy: WeekPolicy = {}): number {
    const m = this.m;
    const J = m.J;
    const F = m.F;
    const t = this.week;
    if (t >= m.weeks) throw internalError(`bottleneck run: week ${t} is past the horizon (${m.weeks} weeks)`);
    const maxLag = m.maxLag;
    const H = maxLag + m.weeks;
    const G = this.groupsMax;
    const w = m.cohortWeight;
    const ces = m.sigma !== undefined;
    // locals: the hot loop reads typed arrays only
    const S = this.S;
    const tau = m.tau;
    const ship = this.ship;
    const xs = this.x;
    const rampWeeks = this.rampWeeks;
    const fullA = this.full;
    const dry = this.dryWeek;
    const order = m.order;
    const lag = m.lag;
    const sDirect = m.sDirect;
    const sNonChina = m.sNonChina;
    const viaPtr = m.viaPtr;
    const viaUser = m.viaUser;
    const viaShare = m.viaShare;
    const itemPtr = m.itemPtr;
    const outputUsd = m.outputUsd;
    const rampCap = m.ramp.cap;
    const rampPerWeek = m.ramp.perWeek;
    const extraterritorial = policy.extraterritorial === true;
    const diagnostics = this.diagnostics;
    // shipments leaving this week (as shipped(), with the policy's end-use fields read once)
    const phiP = policy.phi;
    const deny = policy.deny;
    const deny0 = deny?.[0] === true;
    const deny1 = deny?.[1] === true;
    const pri = policy.priority;
    const pri0 = pri?.[0] ?? 0;
    const pri1 = pri?.[1] ?? 0;
    const destOf = m.destOf;
    const endUse = m.endUse;
    const phiM = m.phi;
    for (let j = 0; j < J; j++) {
      const d = destOf[j];
      const ph = phiP !== undefined && !Number.isNaN(phiP[d]) ? phiP[d] : phiM[d * H + maxLag + t];
      const e = endUse[j];
      ship[j * H + maxLag + t] = (e === 0 ? deny0 : e === 1 ? deny1 : deny?.[e] === true)
        ? 0
        : ph + (e === 0 ? pri0 : e === 1 ? pri1 : (pri?.[e] ?? 0)) * (1 - ph);
    }
    // one item group per user under the min rule and no diagnostics (the simulation's seam): the
    // cohort loop below without the per-cohort branches (same operations, same results)
    const simple = this.simple && !ces && !diagnostics;
    let lost = 0;
    for (let oi = 0; oi < J; oi++) {
      const j = order[oi];
      const L = lag[j];
      const cn = ship[j * H + maxLag + t - L];
      if (cn < 1 || rampWeeks[j] > 0) rampWeeks[j] += 1;
      const ramp = rampPerWeek * rampWeeks[j];
      let a = sDirect[j] * cn + sNonChina[j] * (1 + (ramp < rampCap ? ramp : rampCap));
      for (let p = viaPtr[j]; p < viaPtr[j + 1]; p++) {
        const xv = t - L >= 0 ? xs[(t - L) * J + viaUser[p]] : 1;
        a += viaShare[p] * xv * (extraterritorial ? cn : 1);
      }
      const g0 = itemPtr[j];
      const ng = itemPtr[j + 1] - g0;
      let xj = 0;
      let stock = 0;
      if (fullA[j] === 1 && a >= 1) {
        // every cohort at its buffer target and arrivals cover need: nothing changes
        xj = 1;
        stock = this.meanTau[j];
      } else if (simple) {
        let full = 1;
        const jF = j * F;
        // one group: S[(jF + f) * G] with G = 1
        if (a >= 1) {
          // S >= 0, so S + a >= 1: every cohort produces in full (x_f = 1, so x_j is the sum
          // of the weights, added in the same order once in the constructor)
          for (let f = 0; f < F; f++) {
            const cap = tau[jF + f];
            const left = S[jF + f] + a - 1;
            const next = left < cap ? left : cap;
            S[jF + f] = next;
            if (next !== cap) full = 0;
          }
          xj = this.weightSum;
        } else
          for (let f = 0; f < F; f++) {
            const base = jF + f;
            const cap = tau[jF + f];
            const avail = S[base] + a;
            const xf = avail < 1 ? avail : 1;
            const left = avail - xf;
            const next = left < cap ? left : cap;
            S[base] = next;
            if (next !== cap) full = 0;
            xj += w[f] * xf;
          }
        fullA[j] = full;
      } else {
        let full = 1;
        const jF = j * F;
        for (let f = 0; f < F; f++) {
          const base = (jF + f) * G;
          const cap = tau[jF + f];
          let xf = 1;
          if (ng === 1 && !ces) {
            // one item group under the min rule (the common case): x = min(1, S + a)
            const avail = S[base] + a;
            xf = avail < 1 ? avail : 1;
            const left = avail - xf;
            const next = left < cap ? left : cap;
            S[base] = next;
            if (next !== cap) full = 0;
          } else {
            for (let k = 0; k < ng; k++) {
              const zk = S[base + k] + a < 1 ? S[base + k] + a : 1;
              this.z[k] = zk;
              if (zk < xf) xf = zk;
            }
            if (ces) xf = cesShare(this.z, m.alpha.subarray(g0, g0 + ng), m.sigma as number, 0, ng);
            for (let k = 0; k < ng; k++) {
              const avail = S[base + k] + a;
              const left = avail - (avail < xf ? avail : xf);
              S[base + k] = left < cap ? left : cap;
              if (S[base + k] !== cap) full = 0;
            }
          }
          xj += w[f] * xf;
          if (diagnostics) {
            if (xf < 1 - 1e-12 && dry[jF + f] < 0) dry[jF + f] = t;
            stock += w[f] * S[base];
          }
        }
        fullA[j] = full;
      }
      xs[t * J + j] = xj;
      if (diagnostics) {
        this.arrivals[t * J + j] = a;
        this.stockWeeks[t * J + j] = stock;
      }
      lost += outputUsd[j] * (1 - xj);
    }
    this.week++;
    return lost;
  }

  /** A copy of the state (to restart many runs from the same week, e.g. after a shared history). */
  /**
   * The state that carries into later weeks (stocks, ramp-up, dry weeks, fast-path flags, week),
   * into `into` when given (reused: no allocation). Enough to rewind after trying weeks ahead:
   * a step writes week t's shipments and output (ship[t], x[t]) before anything reads them, so
   * the rows a look-ahead wrote are rewritten by the real steps. Not enough for reading
   * x / arrivals / stockWeeks of the weeks tried (use snapshot).
   */
  mark(into?: RunMark): RunMark {
    if (!into)
      return {
        week: this.week,
        S: this.S.slice(),
        rampWeeks: this.rampWeeks.slice(),
        dryWeek: this.dryWeek.slice(),
        full: this.full.slice(),
      };
    into.week = this.week;
    into.S.set(this.S);
    into.rampWeeks.set(this.rampWeeks);
    if (this.diagnostics) into.dryWeek.set(this.dryWeek);
    into.full.set(this.full);
    return into;
  }

  rewind(m: RunMark): void {
    this.week = m.week;
    this.S.set(m.S);
    this.rampWeeks.set(m.rampWeeks);
    if (this.diagnostics) this.dryWeek.set(m.dryWeek);
    this.full.set(m.full);
  }

  snapshot(): RunSnapshot {
    return {
      week: this.week,
      S: this.S.slice(),
      ship: this.ship.slice(),
      rampWeeks: this.rampWeeks.slice(),
      x: this.x.slice(),
      dryWeek: this.dryWeek.slice(),
      full: this.full.slice(),
    };
  }

  restore(s: RunSnapshot): void {
    this.week = s.week;
    this.S.set(s.S);
    this.ship.set(s.ship);
    this.rampWeeks.set(s.rampWeeks);
    this.x.set(s.x);
    this.dryWeek.set(s.dryWeek);
    this.full.set(s.full);
  }

  /** Run to the horizon under one policy per week (or the observed path). */
  runAll(policyAt: (t: number) => WeekPolicy = () => ({})): this {
    while (this.week < this.m.weeks) this.step(policyAt(this.week));
    return this;
  }
}
