// Setup, once per scenario and outside the loop: the compact state at the start date, the
// move menus as numbered operations, agreements as small state machines, the trade market of
// each direction and the rare-earth chokepoint's loss per unit cut. The result is plain data
// (typed arrays, numbers, strings) so it can be sent to worker threads as is.
import { agreementState, exportControlState, isActiveOn } from '../ledger/index.ts';
import { AGREEMENT_STATUSES, toEpochDay, fromEpochDay, type Scenario } from '../model/index.ts';
import { resolveConfig, SimulationConfigError, type ResolvedConfig } from './config.ts';
import { APPROVAL_NAMES, scheduleFromLedger, scheduledAfter, type ScheduledChange } from './schedule.ts';
import { compileDirection, evaluateDirection, ledgerMeasureState, type TariffDirection } from './tariffs.ts';
import { withPendingMoves } from './pending.ts';
import type { RareEarthBottleneck } from './rare-earth.ts';
import { prepareLitigation, type PreparedLitigation } from './litigation.ts';

/** Agreement status codes: 0 = none (not yet on the record), then the scenario's statuses. */
export const AGREEMENT_STATUS_NAMES = ['none', ...AGREEMENT_STATUSES] as const;
export const AG = Object.fromEntries(AGREEMENT_STATUS_NAMES.map((s, i) => [s, i])) as Record<
  (typeof AGREEMENT_STATUS_NAMES)[number],
  number
>;
export { APPROVAL_NAMES };

export const MOVE_KIND_CODES = {
  raise_tariff: 0,
  lower_tariff: 1,
  tighten_licensing: 2,
  loosen_licensing: 3,
  add_export_control: 4,
  lift_export_control: 5,
  list_substances: 6,
  propose: 7,
  approve: 8,
  walk_away: 9,
  claim: 10,
} as const;
/** Moves that give ground: the first one made decides "who concedes first". */
export const CONCESSION_KINDS: readonly number[] = [1, 3, 5];

/** Commitment checks: tariff not above its level when the agreement took hold; control lifted; licences approved; substance listed. */
export const COMMIT_TARIFF = 0;
export const COMMIT_LIFTED = 1;
export const COMMIT_LICENCES = 2;
export const COMMIT_LISTED = 3;

/**
 * What a commitment does when its agreement is signed in a run (agreements.ts enact): keep the
 * measure's recorded suspended points off (suspend, extend), end the layer (remove), lift the
 * control (lift, suspend), let licences through at the compliance share (approve_licences),
 * list the substance. reduce states no size (the ledger's rate steps carry it): no effect.
 */
export const EFFECT_NONE = 0;
export const EFFECT_SUSPEND = 1;
export const EFFECT_REMOVE = 2;
export const EFFECT_LIFT = 3;
export const EFFECT_LICENCES = 4;
export const EFFECT_LIST = 5;

/** Weekly loss per unit cut of the rare-earth flow (supply engine), USD a week. */
export interface SupplyBridge {
  /** Output lost in the importing side's industries (Ghosh forward extraction) for a full cut. */
  importer_loss_usd_per_week: number;
  /** Output lost on the exporting side (Leontief backward extraction) for a full cut. */
  exporter_loss_usd_per_week: number;
  basis: string;
  /** The stock-flow model of the importer's users; when present it replaces the importer's linear loss. */
  bottleneck?: RareEarthBottleneck;
}

export interface TradeMarket {
  /** Base-year imports from the other side and from everyone else, USD a year. */
  partner_usd: number;
  others_usd: number;
  /** Average additional duty on the other side in the base regime (2025-01-01), percent. */
  base_tariff_pct: number;
}

