// The names a question may use: every authority (by direction), tariff measure, agreement and
// export control of a scenario, with titles, so that people can write questions.
import type { Scenario } from '../model/index.ts';

export interface Vocabulary {
  scenario: string;
  as_of: string | null;
  actors: { id: string; name: string }[];
  authorities: { actor: string; target: string; authority: string; measures: string[] }[];
  measures: { id: string; actor: string; target: string; authority: string; title: string }[];
  agreements: { id: string; title: string }[];
  controls: { id: string; actor: string; target: string; title: string }[];
}

export function vocabulary(scn: Scenario): Vocabulary {
  const tariffs = scn.measures.filter((m) => m.kind === 'tariff');
  const states = Object.entries(scn.actors).filter(([, a]) => a.kind === 'state' || a.kind === 'bloc');
  const authorities: Vocabulary['authorities'] = [];
  for (const [actor] of states)
    for (const [target] of states) {
      if (actor === target) continue;
      const by = new Map<string, string[]>();
      for (const m of tariffs)
        if (m.actor === actor && (m.target === target || m.target === 'ALL'))
          by.set(m.authority, [...(by.get(m.authority) ?? []), m.id]);
      for (const [authority, measures] of [...by].sort((a, b) => a[0].localeCompare(b[0])))
        authorities.push({ actor, target, authority, measures });
    }
  return {
    scenario: scn.id,
    as_of: scn.as_of ?? null,
    actors: states.map(([id, a]) => ({ id, name: a.name })),
    authorities,
    measures: tariffs.map((m) => ({
      id: m.id,
      actor: m.actor,
      target: m.target,
      authority: m.authority,
      title: m.title,
    })),
    agreements: scn.agreements.map((a) => ({ id: a.id, title: a.title })),
    controls: scn.measures
      .filter((m) => m.kind === 'export_control')
      .map((m) => ({ id: m.id, actor: m.actor, target: m.target, title: m.title })),
  };
}
