// The chokepoint bridge: rare earths are HS products, not IO sectors. This file maps HS lines to
// WIOD industries, measures China's share of US imports (face value), turns it into weights on
// China's rows of the IO table (look-through), and turns a licensing regime into a weekly cut.
// Every mapping choice is listed with its reason in RARE_EARTH_HS_MAP and docs/supply.md.
import {
  changesByRegion,
  exportCut,
  exposureIndex,
  type Chokepoint,
  type ExposureIndex,
  type RegionChange,
} from './shocks.ts';
import { MrioInputError, type IOModel } from './system.ts';
import type { SolveOptions, SolveReport } from './solve.ts';

/** One row of product-level import data (US imports by HS code and partner). */
export interface ImportRow {
  hs: string;
  partner: string;
  valueUsd: number;
}

export interface HsSectorMapping {
  /** HS code prefix (6 digits here). */
  hs: string;
  product: string;
  group: 'rare-earths' | 'magnets';
  /** WIOD 2013 industry code. */
  sector: string;
  reason: string;
}

/**
 * HS 2022 rare-earth lines -> WIOD (ISIC Rev. 3) industries. Concordance reasoning follows the
 * UN/WITS HS-ISIC Rev. 3 correspondence at the 4-digit ISIC class.
 */
export const RARE_EARTH_HS_MAP: readonly HsSectorMapping[] = [
  {
    hs: '280530',
    product: 'Rare-earth metals, scandium and yttrium',
    group: 'rare-earths',
    sector: 'c12',
    reason:
      'Refined rare-earth metals are produced by ISIC 2720 (basic precious and non-ferrous metals), inside WIOD c12 "Basic Metals and Fabricated Metal"',
  },
  {
    hs: '284610',
    product: 'Cerium compounds',
    group: 'rare-earths',
    sector: 'c9',
    reason:
      'Rare-earth oxides and salts are inorganic chemicals, ISIC 2411 (basic chemicals), inside WIOD c9 "Chemicals and Chemical Products"',
  },
  {
    hs: '284690',
    product: 'Other rare-earth compounds (oxides, chlorides, ... of Nd, Pr, Dy, Tb, Y, ...)',
    group: 'rare-earths',
    sector: 'c9',
    reason: 'As 2846.10: ISIC 2411, WIOD c9',
  },
  {
    hs: '850511',
    product: 'Permanent magnets of metal (NdFeB, SmCo) and articles intended to become them',
    group: 'magnets',
    sector: 'c14',
    reason:
      'HS 8505 maps to ISIC 3190 (other electrical equipment n.e.c.), inside WIOD c14 "Electrical and Optical Equipment" (ISIC 30-33)',
  },
];

/**
 * HS prefixes whose US imports from China make up each chokepoint industry's deliveries
 * (denominator of the rare-earth weight). Chapter-level HS -> ISIC Rev. 3 division reading.
 */
export const SECTOR_HS_SCOPE: Readonly<Record<string, { hs: string[]; reason: string }>> = {
  c9: {
    hs: ['28', '29', '30', '31', '32', '33', '34', '35', '36', '37', '38'],
    reason: 'HS ch. 28-38 (chemical products) = ISIC 24',
  },
  c12: {
    hs: ['72', '73', '74', '75', '76', '78', '79', '80', '81', '82', '83'],
    reason: 'HS ch. 72-83 (base metals and articles) = ISIC 27-28',
  },
  c14: {
    hs: ['85', '8470', '8471', '8472', '8473', '90', '91'],
    reason: 'HS ch. 85, 84.70-84.73 (office machinery, computers), 90-91 (instruments, clocks) = ISIC 30-33',
  },
};

/** China's share of world production at one stage (not trade): context for the face-value table. */
export interface WorldShare {
  stage: string;
  china_share: number;
  source: string;
}

export interface FaceValueLine {
  hs: string;
  product: string;
  group: string;
  sector: string;
  us_imports_usd: number;
  from_china_usd: number;
  china_share: number;
}

