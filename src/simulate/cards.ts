// Cards an actor holds but has not played (docs/simulate.md#cards): a new across-the-board
// tariff layer under a named authority (new_tariff_layer) and a new licensing control on a named
// item group (new_export_control). Setup gives each card announced by the start a measure of its
// own, absent from the ledger and never in force there (only announced): a tariff measure
// `card:<move id>` in the mover's import direction (scope all: it joins every signature, so the
// stacking and averages need nothing new), or an export control `card:<move id>`. Cards announced
// after the start leave the menu (the vintage rule, also in vintageView).
import { isActiveOn, rateOn } from '../ledger/index.ts';
import type { ExportControl, Measure, Scenario, SimMove, TariffMeasure } from '../model/index.ts';
import { CARD_PREFIX } from './config.ts';
import type { Prepared } from './prepared.ts';
import type { TariffDirection, TariffState } from './tariffs.ts';

const EPS = 1e-9;

type LayerMove = Extract<SimMove, { kind: 'new_tariff_layer' }>;
type ControlMove = Extract<SimMove, { kind: 'new_export_control' }>;

/** A new_tariff_layer card compiled: its layer and what its size rule reads. */
export interface LayerCard {
  side: 0 | 1;
  /** Measure index of the card's layer in the mover's import direction. */
  j: number;
  /** 1: match_last_increase; 0: a fixed size (the move's step slot). */
  match: 0 | 1;
  /** The opponent's measures aimed at the mover (target exactly the mover), in the opponent's import direction. */
  opp: Int32Array;
  /** Their share of base-year trade covered (0..1): a rise of x points counts x times it. */
  coverage: Float64Array;
  /** Their statutory rate at the start (0 when not in force). */
  start: Float64Array;
  /** An increase of the opponent at the start the mover had not answered (trade-weighted points). */
  unanswered: number;
}

/** The scenario with the cards announced by `start` (others off the menus) and a tariff measure per layer card. */
export function withCards(scn: Scenario, start: string): Scenario {
  const sim = scn.parameters?.simulation;
  if (!sim) return scn;
  let any = false;
  const extra: Measure[] = [];
  const moves: Record<string, SimMove[]> = {};
  for (const [actor, menu] of Object.entries(sim.moves)) {
    moves[actor] = menu.filter((m) => {
      if (m.kind !== 'new_tariff_layer' && m.kind !== 'new_export_control') return true;
      any = true;
      if (m.announced > start) return false;
      extra.push(m.kind === 'new_tariff_layer' ? layerMeasure(scn, actor, m) : controlMeasure(scn, actor, m));
      return true;
    });
  }
  if (!any) return scn;
  return {
    ...scn,
    measures: [...scn.measures, ...extra],
    parameters: { ...scn.parameters, simulation: { ...sim, moves } },
  };
}

/** The opponent of `actor` in the simulated pair (the other state of the move menus). */
function opponentOf(scn: Scenario, actor: string): string {
  const sim = scn.parameters!.simulation!;
  const pair = sim.actors ?? Object.keys(sim.moves);
  return pair.find((a) => a !== actor) ?? actor;
}

function layerMeasure(scn: Scenario, actor: string, m: LayerMove): Measure {
  const t: Partial<TariffMeasure> = {
    id: `${CARD_PREFIX}${m.id}`,
    kind: 'tariff',
    actor,
    target: opponentOf(scn, actor),
    title: m.title ?? `card ${m.id}: a new layer under ${m.authority}`,
    authority: m.authority,
    scope: { all: true } as TariffMeasure['scope'],
    rates: [{ from: m.announced, rate_pct: 0 }] as TariffMeasure['rates'],
    // on the record only as announced: never in force in the ledger, only when played in a run
    status: [{ date: m.announced, status: 'announced' }] as TariffMeasure['status'],
    sources: m.sources,
  };
  return t as Measure;
}

function controlMeasure(scn: Scenario, actor: string, m: ControlMove): Measure {
  const c: Partial<ExportControl> = {
    id: `${CARD_PREFIX}${m.id}`,
    kind: 'export_control',
    actor,
    // aimed at the other side: the rare-earth bridge prices it when it covers rare earths
    target: opponentOf(scn, actor),
    title: m.title ?? `card ${m.id}: licensing of ${m.groups.join(', ')}`,
    authority: `card ${m.id}`,
    items: [...m.groups],
    products: { groups: [...m.groups] } as ExportControl['products'],
    licensing: { required: true } as ExportControl['licensing'],
    status: [{ date: m.announced, status: 'announced' }] as ExportControl['status'],
    sources: m.sources,
  };
  return c as Measure;
}

/** The share of base-year trade each measure of a direction covers. */
function coverageOf(d: TariffDirection): Float64Array {
  const out = new Float64Array(d.measure_ids.length);
  for (let s = 0; s < d.sig_weight_share.length; s++)
    for (let k = d.sig_measure_start[s]; k < d.sig_measure_start[s + 1]; k++)
      out[d.sig_measures[k]] += d.sig_weight_share[s] * d.sig_measure_share[k];
  return out;
}

