// The weekly pains: trade payoffs of the duties in force (an aggregate CES import market per
// direction), export-control and chokepoint harms, summed into each side's economic and
// political pain and weighted by its objectives. Functions over a per-thread PayoffState; the
// loop and the chooser price real and hypothetical states with the same code.
import { MS_HARM, MS_SELF, SLOT_EPS_M, SLOT_SIGMA } from './config.ts';
import type { RareEarthSeam } from './rare-earth.ts';
import type { Prepared, Warmup } from './prepared.ts';

const PER_WEEK = 1 / 52;
/** aggregateCes answers remembered per direction (a run prices about 16 distinct duty pairs). */
const CES_MEMO = 16;

/**
 * Aggregate CES import market of one direction with perfectly elastic export supply (world
 * prices fixed): the trade engine's exact CES (`cesResponse`, Francois & Hall 2003) with two
 * suppliers, the partner and everyone else, in closed form. Tested equal to cesResponse.
 * Returns imports from the partner after the change, USD a year, and writes the consumer cost
 * (first-order compensating variation E0 (P - 1)) into out[0] and the price index into out[1].
 */
export function aggregateCes(
  partner_usd: number,
  others_usd: number,
  t0: number,
  t1: number,
  sigma: number,
  epsilon_m: number,
  out: Float64Array,
): number {
  const x0 = (1 + t0) * partner_usd;
  const E0 = x0 + others_usd;
  const share = x0 / E0;
  const ph = (1 + t1) / (1 + t0);
  let P: number;
  if (Math.abs(1 - sigma) < 1e-12) P = Math.exp(share * Math.log(ph));
  else P = Math.pow(share * Math.pow(ph, 1 - sigma) + (1 - share), 1 / (1 - sigma));
  const Q = Math.pow(P, epsilon_m);
  const m1 = partner_usd * Q * Math.pow(ph / P, -sigma);
  out[0] = E0 * (P - 1);
  out[1] = P;
  return m1;
}

/** One thread's payoff state: this week's pains, the last pricing's rare-earth reading, the CES memo. */
export interface PayoffState {
  /** The rare-earth seam: the bottleneck model's state for this thread (null: the linear bridge). */
  readonly seam: RareEarthSeam | null;
  /** Per control: slot base of the move that sets its harm (-1: none). */
  readonly harmSlot: Int32Array;
  /** Trade payoffs per direction: consumer cost, revenue change, partner's lost sales (USD a year). */
  readonly trade: Float64Array;
  /** This week's economic pain, political pain and cost of backing down per side, USD. */
  readonly econ: Float64Array;
  readonly pol: Float64Array;
  readonly back: Float64Array;
  /** This week's objective-weighted pain per side, USD. */
  readonly pain: Float64Array;
  readonly cesOut: Float64Array;
  /** Recent inputs (6) and outputs (2) of aggregateCes, CES_MEMO entries per direction (see
   *  tradePayoffs); NaN until first written, so no input ever matches an empty entry. */
  readonly cesMemo: Float64Array;
  /** Per direction: the entry written last (the search starts there; the next write goes after it). */
  readonly cesLast: Int32Array;
  /** Binding rare-earth flow share of the last controlPayoffs (1: none binds), its owner (-1:
   *  none) and the RULE_* bits of the owner's controls in force. */
  lastFlow: number;
  lastReOwner: number;
  lastRule: number;
}

export function payoffState(p: Prepared, seam: RareEarthSeam | null): PayoffState {
  const harmSlot = new Int32Array(p.controls.ids.length).fill(-1);
  for (let s = 0; s < 2; s++) {
    const kinds = p.moves.kind[s];
    for (let i = 0; i < kinds.length; i++) {
      if (kinds[i] !== 4 && kinds[i] !== 5 && kinds[i] !== 12) continue;
      const c = p.moves.target[s][i];
      if (harmSlot[c] < 0) harmSlot[c] = p.moves.slot[s][i];
    }
  }
  return {
    seam,
    harmSlot,
    trade: new Float64Array(6),
    econ: new Float64Array(2),
    pol: new Float64Array(2),
    back: new Float64Array(2),
    pain: new Float64Array(2),
    cesOut: new Float64Array(2),
    cesMemo: new Float64Array(2 * CES_MEMO * 8).fill(NaN),
    cesLast: new Int32Array(2),
    lastFlow: 1,
    lastReOwner: -1,
    lastRule: 0,
  };
}

