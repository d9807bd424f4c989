// The stock-flow critical-input model, weekly. Everything that does not depend on a run's policy
// path (cohort buffers, route shares, baseline output, IO coefficients, the observed flow path) is
// computed once by prepareBottleneck into typed arrays; BottleneckRun carries the state (stocks,
// shipments in transit, past output of component makers) week to week.
//
// Per user j, cohort f, item group k, week t (shares of the user's normal weekly need):
//   arrivals  a_j(t) = sD_j c_j(t - L_j) + sN_j (1 + g_j(t)) + sum_v s_jv x_v(t - L_j) [c_j(t - L_j) if extraterritorial]
//     c_j(t) = 0 if j's end use is denied, else phi_d(t) + pi_e(t) (1 - phi_d(t))
//     (phi_d: China's export flow share to j's country; pi_e: priority-licence share of the end use)
//     g_j: non-China ramp-up, min(cap, perWeek x weeks since j's China supply was first cut)
//   output    x_jf(t) = min over k of min(1, S_jfk + a_j)          (critical input; Pichler et al. 2022)
//             or CES: [sum_k alpha_k z_k^rho + (1 - sum_k alpha_k)]^(1/rho), rho = (sigma - 1)/sigma
//   stocks    S_jfk(t+1) = min(tau_jf, S_jfk + a_j - min(S_jfk + a_j, x_jf)), S(0) = tau_jf
//             (orders refill the buffer to its target, never beyond it)
//   tau_jf = median_j exp(sigmaLog_j z_f), z_f the (f + 1/2)/F quantiles of N(0, 1) (equal weights).
import { internalError } from '../../errors/index.ts';
import { BottleneckInputError, END_USES, type BottleneckData, type FlowMonth, type User } from './data.ts';

const DAY = 86_400_000;

export type Scale = 'central' | 'low' | 'high';

/** What the IO table says about each user's sector (see ioFacts). */
export interface SectorFacts {
  /** Gross output of the sector, USD a week. */
  outputUsdPerWeek: number;
  /** Value added / gross output. */
  vaRatio: number;
}

export interface IoFacts {
  regions: string[];
  sectors: string[];
  sector(region: string, sector: string): SectorFacts | undefined;
  /** Upstream output lost per USD of the sector's output lost (Leontief, (L - I) column), by region. */
  upstream(region: string, sector: string): Record<string, number>;
  name: string;
}

export interface PrepareOptions {
  /** First week's start, YYYY-MM-DD. */
  start: string;
  weeks: number;
  /** Buffer cohorts per user (quadrature nodes). Default 24. */
  cohorts?: number;
  /** CES elasticity between critical items and the rest; undefined: the critical-input min rule. */
  sigma?: number;
  /** Which end of the data's ranges: buffers, sector shares, content per unit. */
  buffers?: Scale;
  shares?: Scale;
  content?: Scale;
  /** Multiply every buffer median (limits tests: 0 or Infinity). */
  bufferFactor?: number;
  /** Override every transit lag (limits tests). */
  lagWeeks?: number;
  /**
   * Non-China supply ramp-up. ASSUMPTION (no source for the 2025 response): +1 % of normal
   * non-China supply per week after the first cut, capped at +30 % (ranges 0-3 %/week, 0-100 %).
   */
  ramp?: { perWeek: number; cap: number };
  /** Compute the upstream (Leontief) coefficients (default true; the simulation does not use them). */
  upstream?: boolean;
  /** Users to keep (default all, with the component makers they buy from). */
  countries?: string[];
}

export const DEFAULT_RAMP = { perWeek: 0.01, cap: 0.3 } as const;

