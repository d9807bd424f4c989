// What a question's measure reads on a scenario's ledger on a date, and whether the question's
// comparison holds for it. Resolution reads the full ledger; the baselines read the vintage
// view (persistence on the origin date, schedule on the question's date).
import {
  agreementState,
  isActiveOn,
  rateOn,
  statusOn,
  tariffStack,
  type AgreementState,
} from '../ledger/index.ts';
import type { ExportControl, Scenario, TariffMeasure } from '../model/index.ts';
import { normalizeHs } from '../model/index.ts';
import { baseWeightsFor, keyDateRates, type ShippedTrade } from '../trade/index.ts';
import type { QuestionMeasure } from './schema.ts';

/** A measure's reading: a rate in percent, or a status class (agreements also say whether approved). */
export type Reading = { rate_pct: number } | { status: string; approved?: boolean };

const EPS = 1e-9;

export function tariffsOf(scn: Scenario, actor: string, target: string): TariffMeasure[] {
  return scn.measures.filter(
    (m): m is TariffMeasure =>
      m.kind === 'tariff' && m.actor === actor && (m.target === target || m.target === 'ALL'),
  );
}

/** Agreement status classes (schema.ts AGREEMENT_VALUES) from the ledger's agreement statuses. */
export function agreementClass(status: string | null): string {
  if (status === null) return 'none';
  if (status === 'signed' || status === 'implemented' || status === 'extended') return 'in_force';
  if (status === 'talks' || status === 'agreed_in_principle') return 'pending';
  return 'lapsed'; // expired, collapsed, superseded
}

/** Control status classes (schema.ts CONTROL_VALUES) from a measure's status on a date. */
export function controlClass(m: ExportControl, date: string): string {
  if (isActiveOn(m, date)) return 'in_force';
  const st = statusOn(m, date);
  if (!st || st.status === 'announced' || st.status === 'scheduled') return 'none';
  if (st.status === 'suspended') return 'suspended';
  return 'lapsed'; // expired, rolled back, superseded
}

/**
 * The headline rate of an authority's layer (actor on target) on a date: the highest applied
 * rate among its tariff measures in force (or the one named by `measure`); 0 when none is.
 * With a product: the sum of that authority's layers in the product's stack (stacking rules,
 * exemptions and exclusions applied).
 */
export function layerRate(
  scn: Scenario,
  q: { actor: string; target: string; authority: string; measure?: string; product?: string },
  date: string,
): number {
  if (q.product !== undefined) {
    const st = tariffStack(scn, { importer: q.actor, exporter: q.target, product: q.product, date });
    let s = 0;
    for (const l of st.layers)
      if (l.authority === q.authority && (q.measure === undefined || l.measure_id === q.measure))
        s += l.rate_pct;
    return s;
  }
  let h = 0;
  for (const m of tariffsOf(scn, q.actor, q.target)) {
    if (m.authority !== q.authority || (q.measure !== undefined && m.id !== q.measure)) continue;
    if (!isActiveOn(m, date)) continue;
    const r = rateOn(m, date);
    if (r && r.applied_pct > h) h = r.applied_pct;
  }
  return h;
}

// Averages by scenario object (views are cached and never mutated): the recalibration and the
// scorecard read the same baselines on the same views, and each average costs a stack compile.
const averages = new WeakMap<Scenario, WeakMap<ShippedTrade, Map<string, number>>>();

/** The trade-weighted average additional duty of actor on target: the trade engine's key-date rate (what `npm start` prints). */
export function averageRate(
  scn: Scenario,
  data: ShippedTrade,
  actor: string,
  target: string,
  date: string,
): number {
  let byData = averages.get(scn);
  if (!byData) averages.set(scn, (byData = new WeakMap()));
  let memo = byData.get(data);
  if (!memo) byData.set(data, (memo = new Map()));
  const key = `${actor}\u0000${target}\u0000${date}`;
  let v = memo.get(key);
  if (v === undefined) {
    v = keyDateRates(scn, baseWeightsFor(actor, target, data), data, [date]).rows[0].average_pct;
    memo.set(key, v);
  }
  return v;
}

/** Read a question's measure on the scenario on `date` (the measure's own date unless given). */
export function observe(scn: Scenario, data: ShippedTrade, m: QuestionMeasure, date = m.date): Reading {
  switch (m.kind) {
    case 'layer_rate':
      return { rate_pct: layerRate(scn, m, date) };
    case 'average_rate':
      return { rate_pct: averageRate(scn, data, m.actor, m.target, date) };
    case 'agreement_status': {
      const a = scn.agreements.find((x) => x.id === m.agreement);
      if (!a) return { status: 'none', approved: false }; // not known in this view
      const st: AgreementState = agreementState(scn, a.id, date);
      return { status: agreementClass(st.status), approved: st.approved };
    }
    case 'control_status': {
      const c = scn.measures.find(
        (x): x is ExportControl => x.id === m.control && x.kind === 'export_control',
      );
      return { status: c ? controlClass(c, date) : 'none' };
    }
  }
}

/** Does the question's comparison hold for a reading? */
export function holds(m: QuestionMeasure, r: Reading): boolean {
  if (m.kind === 'layer_rate' || m.kind === 'average_rate') {
    if (!('rate_pct' in r)) throw new Error(`a ${m.kind} question needs a rate reading`);
    return compare(r.rate_pct, m.op, m.value);
  }
  if (!('status' in r)) throw new Error(`a ${m.kind} question needs a status reading`);
  const is = m.value === 'approved' ? r.approved === true : r.status === m.value;
  return m.op === '==' ? is : !is;
}

export function compare(x: number, op: string, v: number): boolean {
  switch (op) {
    case '<=':
      return x <= v + EPS;
    case '>=':
      return x >= v - EPS;
    case '<':
      return x < v - EPS;
    case '>':
      return x > v + EPS;
    case '==':
      return Math.abs(x - v) <= EPS;
  }
  throw new Error(`unknown comparison ${op}`);
}

/** Is `code` an HS code? (for located errors in question files) */
export function isHsCode(code: string): boolean {
  return normalizeHs(code) !== null;
}