export interface Prepared {
  scenario_id: string;
  actors: [string, string];
  start: string;
  start_day: number;
  horizon_weeks: number;
  week_dates: string[];
  /** directions[k]: imports of actors[k] from actors[1-k]. */
  directions: [TariffDirection, TariffDirection];
  init_measures: [MeasureInit, MeasureInit];
  markets: [TradeMarket, TradeMarket];
  /** April 2025 peak of each direction's average additional duty, percent (ledger). */
  peak_pct: [number, number];
  peak_dates: [string, string];
  controls: {
    ids: string[];
    /** Owner side (0/1) or -1 when neither side. */
    owner: Int8Array;
    in_force: Uint8Array;
    /** Share of normal exports that gets through; NaN when the ledger gives none. */
    flow_share: Float64Array;
    approval_share: Float64Array;
    processing_days: Float64Array;
    /** 1 = a rare-earth control aimed at the other side (drives output lost via the supply engine). */
    rare_earth: Uint8Array;
    /** RULE_* bits (rare-earth.ts) the bottleneck model applies while the control is in force (from its moves' bottleneck_rule). */
    bottleneck_rule: Uint8Array;
  };
  substances: { ids: string[]; in_force: Uint8Array };
  agreements: {
    ids: string[];
    status: Int8Array;
    /** Flattened approvals: agreement index, side, status code. */
    approval_agreement: Int32Array;
    approval_side: Int8Array;
    approval_status: Int8Array;
    /** Day the running clock ends (epoch day), or +Infinity. */
    clock_end_day: Float64Array;
    commit_agreement: Int32Array;
    commit_side: Int8Array;
    commit_kind: Int8Array;
    /** Measure index in the committing side's import direction (tariffs), control or substance index. */
    commit_target: Int32Array;
    /** Commitments to suspend/extend a tariff: their suspension ends when the agreement collapses. */
    commit_suspension: Uint8Array;
    /** EFFECT_* of each commitment when the agreement is signed in a run. */
    commit_effect: Int8Array;
  };
  framework: number;
  truce: number;
  moves: {
    /** Per side: kind code, posture (0 = C, 1 = D), target index, slot base, cooldown weeks, id. */
    kind: [Int8Array, Int8Array];
    posture: [Uint8Array, Uint8Array];
    target: [Int32Array, Int32Array];
    slot: [Int32Array, Int32Array];
    cooldown: [Int32Array, Int32Array];
    ids: [string[], string[]];
  };
  slot_names: string[];
  slot_defaults: Float64Array;
  actor_slot: [number, number];
  strategies: ResolvedConfig['strategies'];
  uncertain: ResolvedConfig['uncertain'];
  pain_unit_usd: number;
  walk_away_after: number;
  grace_weeks: number;
  extend_on_expiry: boolean;
  /** Renewal at expiry by each side's lapse cost against its extension cost (compare_costs). */
  renewal_by_costs: boolean;
  /** Move choice: 0 = first applicable of the menu, 1 = marginal pain (choice.ts). */
  choice_rule: 0 | 1;
  threat_weeks: number;
  extension_days: number;
  framework_by_week: number;
  framework_by: string;
  supply: SupplyBridge;
  warmup: Warmup | null;
  /** Ledger changes dated after the start and announced by it, replayed week by week (schedule.ts). */
  schedule: ScheduledChange[];
  /**
   * Leverage from breakdown branches in the Monte Carlo (branches.ts): branch length in weeks
   * (0: off, leverage_0_share_shift then compares the week's current pains) and spacing of the
   * branch points (the value is held between them).
   */
  branches: { weeks: number; every: number };
  /** Legal challenges pending on the start date (litigation.ts). */
  litigation: PreparedLitigation;
  notes: string[];
}

/** The ledger's weeks before the start, for the strategies' memory (see Simulator.warmUp). */
export interface Warmup {
  from: string;
  /** Week start dates; the last week ends the day before `start`. */
  dates: string[];
  /** Average additional duty per direction at each week's end, percent. */
  avg_pct: [Float64Array, Float64Array];
  /** The same with MFN-wide measures held at their state before the warm-up: the duties aimed at the other side, whose changes are moves. */
  aimed_pct: [Float64Array, Float64Array];
  /** Week-major (week x control): in force, and flow share (1 when the ledger gives none). */
  ctrl_in_force: Uint8Array;
  ctrl_flow: Float64Array;
  /** Each side's posture read from the ledger (0 = C, 1 = D). */
  posture: [Uint8Array, Uint8Array];
}

export interface MeasureInit {
  active: Uint8Array;
  statutory_pct: Float64Array;
  suspended_pct: Float64Array;
  /** Epoch day the suspension lapses, +Infinity when it does not. */
  suspended_until_day: Float64Array;
  exemption_active: Uint8Array;
}

export interface BaseFlows {
  /** Lines and base-year USD weights of imports of `importer` from `exporter`. */
  lines: readonly string[];
  weights_usd: Float64Array;
  description: string;
}

export interface PrepareInputs {
  /** Base-year flows by direction key `${importer}<-${exporter}` (trade engine's baseWeightsFor). */
  flows: Record<string, BaseFlows>;
  supply: SupplyBridge;
}