export interface BottleneckModel {
  start: string;
  weeks: number;
  dates: string[];
  users: User[];
  J: number;
  F: number;
  /** Item groups per user: itemPtr[j]..itemPtr[j+1]. */
  itemPtr: Int32Array;
  groupItems: string[][];
  /** CES value share of each group (NaN under the min rule). */
  alpha: Float64Array;
  sigma?: number;
  destinations: string[];
  destOf: Int32Array;
  endUse: Uint8Array;
  sDirect: Float64Array;
  sNonChina: Float64Array;
  lag: Int32Array;
  maxLag: number;
  viaPtr: Int32Array;
  viaUser: Int32Array;
  viaShare: Float64Array;
  /** Topological order (component makers first). */
  order: Int32Array;
  tau: Float64Array;
  cohortWeight: Float64Array;
  outputUsd: Float64Array;
  vaRatio: Float64Array;
  lines: Float64Array;
  regions: string[];
  /** upstream[j * R + r]: upstream output lost in region r per USD lost by user j. */
  upstream: Float64Array;
  /** Observed flow share, phi[d * (maxLag + W) + maxLag + t] for t = -maxLag..W-1. */
  phi: Float64Array;
  phiBasis: string[][];
  ramp: { perWeek: number; cap: number };
  /** Need per week, kg, by user and item group (central content unless `content` says otherwise). */
  needKg: Float64Array;
  ioName: string;
}

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
function parseDay(s: string, what: string): number {
  const t = Date.parse(`${s}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(t))
    throw new BottleneckInputError(`${what}: expected a date YYYY-MM-DD, got ${JSON.stringify(s)}`);
  return t;
}

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw internalError(`normalQuantile: p = ${p} outside (0, 1)`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** Equal-weight quadrature of a log-normal: median exp(sigma z_f), z_f = Phi^-1((f + 1/2) / F). */
export function lognormalCohorts(median: number, sigmaLog: number, F: number): Float64Array {
  const out = new Float64Array(F);
  for (let f = 0; f < F; f++) out[f] = median * Math.exp(sigmaLog * normalQuantile((f + 0.5) / F));
  return out;
}

const pick = (r: { central: number; low: number; high: number }, s: Scale) =>
  s === 'low' ? r.low : s === 'high' ? r.high : r.central;

/**
 * Monthly flow share by destination -> weekly path: a week takes the share of the month its
 * start falls in; before a destination's first month 1 (no control); a month missing between
 * two given ones, or after the last, carries the previous month's share (stated in the basis).
 */
function weeklyPhi(
  flows: FlowMonth[],
  dest: string,
  t0: number,
  from: number,
  to: number,
): { phi: Float64Array; basis: string[] } {
  const rows = flows.filter((f) => f.destination === dest).sort((a, b) => a.month.localeCompare(b.month));
  const phi = new Float64Array(to - from);
  const basis: string[] = [];
  for (let t = from; t < to; t++) {
    const month = isoDay(t0 + t * 7 * DAY).slice(0, 7);
    let cur: FlowMonth | undefined;
    for (const r of rows) if (r.month <= month) cur = r;
    if (!cur) {
      phi[t - from] = 1;
      basis.push('before the first recorded month: normal flow');
    } else {
      phi[t - from] = cur.share;
      basis.push(
        cur.month === month ? `${cur.basis} ${cur.month}` : `${cur.month} carried forward (assumption)`,
      );
    }
  }
  return { phi, basis };
}

/** Compile the data into the typed arrays the weekly loop runs on. */
export function prepareBottleneck(data: BottleneckData, io: IoFacts, opts: PrepareOptions): BottleneckModel {
  const t0 = parseDay(opts.start, 'start');
  const W = opts.weeks;
  if (!Number.isInteger(W) || W < 1 || W > 520)
    throw new BottleneckInputError(`weeks must be an integer in 1..520, got ${W}`);
  const F = opts.cohorts ?? 24;
  if (!Number.isInteger(F) || F < 1 || F > 400)
    throw new BottleneckInputError(`cohorts must be an integer in 1..400, got ${F}`);
  if (opts.sigma !== undefined && !(opts.sigma > 0))
    throw new BottleneckInputError(`sigma must be > 0 (omit it for the min rule), got ${opts.sigma}`);
  const ramp = opts.ramp ?? DEFAULT_RAMP;
  if (!(ramp.perWeek >= 0 && ramp.cap >= 0))
    throw new BottleneckInputError('ramp perWeek and cap must be >= 0');
  if (opts.bufferFactor !== undefined && !(opts.bufferFactor >= 0))
    throw new BottleneckInputError(`bufferFactor must be >= 0, got ${opts.bufferFactor}`);

  // users kept: the countries asked for, plus the component makers they buy from (transitively)
  let users = data.users;
  if (opts.countries) {
    for (const c of opts.countries)
      if (!data.users.some((u) => u.country === c))
        throw new BottleneckInputError(
          `unknown country ${c}; the users are in ${[...new Set(data.users.map((u) => u.country))].join(', ')}`,
        );
    const keep = new Set(data.users.filter((u) => opts.countries?.includes(u.country)).map((u) => u.user));
    for (let grew = true; grew;) {
      grew = false;
      for (const u of data.users)
        if (keep.has(u.user))
          for (const e of u.embedded)
            if (!keep.has(e.via)) {
              keep.add(e.via);
              grew = true;
            }
    }
    users = data.users.filter((u) => keep.has(u.user));
  }
  const J = users.length;
  const idx = new Map(users.map((u, j) => [u.user, j] as const));

  // topological order: a user after the users it buys components from
  const order: number[] = [];
  const mark = new Uint8Array(J);
  const visit = (j: number, path: string[]) => {
    if (mark[j] === 2) return;
    if (mark[j] === 1)
      throw new BottleneckInputError(
        `embedded routes form a cycle: ${[...path, users[j].user].join(' -> ')}`,
      );
    mark[j] = 1;
    for (const e of users[j].embedded) visit(idx.get(e.via) as number, [...path, users[j].user]);
    mark[j] = 2;
    order.push(j);
  };
  for (let j = 0; j < J; j++) visit(j, []);

  const destinations = [...new Set(users.map((u) => u.country))];
  const destOf = Int32Array.from(users, (u) => destinations.indexOf(u.country));
  const lag = Int32Array.from(users, (u) => opts.lagWeeks ?? u.lagWeeks);
  const maxLag = lag.reduce((m, l) => Math.max(m, l), 0);
  const H = maxLag + W;
  const phi = new Float64Array(destinations.length * H);
  const phiBasis: string[][] = [];
  destinations.forEach((d, di) => {
    const w = weeklyPhi(data.flows, d, t0, -maxLag, W);
    phi.set(w.phi, di * H);
    phiBasis.push(w.basis);
  });

  // items: under the min rule, items sharing a flow series and the user's buffer are dynamically
  // identical (same arrivals, same stocks in weeks of need): one group stands for them
  const itemPtr = new Int32Array(J + 1);
  const groupItems: string[][] = [];
  const alpha: number[] = [];
  const need: number[] = [];
  const contentScale = opts.content ?? 'central';
  users.forEach((u, j) => {
    const rows = data.content.filter((c) => c.user === u.user);
    const groups = new Map<string, string[]>();
    for (const c of rows) {
      const item = data.items.find((x) => x.item === c.item);
      if (!item) throw new BottleneckInputError(`content of ${u.user}: unknown item ${c.item}`);
      if (!data.flows.some((f) => f.destination === u.country) || item.flowSeries !== 'magnets')
        throw new BottleneckInputError(
          `item ${item.item}: flow series ${JSON.stringify(item.flowSeries)} has no destination data (only "magnets" is observed)`,
        );
      const key = opts.sigma === undefined ? item.flowSeries : item.item;
      groups.set(key, [...(groups.get(key) ?? []), c.item]);
    }
    itemPtr[j + 1] = itemPtr[j] + groups.size;
    for (const list of groups.values()) {
      groupItems.push(list);
      let a = 0;
      let kg = 0;
      for (const it of list) {
        const c = rows.find((r) => r.item === it);
        const item = data.items.find((x) => x.item === it);
        if (!c || !item) continue;
        const q = pick(c.kgPerUnit, contentScale);
        kg += q;
        if (opts.sigma !== undefined) {
          if (item.priceUsdPerKg === undefined)
            throw new BottleneckInputError(
              `CES needs the value share of ${it} in ${u.user}: ${it} has no price_usd_per_kg in the items file (use the min rule)`,
            );
          a += (q * item.priceUsdPerKg) / c.unitValueUsd;
        }
      }
      alpha.push(opts.sigma === undefined ? NaN : a);
      need.push(kg); // kg per unit; x units a week below
    }
  });

  const R = io.regions.length;
  const upstream = new Float64Array(J * R);
  const outputUsd = new Float64Array(J);
  const vaRatio = new Float64Array(J);
  const shareScale = opts.shares ?? 'central';
  users.forEach((u, j) => {
    const s = io.sector(u.country, u.sector);
    if (!s)
      throw new BottleneckInputError(
        `user ${u.user}: the IO table (${io.name}) has no ${u.country}/${u.sector}; regions ${io.regions.join(', ')}, sectors ${io.sectors.join(', ')}`,
      );
    outputUsd[j] =
      u.outputUsdPerWeek ??
      s.outputUsdPerWeek * pick(u.sectorShare as NonNullable<User['sectorShare']>, shareScale);
    vaRatio[j] = s.vaRatio;
    if (opts.upstream !== false) {
      const up = io.upstream(u.country, u.sector);
      io.regions.forEach((r, ri) => (upstream[j * R + ri] = up[r] ?? 0));
    }
  });
  const needKg = new Float64Array(need.length);
  users.forEach((u, j) => {
    const c0 = data.content.find((c) => c.user === u.user);
    const unitsPerWeek = c0 ? outputUsd[j] / c0.unitValueUsd : 0;
    for (let g = itemPtr[j]; g < itemPtr[j + 1]; g++) needKg[g] = need[g] * unitsPerWeek;
  });

  const viaPtr = new Int32Array(J + 1);
  const viaUser: number[] = [];
  const viaShare: number[] = [];
  const sDirect = new Float64Array(J);
  const sNonChina = new Float64Array(J);
  users.forEach((u, j) => {
    let emb = 0;
    for (const e of u.embedded) {
      viaUser.push(idx.get(e.via) as number);
      viaShare.push(e.share);
      emb += e.share;
    }
    viaPtr[j + 1] = viaUser.length;
    sDirect[j] = (1 - emb) * u.chinaImportShare;
    sNonChina[j] = (1 - emb) * (1 - u.chinaImportShare);
  });

  const tau = new Float64Array(J * F);
  const bScale = opts.buffers ?? 'central';
  users.forEach((u, j) => {
    const med = pick(u.buffer, bScale) * (opts.bufferFactor ?? 1);
    if (med === Infinity) tau.fill(Infinity, j * F, (j + 1) * F);
    else tau.set(lognormalCohorts(med, u.buffer.sigmaLog, F), j * F);
  });

  return {
    start: opts.start,
    weeks: W,
    dates: Array.from({ length: W }, (_, t) => isoDay(t0 + t * 7 * DAY)),
    users,
    J,
    F,
    itemPtr,
    groupItems,
    alpha: Float64Array.from(alpha),
    ...(opts.sigma !== undefined ? { sigma: opts.sigma } : {}),
    destinations,
    destOf,
    endUse: Uint8Array.from(users, (u) => END_USES.indexOf(u.endUse)),
    sDirect,
    sNonChina,
    lag,
    maxLag,
    viaPtr,
    viaUser: Int32Array.from(viaUser),
    viaShare: Float64Array.from(viaShare),
    order: Int32Array.from(order),
    tau,
    cohortWeight: new Float64Array(F).fill(1 / F),
    outputUsd,
    vaRatio,
    lines: Float64Array.from(users, (u) => u.lines),
    regions: io.regions,
    upstream,
    phi,
    phiBasis,
    ramp,
    needKg,
    ioName: io.name,
  };
}

/** A week's export-control state, as the loop sees it. */
export interface WeekPolicy {
  /** China's export flow share by destination (model.destinations order); NaN = the observed path. */
  phi?: Float64Array;
  /** Priority-licence share by end use (civil, defence): share of the withheld flow let through anyway. */
  priority?: [number, number];
  /** Denied end uses (the 9 Oct 2025 rule: military end users denied in principle). */
  deny?: [boolean, boolean];
  /** The extraterritorial rule: components made abroad with Chinese items need the same licence. */
  extraterritorial?: boolean;
}

/**
 * CES output share over critical items z_k (value shares alpha_k) and the rest (at 1), computed
 * in logs: x = exp(log(sum_k alpha_k z_k^rho + (1 - sum alpha)) / rho). sigma = 1: Cobb-Douglas.
 */
export function cesShare(
  z: ArrayLike<number>,
  alpha: ArrayLike<number>,
  sigma: number,
  from = 0,
  to = z.length,
): number {
  if (Math.abs(sigma - 1) < 1e-9) {
    let l = 0;
    for (let k = from; k < to; k++) l += alpha[k] * Math.log(z[k]);
    return Math.exp(l);
  }
  const rho = (sigma - 1) / sigma;
  // log-sum-exp over terms alpha_k exp(rho log z_k) and the rest (1 - sum alpha) exp(0)
  let rest = 1;
  let mx = 0; // the rest's exponent is 0
  for (let k = from; k < to; k++) {
    rest -= alpha[k];
    const e = rho * Math.log(z[k]);
    if (e > mx) mx = e;
  }
  if (mx === Infinity) return 0; // some z_k = 0 with rho < 0
  let s = rest > 0 ? rest * Math.exp(-mx) : 0;
  for (let k = from; k < to; k++) s += alpha[k] * Math.exp(rho * Math.log(z[k]) - mx);
  return Math.exp((Math.log(s) + mx) / rho);
}

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
    for (let j = 0; j < J; j++) g = Math.max(g, m.itemPtr[j + 1] - m.itemPtr[j]);
    this.groupsMax = g;
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
    // shipments leaving this week
    const phiP = policy.phi;
    for (let j = 0; j < J; j++) {
      const d = m.destOf[j];
      const ph = phiP !== undefined && !Number.isNaN(phiP[d]) ? phiP[d] : m.phi[d * H + maxLag + t];
      ship[j * H + maxLag + t] = this.shipped(j, ph, policy);
    }
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
