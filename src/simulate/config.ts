// The simulation block of a scenario, checked against the scenario (measures, agreements,
// actors, authorities) and the strategy registry, and turned into numbered parameter slots.
// Pure: no I/O. Problems carry their path inside `parameters.simulation` so the edge can point
// at file:line:col.
import { LeverageError } from '../errors/index.ts';
import { getStrategyInfo, validateParameters, GameInputError, type ParamValue } from '../game/index.ts';
import type { Scenario } from '../model/index.ts';
import { litigationSlots } from './litigation.ts';

/** Ids of the measures setup gives the cards of the menus (cards.ts). */
export const CARD_PREFIX = 'card:';

export type SimulationParams = NonNullable<Scenario['parameters']['simulation']>;
type Move = SimulationParams['moves'][string][number];
type Dist = SimulationParams['uncertain'][number]['distribution'];

export interface ConfigProblem {
  /** Path inside parameters.simulation. */
  path: (string | number)[];
  message: string;
}

export class SimulationConfigError extends LeverageError {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      'input',
      'invalid_simulation',
      problems.map((p) => `parameters.simulation.${formatPath(p.path)}: ${p.message}`).join('\n'),
      problems[0] ? { location: { path: `parameters.simulation.${formatPath(problems[0].path)}` } } : {},
    );
    this.name = 'SimulationConfigError';
  }
}

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

/** Parameter slots: every number the loop reads that an uncertain parameter may replace. */
export const GLOBAL_SLOTS = [
  'agreements.perception_noise',
  'agreements.licence_compliance_flow_share',
  'trade.sigma',
  'trade.epsilon_m',
  'choice.valuation_weeks',
  'choice.expected_retaliation',
  'choice.expected_reciprocity',
  'agreements.extension_cost_usd',
  'agreements.renewal_noise',
] as const;
export const SLOT_NOISE = 0;
export const SLOT_LICENCE = 1;
export const SLOT_SIGMA = 2;
export const SLOT_EPS_M = 3;
export const SLOT_VALUATION = 4;
export const SLOT_RETALIATION = 5;
export const SLOT_RECIPROCITY = 6;
export const SLOT_EXTENSION_COST = 7;
export const SLOT_RENEWAL_NOISE = 8;
export const ACTOR_SLOTS = ['economic', 'political', 'backing_down'] as const;
/** Per-move slots, in this order from the move's base slot. */
export const MOVE_SLOTS = ['step', 'min', 'max', 'cost', 'harm', 'self_cost', 'audience', 'days'] as const;
export const MS_STEP = 0;
export const MS_MIN = 1;
export const MS_MAX = 2;
export const MS_COST = 3;
export const MS_HARM = 4;
export const MS_SELF = 5;
export const MS_AUDIENCE = 6;
export const MS_DAYS = 7;

/** Field names of a move as written in the scenario -> move slot. */
const MOVE_FIELD_SLOT: Record<string, number> = {
  step_pct: MS_STEP,
  flow_share_step: MS_STEP,
  approval_share_step: MS_STEP,
  min_pct: MS_MIN,
  min_share: MS_MIN,
  max_pct: MS_MAX,
  max_share: MS_MAX,
  cost_usd: MS_COST,
  harm_to_target_usd_per_week: MS_HARM,
  cost_to_self_usd_per_week: MS_SELF,
  audience_cost_usd: MS_AUDIENCE,
  processing_days: MS_DAYS,
  size: MS_STEP,
};

export interface ResolvedUncertain {
  path: string;
  distribution: Dist;
  /** Slot replaced by the draw, or -1 for a strategy parameter. */
  slot: number;
  /** For strategy parameters: actor index and parameter name. */
  strategy?: { actor: number; param: string };
  /** Draws are rounded to whole numbers (integer strategy parameters). */
  integer?: boolean;
  /** Drawn from the litigation stream (litigation.ts), so the run's own stream is unchanged. */
  litigation?: boolean;
  /** Draws are clamped to this range (the parameter's validity range). */
  lo: number;
  hi: number;
  provenance: string;
}