/**
 * The layer cards of both menus (moves.target of a layer card is its index here). The
 * unanswered increase at the start: the opponent's latest rate rise in force by the start (by
 * effective date) counts when the mover announced no rise of its own aimed duties after it was
 * announced (China's 125% of 2025-04-11 answered the US 125% announced on 04-09).
 */
export function prepareLayerCards(
  scn: Scenario,
  actors: [string, string],
  start: string,
  dirs: [TariffDirection, TariffDirection],
  menus: [SimMove[], SimMove[]],
  target: [Int32Array, Int32Array],
): LayerCard[] {
  const out: LayerCard[] = [];
  const byId = new Map(scn.measures.map((m) => [m.id, m]));
  const aimed = (k: 0 | 1) =>
    dirs[k].measure_ids
      .map((id, j) => ({ j, m: byId.get(id) as TariffMeasure }))
      .filter((x) => x.m.target === actors[1 - k] && !x.m.id.startsWith(CARD_PREFIX));
  for (const s of [0, 1] as const)
    menus[s].forEach((mv, i) => {
      if (mv.kind !== 'new_tariff_layer') return;
      const o = (1 - s) as 0 | 1;
      const cov = coverageOf(dirs[o]);
      const opp = aimed(o);
      const startRate = opp.map(({ m }) =>
        isActiveOn(m, start) ? (rateOn(m, start)?.statutory_pct ?? 0) : 0,
      );
      const rise = latestRise(opp, cov, start);
      const answered =
        rise !== null &&
        aimed(s).some(({ m }) =>
          m.rates.some(
            (r, q) =>
              (r.announced ?? r.from) > rise.announced && r.rate_pct > (m.rates[q - 1]?.rate_pct ?? 0),
          ),
        );
      target[s][i] = out.length;
      out.push({
        side: s,
        j: dirs[s].measure_ids.indexOf(`${CARD_PREFIX}${mv.id}`),
        match: mv.size === 'match_last_increase' ? 1 : 0,
        opp: Int32Array.from(opp, (x) => x.j),
        coverage: Float64Array.from(opp, (x) => cov[x.j]),
        start: Float64Array.from(startRate),
        unanswered: rise !== null && !answered ? rise.points : 0,
      });
    });
  return out;
}

/** The opponent's latest rate rise in force by `start`: trade-weighted points and when it was announced. */
function latestRise(
  opp: { j: number; m: TariffMeasure }[],
  cov: Float64Array,
  start: string,
): { points: number; announced: string } | null {
  let best: { from: string; points: number; announced: string } | null = null;
  for (const { j, m } of opp)
    m.rates.forEach((r, q) => {
      if (r.from > start) return;
      const up = r.rate_pct - (q > 0 ? m.rates[q - 1].rate_pct : 0);
      if (up <= EPS) return;
      const pts = up * cov[j];
      if (!best || r.from > best.from || (r.from === best.from && pts > best.points))
        best = { from: r.from, points: pts, announced: r.announced ?? r.from };
    });
  return best;
}

/**
 * The rate a layer card adds when played now: match_last_increase reads the opponent's net
 * trade-weighted rise of its aimed statutory rates since the start, plus the increase left
 * unanswered at the start, less the layer's rate so far; a fixed size is added once (the
 * layer not yet in force). Capped so the layer stays at most `max` percent.
 */
export function cardSize(card: LayerCard, t: TariffState, fixed: number, max: number): number {
  const s = card.side;
  const o = 1 - s;
  const own = t.active[s][card.j] ? t.stat[s][card.j] : 0;
  let size: number;
  if (card.match === 1) {
    let u = card.unanswered;
    for (let q = 0; q < card.opp.length; q++) {
      const j = card.opp[q];
      const now = t.active[o][j] ? t.stat[o][j] : 0;
      u += card.coverage[q] * (now - card.start[q]);
    }
    size = u - own;
  } else size = t.active[s][card.j] ? 0 : fixed;
  size = Math.min(size, max - own);
  return size > EPS ? size : 0;
}

/**
 * The flow share each card control lets through once played (the ledger gives none: it is
 * never in force there), written into the prepared controls.
 */
export function setCardFlows(controls: Prepared['controls'], menus: [SimMove[], SimMove[]]): void {
  for (const menu of menus)
    for (const m of menu) {
      if (m.kind !== 'new_export_control') continue;
      const c = controls.ids.indexOf(`${CARD_PREFIX}${m.id}`);
      controls.flow_share[c] = m.flow_share.value;
      controls.approval_share[c] = m.flow_share.value;
    }
}

/** Groups a card control covers, by control id (forecast matching, docs/questions.md). */
export function cardControlGroups(menus: [SimMove[], SimMove[]]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const menu of menus)
    for (const m of menu) if (m.kind === 'new_export_control') out[`${CARD_PREFIX}${m.id}`] = [...m.groups];
  return out;
}
