// Pending litigation (docs/simulate.md#pending-litigation): a legal challenge to one side's tariff
// authorities (`parameters.simulation.litigation`). Each run draws, from a stream of its own
// (litigationStream: createStream(deriveSeed(seed, LITIGATION_STREAM), run), which also draws the
// uncertain litigation.* parameters, so the run's main stream is the same with or without a
// challenge), whether the court strikes the authorities down (probability
// `strike_probability`) and the ruling day (uniform over the ruling window of the last stage
// announced by the start). On a strike-down the side's measures under those authorities are out
// of force from the first week starting on or after ruling + `lag_days`, for the rest of the run.
// Generic: nothing here knows which court, side or authority.
import { createStream, deriveSeed, type RandomStream } from '../random/index.ts';
import { fromEpochDay, toEpochDay, type Scenario } from '../model/index.ts';
import type { TariffDirection, TariffState } from './tariffs.ts';

type SimulationParams = NonNullable<Scenario['parameters']['simulation']>;
/** A problem at a path inside parameters.simulation (config.ts ConfigProblem). */
type ConfigProblem = { path: (string | number)[]; message: string };

/** deriveSeed index of the litigation stream (1-3 are the calibration's). */
export const LITIGATION_STREAM = 14;
/** Per-challenge slots, in this order from the challenge's base slot. */
export const LITIGATION_SLOTS = ['strike_probability', 'lag_days'] as const;

type Challenge = NonNullable<SimulationParams['litigation']>[number];

/** Slot names, defaults and ranges of the challenges, and the problems found checking them. */
export function litigationSlots(
  scn: Scenario,
  sim: SimulationParams,
  actors: [string, string],
): { names: string[]; defaults: number[]; ranges: [number, number][]; problems: ConfigProblem[] } {
  const out = { names: [] as string[], defaults: [] as number[], ranges: [] as [number, number][] };
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  (sim.litigation ?? []).forEach((c: Challenge, i) => {
    const p = ['litigation', i];
    if (seen.has(c.id)) problems.push({ path: [...p, 'id'], message: `duplicate challenge id "${c.id}"` });
    seen.add(c.id);
    if (!actors.includes(c.actor))
      problems.push({
        path: [...p, 'actor'],
        message: `"${c.actor}" is not one of the two sides (${actors.join(', ')})`,
      });
    const auths = new Set(
      scn.measures.filter((m) => m.kind === 'tariff' && m.actor === c.actor).map((m) => m.authority),
    );
    c.authorities.forEach((a, k) => {
      if (!auths.has(a))
        problems.push({
          path: [...p, 'authorities', k],
          message: `no tariff measure of ${c.actor} under authority "${a}" (authorities of ${c.actor}: ${[...auths].join(', ') || 'none'})`,
        });
    });
    c.stages.forEach((s, k) => {
      if (k > 0 && s.date < c.stages[k - 1].date)
        problems.push({
          path: [...p, 'stages', k, 'date'],
          message: `stages must be in date order: ${s.date} is before ${c.stages[k - 1].date}`,
        });
      if (s.ruling_window.to < s.date)
        problems.push({
          path: [...p, 'stages', k, 'ruling_window', 'to'],
          message: `the ruling window ends (${s.ruling_window.to}) before the stage (${s.date})`,
        });
    });
    const last = c.stages[c.stages.length - 1];
    if (c.resolved && c.resolved.date < last.date)
      problems.push({
        path: [...p, 'resolved', 'date'],
        message: `the resolution (${c.resolved.date}) is before the last stage (${last.date})`,
      });
    out.names.push(`litigation.${c.id}.strike_probability`, `litigation.${c.id}.lag_days`);
    out.defaults.push(c.strike_probability.value, c.lag_days.value);
    out.ranges.push([0, 1], [0, 365]);
  });
  return { ...out, problems };
}

/** Plain data (sent to worker threads): the challenges pending on the start date. */
export interface PreparedLitigation {
  ids: string[];
  ledger_ids: string[];
  /** The stage known on the start date (the last one announced by then). */
  stages: string[];
  /** The side whose layers a strike-down ends, and those measures (indices in directions[side]). */
  side: Int8Array;
  measures: Int32Array[];
  /** Ruling window, epoch days (from clamped to the start). */
  from_day: Float64Array;
  to_day: Float64Array;
  /** Slots of strike_probability and lag_days. */
  slot: Int32Array;
}

/**
 * The challenges pending on `start`: at least one stage announced by then and no resolution
 * announced by then (a full scenario run from a past start is thus as known on the start).
 */
