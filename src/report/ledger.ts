// "What is in force on this date?" The ledger on one date: the tariff stack of the tracked
// products (or of the product or group asked for), measures in force, export controls,
// agreements. One function for the CLI's `ledger`, the API's /ledger and the dashboard.
import {
  agreementsOn,
  exportControlsInForce,
  measuresInForce,
  productStacks,
  scheduledChanges,
  type AgreementState,
  type ExportControlState,
  type MeasureState,
  type ProductStacks,
  type ScheduledChange,
  type StackLayer,
} from '../ledger/index.ts';
import { type Scenario } from '../model/index.ts';
import { asOfWarnings } from './dates.ts';
import { checkActor, checkGroup, checkHs, checkHsKnown, fieldError, type FieldLabel } from './query.ts';

export interface LedgerQuery {
  date: string;
  importer?: string;
  exporter?: string;
  /** HS code at any depth, e.g. 4202.21 (dots allowed). */
  product?: string;
  /** A named product group of the scenario, e.g. rare-earths. */
  group?: string;
}

/** One product in one direction, headlined by the stack on most of its tariff lines. */
export interface LedgerStack {
  label: string;
  /** HS code, digits only. */
  product: string;
  importer: string;
  exporter: string;
  line_count: number;
  min_total_pct: number;
  max_total_pct: number;
  /** Total of the stack on most of the product's lines (by line count), percent ad valorem. */
  total_pct: number;
  layers: StackLayer[];
}

/** Every distinct stack of a product or group in one direction (lines with the same layers grouped). */
export type LedgerDetail = ProductStacks & { title: string | null };

export interface LedgerReport {
  scenario: string;
  date: string;
  as_of: string | null;
  beyond_as_of: boolean;
  /** Past as_of: the changes applied because they were scheduled, not seen (ledger/scheduled.ts). */
  scheduled_changes: ScheduledChange[];
  /** A note for a date past as_of (the same text the edges add for every queried date). */
  warnings: string[];
  importer: string | null;
  exporter: string | null;
  /** The HS code asked for, digits only. */
  product: string | null;
  group: string | null;
  /** When the query has exactly one stack (one product, one direction, one stack): its total. */
  total_pct: number | null;
  layers: StackLayer[] | null;
  /** The tracked products (default) or the product asked for, in each direction asked for. */
  stacks: LedgerStack[];
  /** For a product or group query: all its distinct stacks per direction; empty otherwise. */
  detail: LedgerDetail[];
  measures_in_force: MeasureState[];
  export_controls: ExportControlState[];
  agreements: AgreementState[];
}

/** Directions between the scenario's states and blocs, filtered by the importer/exporter asked for. */
function directions(scn: Scenario, q: LedgerQuery): [string, string][] {
  if (q.importer && q.exporter) return [[q.importer, q.exporter]];
  const states = Object.entries(scn.actors)
    .filter(([, a]) => a.kind === 'state' || a.kind === 'bloc')
    .map(([id]) => id);
  const out: [string, string][] = [];
  for (const i of states)
    for (const e of states)
      if (i !== e && (!q.importer || i === q.importer) && (!q.exporter || e === q.exporter)) out.push([i, e]);
  return out;
}

function headline(label: string, product: string, ps: ProductStacks): LedgerStack {
  const top = ps.stacks[0];
  return {
    label,
    product,
    importer: ps.importer,
    exporter: ps.exporter,
    line_count: ps.line_count,
    min_total_pct: ps.min_total_pct,
    max_total_pct: ps.max_total_pct,
    total_pct: top?.total_pct ?? 0,
    layers: top?.layers ?? [],
  };
}

export interface LedgerReportOptions {
  /**
   * HS2022 codes (2/4/6 digits, e.g. io's loadHsNomenclature): when given, a product that is
   * neither in it nor among the scenario's lines is an error naming the nearest codes.
   */
  hsNomenclature?: readonly string[];
}

export function ledgerReport(
  scn: Scenario,
  q: LedgerQuery,
  label: FieldLabel,
  opts: LedgerReportOptions = {},
): LedgerReport {
  checkActor(scn, label, 'importer', q.importer);
  checkActor(scn, label, 'exporter', q.exporter);
  checkGroup(scn, label, 'group', q.group);
  const product = q.product === undefined ? null : checkHs(label, 'product', q.product);
  if (product !== null && opts.hsNomenclature)
    checkHsKnown(scn, label, 'product', product, opts.hsNomenclature);
  if (product !== null && q.group) throw fieldError(label, 'group', 'give a product or a group, not both');
  const date = q.date;

  const stacks: LedgerStack[] = [];
  const detail: LedgerDetail[] = [];
  if (product !== null || q.group) {
    for (const [importer, exporter] of directions(scn, q)) {
      const ps = productStacks(scn, {
        importer,
        exporter,
        date,
        ...(product !== null ? { product } : { group: q.group }),
      });
      detail.push({ ...ps, title: q.group ? scn.products.groups[q.group].title : null });
      if (product !== null) stacks.push(headline(`HS ${q.product}`, product, ps));
    }
  } else {
    // the scenario's views.tracked_products (its actors checked when it was loaded)
    for (const t of scn.views.tracked_products ?? []) {
      if ((q.importer && t.importer !== q.importer) || (q.exporter && t.exporter !== q.exporter)) continue;
      const code = checkHs(label, 'product', t.product);
      const ps = productStacks(scn, { importer: t.importer, exporter: t.exporter, date, product: code });
      stacks.push(headline(t.label, code, ps));
    }
  }
  const single = detail.length === 1 && detail[0].stacks.length === 1 ? detail[0].stacks[0] : undefined;
  return {
    scenario: scn.id,
    date,
    as_of: scn.as_of ?? null,
    beyond_as_of: scn.as_of ? date > scn.as_of : false,
    scheduled_changes: scheduledChanges(scn, date),
    warnings: asOfWarnings(scn, label, { date }),
    importer: q.importer ?? null,
    exporter: q.exporter ?? null,
    product,
    group: q.group ?? null,
    total_pct: single ? single.total_pct : null,
    layers: single ? single.layers : null,
    stacks,
    detail,
    measures_in_force: measuresInForce(scn, date, { actor: q.importer }).filter(
      (m) => !q.exporter || m.target === q.exporter || m.target === 'ALL',
    ),
    export_controls: exportControlsInForce(scn, date),
    agreements: agreementsOn(scn, date),
  };
}
