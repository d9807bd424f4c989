// What-if edits of a scenario, checked once for every edge: tariff layers set from a date (the
// CLI's `--set`, the API's `overrides`) and elasticities entered in the dashboard.
import { withTariffOverride } from '../ledger/index.ts';
import type { Scenario } from '../model/index.ts';
import { checkActor, fieldError, type FieldLabel } from './query.ts';

export interface TariffOverride {
  importer: string;
  exporter: string;
  authority: string;
  /** The layer's rate from `from` on, percent ad valorem. */
  pct: number;
  from: string;
}

export interface ElasticityEdit {
  sigma: number;
  epsilon_m: number;
  epsilon_x: number;
}

/** The scenario's tariff authorities (what an override may name). */
export function tariffAuthorities(scn: Scenario): string[] {
  return [
    ...new Set(
      scn.measures.filter((m) => m.kind === 'tariff').map((m) => (m as { authority: string }).authority),
    ),
  ];
}

/** The scenario with each override applied in turn; `field` names the list (`overrides`, `set`). */
export function withOverrides(
  scn: Scenario,
  overrides: readonly TariffOverride[],
  label: FieldLabel,
  field = 'overrides',
): Scenario {
  const known = tariffAuthorities(scn);
  let s = scn;
  overrides.forEach((o, i) => {
    checkActor(scn, label, `${field}[${i}].importer`, o.importer);
    checkActor(scn, label, `${field}[${i}].exporter`, o.exporter);
    if (!known.includes(o.authority))
      throw fieldError(
        label,
        `${field}[${i}].authority`,
        `unknown tariff authority "${o.authority}" (scenario tariff authorities: ${known.join(', ')})`,
      );
    s = withTariffOverride(s, o);
  });
  return s;
}

/** The scenario with its default elasticities replaced (product overrides kept). */
export function withElasticities(scn: Scenario, e: ElasticityEdit | null | undefined): Scenario {
  if (!e) return scn;
  const prev = (scn.parameters?.elasticities ?? {}) as { overrides?: unknown[] };
  return {
    ...scn,
    parameters: {
      ...scn.parameters,
      elasticities: {
        default: { ...e, source: 'what-if entered by the user' },
        overrides: prev.overrides ?? [],
      },
    },
  } as Scenario;
}
