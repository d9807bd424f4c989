// One thread's state as the move and agreement rules see it (moves.ts, agreements.ts): allocated
// once per simulator (state.ts) and passed whole, so the list of what a rule may read and write is
// stated here once.
import type { AgreementState } from './agreements.ts';
import type { ControlState, MoveState } from './moves.ts';
import type { Prepared } from './prepared.ts';
import type { TariffState } from './tariffs.ts';

export interface RuleState {
  readonly p: Prepared;
  /** The run's parameter slots (drawn values, config.ts SLOT_*). */
  readonly sl: Float64Array;
  readonly t: TariffState;
  readonly c: ControlState;
  readonly ag: AgreementState;
  readonly mv: MoveState;
}
