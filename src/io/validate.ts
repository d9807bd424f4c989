import {
  agreementAnnounced,
  announcedOf,
  measureAnnounced,
  type IsoDate,
  type Measure,
  type Scenario,
} from '../model/index.ts';

/** A problem found after merging: `origin` names the entry (e.g. `measures/<id>`), `path` is inside it. */
export interface SemanticProblem {
  origin: string;
  path: (string | number)[];
  message: string;
}

/**
 * Cross-reference and date checks that a schema cannot express: every id referred to exists,
 * ids are unique across collections, dated paths run forward, nothing ends before it starts.
 */
export function validateScenario(s: Scenario): SemanticProblem[] {
  /** Dates of the steps of the view as known today (null: withdrawn, never in force). */
  const current = <T extends { withdrawn?: IsoDate }>(items: T[], own: (t: T) => IsoDate) =>
    items.map((t) => (t.withdrawn ? null : own(t)));
  const out: SemanticProblem[] = [];
  const actors = new Set(Object.keys(s.actors));
  const lists = new Set(Object.keys(s.products.lists));
  const groups = new Set(Object.keys(s.products.groups));
  const measureById = new Map(s.measures.map((m) => [m.id, m]));
  const agreementIds = new Set(s.agreements.map((a) => a.id));
  const tariffAuthorities = new Set(s.measures.filter((m) => m.kind === 'tariff').map((m) => m.authority));

  const actorRef = (origin: string, path: (string | number)[], id: string | undefined, allowAll = false) => {
    if (id === undefined) return;
    if (allowAll && id === 'ALL') return;
    if (!actors.has(id))
      out.push({ origin, path, message: `unknown actor "${id}" (actors: ${[...actors].join(', ')})` });
  };
  const ascending = (
    origin: string,
    path: (string | number)[],
    dates: (string | null)[],
    what: string,
    strict = false,
  ) => {
    // null marks a withdrawn step: it never took effect, so it is not ordered with the others.
    let prev: string | null = null;
    for (let i = 0; i < dates.length; i++) {
      const d = dates[i];
      if (d === null) continue;
      if (prev !== null && (d < prev || (strict && d === prev))) {
        out.push({
          origin,
          path: [...path, i],
          message: `${what} must run forward in time: ${d} comes after ${prev}`,
        });
      }
      prev = d;
    }
  };
  // Two different statuses on one date leave the state of that day undefined (which one holds?).
  const oneStatusPerDate = (
    origin: string,
    path: (string | number)[],
    steps: readonly { date: string; status: string }[],
  ) => {
    for (let i = 1; i < steps.length; i++)
      if (steps[i].date === steps[i - 1].date && steps[i].status !== steps[i - 1].status)
        out.push({
          origin,
          path: [...path, i],
          message: `two statuses on ${steps[i].date} ("${steps[i - 1].status}" and "${steps[i].status}"): one date, one status`,
        });
  };
  const productSet = (
    origin: string,
    path: (string | number)[],
    set: { lists?: string[]; groups?: string[] } | undefined,
  ) => {
    set?.lists?.forEach((l, i) => {
      if (!lists.has(l))
        out.push({ origin, path: [...path, 'lists', i], message: `unknown product list "${l}"` });
    });
    set?.groups?.forEach((g, i) => {
      if (!groups.has(g))
        out.push({ origin, path: [...path, 'groups', i], message: `unknown product group "${g}"` });
    });
  };

  // as_of is the last date the scenario vouches for: before its first dated entry it vouches for nothing.
  const firstDated = s.measures
    .flatMap((m) => m.status.map((st) => st.date))
    .reduce<string | null>((a, d) => (a === null || d < a ? d : a), null);
  if (s.as_of && firstDated && s.as_of < firstDated)
    out.push({
      origin: 'file/root',
      path: ['as_of'],
      message: `as_of ${s.as_of} is before the first dated entry (${firstDated}): the scenario would vouch for none of it`,
    });

  for (const [id, a] of Object.entries(s.actors)) if (a.state) actorRef(`actors/${id}`, ['state'], a.state);

  const seen = new Map<string, string>();
  const claimId = (collection: string, id: string) => {
    const prev = seen.get(id);
    if (prev && prev !== collection)
      out.push({
        origin: `${collection}/${id}`,
        path: ['id'],
        message: `duplicate id "${id}" (also used by one of the ${prev})`,
      });
    else seen.set(id, collection);
  };

  for (const m of s.measures) {
    const o = `measures/${m.id}`;
    claimId('measures', m.id);
    actorRef(o, ['actor'], m.actor);
    actorRef(o, ['target'], m.target, true);
    ascending(
      o,
      ['status'],
      current(m.status, (st) => st.date),
      'status changes',
    );
    vintage(o, m, measureAnnounced(m));
    oneStatusPerDate(o, ['status'], m.status);
    if (m.effective && m.expires && m.expires <= m.effective)
      out.push({
        origin: o,
        path: ['expires'],
        message: `the measure ends (${m.expires}) before it starts (${m.effective})`,
      });
    checkMeasure(m, o);
  }

  /**
   * Vintage rules (docs/vintages.md): no step is known before its entry; a step that takes effect
   * before it is announced, or before its entry is, needs `retroactive: true`; a withdrawn step is
   * withdrawn after it was announced and before it would have taken effect.
   */
  function steps<T extends { announced?: IsoDate; retroactive?: boolean; withdrawn?: IsoDate }>(
    o: string,
    path: (string | number)[],
    items: T[],
    own: (t: T) => IsoDate,
    entryAnnounced: IsoDate,
    entryRetroactive: boolean | undefined,
    what: string,
  ) {
    items.forEach((t, i) => {
      const date = own(t);
      const announced = announcedOf(t, date);
      const retro = t.retroactive || entryRetroactive;
      if (announced < entryAnnounced)
        out.push({
          origin: o,
          path: [...path, i, 'announced'],
          message: `${what} announced ${announced}, before its entry was (${entryAnnounced})`,
        });
      else if (date < entryAnnounced && !retro)
        out.push({
          origin: o,
          path: [...path, i],
          message: `${what} dated ${date} is before its entry was announced (${entryAnnounced}); mark it \`retroactive: true\` if it applied retroactively`,
        });
      else if (announced > date && !retro)
        out.push({
          origin: o,
          path: [...path, i, 'announced'],
          message: `${what} announced ${announced}, after it took effect (${date}), without \`retroactive: true\``,
        });
      if (t.withdrawn !== undefined && (t.withdrawn < announced || t.withdrawn > date))
        out.push({
          origin: o,
          path: [...path, i, 'withdrawn'],
          message: `withdrawn ${t.withdrawn} must lie between the announcement (${announced}) and the date it would have taken effect (${date})`,
        });
    });
  }

  function vintage(o: string, m: Measure, announced: IsoDate) {
    if (m.announced && m.effective && m.announced > m.effective && !m.retroactive)
      out.push({
        origin: o,
        path: ['announced'],
        message: `the measure is announced (${m.announced}) after it takes effect (${m.effective}) without \`retroactive: true\``,
      });
    steps(o, ['status'], m.status, (st) => st.date, announced, m.retroactive, 'status change');
    const path = m.kind === 'export_control' ? m.licensing.path : m.kind === 'licensing' ? m.path : undefined;
    const at = m.kind === 'export_control' ? ['licensing', 'path'] : ['path'];
    // Licensing steps are observations of a period (published after it): only their order to the entry is checked.
    path?.forEach((p, i) => {
      if (announcedOf(p, p.from) < announced)
        out.push({
          origin: o,
          path: [...at, i, 'announced'],
          message: `licensing step announced ${announcedOf(p, p.from)}, before its entry was (${announced})`,
        });
    });
  }

  function checkMeasure(m: Measure, o: string) {
    switch (m.kind) {
      case 'tariff':
        productSet(o, ['scope'], m.scope);
        if (m.value_share && !s.products.lists[m.value_share.list]?.shares)
          out.push({
            origin: o,
            path: ['value_share', 'list'],
            message: lists.has(m.value_share.list)
              ? `product list "${m.value_share.list}" has no share_column (or share_by)`
              : `unknown product list "${m.value_share.list}"`,
          });
        productSet(o, ['scope', 'except'], m.scope.except);
        ascending(
          o,
          ['rates'],
          current(m.rates, (r) => r.from),
          'rate steps',
          true,
        );
        steps(o, ['rates'], m.rates, (r) => r.from, measureAnnounced(m), m.retroactive, 'rate step');
        m.rates.forEach((r, i) => {
          if (r.suspended_pct !== undefined && r.suspended_pct > r.rate_pct)
            out.push({
              origin: o,
              path: ['rates', i, 'suspended_pct'],
              message: `the suspended part (${r.suspended_pct}) exceeds the rate (${r.rate_pct})`,
            });
          if (r.suspended_until && r.suspended_until <= r.from)
            out.push({
              origin: o,
              path: ['rates', i, 'suspended_until'],
              message: `the suspension ends (${r.suspended_until}) before it starts (${r.from})`,
            });
          if (r.suspended_until && r.suspended_pct === undefined)
            out.push({
              origin: o,
              path: ['rates', i, 'suspended_until'],
              message: 'suspended_until needs suspended_pct',
            });
        });
        break;
      case 'tariff_exemption':
        productSet(o, ['scope'], m.scope);
        productSet(o, ['scope', 'except'], m.scope.except);
        m.removes.forEach((a, i) => {
          if (!tariffAuthorities.has(a))
            out.push({ origin: o, path: ['removes', i], message: `no tariff measure has authority "${a}"` });
        });
        break;
      case 'export_control':
        productSet(o, ['products'], m.products);
        if (m.licensing.path)
          ascending(
            o,
            ['licensing', 'path'],
            m.licensing.path.map((p) => p.from),
            'licensing steps',
            true,
          );
        break;
      case 'licensing':
        m.applies_to.forEach((ref, i) => {
          const target = measureById.get(ref);
          if (!target) out.push({ origin: o, path: ['applies_to', i], message: `unknown measure "${ref}"` });
          else if (target.kind !== 'export_control')
            out.push({
              origin: o,
              path: ['applies_to', i],
              message: `"${ref}" is a ${target.kind}, not an export_control`,
            });
        });
        if (m.path)
          ascending(
            o,
            ['path'],
            m.path.map((p) => p.from),
            'licensing steps',
            true,
          );
        break;
      default:
        break;
    }
  }

  for (const key of Object.keys(s.stacking.combine)) {
    if (!tariffAuthorities.has(key))
      out.push({
        origin: 'file/root',
        path: ['stacking', 'combine', key],
        message: `no tariff measure has authority "${key}"`,
      });
  }
  s.stacking.exclusions.forEach((ex, i) => {
    for (const a of [ex.when, ...ex.removes])
      if (!tariffAuthorities.has(a))
        out.push({
          origin: 'file/root',
          path: ['stacking', 'exclusions', i],
          message: `no tariff measure has authority "${a}"`,
        });
    if (ex.importer) actorRef('file/root', ['stacking', 'exclusions', i, 'importer'], ex.importer);
  });

  for (const a of s.agreements) {
    const o = `agreements/${a.id}`;
    claimId('agreements', a.id);
    a.parties.forEach((p, i) => actorRef(o, ['parties', i], p));
    ascending(
      o,
      ['status'],
      current(a.status, (st) => st.date),
      'status changes',
    );
    const announced = agreementAnnounced(a);
    steps(o, ['status'], a.status, (st) => st.date, announced, a.retroactive, 'status change');
    a.clocks.forEach((c, i) => {
      if (announcedOf(c, c.start) < announced)
        out.push({
          origin: o,
          path: ['clocks', i, 'announced'],
          message: `the clock is announced (${announcedOf(c, c.start)}) before its agreement (${announced})`,
        });
    });
    oneStatusPerDate(o, ['status'], a.status);
    a.commitments.forEach((c, i) => {
      actorRef(o, ['commitments', i, 'by'], c.by);
      if (c.measure && !measureById.has(c.measure))
        out.push({
          origin: o,
          path: ['commitments', i, 'measure'],
          message: `unknown measure "${c.measure}"`,
        });
    });
    a.approvals.forEach((ap, i) => {
      actorRef(o, ['approvals', i, 'by'], ap.by);
      ascending(
        o,
        ['approvals', i, 'status'],
        current(ap.status, (st) => st.date),
        'approval steps',
      );
      steps(
        o,
        ['approvals', i, 'status'],
        ap.status,
        (st) => st.date,
        announced,
        a.retroactive,
        'approval step',
      );
      oneStatusPerDate(o, ['approvals', i, 'status'], ap.status);
    });
  }

  for (const c of s.claims) {
    const o = `claims/${c.id}`;
    claimId('claims', c.id);
    actorRef(o, ['actor'], c.actor);
    if (c.announced && c.announced < c.date)
      out.push({
        origin: o,
        path: ['announced'],
        message: `the claim is announced (${c.announced}) before it was made (${c.date})`,
      });
    const a = c.asserts;
    actorRef(o, ['asserts', 'importer'], a.importer);
    actorRef(o, ['asserts', 'exporter'], a.exporter);
    if (a.group && !groups.has(a.group))
      out.push({ origin: o, path: ['asserts', 'group'], message: `unknown product group "${a.group}"` });
    if (a.metric === 'agreement_status') {
      if (!a.agreement)
        out.push({ origin: o, path: ['asserts'], message: 'an agreement_status claim needs `agreement`' });
      else if (!agreementIds.has(a.agreement))
        out.push({
          origin: o,
          path: ['asserts', 'agreement'],
          message: `unknown agreement "${a.agreement}"`,
        });
      if (!a.value_status)
        out.push({ origin: o, path: ['asserts'], message: 'an agreement_status claim needs `value_status`' });
    } else {
      for (const f of ['importer', 'exporter', 'value_pct'] as const)
        if (a[f] === undefined)
          out.push({ origin: o, path: ['asserts'], message: `a ${a.metric} claim needs \`${f}\`` });
    }
  }
  return out;
}
