// The bottleneck exposure view: one function that runs the model over the observed 2025 path (or
// a counterfactual) and returns plain, JSON-ready rows. The CLI, the API and the dashboard only
// format what this returns.
import type { BottleneckData } from './data.ts';
import { BottleneckInputError } from './data.ts';
import type { BottleneckModel, IoFacts, PrepareOptions, WeekPolicy } from './model.ts';
import { prepareBottleneck } from './prepare.ts';
import { BottleneckRun } from './run.ts';

/** A change of export-control state from a date on (a move: tighten, loosen, suspend, the 9 Oct rule). */
export interface ControlStep {
  from: string;
  /** Multiply China's observed flow shares (0 = stop, 1 = as observed). */
  flowFactor?: number;
  /** Set China's flow share to every destination (overrides the observed path and flowFactor). */
  flowShare?: number;
  /** Priority-licence shares (civil, defence). */
  priority?: [number, number];
  /** Denied end uses (civil, defence). */
  deny?: [boolean, boolean];
  extraterritorial?: boolean;
  note?: string;
}

export interface ExposureOptions extends Omit<PrepareOptions, 'buffers' | 'shares' | 'content'> {
  /** China's flows and licence shares stay at their level of this date from then on. */
  holdFlowsFrom?: string;
  controls?: ControlStep[];
  /** Skip the low/high band runs. */
  noBands?: boolean;
}

export interface CountryWeek {
  date: string;
  country: string;
  /** Gross output lost this week by the modelled users of the country, USD. */
  output_lost_usd: number;
  value_added_lost_usd: number;
  /** Output lost upstream in this country's suppliers (Leontief), from every country's users, USD. */
  upstream_lost_usd: number;
  band_low_usd: number;
  band_high_usd: number;
}

export interface UserWeek {
  date: string;
  user: string;
  country: string;
  output_share: number;
  output_lost_usd: number;
  arrivals_share: number;
  stock_weeks: number;
  /** Line-weeks lost: lines x (1 - output share). */
  line_weeks_lost: number;
}

export interface UserSummary {
  user: string;
  label: string;
  country: string;
  end_use: string;
  sector: string;
  output_usd_per_week: number;
  output_basis: string;
  lines: number;
  buffer_median_weeks: number;
  need_kg_per_week: number;
  /** First week a cohort ran dry, by cohort (lowest buffer first); null: never. */
  cohort_dry_dates: (string | null)[];
  /** First week a cohort ran dry (the lowest covers the lowest (1/F)^p of plants); null: never. */
  first_dry_date: string | null;
  /** Share of the user's plants (cohorts weighted by their quantile bins) that ran dry within the weeks. */
  dry_share: number;
  cumulative_lost_usd: number;
  line_weeks_lost: number;
}

export interface CountrySummary {
  country: string;
  baseline_output_usd_per_week: number;
  cumulative_lost_usd: number;
  peak_lost_usd: number;
  peak_date: string | null;
  /** First week the loss reaches 1 % of the modelled users' baseline output (definition of the cliff). */
  cliff_date: string | null;
}

export interface BottleneckExposure {
  model: 'bottleneck';
  start: string;
  weeks: number;
  rule: string;
  io_table: string;
  counterfactual: string | null;
  units: Record<string, string>;
  assumptions: string[];
  countries: CountrySummary[];
  users: UserSummary[];
  /** One row per week and country. */
  weekly: CountryWeek[];
  /** One row per week and user. */
  by_user: UserWeek[];
}

const dayOf = (s: string) => Date.parse(`${s}T00:00:00Z`);

