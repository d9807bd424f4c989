// `leverage params`: every number of the scenario's parameters with where it came from (a source
// URL or "assumption"), its range and the date of the data it was fitted on. As known on D, a
// value whose data_date is after D shows its prior (the vintage rule, docs/vintages.md).
import { priorAsKnownOn, type Scenario, type SourcedValue } from '../model/index.ts';

export type ParamRow = {
  path: string;
  value: number;
  provenance: string;
  assumption?: string;
  range?: [number, number];
  data_date?: string;
  /** True when the view is before data_date and the value shown is the prior. */
  prior_shown: boolean;
};

export type ParamsReport = { scenario: string; as_known_on?: string; rows: ParamRow[] };

export function paramsReport(s: Scenario, asKnownOn?: string): ParamsReport {
  const rows: ParamRow[] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.value === 'number' && (typeof o.source === 'string' || typeof o.assumption === 'string')) {
      const sv = o as unknown as SourcedValue;
      const prior = asKnownOn !== undefined ? priorAsKnownOn(o, asKnownOn) : null;
      const shown = prior ?? sv;
      rows.push({
        path,
        value: shown.value,
        provenance: prior ? 'assumption' : (sv.source ?? 'assumption'),
        ...(shown.assumption !== undefined ? { assumption: shown.assumption } : {}),
        ...(!prior && sv.range ? { range: sv.range } : {}),
        ...(sv.data_date ? { data_date: sv.data_date } : {}),
        prior_shown: prior !== null,
      });
      return;
    }
    for (const [k, x] of Object.entries(o)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(s.parameters, 'parameters');
  return { scenario: s.id, ...(asKnownOn ? { as_known_on: asKnownOn } : {}), rows };
}