/** Default branch length (branches.ts): half a year, the 2025 truce clock and its first extension. */
export const DEFAULT_BRANCH_WEEKS = 26;
/** Default spacing of branch points inside the Monte Carlo (every 4th week; the value is held between). */
export const DEFAULT_BRANCH_EVERY = 4;

/** Bit of controls.bottleneck_rule: the extraterritorial rule (RareEarthSeam.week). */
export const RULE_EXTRATERRITORIAL = 1;

const BASE_REGIME_DATE = '2025-01-01';
const PEAK_WINDOW: [string, string] = ['2025-04-01', '2025-05-13'];

export function measureInit(scn: Scenario, d: TariffDirection, date: string): MeasureInit {
  const s = ledgerMeasureState(scn, d, date);
  return {
    active: s.active,
    statutory_pct: s.statutory_pct,
    suspended_pct: s.suspended_pct,
    suspended_until_day: Float64Array.from(s.suspended_until, (u) => (u ? toEpochDay(u) : Infinity)),
    exemption_active: s.exemption_active,
  };
}

/** Applied rates of a direction on a day from its measure state (-1 = not in force). */
export function appliedRates(m: MeasureInit, day: number, out: Float64Array): Float64Array {
  for (let j = 0; j < out.length; j++)
    out[j] = m.active[j]
      ? m.statutory_pct[j] - (day < m.suspended_until_day[j] ? m.suspended_pct[j] : 0)
      : -1;
  return out;
}

/** Average additional duty of a direction on a ledger date, percent of base trade. */
export function ledgerAverage(scn: Scenario, d: TariffDirection, date: string): number {
  return stateAverage(d, measureInit(scn, d, date), date);
}

/** Average additional duty of a direction in a measure state on a date, percent of base trade. */
function stateAverage(d: TariffDirection, m: MeasureInit, date: string): number {
  const A = d.authorities.length;
  return evaluateDirection(
    d,
    appliedRates(m, toEpochDay(date), new Float64Array(d.measure_ids.length)),
    m.exemption_active,
    new Float64Array(A),
    new Float64Array(A),
    new Uint8Array(A),
  );
}

function isRareEarth(scn: Scenario, groups: string[] | undefined, hs: string[] | undefined): boolean {
  const re = ['rare-earths', 'magnets'];
  if ((groups ?? []).some((g) => re.includes(g))) return true;
  const codes = re.flatMap((g) => scn.products.groups[g]?.hs ?? []).map((h) => h.replace(/\./g, ''));
  return (hs ?? []).some((h) => codes.some((p) => h.replace(/\./g, '').startsWith(p)));
}

/**
 * Everything the loop needs, computed once. `inputs` come from the engines (see engines.ts);
 * tests pass small hand-made ones.
 */