export function prepareLitigation(
  sim: SimulationParams,
  actors: [string, string],
  dirs: readonly [TariffDirection, TariffDirection],
  slotNames: string[],
  start: string,
): PreparedLitigation {
  const startDay = toEpochDay(start);
  const known = (x: { date: string; announced?: string }) => (x.announced ?? x.date) <= start;
  const pending = (sim.litigation ?? []).filter(
    (c) => c.stages.some(known) && !(c.resolved && known(c.resolved)),
  );
  const out: PreparedLitigation = {
    ids: pending.map((c) => c.id),
    ledger_ids: pending.map((c) => c.ledger_id),
    stages: [],
    side: Int8Array.from(pending, (c) => actors.indexOf(c.actor)),
    measures: [],
    from_day: new Float64Array(pending.length),
    to_day: new Float64Array(pending.length),
    slot: Int32Array.from(pending, (c) => slotNames.indexOf(`litigation.${c.id}.strike_probability`)),
  };
  pending.forEach((c, i) => {
    const stage = c.stages.filter(known).at(-1)!;
    out.stages.push(stage.stage);
    const d = dirs[out.side[i]];
    const js: number[] = [];
    d.measure_authority.forEach((a, j) => {
      if (c.authorities.includes(d.authorities[a])) js.push(j);
    });
    out.measures.push(Int32Array.from(js));
    // a window already past on the start: the ruling is due at once
    out.from_day[i] = Math.max(toEpochDay(stage.ruling_window.from), startDay);
    out.to_day[i] = Math.max(toEpochDay(stage.ruling_window.to), out.from_day[i]);
  });
  return out;
}

/** One thread's rulings of the current run. */
export interface CourtState {
  struck: Uint8Array;
  /** Ruling day and the day collection stops (epoch days). */
  rulingDay: Float64Array;
  stopDay: Float64Array;
  /** First week the layers are out of force (-1: not yet / never). */
  offWeek: Int32Array;
}

export function courtState(l: PreparedLitigation): CourtState {
  const n = l.ids.length;
  return {
    struck: new Uint8Array(n),
    rulingDay: new Float64Array(n).fill(Infinity),
    stopDay: new Float64Array(n).fill(Infinity),
    offWeek: new Int32Array(n).fill(-1),
  };
}

/** No ruling (the backtest and a reset simulator). */
export function resetCourts(cs: CourtState): void {
  cs.struck.fill(0);
  cs.rulingDay.fill(Infinity);
  cs.stopDay.fill(Infinity);
  cs.offWeek.fill(-1);
}

/** The litigation stream of run `run`: first the litigation parameters' draws, then the rulings. */
export function litigationStream(seed: number, run: number): RandomStream {
  return createStream(deriveSeed(seed, LITIGATION_STREAM), run);
}

/**
 * This run's rulings: per challenge two uniforms from the litigation stream, u < p strikes down,
 * v places the ruling day uniformly over the window's whole days; stop = ruling + round(lag).
 */
export function drawRulings(
  l: PreparedLitigation,
  slots: Float64Array,
  cs: CourtState,
  rng: RandomStream,
): void {
  resetCourts(cs);
  for (let i = 0; i < l.ids.length; i++) {
    const u = rng.nextDouble();
    const v = rng.nextDouble();
    const p = slots[l.slot[i]];
    const span = l.to_day[i] - l.from_day[i] + 1;
    cs.struck[i] = u < p ? 1 : 0;
    cs.rulingDay[i] = l.from_day[i] + Math.min(span - 1, Math.floor(v * span));
    cs.stopDay[i] = cs.rulingDay[i] + Math.round(slots[l.slot[i] + 1]);
  }
}

/**
 * Week w starting on `day`: the layers of a struck-down challenge are out of force once
 * day >= stop day, every week (a scheduled change or an agreement cannot bring them back).
 */
export function enforceRulings(
  l: PreparedLitigation,
  cs: CourtState,
  t: TariffState,
  w: number,
  day: number,
): void {
  for (let i = 0; i < l.ids.length; i++) {
    if (!cs.struck[i] || day < cs.stopDay[i]) continue;
    const act = t.active[l.side[i]];
    const js = l.measures[i];
    for (let q = 0; q < js.length; q++)
      if (act[js[q]] !== 0) {
        act[js[q]] = 0;
        t.inputs++;
      }
    if (cs.offWeek[i] < 0) cs.offWeek[i] = w;
  }
}

/** The first week any challenge's layers were out of force in the last run (-1: none). */
export function firstOffWeek(cs: CourtState): number {
  let w = -1;
  for (let i = 0; i < cs.offWeek.length; i++)
    if (cs.offWeek[i] >= 0 && (w < 0 || cs.offWeek[i] < w)) w = cs.offWeek[i];
  return w;
}

export interface Ruling {
  challenge: string;
  ledger_id: string;
  /** The stage known on the start date. */
  stage_at_start: string;
  ruling_date: string;
  outcome: 'struck_down' | 'upheld';
  /** Collection stops (struck down only). */
  collection_stops: string | null;
  /** First simulated week with the layers out of force (null: not within the horizon). */
  layers_off_week: number | null;
}

/** The rulings of the last run that fall within the horizon (the story's timeline). */
export function rulingsOf(l: PreparedLitigation, cs: CourtState, startDay: number, weeks: number): Ruling[] {
  const end = startDay + 7 * weeks;
  const out: Ruling[] = [];
  for (let i = 0; i < l.ids.length; i++) {
    if (cs.rulingDay[i] >= end) continue;
    const struck = cs.struck[i] === 1;
    out.push({
      challenge: l.ids[i],
      ledger_id: l.ledger_ids[i],
      stage_at_start: l.stages[i],
      ruling_date: fromEpochDay(cs.rulingDay[i]),
      outcome: struck ? 'struck_down' : 'upheld',
      collection_stops: struck ? fromEpochDay(cs.stopDay[i]) : null,
      layers_off_week: struck && cs.offWeek[i] >= 0 ? cs.offWeek[i] : null,
    });
  }
  return out;
}