/** The policy of each week: the observed path, a hold from a date, and control steps. */
export function policyPath(
  m: BottleneckModel,
  opts: Pick<ExposureOptions, 'holdFlowsFrom' | 'controls'>,
): WeekPolicy[] {
  const H = m.maxLag + m.weeks;
  const D = m.destinations.length;
  let hold = -1;
  if (opts.holdFlowsFrom !== undefined) {
    const h = dayOf(opts.holdFlowsFrom);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.holdFlowsFrom) || Number.isNaN(h))
      throw new BottleneckInputError(
        `hold-flows-from: expected YYYY-MM-DD, got ${JSON.stringify(opts.holdFlowsFrom)}`,
      );
    // the first week starting on or after the date (its month's flow share is the date's level)
    hold = Math.max(0, Math.ceil((h - dayOf(m.start)) / (7 * 86_400_000)));
  }
  const steps = (opts.controls ?? []).map((s, i) => {
    const t = dayOf(s.from);
    if (Number.isNaN(t))
      throw new BottleneckInputError(
        `controls[${i}].from: expected YYYY-MM-DD, got ${JSON.stringify(s.from)}`,
      );
    for (const v of [s.flowFactor, s.flowShare, ...(s.priority ?? [])])
      if (v !== undefined && !(v >= 0 && (v <= 1 || v === s.flowFactor)))
        throw new BottleneckInputError(`controls[${i}] (${s.from}): shares must be in [0, 1], got ${v}`);
    return { ...s, t };
  });
  steps.sort((a, b) => a.t - b.t);
  const out: WeekPolicy[] = [];
  for (let t = 0; t < m.weeks; t++) {
    const day = dayOf(m.dates[t]);
    const phi = new Float64Array(D);
    const src = hold >= 0 && t >= hold ? hold : t;
    for (let d = 0; d < D; d++) phi[d] = m.phi[d * H + m.maxLag + src];
    const p: WeekPolicy = { phi };
    for (const s of steps) {
      if (s.t > day) break;
      if (s.flowShare !== undefined) phi.fill(s.flowShare);
      else if (s.flowFactor !== undefined)
        for (let d = 0; d < D; d++) phi[d] = Math.min(1, phi[d] * s.flowFactor);
      if (s.priority) p.priority = s.priority;
      if (s.deny) p.deny = s.deny;
      if (s.extraterritorial !== undefined) p.extraterritorial = s.extraterritorial;
    }
    out.push(p);
  }
  return out;
}

function runOnce(m: BottleneckModel, path: WeekPolicy[]): BottleneckRun {
  return new BottleneckRun(m).runAll((t) => path[t]);
}

/** Loss by week and country (USD) of a finished run. */
function countryLoss(m: BottleneckModel, run: BottleneckRun, countries: string[]): Float64Array {
  const out = new Float64Array(m.weeks * countries.length);
  for (let t = 0; t < m.weeks; t++)
    for (let j = 0; j < m.J; j++)
      out[t * countries.length + countries.indexOf(m.users[j].country)] +=
        m.outputUsd[j] * (1 - run.x[t * m.J + j]);
  return out;
}

const r2 = (v: number) => Math.round(v * 100) / 100;
const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