export interface FaceValueExposure {
  lines: FaceValueLine[];
  groups: { group: string; us_imports_usd: number; from_china_usd: number; china_share: number }[];
  /** data/supply/rare_earth_world_shares.csv, each with its source. */
  world: readonly WorldShare[];
  partner_note: string;
}

/**
 * China's share of US imports of each rare-earth line. `rows` are US imports by HS6 and partner
 * (ISO3; the EU aggregate 'EUN' already contains Slovakia, so 'SVK' rows are dropped).
 */
export function faceValueExposure(
  rows: ImportRow[],
  world: readonly WorldShare[],
  china = 'CHN',
): FaceValueExposure {
  const lines: FaceValueLine[] = RARE_EARTH_HS_MAP.map((m) => {
    let total = 0;
    let cn = 0;
    for (const r of rows) {
      if (!r.hs.startsWith(m.hs) || r.partner === 'SVK') continue;
      total += r.valueUsd;
      if (r.partner === china) cn += r.valueUsd;
    }
    return {
      hs: m.hs,
      product: m.product,
      group: m.group,
      sector: m.sector,
      us_imports_usd: total,
      from_china_usd: cn,
      china_share: total > 0 ? cn / total : 0,
    };
  });
  const groups = ['rare-earths', 'magnets'].map((g) => {
    const ls = lines.filter((l) => l.group === g);
    const total = ls.reduce((s, l) => s + l.us_imports_usd, 0);
    const cn = ls.reduce((s, l) => s + l.from_china_usd, 0);
    return { group: g, us_imports_usd: total, from_china_usd: cn, china_share: total > 0 ? cn / total : 0 };
  });
  return {
    lines,
    groups,
    world,
    partner_note:
      'US imports for consumption 2024 from 51 partners (~95 % of US goods imports); SVK dropped (inside the EU aggregate)',
  };
}

export interface ChokepointWeight extends Chokepoint {
  region: string;
  sector: string;
  rareEarthImportsUsd: number;
  sectorImportsUsd: number;
}

/**
 * Weights on the exporter's rows: w_k = (US imports from China of the rare-earth lines mapped
 * to industry k) / (US imports from China of all HS lines in industry k's scope), 2024.
 * ASSUMPTION (labelled in every report): this rare-earth share of China's deliveries to the
 * US holds for the industry's deliveries to every buyer, and the 2024 product mix applies to
 * the 2011 table's structure.
 */
