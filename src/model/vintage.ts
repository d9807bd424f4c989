import type { IsoDate } from './dates.ts';
import type { Agreement, Claim, Measure, StackingRules } from './schema.ts';
import {
  isDatedDistributionList,
  isDatedDistributionMarker,
  isDatedList,
  isDatedMarker,
  knownEntries,
  resolveMarker,
} from './params-values.ts';

/**
 * Vintages (docs/vintages.md): the scenario as a careful analyst could have written it on a date D.
 * Every dated fact carries `announced` (the day it became public; absent, its own date). The view
 * as known on D keeps what was announced by D - including future changes announced by then (a
 * truce's expiry, a scheduled step-up) - and drops the rest; a step `withdrawn` on or before D (an
 * announced change replaced before it happened) is dropped; a parameter fitted to data published
 * after D falls back to its prior. Without D, the view as known today: withdrawn steps dropped.
 */

interface Dated {
  announced?: IsoDate;
  withdrawn?: IsoDate;
}

/** When a fact dated `own` became public: its `announced`, else its own date. */
export function announcedOf(item: Dated, own: IsoDate): IsoDate {
  return item.announced ?? own;
}

function minDate(dates: IsoDate[]): IsoDate | undefined {
  let out: IsoDate | undefined;
  for (const d of dates) if (out === undefined || d < out) out = d;
  return out;
}

/** When a measure became public: its `announced`, else the earliest announcement of its status changes. */
export function measureAnnounced(m: Measure): IsoDate {
  return m.announced ?? minDate(m.status.map((s) => announcedOf(s, s.date)))!;
}

export function agreementAnnounced(a: Agreement): IsoDate {
  return a.announced ?? minDate(a.status.map((s) => announcedOf(s, s.date)))!;
}

export function claimAnnounced(c: Claim): IsoDate {
  return c.announced ?? c.date;
}

/**
 * The dates a view is cut at: `announced` keeps what was announced by then (undefined: all),
 * `withdrawn` drops what was withdrawn by then (undefined: everything withdrawn is dropped).
 */
interface Cut {
  announced?: IsoDate;
  withdrawn?: IsoDate;
}

/** Is a step dated `own` part of the view? */
function known(item: Dated, own: IsoDate, d: Cut): boolean {
  if (d.announced !== undefined && announcedOf(item, own) > d.announced) return false;
  return item.withdrawn === undefined || (d.withdrawn !== undefined && item.withdrawn > d.withdrawn);
}

function keep<T extends Dated>(items: T[], own: (t: T) => IsoDate, d: Cut): T[] {
  return items.filter((t) => known(t, own(t), d));
}

function measureView(m: Measure, d: Cut): Measure | undefined {
  if (d.announced !== undefined && measureAnnounced(m) > d.announced) return undefined;
  const status = keep(m.status, (s) => s.date, d);
  if (status.length === 0) return undefined;
  switch (m.kind) {
    case 'tariff': {
      const rates = keep(m.rates, (r) => r.from, d);
      return rates.length ? { ...m, status, rates } : undefined;
    }
    case 'export_control':
      return {
        ...m,
        status,
        licensing: m.licensing.path
          ? { ...m.licensing, path: keep(m.licensing.path, (p) => p.from, d) }
          : m.licensing,
      };
    case 'licensing':
      return { ...m, status, ...(m.path ? { path: keep(m.path, (p) => p.from, d) } : {}) };
    default:
      return { ...m, status };
  }
}

function agreementView(a: Agreement, d: Cut): Agreement | undefined {
  if (d.announced !== undefined && agreementAnnounced(a) > d.announced) return undefined;
  const status = keep(a.status, (s) => s.date, d);
  if (status.length === 0) return undefined;
  const approvals = a.approvals
    .map((ap) => ({ ...ap, status: keep(ap.status, (s) => s.date, d) }))
    .filter((ap) => ap.status.length > 0);
  const clocks = a.clocks.filter((c) => d.announced === undefined || announcedOf(c, c.start) <= d.announced);
  return { ...a, status, approvals, clocks };
}

/** The prior a fitted `{value, data_date, prior}` falls back to as known on D (null: its data were out by D). */
export function priorAsKnownOn(
  o: Record<string, unknown>,
  d: IsoDate,
): { value: number; assumption: string } | null {
  if (typeof o.data_date !== 'string' || o.data_date <= d || !o.prior || typeof o.prior !== 'object')
    return null;
  return o.prior as { value: number; assumption: string };
}