export function bottleneckExposure(
  data: BottleneckData,
  io: IoFacts,
  opts: ExposureOptions,
): BottleneckExposure {
  const m = prepareBottleneck(data, io, opts);
  const path = policyPath(m, opts);
  const run = runOnce(m, path);
  const countries = [...new Set(m.users.map((u) => u.country))];
  const C = countries.length;
  const central = countryLoss(m, run, countries);
  let low = central;
  let high = central;
  if (!opts.noBands) {
    const mLow = prepareBottleneck(data, io, { ...opts, buffers: 'high', shares: 'low', content: 'low' });
    const mHigh = prepareBottleneck(data, io, { ...opts, buffers: 'low', shares: 'high', content: 'high' });
    low = countryLoss(mLow, runOnce(mLow, path), countries);
    high = countryLoss(mHigh, runOnce(mHigh, path), countries);
  }
  const R = m.regions.length;
  const weekly: CountryWeek[] = [];
  const byUser: UserWeek[] = [];
  for (let t = 0; t < m.weeks; t++) {
    const va = new Float64Array(C);
    const up = new Float64Array(C);
    for (let j = 0; j < m.J; j++) {
      const u = m.users[j];
      const lostJ = m.outputUsd[j] * (1 - run.x[t * m.J + j]);
      va[countries.indexOf(u.country)] += lostJ * m.vaRatio[j];
      for (let r = 0; r < R; r++) {
        const c = countries.indexOf(m.regions[r]);
        if (c >= 0) up[c] += lostJ * m.upstream[j * R + r];
      }
      byUser.push({
        date: m.dates[t],
        user: u.user,
        country: u.country,
        output_share: r4(run.x[t * m.J + j]),
        output_lost_usd: r2(lostJ),
        arrivals_share: r4(run.arrivals[t * m.J + j]),
        stock_weeks: r4(run.stockWeeks[t * m.J + j]),
        line_weeks_lost: r4(m.lines[j] * (1 - run.x[t * m.J + j])),
      });
    }
    countries.forEach((c, ci) =>
      weekly.push({
        date: m.dates[t],
        country: c,
        output_lost_usd: r2(central[t * C + ci]),
        value_added_lost_usd: r2(va[ci]),
        upstream_lost_usd: r2(up[ci]),
        band_low_usd: r2(Math.min(low[t * C + ci], high[t * C + ci])),
        band_high_usd: r2(Math.max(low[t * C + ci], high[t * C + ci])),
      }),
    );
  }
  const users: UserSummary[] = m.users.map((u, j) => {
    const dry: (string | null)[] = [];
    let dryShare = 0;
    for (let f = 0; f < m.F; f++) {
      const w = run.dryWeek[j * m.F + f];
      dry.push(w >= 0 ? m.dates[w] : null);
      if (w >= 0) dryShare += m.cohortWeight[f];
    }
    let cum = 0;
    let lw = 0;
    for (let t = 0; t < m.weeks; t++) {
      cum += m.outputUsd[j] * (1 - run.x[t * m.J + j]);
      lw += m.lines[j] * (1 - run.x[t * m.J + j]);
    }
    let need = 0;
    for (let g = m.itemPtr[j]; g < m.itemPtr[j + 1]; g++) need += m.needKg[g];
    const firstDry = dry.filter((d): d is string => d !== null).sort()[0] ?? null;
    return {
      user: u.user,
      label: u.label,
      country: u.country,
      end_use: u.endUse,
      sector: u.sector,
      output_usd_per_week: r2(m.outputUsd[j]),
      output_basis: u.outputBasis,
      lines: u.lines,
      buffer_median_weeks: u.buffer.central * (opts.bufferFactor ?? 1),
      need_kg_per_week: r2(need),
      cohort_dry_dates: dry,
      first_dry_date: firstDry,
      dry_share: r4(dryShare),
      cumulative_lost_usd: r2(cum),
      line_weeks_lost: r4(lw),
    };
  });
  const summaries: CountrySummary[] = countries.map((c, ci) => {
    let base = 0;
    m.users.forEach((u, j) => {
      if (u.country === c) base += m.outputUsd[j];
    });
    let cum = 0;
    let peak = 0;
    let peakT = -1;
    let cliff = -1;
    for (let t = 0; t < m.weeks; t++) {
      const l = central[t * C + ci];
      cum += l;
      if (l > peak) {
        peak = l;
        peakT = t;
      }
      if (cliff < 0 && l >= 0.01 * base) cliff = t;
    }
    return {
      country: c,
      baseline_output_usd_per_week: r2(base),
      cumulative_lost_usd: r2(cum),
      peak_lost_usd: r2(peak),
      peak_date: peakT >= 0 ? m.dates[peakT] : null,
      cliff_date: cliff >= 0 ? m.dates[cliff] : null,
    };
  });
  return {
    model: 'bottleneck',
    start: m.start,
    weeks: m.weeks,
    rule:
      m.sigma === undefined
        ? 'critical-input min rule (Pichler, Pangallo, del Rio-Chanona, Lafond, Farmer 2022)'
        : `CES over critical items and the rest, sigma ${m.sigma}`,
    io_table: m.ioName,
    counterfactual: opts.holdFlowsFrom
      ? `China's flows and licence shares held at their level of ${opts.holdFlowsFrom}`
      : opts.controls?.length
        ? `control steps: ${opts.controls.map((s) => `${s.from}${s.note ? ` ${s.note}` : ''}`).join('; ')}`
        : null,
    units: {
      output_lost_usd: 'USD per week, gross output of the modelled users',
      value_added_lost_usd: 'USD per week (IO value-added ratio of the user sector)',
      upstream_lost_usd:
        'USD per week, suppliers in the country (Leontief (L - I) column of each user sector)',
      output_share: 'share of normal weekly output (0..1)',
      arrivals_share: 'share of normal weekly need arriving (0..1+)',
      stock_weeks: 'mean stock over cohorts, weeks of normal need',
      line_weeks_lost: 'lines x (1 - output share); summed over weeks: line-weeks (plant-weeks for assembly)',
      need_kg_per_week: 'kg of critical items a week at normal output (content per unit x units)',
      band_low_usd: 'band from buffer (low/high), sector-share and content ranges',
    },
    assumptions: [
      'Buffers (weeks of need, log-normal) are unobserved: the medians in data/supply/bottleneck_users.csv are a calibration (see docs/supply.md), with the low/high range in the band',
      'Destination flow shares: the share of normal flow that got through (1 + y/y of China customs), monthly; months without a figure are interpolated or carried (basis per row in data/supply/bottleneck_flows.csv)',
      `Non-China supply ramps up by ${m.ramp.perWeek * 100} % of its normal level a week after the first cut, capped at +${m.ramp.cap * 100} % (assumption)`,
      'Embedded routes pass the component maker\u2019s output share on to the buyer with the buyer\u2019s transit lag; component and magnet inventories are pooled in one buffer',
      'Items of a user share its buffer and the magnet flow series (only magnets are observed by destination)',
      'Direct output losses and upstream (Leontief) losses are reported separately: do not add them to the linear model\u2019s losses for the same flow',
    ],
    countries: summaries,
    users,
    weekly,
    by_user: byUser,
  };
}