/** Trade payoffs of both directions at average duties avg0, avg1 (percent), into out. */
export function tradePayoffs(
  p: Prepared,
  sl: Float64Array,
  st: PayoffState,
  avg0: number,
  avg1: number,
  out: Float64Array,
): void {
  for (let k = 0; k < 2; k++) {
    const m = p.markets[k];
    const t0 = m.base_tariff_pct / 100;
    const t1 = (k === 0 ? avg0 : avg1) / 100;
    // aggregateCes is pure and a run asks for the same few duties again and again (the
    // current state, each candidate move, a lapse): reuse an answer when every input is
    // identical (bit-for-bit the same result, far fewer Math.pow calls)
    const c = st.cesMemo;
    const sigma = sl[SLOT_SIGMA];
    const eps = sl[SLOT_EPS_M];
    const last = st.cesLast[k];
    let b = -1;
    for (let n = 0; n < CES_MEMO; n++) {
      const e = (k * CES_MEMO + ((last + CES_MEMO - n) % CES_MEMO)) * 8; // newest first
      if (
        c[e + 3] === t1 &&
        c[e] === m.partner_usd &&
        c[e + 1] === m.others_usd &&
        c[e + 2] === t0 &&
        c[e + 4] === sigma &&
        c[e + 5] === eps
      ) {
        b = e;
        break;
      }
    }
    if (b < 0) {
      const slot = (last + 1) % CES_MEMO;
      st.cesLast[k] = slot;
      b = (k * CES_MEMO + slot) * 8;
      c[b + 6] = aggregateCes(m.partner_usd, m.others_usd, t0, t1, sigma, eps, st.cesOut);
      c[b + 7] = st.cesOut[0];
      c[b] = m.partner_usd;
      c[b + 1] = m.others_usd;
      c[b + 2] = t0;
      c[b + 3] = t1;
      c[b + 4] = sigma;
      c[b + 5] = eps;
    }
    const m1 = c[b + 6];
    out[3 * k] = c[b + 7];
    out[3 * k + 1] = t1 * m1 - t0 * m.partner_usd;
    out[3 * k + 2] = m.partner_usd - m1;
  }
}

/**
 * Add a week's trade, export-control and chokepoint harms to econ/pol (`trade` must be
 * current). Controls' state from `inForce`/`flowShare` at offset `off`. Returns output lost in
 * the rare-earth importer's industries (USD a week); the binding flow share is left in lastFlow.
 * `probe`: a move being weighed, not taken (the bottleneck's stocks do not advance);
 * `warmDate`: a warm-up week, whose loss the bottleneck model reads from its history.
 */
export function addPayoffs(
  p: Prepared,
  sl: Float64Array,
  st: PayoffState,
  inForce: Uint8Array,
  flowShare: Float64Array,
  off: number,
  trade: Float64Array,
  econ: Float64Array,
  pol: Float64Array,
  probe: boolean,
  warmDate: string | undefined,
): number {
  controlPayoffs(p, sl, st, inForce, flowShare, off, trade, econ, pol);
  const flow = st.lastFlow;
  const reOwner = st.lastReOwner;
  const cut = 1 - flow;
  let outputLost = 0;
  const seam = st.seam;
  if (seam) {
    // stock-flow model: the importer's loss follows its stocks and can outlast the control
    const binding = reOwner === seam.exporter;
    outputLost =
      warmDate !== undefined
        ? seam.lossOn(warmDate)
        : probe
          ? seam.peek(flow, binding, st.lastRule)
          : seam.week(flow, binding, st.lastRule);
    econ[seam.importer] += outputLost;
    pol[seam.importer] += outputLost;
    if (reOwner >= 0 && cut > 0) econ[reOwner] += cut * p.supply.exporter_loss_usd_per_week;
  } else if (reOwner >= 0 && cut > 0) {
    outputLost = cut * p.supply.importer_loss_usd_per_week;
    econ[1 - reOwner] += outputLost;
    pol[1 - reOwner] += outputLost;
    econ[reOwner] += cut * p.supply.exporter_loss_usd_per_week;
  }
  return outputLost;
}

