import type { Measure, Scenario } from '../model/index.ts';

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
    dates: string[],
    what: string,
    strict = false,
  ) => {
    for (let i = 1; i < dates.length; i++) {
      if (dates[i] < dates[i - 1] || (strict && dates[i] === dates[i - 1])) {
        out.push({
          origin,
          path: [...path, i],
          message: `${what} must run forward in time: ${dates[i]} comes after ${dates[i - 1]}`,
        });
      }
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
      m.status.map((st) => st.date),
      'status changes',
    );
    oneStatusPerDate(o, ['status'], m.status);
    if (m.effective && m.expires && m.expires <= m.effective)
      out.push({
        origin: o,
        path: ['expires'],
        message: `the measure ends (${m.expires}) before it starts (${m.effective})`,
      });
    checkMeasure(m, o);
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
              ? `product list "${m.value_share.list}" has no share_column`
              : `unknown product list "${m.value_share.list}"`,
          });
        productSet(o, ['scope', 'except'], m.scope.except);
        ascending(
          o,
          ['rates'],
          m.rates.map((r) => r.from),
          'rate steps',
          true,
        );
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
      a.status.map((st) => st.date),
      'status changes',
    );
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
        ap.status.map((st) => st.date),
        'approval steps',
      );
      oneStatusPerDate(o, ['approvals', i, 'status'], ap.status);
    });
  }

  for (const c of s.claims) {
    const o = `claims/${c.id}`;
    claimId('claims', c.id);
    actorRef(o, ['actor'], c.actor);
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