export function prepare(
  scn: Scenario,
  inputs: PrepareInputs,
  override: { weeks?: number; start?: string } = {},
): Prepared {
  // the menus with the implicit moves of agreements.pending (pending.ts) for this start
  const pending = withPendingMoves(scn, override.start);
  const cfg = resolveConfig(pending.scenario);
  const sim = cfg.params;
  const actors = cfg.actors;
  const start = override.start ?? cfg.start;
  const W = override.weeks ?? cfg.horizon_weeks;
  const startDay = toEpochDay(start);
  const week_dates = Array.from({ length: W }, (_, w) => fromEpochDay(startDay + 7 * w));
  const stateOf = (id: string) => scn.actors[id]?.state ?? id;
  const side = (id: string) => actors.indexOf(stateOf(id));

  const dirs = [0, 1].map((k) => {
    const key = `${actors[k]}<-${actors[1 - k]}`;
    const f = inputs.flows[key];
    if (!f)
      throw new SimulationConfigError([
        { path: ['actors'], message: `no base-year flows for imports of ${actors[k]} from ${actors[1 - k]}` },
      ]);
    return compileDirection(scn, actors[k], actors[1 - k], f.lines, f.weights_usd);
  }) as [TariffDirection, TariffDirection];
  const init = dirs.map((d) => measureInit(scn, d, start)) as [MeasureInit, MeasureInit];
  const markets = dirs.map((d, k) => {
    const total = sim.trade.market_imports_usd[actors[k]].value;
    if (total <= d.base_usd)
      throw new SimulationConfigError([
        {
          path: ['trade', 'market_imports_usd', actors[k]],
          message: `total imports (${total}) must exceed imports from ${actors[1 - k]} (${Math.round(d.base_usd)}), USD a year`,
        },
      ]);
    return {
      partner_usd: d.base_usd,
      others_usd: total - d.base_usd,
      base_tariff_pct: ledgerAverage(scn, d, BASE_REGIME_DATE),
    };
  }) as [TradeMarket, TradeMarket];
  // April 2025 peak: the highest daily average in the window
  const peak_pct: [number, number] = [0, 0];
  const peak_dates: [string, string] = [PEAK_WINDOW[0], PEAK_WINDOW[0]];
  for (let day = toEpochDay(PEAK_WINDOW[0]); day <= toEpochDay(PEAK_WINDOW[1]); day++) {
    for (let k = 0; k < 2; k++) {
      const v = ledgerAverage(scn, dirs[k], fromEpochDay(day));
      if (v > peak_pct[k]) {
        peak_pct[k] = v;
        peak_dates[k] = fromEpochDay(day);
      }
    }
  }

  // export controls, substances
  const ecs = scn.measures.filter((m) => m.kind === 'export_control');
  const controls: Prepared['controls'] = {
    ids: ecs.map((m) => m.id),
    owner: Int8Array.from(ecs, (m) => side(m.actor)),
    in_force: new Uint8Array(ecs.length),
    flow_share: new Float64Array(ecs.length).fill(NaN),
    approval_share: new Float64Array(ecs.length).fill(NaN),
    processing_days: new Float64Array(ecs.length).fill(0),
    rare_earth: new Uint8Array(ecs.length),
    bottleneck_rule: new Uint8Array(ecs.length),
  };
  ecs.forEach((m, i) => {
    const st = exportControlState(scn, m.id, start);
    controls.in_force[i] = st.in_force ? 1 : 0;
    if (st.flow_share !== undefined) controls.flow_share[i] = st.flow_share;
    if (st.approval_share !== undefined) controls.approval_share[i] = st.approval_share;
    if (st.processing_days !== undefined) controls.processing_days[i] = st.processing_days;
    const o = side(m.actor);
    const aimed = m.target === 'ALL' || (o >= 0 && side(m.target) === 1 - o);
    if (
      m.kind === 'export_control' &&
      o >= 0 &&
      aimed &&
      isRareEarth(scn, m.products?.groups, m.products?.hs)
    )
      controls.rare_earth[i] = 1;
  });
  const subs = scn.measures.filter((m) => m.kind === 'controlled_substance');
  const substances = {
    ids: subs.map((m) => m.id),
    in_force: Uint8Array.from(subs, (m) => (isActiveOn(m, start) ? 1 : 0)),
  };

  // agreements between the two sides
  const ags = scn.agreements.filter(
    (a) => a.parties.map(stateOf).includes(actors[0]) && a.parties.map(stateOf).includes(actors[1]),
  );
  const apA: number[] = [];
  const apS: number[] = [];
  const apT: number[] = [];
  const cA: number[] = [];
  const cS: number[] = [];
  const cK: number[] = [];
  const cT: number[] = [];
  const cSusp: number[] = [];
  const cEff: number[] = [];
  const notes: string[] = pending.implicit.map((m) => `move ${m.move.id}: ${m.move.note}`);
  const agreements: Prepared['agreements'] = {
    ids: ags.map((a) => a.id),
    status: new Int8Array(ags.length),
    approval_agreement: new Int32Array(0),
    approval_side: new Int8Array(0),
    approval_status: new Int8Array(0),
    clock_end_day: new Float64Array(ags.length).fill(Infinity),
    commit_agreement: new Int32Array(0),
    commit_side: new Int8Array(0),
    commit_kind: new Int8Array(0),
    commit_target: new Int32Array(0),
    commit_suspension: new Uint8Array(0),
    commit_effect: new Int8Array(0),
  };
  ags.forEach((a, ai) => {
    const st = agreementState(scn, a.id, start);
    agreements.status[ai] = AG[(st.status ?? 'none') as keyof typeof AG];
    st.approvals.forEach((ap) => {
      apA.push(ai);
      apS.push(side(ap.by));
      apT.push(APPROVAL_NAMES.indexOf((ap.status ?? 'none') as (typeof APPROVAL_NAMES)[number]));
    });
    const running = st.clocks.filter((c) => c.running).map((c) => toEpochDay(c.end));
    if (running.length) agreements.clock_end_day[ai] = Math.max(...running);
    for (const c of a.commitments) {
      const s = side(c.by);
      if (s < 0 || !c.measure) continue;
      let kind = -1;
      let target = -1;
      const tj = dirs[s].measure_ids.indexOf(c.measure);
      const ci = controls.ids.indexOf(c.measure);
      const si = substances.ids.indexOf(c.measure);
      if (tj >= 0 && ['suspend', 'extend', 'reduce', 'remove'].includes(c.action))
        [kind, target] = [COMMIT_TARIFF, tj];
      else if (ci >= 0 && (c.action === 'lift' || c.action === 'suspend'))
        [kind, target] = [COMMIT_LIFTED, ci];
      else if (ci >= 0 && c.action === 'approve_licences') [kind, target] = [COMMIT_LICENCES, ci];
      else if (si >= 0 && c.action === 'list_substances') [kind, target] = [COMMIT_LISTED, si];
      if (kind < 0) {
        notes.push(
          `${a.id}: commitment of ${c.by} to ${c.action} ${c.measure} is not checked by the loop (no compact state for it)`,
        );
        continue;
      }
      cA.push(ai);
      cS.push(s);
      cK.push(kind);
      cT.push(target);
      cSusp.push(kind === COMMIT_TARIFF && (c.action === 'suspend' || c.action === 'extend') ? 1 : 0);
      cEff.push(commitEffect(kind, c.action));
      if (c.action === 'reduce')
        notes.push(
          `${a.id}: commitment of ${c.by} to reduce ${c.measure} takes no effect when the agreement is signed in a run (it states no size)`,
        );
    }
  });
  agreements.approval_agreement = Int32Array.from(apA);
  agreements.approval_side = Int8Array.from(apS);
  agreements.approval_status = Int8Array.from(apT);
  agreements.commit_agreement = Int32Array.from(cA);
  agreements.commit_side = Int8Array.from(cS);
  agreements.commit_kind = Int8Array.from(cK);
  agreements.commit_target = Int32Array.from(cT);
  agreements.commit_suspension = Uint8Array.from(cSusp);
  agreements.commit_effect = Int8Array.from(cEff);
  // -1: none tracked (a vintage view from before the agreement was announced)
  const track = (id: string | undefined) => (id === undefined ? -1 : agreements.ids.indexOf(id));
  const framework = track(sim.agreements.framework);
  const truce = track(sim.agreements.truce);
  const missing = framework < 0 && sim.agreements.framework !== undefined ? 'framework' : 'truce';
  if (
    (framework < 0 && sim.agreements.framework !== undefined) ||
    (truce < 0 && sim.agreements.truce !== undefined)
  )
    throw new SimulationConfigError([
      {
        path: ['agreements', missing],
        message: `the agreement is not between ${actors.join(' and ')}`,
      },
    ]);

  // move menus
  const moves = {
    kind: [new Int8Array(0), new Int8Array(0)],
    posture: [new Uint8Array(0), new Uint8Array(0)],
    target: [new Int32Array(0), new Int32Array(0)],
    slot: [new Int32Array(0), new Int32Array(0)],
    cooldown: [new Int32Array(0), new Int32Array(0)],
    ids: [[], []],
  } as Prepared['moves'];
  actors.forEach((a, s) => {
    const menu = sim.moves[a];
    moves.ids[s] = menu.map((m) => m.id);
    moves.kind[s] = Int8Array.from(menu, (m) => MOVE_KIND_CODES[m.kind]);
    moves.posture[s] = Uint8Array.from(menu, (m) => (m.on === 'C' ? 0 : 1));
    moves.cooldown[s] = Int32Array.from(menu, (m) => m.cooldown_weeks ?? 0);
    moves.slot[s] = Int32Array.from(cfg.move_slot[s]);
    moves.target[s] = Int32Array.from(menu, (m) => {
      switch (m.kind) {
        case 'raise_tariff':
        case 'lower_tariff':
          return dirs[s].authorities.indexOf(m.authority);
        case 'tighten_licensing':
        case 'loosen_licensing':
        case 'add_export_control':
        case 'lift_export_control':
          return controls.ids.indexOf(m.measure);
        case 'list_substances':
          return substances.ids.indexOf(m.measure);
        case 'propose':
        case 'approve':
        case 'walk_away':
          return agreements.ids.indexOf(m.agreement);
        case 'claim':
          return -1;
      }
    });
  });
  actors.forEach((a, s) =>
    sim.moves[a].forEach((m, i) => {
      if (
        (m.kind === 'add_export_control' || m.kind === 'lift_export_control') &&
        m.bottleneck_rule &&
        moves.target[s][i] >= 0
      )
        controls.bottleneck_rule[moves.target[s][i]] |= RULE_EXTRATERRITORIAL;
      if (moves.target[s][i] < 0 && m.kind !== 'claim')
        throw new SimulationConfigError([
          {
            path: ['moves', a, i],
            message: `move "${m.id}" refers to something outside the ${actors.join('-')} relationship`,
          },
        ]);
    }),
  );
  const fwBy = sim.agreements.framework_by;
  const warmup =
    cfg.warmup_from !== null && cfg.warmup_from < start
      ? warmupFrom(scn, cfg.warmup_from, startDay, dirs, controls, agreements.ids, side)
      : null;
  const schedule = scheduledAfter(
    scheduleFromLedger(scn, { directions: dirs, controls, agreements }),
    start,
    W,
  );
  return {
    scenario_id: scn.id,
    actors,
    start,
    start_day: startDay,
    horizon_weeks: W,
    week_dates,
    directions: dirs,
    init_measures: init,
    markets,
    peak_pct,
    peak_dates,
    controls,
    substances,
    agreements,
    framework,
    truce,
    moves,
    slot_names: cfg.slot_names,
    slot_defaults: cfg.slot_defaults,
    actor_slot: cfg.actor_slot,
    strategies: cfg.strategies,
    uncertain: cfg.uncertain,
    pain_unit_usd: sim.pain_unit_usd.value,
    walk_away_after: sim.agreements.walk_away_after_violations,
    grace_weeks: sim.agreements.grace_weeks,
    extend_on_expiry: sim.agreements.on_expiry !== 'lapse',
    renewal_by_costs: sim.agreements.on_expiry === 'compare_costs',
    choice_rule: sim.choice?.rule === 'marginal_pain' ? 1 : 0,
    threat_weeks: sim.choice?.threat_weeks ?? 0,
    extension_days: sim.agreements.extension_days,
    // last week whose start date is on or before D (-1: D is before the first week)
    framework_by_week: Math.floor((toEpochDay(fwBy) - startDay) / 7),
    framework_by: fwBy,
    supply: inputs.supply,
    warmup,
    schedule,
    branches: { weeks: 0, every: DEFAULT_BRANCH_EVERY },
    litigation: prepareLitigation(sim, actors, dirs, cfg.slot_names, start),
    notes,
  };
}

