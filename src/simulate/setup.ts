// Setup, once per scenario and outside the loop: prepare() compiles the scenario into a Prepared.
import { toEpochDay, fromEpochDay, type Scenario, type SimMove } from '../model/index.ts';
import { LeverageError } from '../errors/index.ts';
import { resolveConfig, SimulationConfigError } from './config.ts';
import { scheduleFromLedger, scheduledAfter } from './schedule.ts';
import { compileDirection, type TariffDirection } from './tariffs.ts';
import { withPendingMoves } from './pending.ts';
import { cardControlGroups, prepareLayerCards, setCardFlows, withCards } from './cards.ts';
import { prepareLitigation } from './litigation.ts';
import {
  DEFAULT_BRANCH_EVERY,
  type MeasureInit,
  type Prepared,
  type PrepareInputs,
  type TradeMarket,
} from './prepared.ts';
import { ledgerAverage, measureInit, warmupFrom } from './setup-ledger.ts';
import { prepareAgreements, prepareControls, prepareMoves } from './setup-levers.ts';

const BASE_REGIME_DATE = '2025-01-01';

/**
 * Everything the loop needs, computed once. `inputs` come from the engines (see engines.ts);
 * tests pass small hand-made ones.
 */
export function prepare(
  scenario: Scenario,
  inputs: PrepareInputs,
  override: { weeks?: number; start?: string } = {},
): Prepared {
  // the menus with the implicit moves of agreements.pending (pending.ts) for this start
  const start0 = override.start ?? resolveConfig(scenario).start;
  // cards announced by the start, each with its own measure (cards.ts); then the implicit moves
  const scn = withCards(scenario, start0);
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
  // April 2025 peak: the highest daily average in the scenario's views.peak_window
  const win = scn.views.peak_window;
  if (!win)
    throw new LeverageError(
      'input',
      'invalid_scenario',
      'views.peak_window: the simulation needs the window whose highest daily average is its escalation threshold (docs/scenario.md#views)',
      { location: { file: scn.files[scn.files.length - 1], path: 'views.peak_window' } },
    );
  const peak_pct: [number, number] = [0, 0];
  const peak_dates: [string, string] = [win.from, win.from];
  for (let day = toEpochDay(win.from); day <= toEpochDay(win.to); day++) {
    for (let k = 0; k < 2; k++) {
      const v = ledgerAverage(scn, dirs[k], fromEpochDay(day));
      if (v > peak_pct[k]) {
        peak_pct[k] = v;
        peak_dates[k] = fromEpochDay(day);
      }
    }
  }

  const { controls, substances } = prepareControls(scn, start, side);
  setCardFlows(controls, [sim.moves[actors[0]], sim.moves[actors[1]]]);
  const notes: string[] = pending.implicit.map((m) => `move ${m.move.id}: ${m.move.note}`);
  const agreements = prepareAgreements(scn, actors, start, dirs, controls, substances, stateOf, side, notes);
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

  const menus = [sim.moves[actors[0]], sim.moves[actors[1]]] as [SimMove[], SimMove[]];
  const moves = prepareMoves(cfg, dirs, controls, substances, agreements);
  const layer_cards = prepareLayerCards(scn, actors, start, dirs, menus, moves.target);
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
    peak_window: { from: win.from, to: win.to },
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
    layer_cards,
    card_groups: cardControlGroups(menus),
    litigation: prepareLitigation(sim, actors, dirs, cfg.slot_names, start),
    notes,
  };
}