/**
 * Parameters: a `{value, data_date, prior}` whose data were published after D becomes its prior
 * (`{value: prior.value, assumption: prior.assumption}`), wherever it sits in the tree.
 */
function parametersView(v: unknown, d: IsoDate): unknown {
  // a dated list keeps the entries known on D (resolved to one value by resolveDated)
  if (isDatedList(v)) {
    const k = knownEntries(v, d);
    // none known (a raw file, before parsing): an empty marker, so that the move leaves the view
    return k.length ? k : { dated_values: [], as: 'number' };
  }
  // a dated distribution (its fallback is required, so an entry is always left)
  if (isDatedDistributionList(v)) return knownEntries(v, d).map((e) => parametersView(e, d));
  if (Array.isArray(v)) return v.map((x) => parametersView(x, d));
  if (!v || typeof v !== 'object') return v;
  if (isDatedMarker(v)) return { ...v, dated_values: knownEntries(v.dated_values, d) };
  const o = v as Record<string, unknown>;
  const prior = priorAsKnownOn(o, d);
  if (prior) return { value: prior.value, assumption: prior.assumption };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = parametersView(x, d);
  return out;
}

/** A dated value with no entry known on D (and no fallback): its move is unavailable. */
function hasUnknownValue(v: unknown): boolean {
  if (isDatedMarker(v)) return v.dated_values.length === 0;
  if (Array.isArray(v)) return v.some(hasUnknownValue);
  if (!v || typeof v !== 'object') return false;
  return Object.values(v).some(hasUnknownValue);
}

/**
 * Every parsed dated value becomes its latest known entry (docs/vintages.md#dated-values); the
 * simulation block records each one's known_from under `resolved_known_from`, by path.
 */
function resolveDated(params: unknown): unknown {
  const dates: Record<string, IsoDate> = {};
  const walk = (v: unknown, path: string): unknown => {
    if (isDatedMarker(v)) {
      const r = resolveMarker(v);
      if (r?.known_from) dates[path] = r.known_from;
      return r?.value;
    }
    if (Array.isArray(v))
      return v.map((x, i) => {
        const key = x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string';
        return walk(x, key ? `${path}.${(x as { id: string }).id}` : `${path}[${i}]`);
      });
    if (!v || typeof v !== 'object') return v;
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, path ? `${path}.${k}` : k)]));
    // an uncertain parameter with a dated distribution takes its entry's distribution and provenance
    if (isDatedDistributionMarker((v as { distribution?: unknown }).distribution)) {
      const { source: _s, assumption: _a, ...rest } = o;
      return { ...rest, ...(o.distribution as object) };
    }
    return o;
  };
  const p = params as { simulation?: Record<string, unknown> } | undefined;
  if (!p?.simulation || typeof p.simulation !== 'object') return params;
  const sim = walk(p.simulation, '') as Record<string, unknown>;
  if (Object.keys(dates).length) sim.resolved_known_from = dates;
  return { ...p, simulation: sim };
}

/**
 * Simulation moves that act on a measure or agreement not yet announced on D (the 10 October 2025
 * extraterritorial rule, the Geneva truce as known in April), or on a tariff authority the actor
 * has no measure under yet, cannot be on an analyst's menu: they leave the view, with the
 * uncertain parameters that perturb them; a tracked framework or truce not yet announced is
 * not tracked. A card (new_tariff_layer, new_export_control) names what it would create, so it
 * stays exactly when its own `announced` date is on or before D.
 */
