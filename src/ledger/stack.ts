// The tariff stack on one product on one date: which layers count, which are removed and why.
import { inputError } from '../errors/index.ts';
import { normalizeHs, type Scenario, type TariffMeasure } from '../model/index.ts';
import { productIndex, scopeCoverage } from './products.ts';
import { isActiveOn, rateOn, statusOn, rateStepNote } from './status.ts';
import { tariffsOf, valueShareOf } from './tariff-measures.ts';

export interface StackQuery {
  importer: string;
  exporter: string;
  /** HS code at any depth; dots allowed. */
  product: string;
  date: string;
}

/** One layer of duty on a product: which authority, which measure, how much, on what source. */
export interface StackLayer {
  authority: string;
  measure_id: string;
  title: string;
  /** Applied (collected) rate, percent ad valorem. */
  rate_pct: number;
  statutory_pct: number;
  suspended_pct: number;
  /** The rate step in force (its `from` date). */
  since: string;
  /**
   * Share of the line's value this layer taxes, when not all of it: Section 232 on metal content
   * (rate_pct = statutory rate x share), or a layer that applies only to the value outside it.
   */
  value_share?: number;
  sources: string[];
  note?: string;
}

export interface RemovedLayer {
  authority: string;
  measure_id: string;
  title: string;
  rate_pct?: number;
  reason: string;
}

export interface TariffStack {
  importer: string;
  exporter: string;
  product: string;
  date: string;
  layers: StackLayer[];
  /** Layers that touch the product but do not count on this date, with the reason. */
  removed: RemovedLayer[];
  /** Layers that apply to only some of the tariff lines under a coarse product code. */
  partial: StackLayer[];
  total_pct: number;
}

function layerSources(m: TariffMeasure, stepSources: string[] | undefined): string[] {
  return [...new Set([...(stepSources ?? []), ...m.sources])];
}

const pctText = (share: number) => `${+(share * 100).toFixed(1)}%`;

/**
 * The tariff stack on one product from one partner on one date, layer by layer.
 *
 * Rules, all read from the scenario: a measure counts only while its status is active (not
 * announced, suspended, superseded, rolled back or expired) and only its applied rate counts
 * (statutory minus any suspended part); an exemption in force removes the layers of the
 * authorities it names; a stacking exclusion removes layers when another authority's layer is
 * present (Section 232 goods are outside the IEEPA reciprocal layer); measures of one authority
 * combine by that authority's rule (Section 301 lists: the highest applies); layers of different
 * authorities add.
 */