/**
 * The weekly trade and export-control harms without the rare-earth importer's loss (into
 * econ/pol); leaves the binding rare-earth flow share, its owner and rule bits in lastFlow,
 * lastReOwner and lastRule. A control with a bottleneck rule has its harm from the model
 * when the model is on (its stated harm_to_target is not added on top).
 */
export function controlPayoffs(
  p: Prepared,
  sl: Float64Array,
  st: PayoffState,
  inForce: Uint8Array,
  flowShare: Float64Array,
  off: number,
  trade: Float64Array,
  econ: Float64Array,
  pol: Float64Array,
): void {
  for (let k = 0; k < 2; k++) {
    // importer k: consumer cost net of the change in tariff revenue; exporter 1-k: lost sales
    econ[k] += (trade[3 * k] - trade[3 * k + 1]) * PER_WEEK;
    const lost = trade[3 * k + 2] * PER_WEEK;
    econ[1 - k] += lost;
    pol[1 - k] += lost;
  }
  // export controls: rare-earth cut through the supply engine's bridge; others by their stated weekly harm
  let flow = 1;
  let reOwner = -1;
  let rule = 0;
  const seam = st.seam;
  const harmSlot = st.harmSlot;
  const pc = p.controls;
  const nc = pc.ids.length;
  const owners = pc.owner;
  const rareEarth = pc.rare_earth;
  const rules = pc.bottleneck_rule;
  const exporter = seam !== null ? seam.exporter : -1;
  for (let c = 0; c < nc; c++) {
    if (!inForce[off + c]) continue;
    const owner = owners[c];
    if (rareEarth[c] && flowShare[off + c] < flow) {
      flow = flowShare[off + c];
      reOwner = owner;
    }
    const modelled = seam !== null && rules[c] !== 0 && owner === exporter;
    if (modelled) rule |= rules[c];
    const hs = harmSlot[c];
    if (hs >= 0 && owner >= 0) {
      if (!modelled) econ[1 - owner] += sl[hs + MS_HARM];
      econ[owner] += sl[hs + MS_SELF];
      pol[owner] += sl[hs + MS_SELF];
    }
  }
  st.lastFlow = flow;
  st.lastReOwner = reOwner;
  st.lastRule = rule;
}

/** This week's objective-weighted pain per side (economic, political, backing down) into st.pain. */
export function weekPains(p: Prepared, sl: Float64Array, st: PayoffState): void {
  for (let s = 0; s < 2; s++) {
    const b = p.actor_slot[s];
    st.pain[s] = sl[b] * st.econ[s] + sl[b + 1] * st.pol[s] + sl[b + 2] * st.back[s];
  }
}

/** Pains of warm-up week t: the ledger's duties and controls (no backing-down costs) into st.pain. */
export function warmUpPains(p: Prepared, sl: Float64Array, st: PayoffState, wu: Warmup, t: number): void {
  st.econ.fill(0);
  st.pol.fill(0);
  if (t === 0 || wu.avg_pct[0][t] !== wu.avg_pct[0][t - 1] || wu.avg_pct[1][t] !== wu.avg_pct[1][t - 1])
    tradePayoffs(p, sl, st, wu.avg_pct[0][t], wu.avg_pct[1][t], st.trade);
  const nc = p.controls.ids.length;
  addPayoffs(
    p,
    sl,
    st,
    wu.ctrl_in_force,
    wu.ctrl_flow,
    t * nc,
    st.trade,
    st.econ,
    st.pol,
    false,
    wu.dates[t],
  );
  for (let s = 0; s < 2; s++) {
    const b = p.actor_slot[s];
    st.pain[s] = sl[b] * st.econ[s] + sl[b + 1] * st.pol[s];
  }
}