export function chokepointWeights(
  m: IOModel,
  chinaImportsByHs: ImportRow[],
  region = 'CHN',
): ChokepointWeight[] {
  const out: ChokepointWeight[] = [];
  for (const sector of Object.keys(SECTOR_HS_SCOPE)) {
    const scope = SECTOR_HS_SCOPE[sector].hs;
    const lines = RARE_EARTH_HS_MAP.filter((x) => x.sector === sector);
    let num = 0;
    let den = 0;
    for (const r of chinaImportsByHs) {
      // a line belongs to the industry the rare-earth map assigns it to (2805.30 sits in HS
      // ch. 28 but is a basic metal, c12), otherwise to the industry whose HS scope holds it
      const mapped = RARE_EARTH_HS_MAP.find((l) => r.hs.startsWith(l.hs));
      if (mapped ? mapped.sector === sector : scope.some((p) => r.hs.startsWith(p))) den += r.valueUsd;
      if (lines.some((l) => r.hs.startsWith(l.hs))) num += r.valueUsd;
    }
    const index = m.labels.findIndex((l) => l.region === region && l.sector === sector);
    if (index < 0)
      throw new MrioInputError(
        `chokepoint bridge: the IO table has no ${region}/${sector} (the bridge expects WIOD 2013 industry codes)`,
      );
    if (den <= 0)
      throw new MrioInputError(`chokepoint bridge: no US imports from China in the HS scope of ${sector}`);
    out.push({
      index,
      region,
      sector,
      weight: num / den,
      rareEarthImportsUsd: num,
      sectorImportsUsd: den,
      basis: `US imports from China 2024: HS ${lines.map((l) => l.hs).join(', ')} = USD ${(num / 1e6).toFixed(1)} m of USD ${(den / 1e9).toFixed(2)} bn in ${SECTOR_HS_SCOPE[sector].reason}`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Licensing regime -> weekly supply

/** One step of a licensing path (a scenario's export-control state from a date on). */
export interface LicensingStep {
  from: string;
  /** false: no licence needed, normal flow. Default true. */
  inForce?: boolean;
  /** Observed share of normal exports that gets through (0..1); used as is when given. */
  flowShare?: number;
  /** Share of licence applications approved (0..1). */
  approvalShare?: number;
  /** Processing time of an application in days. */
  processingDays?: number;
  source?: string;
}

export interface WeeklySupply {
  week: number;
  /** Monday-free: the week starts `start + 7 * week` days. */
  weekStart: string;
  /** Share of normal exports delivered in the week (0..1). */
  available: number;
  /** 1 - available. */
  cut: number;
  basis: string;
}

const DAY = 86_400_000;
/** A loss is minus a change, without producing -0. */
const loss = (change: number) => (change === 0 ? 0 : -change);
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
function parseDay(s: string, what: string): number {
  const t = Date.parse(`${s}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(t))
    throw new MrioInputError(`${what}: expected a date YYYY-MM-DD, got ${JSON.stringify(s)}`);
  return t;
}

/**
 * Weekly deliveries under a licensing path. Queue model: exporters apply for licences for the
 * normal weekly volume (1 per week) every week; an application filed in week u under a regime
 * with approval share a and processing time p days is delivered in week u + ceil(p / 7) with
 * share a. Deliveries in week w sum over the cohorts that arrive in w, capped at 1 (backlog
 * catch-up above normal volume is not modelled). Weeks under a step with `flowShare` use the
 * observed share directly; weeks with no regime in force deliver 1. Before the first step: 1.
 */
export function weeklySupply(path: LicensingStep[], start: string, weeks: number): WeeklySupply[] {
  const t0 = parseDay(start, 'start');
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 520)
    throw new MrioInputError(`weeks must be an integer in 1..520, got ${weeks}`);
  const steps = path
    .map((s, i) => ({ ...s, t: parseDay(s.from, `licensing step ${i + 1}`) }))
    .sort((a, b) => a.t - b.t);
  steps.forEach((s, i) => {
    for (const [k, v] of [
      ['flowShare', s.flowShare],
      ['approvalShare', s.approvalShare],
    ] as const)
      if (v !== undefined && !(v >= 0 && v <= 1))
        throw new MrioInputError(`licensing step ${i + 1} (${s.from}): ${k} ${v} outside [0, 1]`);
    if (s.processingDays !== undefined && !(s.processingDays >= 0 && Number.isFinite(s.processingDays)))
      throw new MrioInputError(
        `licensing step ${i + 1} (${s.from}): processingDays ${s.processingDays} must be >= 0`,
      );
    if (s.inForce !== false && s.flowShare === undefined && s.approvalShare === undefined)
      throw new MrioInputError(
        `licensing step ${i + 1} (${s.from}): needs flowShare or approvalShare (with processingDays) when in force`,
      );
  });
  const stepAt = (t: number) => {
    let cur: (typeof steps)[number] | undefined;
    for (const s of steps) if (s.t <= t) cur = s;
    return cur;
  };
  const delivered = new Float64Array(weeks);
  const basis: string[] = new Array<string>(weeks).fill('');
  const direct = new Uint8Array(weeks);
  for (let u = 0; u < weeks; u++) {
    const s = stepAt(t0 + u * 7 * DAY);
    if (!s || s.inForce === false) {
      delivered[u] += 1;
      direct[u] = 1;
      basis[u] = s ? `not in force (${s.from})` : 'before the licensing regime';
    } else if (s.flowShare !== undefined) {
      delivered[u] += s.flowShare;
      direct[u] = 1;
      basis[u] = `observed flow share ${s.flowShare} (${s.from})${s.source ? `: ${s.source}` : ''}`;
    } else {
      const lag = Math.ceil((s.processingDays ?? 0) / 7);
      if (u + lag < weeks) {
        delivered[u + lag] += s.approvalShare ?? 0;
        if (!direct[u + lag])
          basis[u + lag] =
            `approval ${s.approvalShare} after ${s.processingDays ?? 0} days (step ${s.from}, applied week ${u})`;
      }
    }
  }
  const out: WeeklySupply[] = [];
  for (let w = 0; w < weeks; w++) {
    const a = Math.min(1, delivered[w]);
    out.push({
      week: w,
      weekStart: isoDay(t0 + w * 7 * DAY),
      available: a,
      cut: 1 - a,
      basis: basis[w] || 'licences still in processing: nothing delivered',
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Weekly output loss

export interface WeeklyLoss {
  week: number;
  weekStart: string;
  cut: number;
  /** Output loss of importing industries (Ghosh forward partial extraction), value per week. */
  downstreamLoss: number;
  /** Exporter-side loss (Leontief backward partial extraction), value per week. */
  upstreamLoss: number;
  byRegion: { region: string; downstream: number; upstream: number }[];
}

export interface ChokepointRun {
  chokepoints: Chokepoint[];
  exposure: ExposureIndex;
  weekly: WeeklyLoss[];
  /** Loss per sector for the full cut (φ = 1), annual rates. */
  fullCutDownstream: Float64Array;
  fullCutUpstream: Float64Array;
  fullCutByRegion: { downstream: RegionChange[]; upstream: RegionChange[] };
  /** Output change per sector (annual rates) at any cut size φ, downstream / upstream. */
  downstreamAt(phi: number): Float64Array;
  upstreamAt(phi: number): Float64Array;
  report: SolveReport & { solves: number };
}

/**
 * Exposure and weekly output loss for an export control on the chokepoint rows. Deliveries to
 * every region except `exporterRegion` (or only to `targets`) are cut by the weekly cut share.
 * IO flows are annual; weekly loss = annual-rate loss x 7/365.
 */
export function runChokepoint(
  m: IOModel,
  chokepoints: Chokepoint[],
  supply: WeeklySupply[],
  opts: SolveOptions & { exporterRegion?: string; targets?: string[] } = {},
): ChokepointRun {
  const exporter = opts.exporterRegion ?? 'CHN';
  for (const t of opts.targets ?? [])
    if (!m.regions.includes(t))
      throw new MrioInputError(`unknown target region ${t}; known: ${m.regions.join(', ')}`);
  const mask = new Uint8Array(m.n);
  for (let j = 0; j < m.n; j++) {
    const r = m.labels[j].region;
    mask[j] = opts.targets ? (opts.targets.includes(r) ? 1 : 0) : r === exporter ? 0 : 1;
  }
  const exposure = exposureIndex(m, chokepoints, opts);
  const cut = exportCut(m, chokepoints, mask, opts);
  const perWeek = 7 / 365;
  const weekly: WeeklyLoss[] = supply.map((s) => {
    const d = cut.downstream(s.cut);
    const u = cut.upstream(s.cut);
    const rd = changesByRegion(m, d);
    const ru = changesByRegion(m, u);
    return {
      week: s.week,
      weekStart: s.weekStart,
      cut: s.cut,
      downstreamLoss: loss(rd.reduce((a, r) => a + r.change, 0)) * perWeek,
      upstreamLoss: loss(ru.reduce((a, r) => a + r.change, 0)) * perWeek,
      byRegion: rd.map((r, i) => ({
        region: r.region,
        downstream: loss(r.change) * perWeek,
        upstream: loss(ru[i].change) * perWeek,
      })),
    };
  });
  const fd = cut.downstream(1);
  const fu = cut.upstream(1);
  return {
    chokepoints,
    exposure,
    weekly,
    fullCutDownstream: fd,
    fullCutUpstream: fu,
    fullCutByRegion: { downstream: changesByRegion(m, fd), upstream: changesByRegion(m, fu) },
    downstreamAt: (phi) => cut.downstream(phi),
    upstreamAt: (phi) => cut.upstream(phi),
    report: exposure.report.relative_residual > cut.report.relative_residual ? exposure.report : cut.report,
  };
}