function commitEffect(kind: number, action: string): number {
  if (kind === COMMIT_TARIFF)
    return action === 'remove' ? EFFECT_REMOVE : action === 'reduce' ? EFFECT_NONE : EFFECT_SUSPEND;
  if (kind === COMMIT_LIFTED) return EFFECT_LIFT;
  if (kind === COMMIT_LICENCES) return EFFECT_LICENCES;
  return EFFECT_LIST;
}

/**
 * The ledger's weeks from `from` to the start, and each side's posture in them, read from the
 * state at each week's END (the day before the next week starts) against the end of the week
 * before: D in a week when, on balance, it raised its duties on the other side, put an export
 * control in force or cut a licence flow; C when it lowered, lifted or loosened, or when an
 * agreement between the sides moved forward (talks, agreed, signed, implemented, extended);
 * otherwise as the week before (first week: C). Only duties aimed at the other side count:
 * an MFN-wide layer (target ALL, such as the Section 232 steel raise of 2025-06-04) is priced
 * but is not a move against the other side. Pain is priced at the week's end state too.
 */
function warmupFrom(
  scn: Scenario,
  from: string,
  startDay: number,
  dirs: [TariffDirection, TariffDirection],
  controls: Prepared['controls'],
  agreementIds: string[],
  side: (id: string) => number,
): Warmup {
  const WU = Math.floor((startDay - toEpochDay(from)) / 7);
  const dates = Array.from({ length: WU }, (_, i) => fromEpochDay(startDay - 7 * (WU - i)));
  const nc = controls.ids.length;
  const target = new Map(scn.measures.map((m) => [m.id, m.target]));
  const directed = dirs.map((d) => ({
    measures: d.measure_ids.map((id) => target.get(id) !== 'ALL'),
    exemptions: d.exemption_ids.map((id) => target.get(id) !== 'ALL'),
  }));
  // the average with every MFN-wide measure held at its state on the day before the warm-up
  const refDate = fromEpochDay(startDay - 7 * WU - 1);
  const ref = dirs.map((d) => measureInit(scn, d, refDate));
  const directedAverage = (k: number, date: string) => {
    const d = dirs[k];
    const m = measureInit(scn, d, date);
    const r = ref[k];
    directed[k].measures.forEach((own, j) => {
      if (own) return;
      m.active[j] = r.active[j];
      m.statutory_pct[j] = r.statutory_pct[j];
      m.suspended_pct[j] = r.suspended_pct[j];
      m.suspended_until_day[j] = r.suspended_until_day[j];
    });
    directed[k].exemptions.forEach((own, e) => {
      if (!own) m.exemption_active[e] = r.exemption_active[e];
    });
    return stateAverage(d, m, date);
  };
  const state = (date: string) => {
    const avg = [ledgerAverage(scn, dirs[0], date), ledgerAverage(scn, dirs[1], date)];
    const aimed = [directedAverage(0, date), directedAverage(1, date)];
    const inForce = new Uint8Array(nc);
    const flow = new Float64Array(nc).fill(1);
    controls.ids.forEach((id, c) => {
      const st = exportControlState(scn, id, date);
      inForce[c] = st.in_force ? 1 : 0;
      if (st.flow_share !== undefined) flow[c] = st.flow_share;
    });
    const ag = agreementIds.map((id) => agreementState(scn, id, date));
    return { avg, aimed, inForce, flow, ag };
  };
  const w: Warmup = {
    from,
    dates,
    avg_pct: [new Float64Array(WU), new Float64Array(WU)],
    aimed_pct: [new Float64Array(WU), new Float64Array(WU)],
    ctrl_in_force: new Uint8Array(WU * nc),
    ctrl_flow: new Float64Array(WU * nc),
    posture: [new Uint8Array(WU), new Uint8Array(WU)],
  };
  let prev = state(refDate);
  const last = [0, 0];
  const forward = ['talks', 'agreed_in_principle', 'signed', 'implemented', 'extended'];
  for (let i = 0; i < WU; i++) {
    const cur = state(fromEpochDay(toEpochDay(dates[i]) + 6)); // the week's end
    w.avg_pct[0][i] = cur.avg[0];
    w.avg_pct[1][i] = cur.avg[1];
    w.aimed_pct[0][i] = cur.aimed[0];
    w.aimed_pct[1][i] = cur.aimed[1];
    w.ctrl_in_force.set(cur.inForce, i * nc);
    w.ctrl_flow.set(cur.flow, i * nc);
    const score = [0, 0]; // > 0: escalated on balance
    for (let s = 0; s < 2; s++) {
      const d = cur.aimed[s] - prev.aimed[s];
      if (d > 1e-9) score[s]++;
      if (d < -1e-9) score[s]--;
    }
    for (let c = 0; c < nc; c++) {
      const o = controls.owner[c];
      if (o < 0) continue;
      if (cur.inForce[c] > prev.inForce[c] || (cur.inForce[c] && cur.flow[c] < prev.flow[c] - 1e-12))
        score[o]++;
      if (cur.inForce[c] < prev.inForce[c] || (cur.inForce[c] && cur.flow[c] > prev.flow[c] + 1e-12))
        score[o]--;
    }
    cur.ag.forEach((a, k) => {
      const moved = a.status !== prev.ag[k].status && a.status !== null && forward.includes(a.status);
      const approved = a.approvals.some(
        (ap, q) => ap.status === 'approved' && prev.ag[k].approvals[q]?.status !== 'approved',
      );
      if (moved) {
        score[0]--;
        score[1]--;
      }
      a.approvals.forEach((ap, q) => {
        const s = side(ap.by);
        if (approved && s >= 0 && ap.status === 'approved' && prev.ag[k].approvals[q]?.status !== 'approved')
          score[s]--;
      });
    });
    for (let s = 0; s < 2; s++) {
      if (score[s] > 0) last[s] = 1;
      else if (score[s] < 0) last[s] = 0;
      w.posture[s][i] = last[s];
    }
    prev = cur;
  }
  return w;
}