export interface ResolvedConfig {
  params: SimulationParams;
  actors: [string, string];
  start: string;
  warmup_from: string | null;
  horizon_weeks: number;
  slot_names: string[];
  slot_defaults: Float64Array;
  /** Base slot of each actor's objective weights, and of each move (per actor, in menu order). */
  actor_slot: [number, number];
  move_slot: [number[], number[]];
  strategies: [
    { name: string; params: Record<string, ParamValue> },
    { name: string; params: Record<string, ParamValue> },
  ];
  uncertain: ResolvedUncertain[];
}

function distSupport(d: Dist): [number, number] {
  switch (d.kind) {
    case 'normal':
      return [-Infinity, Infinity];
    case 'lognormal':
      return [0, Infinity];
    case 'uniform':
      return [d.low, d.high];
    case 'triangular':
      return [d.min, d.max];
    case 'beta':
      return [d.low ?? 0, d.high ?? 1];
  }
}

/**
 * Check the simulation block against the scenario and the strategy registry; returns the
 * resolved configuration or throws SimulationConfigError listing every problem.
 */
export function resolveConfig(scn: Scenario): ResolvedConfig {
  const sim = scn.parameters.simulation;
  if (!sim)
    throw new SimulationConfigError([
      {
        path: [],
        message:
          'the scenario has no parameters.simulation block (moves, objectives, strategies, agreements, trade)',
      },
    ]);
  const out: ConfigProblem[] = [];
  const states = Object.entries(scn.actors)
    .filter(([, a]) => a.kind === 'state' || a.kind === 'bloc')
    .map(([id]) => id);
  const actors = (sim.actors ?? (states.length === 2 ? [states[0], states[1]] : undefined)) as
    [string, string] | undefined;
  if (!actors) {
    out.push({
      path: ['actors'],
      message: `name the two sides (the scenario has ${states.length} states: ${states.join(', ')})`,
    });
    throw new SimulationConfigError(out);
  }
  actors.forEach((a, i) => {
    if (!scn.actors[a])
      out.push({
        path: ['actors', i],
        message: `unknown actor "${a}" (actors: ${Object.keys(scn.actors).join(', ')})`,
      });
  });
  if (actors[0] === actors[1]) out.push({ path: ['actors'], message: 'the two sides must differ' });
  const measures = new Map(scn.measures.map((m) => [m.id, m]));
  const agreements = new Map(scn.agreements.map((a) => [a.id, a]));
  const stateOf = (id: string) => scn.actors[id]?.state ?? id;

  for (const key of ['moves', 'objectives', 'strategies'] as const) {
    for (const a of actors) if (!sim[key][a]) out.push({ path: [key], message: `missing ${key} for ${a}` });
    for (const k of Object.keys(sim[key]))
      if (!actors.includes(k))
        out.push({ path: [key, k], message: `"${k}" is not one of the two sides (${actors.join(', ')})` });
  }
  for (const a of actors)
    if (!sim.trade.market_imports_usd[a])
      out.push({
        path: ['trade', 'market_imports_usd'],
        message: `missing total imports of ${a} (USD a year)`,
      });

  const slot_names: string[] = [...GLOBAL_SLOTS];
  const defaults: number[] = [
    sim.agreements.perception_noise.value,
    sim.agreements.licence_compliance_flow_share.value,
    sim.trade.sigma.value,
    sim.trade.epsilon_m.value,
    sim.choice?.valuation_weeks.value ?? 13,
    sim.choice?.expected_retaliation.value ?? 0.5,
    sim.choice?.expected_reciprocity.value ?? 0.5,
    sim.agreements.extension_cost_usd?.value ?? 0,
    sim.agreements.renewal_noise?.value ?? 0,
  ];
  const slotRange: [number, number][] = [
    [0, 1],
    [0, 1],
    [0.01, 50],
    [-50, -0.001],
    [1, 520],
    [0, 1],
    [0, 1],
    [0, 1e13],
    [0, 5],
  ];
  const actor_slot: [number, number] = [0, 0];
  const move_slot: [number[], number[]] = [[], []];
  actors.forEach((a, ai) => {
    actor_slot[ai] = slot_names.length;
    const o = sim.objectives[a];
    for (const k of ACTOR_SLOTS) {
      slot_names.push(`objectives.${a}.${k}`);
      defaults.push(o ? o[k].value : 0);
      slotRange.push([0, 1000]);
    }
    const seen = new Set<string>();
    (sim.moves[a] ?? []).forEach((m: Move, mi: number) => {
      const p = ['moves', a, mi];
      if (seen.has(m.id)) out.push({ path: [...p, 'id'], message: `duplicate move id "${m.id}"` });
      seen.add(m.id);
      checkMove(m, a, p);
      move_slot[ai].push(slot_names.length);
      const rec = m as unknown as Record<string, unknown>;
      const val = (field: string, dflt: number) => {
        const v = rec[field];
        if (v === undefined) return dflt;
        return typeof v === 'number' ? v : (v as { value: number }).value;
      };
      const isTariff =
        m.kind === 'raise_tariff' || m.kind === 'lower_tariff' || m.kind === 'new_tariff_layer';
      // a layer card's fixed size sits in the step slot (match_last_increase reads the state)
      const fixed = m.kind === 'new_tariff_layer' && typeof m.size === 'object' ? m.size.value : 0;
      const vals = [
        val('step_pct', val('flow_share_step', val('approval_share_step', fixed))),
        val('min_pct', val('min_share', 0)),
        val('max_pct', val('max_share', isTariff ? 1000 : 1)),
        val('cost_usd', 0),
        val('harm_to_target_usd_per_week', 0),
        val('cost_to_self_usd_per_week', 0),
        val('audience_cost_usd', 0),
        val('processing_days', 0),
      ];
      const ranges: [number, number][] = [
        [0, isTariff ? 1000 : 1],
        [0, isTariff ? 1000 : 1],
        [0, isTariff ? 1000 : 1],
        [0, 1e13],
        [0, 1e13],
        [0, 1e13],
        [0, 1e13],
        [0, 3650],
      ];
      MOVE_SLOTS.forEach((s, k) => {
        slot_names.push(`moves.${a}.${m.id}.${s}`);
        defaults.push(vals[k]);
        slotRange.push(ranges[k]);
      });
    });
  });

  // pending litigation (litigation.ts): strike-down probability and lag, per challenge
  const lit = litigationSlots(scn, sim, actors);
  out.push(...lit.problems);
  slot_names.push(...lit.names);
  defaults.push(...lit.defaults);
  slotRange.push(...lit.ranges);

  function checkMove(m: Move, a: string, p: (string | number)[]) {
    // the ledger's authorities (not the layers of cards, cards.ts, which setup adds)
    const importerAuthorities = new Set(
      scn.measures
        .filter((x) => x.kind === 'tariff' && x.actor === a && !x.id.startsWith(CARD_PREFIX))
        .map((x) => x.authority),
    );
    switch (m.kind) {
      case 'raise_tariff':
      case 'lower_tariff':
        if (!importerAuthorities.has(m.authority))
          out.push({
            path: [...p, 'authority'],
            message: `no tariff measure of ${a} under authority "${m.authority}" (authorities of ${a}: ${[...importerAuthorities].join(', ') || 'none'})`,
          });
        break;
      case 'tighten_licensing':
      case 'loosen_licensing':
      case 'add_export_control':
      case 'lift_export_control': {
        const x = measures.get(m.measure);
        if (!x) out.push({ path: [...p, 'measure'], message: `unknown measure "${m.measure}"` });
        else if (x.kind !== 'export_control')
          out.push({
            path: [...p, 'measure'],
            message: `measure "${m.measure}" is a ${x.kind}, not an export control`,
          });
        else if (x.actor !== a)
          out.push({
            path: [...p, 'measure'],
            message: `export control "${m.measure}" belongs to ${x.actor}, not ${a}`,
          });
        break;
      }
      case 'list_substances': {
        const x = measures.get(m.measure);
        if (!x) out.push({ path: [...p, 'measure'], message: `unknown measure "${m.measure}"` });
        else if (x.kind !== 'controlled_substance')
          out.push({
            path: [...p, 'measure'],
            message: `measure "${m.measure}" is a ${x.kind}, not a controlled-substance listing`,
          });
        break;
      }
      case 'propose':
      case 'approve':
      case 'walk_away': {
        const ag = agreements.get(m.agreement);
        if (!ag)
          out.push({
            path: [...p, 'agreement'],
            message: `unknown agreement "${m.agreement}" (agreements: ${[...agreements.keys()].join(', ')})`,
          });
        else if (!ag.parties.includes(a))
          out.push({ path: [...p, 'agreement'], message: `${a} is not a party to "${m.agreement}"` });
        else if (m.kind === 'approve' && !ag.approvals.some((x) => stateOf(x.by) === a))
          out.push({
            path: [...p, 'agreement'],
            message: `"${m.agreement}" needs no approval by ${a} or its leader`,
          });
        break;
      }
      case 'claim':
        break;
      case 'new_tariff_layer':
        if (importerAuthorities.has(m.authority))
          out.push({
            path: [...p, 'authority'],
            message: `a new layer needs an authority ${a} has no tariff measure under; "${m.authority}" is one (use raise_tariff, or name the new authority)`,
          });
        break;
      case 'new_export_control':
        m.groups.forEach((g, q) => {
          if (!scn.products.groups[g])
            out.push({
              path: [...p, 'groups', q],
              message: `unknown product group "${g}" (groups: ${Object.keys(scn.products.groups).join(', ')})`,
            });
        });
        break;
    }
  }

  // agreements block
  // framework and truce are optional (a vintage view from before they were announced)
  const fw = sim.agreements.framework === undefined ? undefined : agreements.get(sim.agreements.framework);
  if (sim.agreements.framework !== undefined && !fw)
    out.push({
      path: ['agreements', 'framework'],
      message: `unknown agreement "${sim.agreements.framework}"`,
    });
  else if (fw && fw.approvals.length === 0)
    out.push({ path: ['agreements', 'framework'], message: `"${fw.id}" lists no approvals to track` });
  if (sim.agreements.truce !== undefined && !agreements.has(sim.agreements.truce))
    out.push({ path: ['agreements', 'truce'], message: `unknown agreement "${sim.agreements.truce}"` });

  // strategies: validated against the registry's declared parameters
  const strategies = actors.map((a) => {
    const s = sim.strategies[a];
    if (!s) return { name: 'TitForTat', params: {} };
    try {
      const info = getStrategyInfo(s.name);
      return { name: info.name, params: validateParameters(info, s.params ?? {}) };
    } catch (err) {
      if (!(err instanceof GameInputError)) throw err;
      const isName = /unknown strategy/.test(err.message);
      const m = /^[^.]+\.(\w+):|parameter "(\w+)"/.exec(err.message);
      const param = m?.[1] ?? m?.[2];
      out.push({
        path: isName
          ? ['strategies', a, 'name']
          : param
            ? ['strategies', a, 'params', param]
            : ['strategies', a, 'params'],
        message: err.message,
      });
      return { name: s.name, params: {} };
    }
  }) as ResolvedConfig['strategies'];

  // uncertain parameters: a known path, a distribution that fits the parameter's range
  const slotIndex = new Map(slot_names.map((n, i) => [n, i]));
  const uncertain: ResolvedUncertain[] = [];
  const seenPaths = new Set<string>();
  sim.uncertain.forEach((u, ui) => {
    const p = ['uncertain', ui, 'path'];
    if (seenPaths.has(u.path))
      out.push({ path: p, message: `"${u.path}" is already uncertain (declared twice)` });
    seenPaths.add(u.path);
    const provenance = u.source ?? `assumption: ${u.assumption}`;
    const [slo, shi] = distSupport(u.distribution);
    const sm = /^strategies\.([^.]+)\.params\.([^.]+)$/.exec(u.path);
    if (sm) {
      const ai = actors.indexOf(sm[1]);
      if (ai < 0) return out.push({ path: p, message: `"${sm[1]}" is not one of the two sides` });
      let info;
      try {
        info = getStrategyInfo(strategies[ai].name);
      } catch {
        return;
      }
      const spec = info.parameters.find((x) => x.name === sm[2]);
      if (!spec)
        return out.push({
          path: p,
          message: `${info.name} has no parameter "${sm[2]}" (parameters: ${info.parameters.map((x) => x.name).join(', ') || 'none'})`,
        });
      if (spec.kind === 'string')
        return out.push({
          path: p,
          message: `${info.name}.${sm[2]} is a text parameter; only numbers can be uncertain`,
        });
      const lo = spec.min ?? -Infinity;
      const hi = spec.max ?? Infinity;
      if (!fits(slo, shi, lo, hi, u.distribution))
        return out.push({
          path: ['uncertain', ui, 'distribution'],
          message: rangeMessage(u.path, slo, shi, lo, hi),
        });
      uncertain.push({
        path: u.path,
        distribution: u.distribution,
        slot: -1,
        strategy: { actor: ai, param: sm[2] },
        ...(spec.kind === 'integer' ? { integer: true } : {}),
        lo,
        hi,
        provenance,
      });
      return;
    }
    // move fields are addressed by their scenario names (moves.CN.cn-loosen-ree.flow_share_step) or slot names
    let name = u.path;
    const mm = /^moves\.([^.]+)\.(.+)\.([a-z_]+)$/.exec(u.path);
    if (mm && MOVE_FIELD_SLOT[mm[3]] !== undefined)
      name = `moves.${mm[1]}.${mm[2]}.${MOVE_SLOTS[MOVE_FIELD_SLOT[mm[3]]]}`;
    const om = /^objectives\.([^.]+)\.([a-z_]+)$/.exec(u.path);
    if (om) name = `objectives.${om[1]}.${om[2]}`;
    const slot = slotIndex.get(name);
    if (slot === undefined) {
      const examples = [
        'strategies.<actor>.params.<name>',
        'objectives.<actor>.economic|political|backing_down',
        'moves.<actor>.<move id>.<field>',
        'litigation.<id>.strike_probability|lag_days',
        ...GLOBAL_SLOTS,
      ];
      return out.push({
        path: p,
        message: `unknown parameter path "${u.path}" (paths look like ${examples.join(', ')})`,
      });
    }
    if (mm) {
      const ai = actors.indexOf(mm[1]);
      const mv = (sim.moves[mm[1]] ?? []).find((x) => x.id === mm[2]);
      if (ai >= 0 && mv && (mv as unknown as Record<string, unknown>)[mm[3]] === undefined)
        return out.push({
          path: p,
          message: `move "${mm[2]}" has no ${mm[3]} to perturb (set a value in the move first)`,
        });
    }
    const [lo, hi] = slotRange[slot];
    if (!fits(slo, shi, lo, hi, u.distribution))
      return out.push({
        path: ['uncertain', ui, 'distribution'],
        message: rangeMessage(u.path, slo, shi, lo, hi),
      });
    const lit = u.path.startsWith('litigation.') ? { litigation: true } : {};
    uncertain.push({ path: u.path, distribution: u.distribution, slot, lo, hi, provenance, ...lit });
  });

  if (sim.warmup_from !== undefined && sim.warmup_from >= (sim.start ?? '2025-06-11'))
    out.push({
      path: ['warmup_from'],
      message: `the warm-up must start before the first simulated week (${sim.start ?? '2025-06-11'}), got ${sim.warmup_from}`,
    });
  out.push(...futureValues(sim, scn.as_of));
  if (out.length) throw new SimulationConfigError(out);
  return {
    params: sim,
    actors,
    start: sim.start ?? '2025-06-11',
    warmup_from: sim.warmup_from ?? null,
    horizon_weeks: sim.horizon_weeks ?? 52,
    slot_names,
    slot_defaults: Float64Array.from(defaults),
    actor_slot,
    move_slot,
    strategies,
    uncertain,
  };
}

