import { z } from 'zod';
import type { SourcedValue } from './params-values.ts';
import { describe, isoDate, slug as id, sources, text } from './primitives.ts';

/**
 * Cards an actor holds but has not played (docs/simulate.md#cards): moves that create a measure
 * absent from the view, an across-the-board tariff layer under a named authority or a licensing
 * control on a named item group. Each states when the capability or policy was public
 * (`announced`, the vintage rule: a view as known before it has no card) and its sources.
 * `sourcedValue` and the common move fields come from params-simulation.ts (no cycle: passed in).
 */
export function cardSchemas<C extends z.ZodRawShape>(
  moveCommon: C,
  sourcedValue: (what: string, min: number, max: number) => z.ZodType<SourcedValue, unknown>,
) {
  const card = {
    ...moveCommon,
    /** The day the capability or policy behind the card was public; a view as known before it has no card. */
    announced: isoDate,
    /** Where the capability or policy is stated (statute, official announcement). */
    sources,
  };
  const newTariffLayer = z.strictObject({
    ...card,
    kind: z.literal('new_tariff_layer'),
    /** The authority of the new layer: a name the actor has no tariff measure under (the layer is new). */
    authority: text,
    /**
     * How large the layer is when played: `match_last_increase`, the opponent's increases of its
     * duties aimed at the actor (trade-weighted points, net, since the origin, plus one left
     * unanswered at the origin) less the layer's rate so far; or a fixed rate `{value, source |
     * assumption}` in percent, played once.
     */
    size: z.union([
      z.literal('match_last_increase', {
        error: (iss) =>
          `expected size match_last_increase or {value, source | assumption}, got ${describe(iss.input)}`,
      }),
      sourcedValue('layer size, percent', 0, 1000),
    ]),
    /** Highest rate the layer may reach, percent (default: no cap). */
    max_pct: sourcedValue('maximum layer rate, percent', 0, 1000).optional(),
  });
  const newExportControl = z.strictObject({
    ...card,
    kind: z.literal('new_export_control'),
    /** Product groups of the scenario the control covers (rare-earths, magnets: the rare-earth bridge). */
    groups: z.array(id).min(1, { error: 'a new export control names at least one product group' }),
    /** Share of normal exports that gets through while the licensing control is in force, 0..1. */
    flow_share: sourcedValue('flow share under the new control', 0, 1),
    /** Weekly harm to the target while in force, USD (0 for rare earths: the supply bridge prices the cut). */
    harm_to_target_usd_per_week: sourcedValue('harm to the target, USD per week', 0, 1e13),
    /** Weekly cost to the controlling side's own exporters while in force, USD. */
    cost_to_self_usd_per_week: sourcedValue('cost to own exporters, USD per week', 0, 1e13),
  });
  return { newTariffLayer, newExportControl };
}