function withoutUnknownMoves(
  params: unknown,
  known: { measures: Set<string>; agreements: Set<string>; authorities: Set<string>; date?: IsoDate },
): unknown {
  const p = params as { simulation?: Record<string, unknown> } | undefined;
  const sim = p?.simulation;
  if (!sim || typeof sim !== 'object') return params;
  const out: Record<string, unknown> = { ...sim };
  const dropped = new Set<string>();
  const moves = sim.moves as Record<string, unknown> | undefined;
  if (moves && typeof moves === 'object') {
    const kept: Record<string, unknown> = {};
    for (const [side, list] of Object.entries(moves))
      kept[side] = Array.isArray(list)
        ? list.filter((mv) => {
            const m = mv as {
              id?: unknown;
              kind?: unknown;
              measure?: unknown;
              agreement?: unknown;
              authority?: unknown;
              announced?: unknown;
            };
            // a card (new_tariff_layer, new_export_control) names what it would create: it is
            // on the menu once its capability was announced
            const card = m.kind === 'new_tariff_layer' || m.kind === 'new_export_control';
            const ok =
              !hasUnknownValue(mv) &&
              (card
                ? known.date === undefined || typeof m.announced !== 'string' || m.announced <= known.date
                : (typeof m.measure !== 'string' || known.measures.has(m.measure)) &&
                  (typeof m.agreement !== 'string' || known.agreements.has(m.agreement)) &&
                  (typeof m.authority !== 'string' || known.authorities.has(`${side}\u0000${m.authority}`)));
            if (!ok && typeof m.id === 'string') dropped.add(`moves.${side}.${m.id}.`);
            return ok;
          })
        : list;
    out.moves = kept;
  }
  if (Array.isArray(sim.uncertain) && dropped.size)
    out.uncertain = sim.uncertain.filter((u) => {
      const path = (u as { path?: unknown }).path;
      return typeof path !== 'string' || ![...dropped].some((d) => path.startsWith(d));
    });
  const ag = sim.agreements as Record<string, unknown> | undefined;
  if (ag && typeof ag === 'object') {
    const a = { ...ag };
    for (const k of ['framework', 'truce'])
      if (typeof a[k] === 'string' && !known.agreements.has(a[k])) delete a[k];
    out.agreements = a;
  }
  return { ...p, simulation: out };
}

/**
 * Pending legal challenges as known on D (`simulation.litigation`): stages announced after D
 * leave; a challenge with no stage left (not yet brought) or whose resolution was announced by D
 * (decided: the view records its effect on the layers) leaves the view with the uncertain
 * parameters that perturb it; a resolution announced after D is not known on D. Authorities the
 * actor has no measure under yet leave the challenge (and with none left, the challenge leaves).
 */
function litigationView(params: unknown, d: IsoDate, authorities: Set<string>): unknown {
  const p = params as { simulation?: Record<string, unknown> } | undefined;
  const sim = p?.simulation;
  if (!sim || typeof sim !== 'object' || !Array.isArray(sim.litigation)) return params;
  const gone: string[] = [];
  const litigation = sim.litigation.flatMap((x: unknown) => {
    if (!x || typeof x !== 'object') return [x];
    const { resolved, ...c } = x as {
      id?: unknown;
      actor?: unknown;
      authorities?: unknown;
      stages?: unknown;
      resolved?: Dated & { date?: unknown };
    };
    const auths = Array.isArray(c.authorities)
      ? c.authorities.filter((a) => typeof a !== 'string' || authorities.has(`${String(c.actor)}\u0000${a}`))
      : c.authorities;
    const stages = Array.isArray(c.stages)
      ? c.stages.filter((st: { date?: unknown } & Dated) => {
          return typeof st?.date !== 'string' || announcedOf(st, st.date) <= d;
        })
      : c.stages;
    const decided = typeof resolved?.date === 'string' && announcedOf(resolved, resolved.date) <= d;
    if (decided || (Array.isArray(stages) && !stages.length) || (Array.isArray(auths) && !auths.length)) {
      if (typeof c.id === 'string') gone.push(`litigation.${c.id}.`);
      return [];
    }
    return [{ ...c, authorities: auths, stages }];
  });
  const out: Record<string, unknown> = { ...sim, litigation };
  if (Array.isArray(sim.uncertain) && gone.length)
    out.uncertain = sim.uncertain.filter((u) => {
      const path = (u as { path?: unknown }).path;
      return typeof path !== 'string' || !gone.some((g) => path.startsWith(g));
    });
  return { ...p, simulation: out };
}

/** What a view reads: a loaded scenario, or a parsed file before its lists are read. */
export interface VintageInput {
  measures?: Measure[];
  agreements?: Agreement[];
  claims?: Claim[];
  stacking?: StackingRules;
  parameters?: unknown;
  as_of?: IsoDate;
  as_known_on?: IsoDate;
}

/** The first date anything in the scenario was announced (no view can be older). */
export function firstAnnounced(s: VintageInput): IsoDate | undefined {
  return minDate([
    ...(s.measures ?? []).map(measureAnnounced),
    ...(s.agreements ?? []).map(agreementAnnounced),
    ...(s.claims ?? []).map(claimAnnounced),
  ]);
}

/**
 * The scenario as known on D (a pure function of the full scenario). Stacking rules and
 * exemptions that name only authorities absent from the view are dropped with them (removing a
 * layer that does not exist yet changes nothing). `as_of` becomes at most D.
 */