/** Bounded distributions must lie inside the parameter's range; unbounded ones (normal, lognormal) must overlap it and are clamped. */
/**
 * A dated value (docs/vintages.md#dated-values) known only after the scenario's as_of is a
 * figure nobody had on the day the scenario stands at: a typo, or the future leaking in.
 */
function futureValues(sim: SimulationParams, asOf: string | undefined): ConfigProblem[] {
  if (asOf === undefined) return [];
  return Object.entries(sim.resolved_known_from ?? {})
    .filter(([, d]) => d > asOf)
    .map(([where, d]) => {
      // "moves.US.us-raise-reciprocal.max_pct" -> moves.US[index].max_pct (the file's position)
      // "uncertain[2].distribution" -> uncertain[2].distribution
      const parts = where.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
      const [head, side, id, ...rest] = parts;
      const i = head === 'moves' ? (sim.moves[side] ?? []).findIndex((m) => m.id === id) : -1;
      const path = i >= 0 ? ['moves', side, i, ...rest] : parts.map((k) => (/^\d+$/.test(k) ? Number(k) : k));
      return {
        path,
        message: `known_from ${d} is after the scenario's as_of ${asOf}: a value cannot be known before it was public`,
      };
    });
}

function fits(slo: number, shi: number, lo: number, hi: number, d: Dist): boolean {
  if (d.kind === 'normal' || d.kind === 'lognormal') {
    if (d.kind === 'normal') return d.mean >= lo && d.mean <= hi;
    return Math.exp(d.mu) >= lo && Math.exp(d.mu) <= hi;
  }
  return slo >= lo && shi <= hi;
}

