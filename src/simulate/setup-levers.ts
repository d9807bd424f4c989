// Setup of the levers: export controls, substances, agreements and the move menus, compacted.
import { agreementState, exportControlState, isActiveOn } from '../ledger/index.ts';
import { toEpochDay, type Scenario } from '../model/index.ts';
import { CARD_PREFIX, SimulationConfigError, type ResolvedConfig } from './config.ts';
import { APPROVAL_NAMES } from './schedule.ts';
import type { TariffDirection } from './tariffs.ts';
import { RULE_EXTRATERRITORIAL } from './rare-earth.ts';

import {
  AG,
  COMMIT_LICENCES,
  COMMIT_LIFTED,
  COMMIT_LISTED,
  COMMIT_TARIFF,
  EFFECT_LICENCES,
  EFFECT_LIFT,
  EFFECT_LIST,
  EFFECT_NONE,
  EFFECT_REMOVE,
  EFFECT_SUSPEND,
  MOVE_KIND_CODES,
  type Prepared,
} from './prepared.ts';

type SideOf = (id: string) => number;

function isRareEarth(scn: Scenario, groups: string[] | undefined, hs: string[] | undefined): boolean {
  const re = ['rare-earths', 'magnets'];
  if ((groups ?? []).some((g) => re.includes(g))) return true;
  const codes = re.flatMap((g) => scn.products.groups[g]?.hs ?? []).map((h) => h.replace(/\./g, ''));
  return (hs ?? []).some((h) => codes.some((p) => h.replace(/\./g, '').startsWith(p)));
}

/** Export controls and controlled substances, in their state on the start date. */
export function prepareControls(
  scn: Scenario,
  start: string,
  side: SideOf,
): { controls: Prepared['controls']; substances: Prepared['substances'] } {
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
  return { controls, substances };
}

/**
 * The agreements between the two sides on the start date: status, approvals, running clocks and
 * the commitments the loop checks; `notes` gets the commitments it cannot check or enact.
 */
export function prepareAgreements(
  scn: Scenario,
  actors: [string, string],
  start: string,
  dirs: [TariffDirection, TariffDirection],
  controls: Prepared['controls'],
  substances: Prepared['substances'],
  stateOf: (id: string) => string,
  side: SideOf,
  notes: string[],
): Prepared['agreements'] {
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
  return agreements;
}

function commitEffect(kind: number, action: string): number {
  if (kind === COMMIT_TARIFF)
    return action === 'remove' ? EFFECT_REMOVE : action === 'reduce' ? EFFECT_NONE : EFFECT_SUSPEND;
  if (kind === COMMIT_LIFTED) return EFFECT_LIFT;
  if (kind === COMMIT_LICENCES) return EFFECT_LICENCES;
  return EFFECT_LIST;
}

/**
 * The move menus as numbered operations on the compact state; marks the controls an
 * extraterritorial move applies to (controls.bottleneck_rule).
 */
export function prepareMoves(
  cfg: ResolvedConfig,
  dirs: [TariffDirection, TariffDirection],
  controls: Prepared['controls'],
  substances: Prepared['substances'],
  agreements: Prepared['agreements'],
): Prepared['moves'] {
  const sim = cfg.params;
  const actors = cfg.actors;
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
        case 'new_tariff_layer':
          return 0; // set by prepareLayerCards (an index into layer_cards)
        case 'new_export_control':
          return controls.ids.indexOf(`${CARD_PREFIX}${m.id}`);
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
  return moves;
}