export function vintageView<S extends VintageInput>(s: S, d?: IsoDate): S {
  // A scenario that is already a view (as_known_on) keeps the steps withdrawn after its date.
  const before = [d, s.as_known_on].filter((x): x is IsoDate => x !== undefined).sort()[0];
  const cut: Cut = { announced: d, withdrawn: before };
  const measures0 = (s.measures ?? []).map((m) => measureView(m, cut)).filter((m): m is Measure => !!m);
  const authorities = new Set(measures0.filter((m) => m.kind === 'tariff').map((m) => m.authority));
  const measures = measures0
    .map((m) =>
      m.kind === 'tariff_exemption' ? { ...m, removes: m.removes.filter((a) => authorities.has(a)) } : m,
    )
    .filter((m) => m.kind !== 'tariff_exemption' || m.removes.length > 0);
  const ids = new Set(measures.map((m) => m.id));
  const out: S = {
    ...s,
    measures: measures.map((m) =>
      m.kind === 'licensing' ? { ...m, applies_to: m.applies_to.filter((x) => ids.has(x)) } : m,
    ),
    agreements: (s.agreements ?? [])
      .map((a) => agreementView(a, cut))
      .filter((a): a is Agreement => !!a)
      .map((a) => ({
        ...a,
        commitments: a.commitments.filter((c) => c.measure === undefined || ids.has(c.measure)),
      })),
    claims: (s.claims ?? []).filter((c) => d === undefined || claimAnnounced(c) <= d),
  };
  if (d === undefined) {
    if (s.parameters !== undefined) out.parameters = resolveDated(s.parameters);
    return out;
  }
  out.measures = out.measures!.filter((m) => m.kind !== 'licensing' || m.applies_to.length > 0);
  if (s.stacking)
    out.stacking = {
      ...s.stacking,
      combine: Object.fromEntries(Object.entries(s.stacking.combine).filter(([a]) => authorities.has(a))),
      exclusions: s.stacking.exclusions
        .filter((ex) => authorities.has(ex.when))
        .map((ex) => ({ ...ex, removes: ex.removes.filter((a) => authorities.has(a)) }))
        .filter((ex) => ex.removes.length > 0),
    };
  if (s.parameters !== undefined) {
    const authorities = new Set(
      measures.flatMap((m) => (m.kind === 'tariff' ? [`${m.actor}\u0000${m.authority}`] : [])),
    );
    const params = withoutUnknownMoves(parametersView(s.parameters, d), {
      measures: ids,
      agreements: new Set(out.agreements!.map((a) => a.id)),
      authorities,
      date: d,
    });
    out.parameters = resolveDated(litigationView(params, d, authorities));
  }
  out.as_of = s.as_of === undefined || s.as_of > before! ? before : s.as_of;
  out.as_known_on = before;
  return out;
}

/**
 * Every dated fact of a view with its announcement date, for checks such as "nothing in the view
 * was announced after D": `where` names the entry and the step.
 */
export function announcements(
  s: Required<Pick<VintageInput, 'measures' | 'agreements' | 'claims'>>,
): { where: string; announced: IsoDate }[] {
  const out: { where: string; announced: IsoDate }[] = [];
  const steps = <T extends Dated>(where: string, items: T[] | undefined, own: (t: T) => IsoDate) =>
    (items ?? []).forEach((t, i) => out.push({ where: `${where}[${i}]`, announced: announcedOf(t, own(t)) }));
  for (const m of s.measures) {
    const w = `measures/${m.id}`;
    out.push({ where: w, announced: measureAnnounced(m) });
    steps(`${w}.status`, m.status, (x) => x.date);
    if (m.kind === 'tariff') steps(`${w}.rates`, m.rates, (x) => x.from);
    if (m.kind === 'export_control') steps(`${w}.licensing.path`, m.licensing.path, (x) => x.from);
    if (m.kind === 'licensing') steps(`${w}.path`, m.path, (x) => x.from);
  }
  for (const a of s.agreements) {
    const w = `agreements/${a.id}`;
    out.push({ where: w, announced: agreementAnnounced(a) });
    steps(`${w}.status`, a.status, (x) => x.date);
    a.approvals.forEach((ap, i) => steps(`${w}.approvals[${i}].status`, ap.status, (x) => x.date));
    steps(`${w}.clocks`, a.clocks, (x) => x.start);
  }
  for (const c of s.claims) out.push({ where: `claims/${c.id}`, announced: claimAnnounced(c) });
  return out;
}
