// Vintage forecasts: for each origin of a question file, one Monte Carlo of the scenario as
// known on that origin, started on that date; each question's P(yes) is the share of runs in
// which its comparison holds in the week of its date, and for average_rate questions the runs'
// averages give quantiles and a 100-value ensemble (for CRPS). Recorded outcomes are never read.
import { toEpochDay, type Scenario } from '../model/index.ts';
import {
  AGREEMENT_STATUS_NAMES,
  Simulator,
  checkRunOptions,
  prepareScenario,
  quantileSorted,
  type Prepared,
  type PrepareOptions,
} from '../simulate/index.ts';
import type { ShippedTrade } from '../trade/index.ts';
import { agreementClass, compare, holds, observe } from './observe.ts';
import type { Question, QuestionFile } from './schema.ts';
import { tariffStack } from '../ledger/index.ts';
import { posteriorDraws, type Posterior } from '../calibrate/index.ts';
import { basename } from 'node:path';

/** The scenario as known on a date (the vintage view); supplied by the caller (I/O at the edge). */
export type ViewOn = (date: string) => Scenario;

export interface ForecastOptions {
  runs: number;
  seed: number;
  /** Worker threads: origins run in parallel (results do not depend on it). */
  workers?: number;
  /** Tests: skip the IO table and give the chokepoint bridge directly. */
  supply?: PrepareOptions['supply'];
  onProgress?: (originsDone: number, originsTotal: number) => void;
  /**
   * The posterior to draw parameters from at an origin (calibrated on the latest vintage on or
   * before it; the caller looks it up). null or absent: the scenario's priors.
   */
  posteriorOn?: (origin: string) => { file: string; posterior: Posterior } | null;
  /**
   * The actor and product groups of a question's export control as the full ledger defines it
   * (the question names it): matches a control absent from the view to a card's control.
   */
  controlOf?: (id: string) => ControlIdentity | undefined;
}

export interface ControlIdentity {
  actor: string;
  groups: string[];
}

/** controlOf over a scenario (the full ledger a question set is checked against). */
export function controlsOf(scn: Scenario): (id: string) => ControlIdentity | undefined {
  return (id) => {
    const c = scn.measures.find((x) => x.id === id && x.kind === 'export_control');
    return c && c.kind === 'export_control'
      ? { actor: c.actor, groups: [...(c.products?.groups ?? [])] }
      : undefined;
  };
}

