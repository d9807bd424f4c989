// The bottleneck model compiled: data and options to the typed arrays the weekly loop runs on (model.ts).
import { BottleneckInputError, END_USES, type BottleneckData, type FlowMonth, type User } from './data.ts';
import {
  DEFAULT_BUFFER_COHORTS,
  DEFAULT_RAMP,
  type BottleneckModel,
  type IoFacts,
  type PrepareOptions,
  type Scale,
} from './model.ts';
import { cohortQuadrature, lognormalCohorts } from './numerics.ts';

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
function parseDay(s: string, what: string): number {
  const t = Date.parse(`${s}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(t))
    throw new BottleneckInputError(`${what}: expected a date YYYY-MM-DD, got ${JSON.stringify(s)}`);
  return t;
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
  const F = opts.cohorts ?? DEFAULT_BUFFER_COHORTS;
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
    cohortWeight: cohortQuadrature(F).weight,
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
