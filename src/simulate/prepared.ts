// The prepared scenario's shape (plain data, sent to worker threads as is) and the loop's codes.
import { AGREEMENT_STATUSES } from '../model/index.ts';
import type { BottleneckModel } from '../supply/index.ts';
import type { ResolvedConfig } from './config.ts';
import { APPROVAL_NAMES, type ScheduledChange } from './schedule.ts';
import type { TariffDirection } from './tariffs.ts';
import type { PreparedLitigation } from './litigation.ts';
import type { LayerCard } from './cards.ts';

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
  new_tariff_layer: 11,
  new_export_control: 12,
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

/** The rare-earth bottleneck model compiled for the importer's users (rare-earth.ts prepareRareEarthBottleneck). */
export interface RareEarthBottleneck {
  model: BottleneckModel;
  /** Model weeks before the simulation's start (history, the observed path). */
  history_weeks: number;
  /** The ledger's binding flow share of the exporter's rare-earth controls each model week (1: none binds). */
  ledger_flow: Float64Array;
  /** 1 when one of those controls is in force that week (the ledger). */
  ledger_in_force: Uint8Array;
  /** The importer's destination index in model.destinations; its side and the exporter's. */
  dest: number;
  importer: 0;
  exporter: 1;
  /** Weeks after the horizon the model runs to (leverage branches). */
  branch_weeks: number;
  /** Priority-licence share by end use [civil, defence] while a control binds. */
  priority: [number, number];
  basis: string;
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
  /** The window the peak is taken over (the scenario's views.peak_window), both ends included. */
  peak_window: { from: string; to: string };
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
  /** new_tariff_layer cards (cards.ts): moves.target of such a move indexes this list. */
  layer_cards: LayerCard[];
  /** Product groups of each new_export_control card's control, by control id. */
  card_groups: Record<string, string[]>;
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