export function tariffStack(scn: Scenario, q: StackQuery): TariffStack {
  const code = normalizeHs(q.product);
  if (code === null) throw inputError(`not an HS code: "${q.product}"`);
  const idx = productIndex(scn);
  const { tariffs, exemptions, exclusions } = tariffsOf(scn, q.importer, q.exporter);
  const layers: StackLayer[] = [];
  const removed: RemovedLayer[] = [];
  const partial: StackLayer[] = [];

  for (const m of tariffs) {
    const cov = scopeCoverage(idx, m.scope, code);
    if (cov === 'none') continue;
    const base = { authority: m.authority, measure_id: m.id, title: m.title };
    const st = statusOn(m, q.date);
    if (!isActiveOn(m, q.date)) {
      if (m.effective && q.date < m.effective && st)
        removed.push({ ...base, reason: `not in force yet: effective from ${m.effective}` });
      else if (st)
        removed.push({ ...base, reason: `not in force: ${st.status.replace(/_/g, ' ')} since ${st.date}` });
      continue;
    }
    const r = rateOn(m, q.date);
    if (!r) {
      removed.push({ ...base, reason: 'no rate in force yet' });
      continue;
    }
    const share = valueShareOf(scn, m, code);
    if (share === 0) {
      // No part of the value pays (an end-use rule read as an assumption): the layer does not apply.
      const vs = m.value_share!;
      removed.push({
        ...base,
        reason: `does not apply: no part of the value pays (${vs.list}${vs.note ? `: ${vs.note}` : ''})`,
      });
      continue;
    }
    const notes = [
      r.suspended_pct > 0
        ? `${r.statutory_pct}% statutory, ${r.suspended_pct} points suspended`
        : rateStepNote(scn, r),
      share < 1
        ? `${r.applied_pct}% on ${pctText(share)} of the value (${m.value_share!.list}${m.value_share!.note ? `: ${m.value_share!.note}` : ''})`
        : undefined,
    ].filter(Boolean);
    const layer: StackLayer = {
      ...base,
      rate_pct: r.applied_pct * share,
      statutory_pct: r.statutory_pct,
      suspended_pct: r.suspended_pct,
      since: r.step.from,
      sources: layerSources(m, r.step.sources),
      ...(share < 1 ? { value_share: share } : {}),
      ...(notes.length ? { note: notes.join('; ') } : {}),
    };
    (cov === 'partial' ? partial : layers).push(layer);
  }

  // Exemptions in force remove named layers from the products they cover.
  for (const e of exemptions) {
    if (!isActiveOn(e, q.date)) continue;
    const cov = scopeCoverage(idx, e.scope, code);
    if (cov === 'none') continue;
    for (let i = layers.length - 1; i >= 0; i--) {
      const l = layers[i];
      if (!e.removes.includes(l.authority)) continue;
      if (cov === 'full') {
        removed.push({
          authority: l.authority,
          measure_id: l.measure_id,
          title: l.title,
          rate_pct: l.rate_pct,
          reason: `exempt under ${e.id} (${e.title})`,
        });
        layers.splice(i, 1);
      } else {
        l.note = [l.note, `some lines under ${code} are exempt under ${e.id}`].filter(Boolean).join('; ');
        partial.push(l);
        layers.splice(i, 1);
      }
    }
  }

  // Combine first: the layer that survives within an authority is the one that excludes others.
  combineWithinAuthority(scn, layers, removed);
  applyExclusions(layers, removed, exclusions);
  const total_pct = layers.reduce((s, l) => s + l.rate_pct, 0);
  return {
    importer: q.importer,
    exporter: q.exporter,
    product: code,
    date: q.date,
    layers,
    removed,
    partial,
    total_pct,
  };
}

function applyExclusions(
  layers: StackLayer[],
  removed: RemovedLayer[],
  exclusions: Scenario['stacking']['exclusions'],
) {
  for (const rule of exclusions) {
    const triggers = layers.filter((l) => l.authority === rule.when && l.rate_pct > 0);
    if (!triggers.length) continue;
    const trigger = triggers.reduce((a, b) => ((b.value_share ?? 1) > (a.value_share ?? 1) ? b : a));
    // A trigger on part of the value (metal content) leaves the rest to the excluded layers.
    const rest = 1 - (trigger.value_share ?? 1);
    for (let i = layers.length - 1; i >= 0; i--) {
      const l = layers[i];
      if (!rule.removes.includes(l.authority)) continue;
      if (rest > 0) {
        l.rate_pct *= rest;
        l.value_share = rest * (l.value_share ?? 1);
        l.note = [l.note, `on the ${pctText(rest)} of the value outside ${rule.when} (${trigger.measure_id})`]
          .filter(Boolean)
          .join('; ');
        continue;
      }
      removed.push({
        authority: l.authority,
        measure_id: l.measure_id,
        title: l.title,
        rate_pct: l.rate_pct,
        reason: `goods under ${rule.when} (${trigger.measure_id}) are outside ${l.authority}${rule.note ? `: ${rule.note}` : ''}`,
      });
      layers.splice(i, 1);
    }
  }
}

function combineWithinAuthority(scn: Scenario, layers: StackLayer[], removed: RemovedLayer[]) {
  for (const [authority, rule] of Object.entries(scn.stacking.combine)) {
    if (rule !== 'max') continue;
    const same = layers.filter((l) => l.authority === authority);
    if (same.length < 2) continue;
    // Highest applies; ties keep the first listed measure.
    const keep = same.reduce((a, b) => (b.rate_pct > a.rate_pct ? b : a));
    for (const l of same) {
      if (l === keep) continue;
      removed.push({
        authority,
        measure_id: l.measure_id,
        title: l.title,
        rate_pct: l.rate_pct,
        reason: `overlaps ${keep.measure_id} (${keep.rate_pct}%); under ${authority} the highest rate applies`,
      });
      layers.splice(layers.indexOf(l), 1);
    }
  }
}