export interface Quantiles {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export const ENSEMBLE_SIZE = 100;

export interface QuestionForecast {
  id: string;
  asked: string;
  resolves: string;
  p_yes: number;
  /** average_rate: quantiles of the simulated average on the measure's date, percent. */
  quantiles?: Quantiles;
  /** average_rate: the forecast distribution as 100 equally likely values (quantiles at levels (i + 0.5) / 100), percent. */
  ensemble?: number[];
  /** simulated: read from the runs; scheduled: the simulator does not track this measure, so the vintage's schedule answers (P = 0 or 1). */
  basis: 'simulated' | 'scheduled';
  /** The share of runs (or the schedule's 0/1) before recalibration; p_yes is recalibrated (recalibrate.ts). */
  p_simulated?: number;
  /**
   * How a measure absent from the origin's view was read (docs/questions.md): from a card the
   * actor holds ("card:<move id>"), or why none matches (then the schedule answers).
   */
  absent?: string;
}

export interface OriginInfo {
  origin: string;
  questions: number;
  weeks: number;
  /** The vintage's knowledge date (as_of of the view), and its own as-known-on date. */
  scenario_as_of: string | null;
  /** Where the uncertain parameters came from: "priors", or the posterior calibrated on a vintage on or before the origin. */
  parameters: { basis: 'priors' } | { basis: 'posterior'; as_known_on: string; file: string };
  /** The prequential recalibration applied at this origin (recalibrate.ts). */
  recalibration?: Recalibration;
}

export interface ForecastResult {
  kind: 'forecast';
  questions_id: string;
  scenario: string;
  runs: number;
  seed: number;
  origins: OriginInfo[];
  forecasts: QuestionForecast[];
  basis: string[];
}

/** Weights of a linear pool of the simulator and the baselines (recalibrate.ts); they sum to 1. */
export interface PoolWeights {
  simulated: number;
  persistence: number;
  schedule: number;
  coin: number;
}

export interface Recalibration {
  /** The fitted pool: the printed P(yes) is sum of weight x source. */
  weights: PoolWeights;
  /** Questions resolved before the origin (their outcome as the origin's view reads it), reference ones included. */
  track_questions: number;
  /** Of those, questions of the reference track (the built-in set, when another file is forecast). */
  reference_questions: number;
  prior_weights: PoolWeights;
  prior_pseudo_questions: number;
}

/** A question compiled against a prepared simulation: which week and what to read. */
type Probe =
  | { kind: 'avg'; k: 0 | 1 }
  | { kind: 'measure'; k: 0 | 1; j: number }
  | { kind: 'authority'; k: 0 | 1; a: number }
  | { kind: 'product'; k: 0 | 1; js: number[]; max: boolean }
  | { kind: 'agreement'; a: number }
  | { kind: 'control'; c: number; offStatus: string };

/** Week index of a date in a run started on `origin`: the last simulated week starting on or before it. */
export function weekOf(origin: string, date: string): number {
  return Math.floor((toEpochDay(date) - toEpochDay(origin)) / 7);
}

/**
 * A measure absent from the origin's view, read from the card that would create it: a layer
 * question from the actor's new_tariff_layer card on that target (its layer; 0 when unplayed), a
 * control question from a new_export_control card of the control's actor sharing a product
 * group with it. Returns the probe and a note; null probe: no card matches (the note says why).
 */
function cardProbe(
  q: Question,
  p: Prepared,
  opts: Pick<ForecastOptions, 'controlOf'>,
): { probe: Probe | null; note: string } | null {
  const m = q.measure;
  if (m.kind === 'layer_rate' && m.measure === undefined && m.product === undefined) {
    const k = p.actors.indexOf(m.actor);
    if (k < 0 || p.actors[1 - k] !== m.target) return null;
    const d = p.directions[k];
    if (d.authorities.includes(m.authority)) return null;
    const card = p.layer_cards.find((c) => c.side === k);
    if (!card)
      return {
        probe: null,
        note: `authority "${m.authority}" is not in the view and ${m.actor} holds no new_tariff_layer card on ${m.target}`,
      };
    return {
      probe: { kind: 'measure', k: k as 0 | 1, j: card.j },
      note: `authority "${m.authority}" is not in the view: read from ${d.measure_ids[card.j]}, the layer ${m.actor}'s card creates on ${m.target} (0 when not played)`,
    };
  }
  if (m.kind === 'control_status' && !p.controls.ids.includes(m.control)) {
    const who = opts.controlOf?.(m.control);
    if (!who)
      return {
        probe: null,
        note: `control "${m.control}" is not in the view and its ledger entry is unknown`,
      };
    const s = p.actors.indexOf(who.actor);
    const c = p.controls.ids.findIndex(
      (id, i) => p.controls.owner[i] === s && (p.card_groups[id] ?? []).some((g) => who.groups.includes(g)),
    );
    if (s < 0 || c < 0)
      return {
        probe: null,
        note: `control "${m.control}" is not in the view and no new_export_control card of ${who.actor} covers its groups (${who.groups.join(', ') || 'none'})`,
      };
    return {
      probe: { kind: 'control', c, offStatus: 'none' },
      note: `control "${m.control}" is not in the view: read from ${p.controls.ids[c]}, the control ${who.actor}'s card creates on ${p.card_groups[p.controls.ids[c]].join(', ')} (none when not played)`,
    };
  }
  return null;
}

function compileProbe(q: Question, p: Prepared, view: Scenario, data: ShippedTrade): Probe | null {
  const m = q.measure;
  if (m.kind === 'layer_rate' || m.kind === 'average_rate') {
    const k = p.actors.indexOf(m.actor);
    if (k < 0 || p.actors[1 - k] !== m.target) return null;
    const kk = k as 0 | 1;
    if (m.kind === 'average_rate') return { kind: 'avg', k: kk };
    const d = p.directions[kk];
    if (m.product !== undefined) {
      // the measures of that authority on the product's stack at the origin or on the date (ledger of the vintage)
      const ids = new Set<string>();
      for (const date of [q.asked, m.date])
        for (const l of tariffStack(view, { importer: m.actor, exporter: m.target, product: m.product, date })
          .layers)
          if (l.authority === m.authority && (m.measure === undefined || l.measure_id === m.measure))
            ids.add(l.measure_id);
      const js = [...ids].map((id) => d.measure_ids.indexOf(id)).filter((j) => j >= 0);
      const a = d.authorities.indexOf(m.authority);
      return { kind: 'product', k: kk, js, max: a >= 0 && d.authority_max[a] === 1 };
    }
    if (m.measure !== undefined) {
      const j = d.measure_ids.indexOf(m.measure);
      return j < 0 ? null : { kind: 'measure', k: kk, j };
    }
    const a = d.authorities.indexOf(m.authority);
    return a < 0 ? null : { kind: 'authority', k: kk, a };
  }
  if (m.kind === 'agreement_status') {
    const a = p.agreements.ids.indexOf(m.agreement);
    return a < 0 ? null : { kind: 'agreement', a };
  }
  const c = p.controls.ids.indexOf(m.control);
  if (c < 0) return null;
  // The simulator knows in force or not; "not in force" takes the vintage's scheduled state on
  // the date when that is not in force either, else "lapsed".
  const sched = observe(view, data, m);
  const offStatus = 'status' in sched && sched.status !== 'in_force' ? sched.status : 'lapsed';
  return { kind: 'control', c, offStatus };
}

/** Read a probe on the simulator's current state: does the question's comparison hold? (and the value for rates) */
function readProbe(sim: Simulator, pr: Probe, q: Question): { yes: boolean; value: number } {
  const m = q.measure;
  switch (pr.kind) {
    case 'avg': {
      const v = sim.avg[pr.k];
      return { yes: compare(v, m.op, (m as { value: number }).value), value: v };
    }
    case 'measure':
    case 'authority':
    case 'product': {
      let v = 0;
      if (pr.kind === 'measure') v = Math.max(0, sim.appliedRate(pr.k, pr.j));
      else if (pr.kind === 'authority') v = Math.max(0, sim.headline(pr.k, pr.a));
      else
        for (const j of pr.js) {
          const r = Math.max(0, sim.appliedRate(pr.k, j));
          v = pr.max ? Math.max(v, r) : v + r;
        }
      return { yes: compare(v, m.op, (m as { value: number }).value), value: v };
    }
    case 'agreement': {
      const p = sim.p;
      let any = false;
      let approved = true;
      for (let i = 0; i < p.agreements.approval_agreement.length; i++)
        if (p.agreements.approval_agreement[i] === pr.a) {
          any = true;
          if (sim.apStatus[i] !== 2) approved = false;
        }
      const name = AGREEMENT_STATUS_NAMES[sim.agStatus[pr.a]];
      const status = agreementClass(name === 'none' ? null : name);
      return { yes: holds(m, { status, approved: any && approved }), value: NaN };
    }
    case 'control':
      return { yes: holds(m, { status: sim.ctrlInForce[pr.c] ? 'in_force' : pr.offStatus }), value: NaN };
  }
}

export function quantilesOf(sorted: ArrayLike<number>): Quantiles {
  return {
    p5: quantileSorted(sorted, 0.05),
    p25: quantileSorted(sorted, 0.25),
    p50: quantileSorted(sorted, 0.5),
    p75: quantileSorted(sorted, 0.75),
    p95: quantileSorted(sorted, 0.95),
  };
}

/** 100 equally likely values summarising a sample: its quantiles at levels (i + 0.5) / 100. */
export function ensembleOf(sorted: ArrayLike<number>): number[] {
  return Array.from({ length: ENSEMBLE_SIZE }, (_, i) => quantileSorted(sorted, (i + 0.5) / ENSEMBLE_SIZE));
}

/** The origins of a question file, in date order, with their questions. */
export function byOrigin(file: QuestionFile): Map<string, Question[]> {
  const out = new Map<string, Question[]>();
  for (const q of [...file.questions].sort((a, b) => (a.asked < b.asked ? -1 : a.asked > b.asked ? 1 : 0)))
    out.set(q.asked, [...(out.get(q.asked) ?? []), q]);
  return out;
}

/** Forecast every question of one origin from one Monte Carlo of the view as known on it. */
export async function forecastOrigin(
  origin: string,
  questions: Question[],
  view: Scenario,
  data: ShippedTrade,
  opts: ForecastOptions,
): Promise<{ info: OriginInfo; forecasts: QuestionForecast[] }> {
  const weeks = Math.max(1, ...questions.map((q) => weekOf(origin, q.measure.date) + 1));
  const found = opts.posteriorOn?.(origin) ?? null;
  const engine = found ? posteriorDraws(view, found.posterior) : null;
  const scenarios = engine ? engine.scenarios : [view];
  const prepared: Prepared[] = [];
  for (const scn of scenarios)
    prepared.push(
      await prepareScenario(scn, { start: origin, weeks, ...(opts.supply ? { supply: opts.supply } : {}) }),
    );
  const R = opts.runs;
  const cards = questions.map((q) => cardProbe(q, prepared[0], opts));
  const probes = questions.map((q, i) =>
    cards[i] ? cards[i].probe : compileProbe(q, prepared[0], view, data),
  );
  const at = questions.map((q) => weekOf(origin, q.measure.date));
  const yes = new Int32Array(questions.length);
  const values = questions.map((q, i) =>
    q.measure.kind === 'average_rate' && probes[i] ? new Float64Array(R) : null,
  );
  let run = 0;
  // one simulator per model (a posterior's structures); the same ledger, so the same probes
  const sims = prepared.map((p) => {
    const sim = new Simulator(p);
    const pr =
      p === prepared[0]
        ? probes
        : questions.map((q) => {
            const cp = cardProbe(q, p, opts);
            return cp ? cp.probe : compileProbe(q, p, view, data);
          });
    sim.onWeekEnd = (w) => {
      for (let i = 0; i < questions.length; i++) {
        const probe = pr[i];
        if (!probe || at[i] !== w) continue;
        const r = readProbe(sim, probe, questions[i]);
        if (r.yes) yes[i]++;
        const v = values[i];
        if (v) v[run] = r.value;
      }
    };
    return sim;
  });
  for (run = 0; run < R; run++) {
    if (!engine) sims[0].run(opts.seed, run);
    else {
      const d = engine.draw(prepared, opts.seed, run);
      sims[d.model].run(opts.seed, run, d.values);
    }
  }
  const forecasts = questions.map((q, i): QuestionForecast => {
    const note = cards[i]?.note;
    const base = { id: q.id, asked: q.asked, resolves: q.resolves, ...(note ? { absent: note } : {}) };
    if (!probes[i]) {
      const p_yes = holds(q.measure, observe(view, data, q.measure)) ? 1 : 0;
      return { ...base, p_yes, basis: 'scheduled' };
    }
    const f: QuestionForecast = { ...base, p_yes: yes[i] / R, basis: 'simulated' };
    const v = values[i];
    if (v) {
      const s = Float64Array.from(v).sort();
      f.quantiles = quantilesOf(s);
      f.ensemble = ensembleOf(s);
    }
    return f;
  });
  return {
    info: {
      origin,
      questions: questions.length,
      weeks,
      scenario_as_of: view.as_of ?? null,
      parameters: found
        ? { basis: 'posterior', as_known_on: found.posterior.as_known_on, file: basename(found.file) }
        : { basis: 'priors' },
    },
    forecasts,
  };
}

export const FORECAST_BASIS = [
  'each origin: one Monte Carlo of the scenario as known on that date (vintage view), started on it; the same seed for every origin',
  "P(yes): share of runs in which the question's comparison holds in the simulated week containing its date (weeks start on the origin)",
  'average_rate: the simulated trade-weighted average of actor on target; quantiles and a 100-value ensemble from the runs',
  'a measure the simulator does not track is answered by the vintage schedule (basis "scheduled", P = 0 or 1)',
  'a layer or control absent from the view is read from the card that would create it (absent says which, or why none matches)',
  "uncertain parameters: from the posterior calibrated on the latest vintage on or before the origin (leverage calibrate; each run a particle by weight, with its strategy pair and renewal rule), else the scenario's priors (origins[].parameters says which)",
  'recorded outcomes are not read',
];

/** The forecast document from each origin's results (in origin order), questions in file order. */
export function assembleForecast(
  file: QuestionFile,
  opts: { runs: number; seed: number },
  results: { info: OriginInfo; forecasts: QuestionForecast[] }[],
): ForecastResult {
  const byId = new Map(results.flatMap((r) => r.forecasts).map((f) => [f.id, f]));
  return {
    kind: 'forecast',
    questions_id: file.id,
    scenario: file.scenario,
    runs: opts.runs,
    seed: opts.seed,
    origins: results.map((r) => r.info),
    forecasts: file.questions.map((q) => byId.get(q.id)!),
    basis: FORECAST_BASIS,
  };
}

/** Forecast every question of a file, origin by origin (each its own vintage and Monte Carlo), in this thread. */
export async function forecastQuestions(
  file: QuestionFile,
  viewOn: ViewOn,
  data: ShippedTrade,
  opts: ForecastOptions,
): Promise<ForecastResult> {
  checkRunOptions({ runs: opts.runs, seed: opts.seed });
  const groups = [...byOrigin(file)];
  const results = [];
  for (const [origin, qs] of groups) {
    results.push(await forecastOrigin(origin, qs, viewOn(origin), data, opts));
    opts.onProgress?.(results.length, groups.length);
  }
  return assembleForecast(file, opts, results);
}
