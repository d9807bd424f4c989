// Implicit moves for pending agreements (`parameters.simulation.agreements.pending`). The menus
// name the agreements their authors thought of; an agreement that is open at the run's start in
// the view (in talks or agreed in principle: a vintage from before the Busan signing, a user's
// own) and that a side has no explicit propose / approve move for could otherwise never be
// concluded. Under `rule: propose` each such side gets one move, appended to its menu (so last
// among its C moves, and chosen by the same rule as every other move):
//   - approve, where the agreement lists an approval by that side that is not yet given;
//   - else propose, where the agreement lists no approvals (signed once both sides proposed).
// Ids are stable: `<side>:propose:<agreement>`, `<side>:approve:<agreement>`.
import { agreementState } from '../ledger/index.ts';
import type { Scenario } from '../model/index.ts';
import { resolveConfig, type SimulationParams } from './config.ts';

type Move = SimulationParams['moves'][string][number];

const OPEN_STATUSES: readonly (string | null)[] = ['talks', 'agreed_in_principle'];

export interface ImplicitMove {
  side: string;
  move: Move;
}

/** The implicit moves the `pending` rule gives each side on `start` (empty under rule none or without the option). */
export function implicitMoves(scn: Scenario, start?: string): ImplicitMove[] {
  const sim = scn.parameters.simulation;
  if (sim?.agreements.pending?.rule !== 'propose') return [];
  const cfg = resolveConfig(scn);
  const day = start ?? cfg.start;
  const stateOf = (id: string) => scn.actors[id]?.state ?? id;
  const out: ImplicitMove[] = [];
  for (const a of scn.agreements) {
    const parties = a.parties.map(stateOf);
    if (!cfg.actors.every((s) => parties.includes(s))) continue;
    const st = agreementState(scn, a.id, day);
    if (!OPEN_STATUSES.includes(st.status)) continue;
    for (const side of cfg.actors) {
      const explicit = (sim.moves[side] ?? []).some(
        (m) => (m.kind === 'propose' || m.kind === 'approve') && m.agreement === a.id,
      );
      if (explicit) continue;
      const own = st.approvals.filter((ap) => stateOf(ap.by) === side);
      const kind =
        own.length > 0
          ? own.some((ap) => ap.status !== 'approved')
            ? 'approve'
            : null
          : st.approvals.length === 0
            ? 'propose'
            : null;
      if (kind === null) continue;
      out.push({
        side,
        move: {
          id: `${side}:${kind}:${a.id}`,
          kind,
          on: 'C',
          agreement: a.id,
          note: `implicit: ${a.id} is ${st.status} on ${day} and ${side} has no explicit move for it (agreements.pending)`,
        },
      });
    }
  }
  return out;
}

/** The scenario with the implicit moves appended to the menus (the same object when there are none), and the moves. */
export function withPendingMoves(
  scn: Scenario,
  start?: string,
): { scenario: Scenario; implicit: ImplicitMove[] } {
  const implicit = implicitMoves(scn, start);
  const sim = scn.parameters.simulation;
  if (implicit.length === 0 || !sim) return { scenario: scn, implicit };
  const moves = { ...sim.moves };
  for (const { side, move } of implicit) moves[side] = [...(moves[side] ?? []), move];
  return { scenario: { ...scn, parameters: { ...scn.parameters, simulation: { ...sim, moves } } }, implicit };
}