function rangeMessage(path: string, slo: number, shi: number, lo: number, hi: number): string {
  return `the distribution's range [${slo}, ${shi}] does not fit ${path}, which must lie in [${lo}, ${hi}]`;
}

/**
 * A what-if copy of the scenario with other strategies for some sides (e.g. from a dashboard).
 * Uncertain parameters of the replaced strategies that the new strategy does not declare are
 * dropped (and named in `dropped`), since they no longer perturb anything. Unknown strategy
 * names or parameters out of range still fail in resolveConfig, before any run.
 */
export function withStrategies(
  scn: Scenario,
  strategies: Record<string, { name: string; params?: Record<string, ParamValue> }>,
  /** Parameters the user set explicitly, by actor: no longer uncertain either. */
  fixed: Record<string, string[]> = {},
): { scenario: Scenario; dropped: string[] } {
  const sim = scn.parameters.simulation;
  if (!sim) return { scenario: scn, dropped: [] };
  const next = { ...sim.strategies };
  for (const [actor, spec] of Object.entries(strategies))
    next[actor] = {
      name: spec.name,
      ...(spec.params ? { params: spec.params } : {}),
      assumption: 'what-if strategy',
    };
  const dropped: string[] = [];
  const uncertain = sim.uncertain.filter((u) => {
    const m = /^strategies\.([^.]+)\.params\.([^.]+)$/.exec(u.path);
    if (!m || !strategies[m[1]]) return true;
    let declared: boolean;
    try {
      declared = getStrategyInfo(strategies[m[1]].name).parameters.some((p) => p.name === m[2]);
    } catch {
      declared = true; // unknown strategy: resolveConfig reports it
    }
    const keep = declared && !(fixed[m[1]] ?? []).includes(m[2]);
    if (!keep) dropped.push(u.path);
    return keep;
  });
  return {
    scenario: {
      ...scn,
      parameters: { ...scn.parameters, simulation: { ...sim, strategies: next, uncertain } },
    },
    dropped,
  };
}
