// The bottleneck model's types: options, the compiled model, a week's policy (prepare.ts, run.ts).
//
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
import type { User } from './data.ts';

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
  /** Buffer cohorts per user (quadrature nodes). Default DEFAULT_BUFFER_COHORTS. */
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

/**
 * Buffer cohorts per user, the one default of the exposure table, the API, the dashboard and the
 * simulation (numerics.ts: COHORT_TAIL_POWER says why 16 is enough).
 */
export const DEFAULT_BUFFER_COHORTS = 16;

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
