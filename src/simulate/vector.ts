// The simulator as a function of a parameter vector (for calibration, e.g. ABC-SMC): the
// scenario's uncertain parameters, in declaration order, set to given values instead of drawn.
// The rest of a run's randomness (strategies, perception, renewal noise) still comes from
// createStream(seed, run), so a run given its own drawn samples is reproduced exactly.
import { inputError } from '../errors/index.ts';
import type { ResolvedUncertain } from './config.ts';
import { NM, NS, Simulator, WEEK_METRICS, RUN_SCALARS } from './loop.ts';
import type { Prepared } from './prepared.ts';

export interface ParameterSpace {
  /** Paths as written in parameters.simulation.uncertain (e.g. "strategies.US.params.threshold"). */
  paths: string[];
  /** Validity range each value must lie in (draws are clamped to it). */
  lo: number[];
  hi: number[];
  /** The prior each path is drawn from in the Monte Carlo. */
  prior: ResolvedUncertain['distribution'][];
  integer: boolean[];
}

export function parameterSpace(p: Prepared): ParameterSpace {
  return {
    paths: p.uncertain.map((u) => u.path),
    lo: p.uncertain.map((u) => u.lo),
    hi: p.uncertain.map((u) => u.hi),
    prior: p.uncertain.map((u) => u.distribution),
    integer: p.uncertain.map((u) => u.integer === true),
  };
}

/**
 * A vector in p.uncertain's order from values by path; every uncertain path must be given once,
 * inside its range (a located error otherwise: the path, the value, the range).
 */
export function parameterVector(p: Prepared, values: Record<string, number>): Float64Array {
  const out = new Float64Array(p.uncertain.length);
  const known = new Set(p.uncertain.map((u) => u.path));
  for (const k of Object.keys(values))
    if (!known.has(k))
      throw inputError(
        `parameter vector: ${k} is not an uncertain parameter of ${p.scenario_id} (have: ${[...known].join(', ')})`,
      );
  p.uncertain.forEach((u, i) => {
    const v = values[u.path];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw inputError(`parameter vector: ${u.path}: expected a finite number, got ${String(v)}`);
    if (v < u.lo || v > u.hi)
      throw inputError(`parameter vector: ${u.path} = ${v} is outside its range [${u.lo}, ${u.hi}]`);
    if (u.integer && !Number.isInteger(v))
      throw inputError(`parameter vector: ${u.path} = ${v}: expected a whole number`);
    out[i] = v;
  });
  return out;
}

export interface SimulatedRun {
  /** Per-week metrics by name (WEEK_METRICS order; actor indices as in the loop: 0 = first actor). */
  weeks: Record<(typeof WEEK_METRICS)[number], Float64Array>;
  /** Run scalars (RUN_SCALARS): week indices (-1 never), first concession code. */
  scalars: Record<(typeof RUN_SCALARS)[number], number>;
}

/** One thread's simulator for many parameter vectors (allocates once). */
export class VectorSimulator {
  readonly sim: Simulator;
  constructor(readonly p: Prepared) {
    this.sim = new Simulator(p);
  }

  /** Run `run` of `seed` with the uncertain parameters set to `values` (p.uncertain order). Results copied out. */
  run(values: ArrayLike<number>, seed: number, run = 0): SimulatedRun {
    if (values.length !== this.p.uncertain.length)
      throw inputError(
        `parameter vector: expected ${this.p.uncertain.length} values (${this.p.uncertain.map((u) => u.path).join(', ')}), got ${values.length}`,
      );
    const sim = this.sim;
    sim.run(seed, run, values);
    const W = sim.W;
    const weeks = {} as SimulatedRun['weeks'];
    for (let m = 0; m < NM; m++) weeks[WEEK_METRICS[m]] = sim.rec.slice(m * W, (m + 1) * W);
    const scalars = {} as SimulatedRun['scalars'];
    for (let i = 0; i < NS; i++) scalars[RUN_SCALARS[i]] = sim.scalars[i];
    return { weeks, scalars };
  }
}
