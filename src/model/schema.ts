import { z } from 'zod';
import { describe, isoDate, slug, sourceUrl, sources, text } from './primitives.ts';
import { HS_CODE_PATTERN } from './hs.ts';
import { TradeParametersSchema } from './params-trade.ts';
import { SimulationParametersSchema } from './params-simulation.ts';

export { describe, isoDate, slug, sourceUrl, sources };

/**
 * The scenario file format. Every object is strict: an unknown field is an error, so a typo
 * ("rate_pcts") is caught instead of silently ignored. Field names carry their units
 * (`pct` = percentage points of ad valorem duty, `share` in [0, 1], `days`).
 */

export const hsCode = z
  .string({ error: (iss) => `expected an HS code as a string (e.g. "4202.21"), got ${describe(iss.input)}` })
  .refine((s) => HS_CODE_PATTERN.test(s.replace(/[.\s]/g, '')), {
    error: (iss) => `expected an HS code of 2-10 digits (dots allowed), got ${describe(iss.input)}`,
  });

const pct = (what: string, max = 1000) =>
  z
    .number({ error: (iss) => `expected a number >= 0 (${what}, percent), got ${describe(iss.input)}` })
    .min(0, { error: (iss) => `expected a number >= 0 (${what}, percent), got ${describe(iss.input)}` })
    .max(max, {
      error: (iss) => `expected a number <= ${max} (${what}, percent), got ${describe(iss.input)}`,
    });

const share = (what: string) =>
  z
    .number({ error: (iss) => `expected a share in [0, 1] (${what}), got ${describe(iss.input)}` })
    .min(0, { error: (iss) => `expected a share in [0, 1] (${what}), got ${describe(iss.input)}` })
    .max(1, { error: (iss) => `expected a share in [0, 1] (${what}), got ${describe(iss.input)}` });

const nonNegative = (what: string, max = Number.MAX_SAFE_INTEGER) =>
  z
    .number({ error: (iss) => `expected a number >= 0 (${what}), got ${describe(iss.input)}` })
    .min(0, { error: (iss) => `expected a number >= 0 (${what}), got ${describe(iss.input)}` })
    .max(max, { error: (iss) => `expected a number <= ${max} (${what}), got ${describe(iss.input)}` });

// ---------------------------------------------------------------------------------------------
// Actors and products

export const ActorSchema = z.strictObject({
  name: text,
  kind: z.enum(['state', 'bloc', 'leader', 'agency', 'person']).default('state'),
  /** For a leader or agency: the state it acts for. */
  state: slug.optional(),
  sources: sources.optional(),
});

/** A product list: tariff lines named in a legal act, inline or read from a CSV data file. */
export const ProductListSchema = z.strictObject({
  title: text,
  /** CSV file, relative to the scenario file. */
  file: z.string().min(1).optional(),
  /** Column of the CSV holding the HS code. */
  column: z.string().min(1).optional(),
  /** Keep only rows whose columns equal one of the given values. */
  where: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).optional(),
  codes: z.array(hsCode).optional(),
  /**
   * Column of the CSV holding a share in [0, 1] of each line's value (e.g. its metal content), for
   * a tariff that names this list as its `value_share`.
   */
  share_column: z.string().min(1).optional(),
  /**
   * Instead of a `share_column`: the share in [0, 1] of each row's value set by the row's value in
   * `column` (e.g. `condition: aircraft` -> 0.1). For modelling assumptions (the share of
   * conditionally exempt trade that does not claim the exemption), to be labelled as such in `note`.
   */
  share_by: z
    .strictObject({
      column: z.string().min(1),
      shares: z.record(z.string(), z.number().min(0).max(1)),
    })
    .optional(),
  sources,
  note: text.optional(),
});

export const ProductGroupSchema = z.strictObject({
  title: text,
  hs: z.array(hsCode).min(1),
  sources: sources.optional(),
  note: text.optional(),
});

const ProductSetSchema = z.strictObject({
  hs: z.array(hsCode).optional(),
  lists: z.array(slug).optional(),
  groups: z.array(slug).optional(),
});

export const ScopeSchema = z
  .strictObject({
    all: z.literal(true).optional(),
    hs: z.array(hsCode).optional(),
    lists: z.array(slug).optional(),
    groups: z.array(slug).optional(),
    except: ProductSetSchema.optional(),
  })
  .refine((s) => s.all || s.hs?.length || s.lists?.length || s.groups?.length, {
    error: 'a scope needs `all: true` or at least one of hs, lists, groups',
  });

// ---------------------------------------------------------------------------------------------
// Vintages: when each fact became public (see docs/vintages.md)

/**
 * `announced`: the date a fact became public, distinct from the date it takes effect. Absent, it
 * is the fact's own date (nothing is known before it happens). `retroactive: true` allows a fact
 * announced after it took effect (e.g. the electronics carve-out of 11 April, retroactive to 5 April).
 * `withdrawn`: an announced future change that was replaced or cancelled before it happened
 * (e.g. China's 34% due on 10 April 2025, superseded by 84% on 9 April); it is shown only in
 * views as known before that date.
 */
const vintage = {
  announced: isoDate.optional(),
  retroactive: z.boolean().optional(),
};
const withdrawable = { ...vintage, withdrawn: isoDate.optional() };

// ---------------------------------------------------------------------------------------------
// Measures

export const MEASURE_STATUSES = [
  'announced',
  'scheduled',
  'in_force',
  'raised',
  'lowered',
  'extended',
  'suspended',
  'superseded',
  'rolled_back',
  'expired',
] as const;
/** Statuses under which a measure applies. Announced, scheduled, suspended, superseded, rolled back and expired measures do not. */
export const ACTIVE_STATUSES: readonly string[] = ['in_force', 'raised', 'lowered', 'extended'];

export const StatusChangeSchema = z.strictObject({
  date: isoDate,
  status: z.enum(MEASURE_STATUSES, {
    error: (iss) => `expected one of ${MEASURE_STATUSES.join(', ')}, got ${describe(iss.input)}`,
  }),
  note: text.optional(),
  sources: sources.optional(),
  ...withdrawable,
});

export const RateStepSchema = z.strictObject({
  from: isoDate,
  /** Statutory ad valorem rate of this layer, percent. */
  rate_pct: pct('ad valorem rate'),
  /** Part of the statutory rate that is suspended (not collected), percent. */
  suspended_pct: pct('suspended part of the rate').optional(),
  /** The suspension lapses on this date unless a later step says otherwise. */
  suspended_until: isoDate.optional(),
  note: text.optional(),
  sources: sources.optional(),
  ...withdrawable,
});

export const LicensingStepSchema = z.strictObject({
  from: isoDate,
  /** Share of normal (pre-control) exports that gets through, 0..1. */
  flow_share: share('share of normal exports that gets through').optional(),
  /** Share of licence applications approved, 0..1. */
  approval_share: share('share of licence applications approved').optional(),
  processing_days: nonNegative('licence processing time, days', 3650).optional(),
  /** How the figure was obtained (e.g. derived from customs data); required when it is not a quoted figure. */
  basis: text.optional(),
  /** Marks a modelling assumption rather than a sourced figure. */
  assumption: z.boolean().optional(),
  sources: sources.optional(),
  /** `announced`, for a figure read from data (e.g. monthly customs exports): the date the data were published. */
  ...withdrawable,
});

const measureCommon = {
  id: slug,
  actor: slug,
  /** The partner the measure targets: an actor id, or ALL. */
  target: slug,
  title: text,
  authority: text,
  status: z.array(StatusChangeSchema).min(1, { error: 'a measure needs at least one dated status' }),
  /** First day the measure applies and the day it lapses (it does not apply on or after `expires`). */
  effective: isoDate.optional(),
  expires: isoDate.optional(),
  sources,
  confidence: z.enum(['high', 'medium', 'low']).optional(),
  /** Ids of the entries in the source ledger this measure was built from. */
  ledger_ids: z.array(slug).optional(),
  note: text.optional(),
  ...vintage,
};

export const TariffMeasureSchema = z.strictObject({
  ...measureCommon,
  kind: z.literal('tariff'),
  scope: ScopeSchema,
  rates: z.array(RateStepSchema).min(1, { error: 'a tariff needs at least one dated rate' }),
  /**
   * The layer taxes only part of each line's value: the share given per line by a product list
   * with `share_column` (e.g. Section 232 on metal content; lines not on it: the whole value). The
   * layers it excludes (stacking.exclusions) apply to the rest of the value.
   */
  value_share: z.strictObject({ list: slug, note: text.optional() }).optional(),
});

/** An exemption removes the named authorities' layers from the products in its scope (e.g. Annex II). */
export const TariffExemptionSchema = z.strictObject({
  ...measureCommon,
  kind: z.literal('tariff_exemption'),
  scope: ScopeSchema,
  removes: z.array(text).min(1),
});

export const ExportControlSchema = z.strictObject({
  ...measureCommon,
  kind: z.literal('export_control'),
  items: z.array(text).min(1),
  products: ProductSetSchema.optional(),
  licensing: z.strictObject({
    required: z.boolean(),
    path: z.array(LicensingStepSchema).optional(),
  }),
});

/** A licensing regime changes how the licences of existing export controls are handled. */
export const LicensingRegimeSchema = z.strictObject({
  ...measureCommon,
  kind: z.literal('licensing'),
  applies_to: z.array(slug).min(1),
  path: z.array(LicensingStepSchema).optional(),
});

export const ControlledSubstanceSchema = z.strictObject({
  ...measureCommon,
  kind: z.literal('controlled_substance'),
  substances: z.array(text).min(1),
  customs_codes: z.array(z.string()).optional(),
});

export const EntityListingSchema = z.strictObject({
  ...measureCommon,
  kind: z.literal('entity_listing'),
  list: text,
  entities: z.array(text).optional(),
  count: z.number().int().min(0).optional(),
});

export const MEASURE_KINDS = [
  'tariff',
  'tariff_exemption',
  'export_control',
  'licensing',
  'controlled_substance',
  'entity_listing',
] as const;

export const MeasureSchema = z.discriminatedUnion(
  'kind',
  [
    TariffMeasureSchema,
    TariffExemptionSchema,
    ExportControlSchema,
    LicensingRegimeSchema,
    ControlledSubstanceSchema,
    EntityListingSchema,
  ],
  {
    error: (iss) =>
      `expected kind to be one of ${MEASURE_KINDS.join(', ')}, got ${describe((iss.input as { kind?: unknown })?.kind)}`,
  },
);

// ---------------------------------------------------------------------------------------------
// Agreements and claims

export const AGREEMENT_STATUSES = [
  'talks',
  'agreed_in_principle',
  'signed',
  'implemented',
  'extended',
  'expired',
  'collapsed',
  'superseded',
] as const;

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected'] as const;

export const AgreementSchema = z.strictObject({
  id: slug,
  title: text,
  parties: z.array(slug).min(2),
  signed: isoDate.optional(),
  status: z
    .array(
      z.strictObject({
        date: isoDate,
        status: z.enum(AGREEMENT_STATUSES, {
          error: (iss) => `expected one of ${AGREEMENT_STATUSES.join(', ')}, got ${describe(iss.input)}`,
        }),
        note: text.optional(),
        sources: sources.optional(),
        ...withdrawable,
      }),
    )
    .min(1),
  commitments: z
    .array(
      z.strictObject({
        by: slug,
        measure: slug.optional(),
        action: z.enum([
          'suspend',
          'reduce',
          'remove',
          'lift',
          'approve_licences',
          'extend',
          'purchase',
          'list_substances',
          'other',
        ]),
        detail: text,
        sources: sources.optional(),
      }),
    )
    .default([]),
  approvals: z
    .array(
      z.strictObject({
        by: slug,
        role: text,
        status: z
          .array(
            z.strictObject({
              date: isoDate,
              status: z.enum(APPROVAL_STATUSES, {
                error: (iss) => `expected one of ${APPROVAL_STATUSES.join(', ')}, got ${describe(iss.input)}`,
              }),
              note: text.optional(),
              sources: sources.optional(),
              ...withdrawable,
            }),
          )
          .min(1),
      }),
    )
    .default([]),
  clocks: z
    .array(
      z.strictObject({
        id: slug,
        title: text,
        start: isoDate,
        days: z.number().int().min(1).max(3650),
        sources: sources.optional(),
        ...vintage,
      }),
    )
    .default([]),
  sources,
  ledger_ids: z.array(slug).optional(),
  note: text.optional(),
  ...vintage,
});

export const CLAIM_METRICS = ['tariff_stack', 'tariff_average', 'agreement_status'] as const;

export const ClaimSchema = z.strictObject({
  id: slug,
  /** The person who made the claim. */
  by: text,
  /** The actor the person speaks for. */
  actor: slug,
  date: isoDate,
  /** The words as quoted by the sources. */
  quote: text,
  asserts: z.strictObject({
    metric: z.enum(CLAIM_METRICS),
    importer: slug.optional(),
    exporter: slug.optional(),
    product: hsCode.optional(),
    group: slug.optional(),
    value_pct: pct('asserted rate').optional(),
    /** The date the asserted figure refers to, when not the claim's own date (e.g. a promised future rate). */
    at: isoDate.optional(),
    agreement: slug.optional(),
    value_status: text.optional(),
    /** How the claim's number was decomposed by its author or officials, if they said. */
    decomposition: z.record(z.string(), pct('component rate')).optional(),
  }),
  sources,
  ledger_ids: z.array(slug).optional(),
  note: text.optional(),
  /** When the claim became public; absent, its `date`. */
  announced: isoDate.optional(),
});

// ---------------------------------------------------------------------------------------------
// Stacking rules: how layers of different authorities combine, as data.

export const StackingSchema = z.strictObject({
  /** How measures of the same authority combine on one product: add them, or take the highest. */
  combine: z.record(z.string(), z.enum(['add', 'max'])).default({}),
  /** When a layer of authority `when` applies to a product, the `removes` layers do not. */
  exclusions: z
    .array(
      z.strictObject({
        when: text,
        removes: z.array(text).min(1),
        importer: slug.optional(),
        note: text.optional(),
        sources: sources.optional(),
      }),
    )
    .default([]),
  note: text.optional(),
});

// ---------------------------------------------------------------------------------------------
// The scenario file

/** Engine parameters. In a file that extends another they may be partial: they are checked after merging. */
export const ParametersSchema = z.strictObject({
  elasticities: TradeParametersSchema.optional(),
  simulation: SimulationParametersSchema.optional(),
});

/** A product a view follows: its HS code (any depth) in one direction, with the label shown. */
export const ViewProductSchema = z.strictObject({
  label: text,
  product: hsCode,
  importer: slug,
  exporter: slug,
});

/**
 * Constants of the views and bridges (docs/scenario.md#views): what the reports show when nothing
 * is asked for, and how actors map onto the IO table's regions. Modelling choices of presentation,
 * not dated facts: they are not filtered by `as_known_on` (docs/vintages.md). An extending file
 * replaces each key it sets whole.
 */
export const ViewsSchema = z.strictObject({
  /** The date a view shows when none is asked for (ledger, groups, trade response, dashboard), and the one `since-then` compares against. */
  date: isoDate.optional(),
  /** The export control the rare-earth exposure views show when none is asked for (a measure id). */
  control: slug.optional(),
  /** The window whose highest daily ledger average is the simulation's escalation threshold (both ends included). */
  peak_window: z.strictObject({ from: isoDate, to: isoDate }).optional(),
  /** Actor id -> ISO3 region of the IO table (WIOD), for the supply bridges. */
  actor_regions: z
    .record(
      slug,
      z.string().regex(/^[A-Z]{3}$/, {
        error: (iss) => `expected an ISO3 region code (e.g. USA), got ${describe(iss.input)}`,
      }),
    )
    .optional(),
  /** The products the ledger overview follows when no product is asked for. */
  tracked_products: z.array(ViewProductSchema).optional(),
  /** The products whose stacks the start report follows across the key dates. */
  key_date_products: z.array(ViewProductSchema).optional(),
  note: text.optional(),
});

export const ScenarioFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: slug,
  title: text.optional(),
  description: text.optional(),
  /** Another scenario this one overrides: a built-in id or a path relative to this file. */
  extends: z.union([z.string().min(1), z.null()]).optional(),
  /** The date the scenario's knowledge ends; later dates show scheduled states only. */
  as_of: isoDate.optional(),
  /**
   * The scenario is the view as known on this date (docs/vintages.md): entries announced later are
   * left out, announced future changes kept, fitted parameters whose data came later fall back to
   * their prior. Its `as_of` becomes at most this date.
   */
  as_known_on: isoDate.optional(),
  actors: z.record(slug, ActorSchema).optional(),
  products: z
    .strictObject({
      classification: text.optional(),
      /**
       * The known tariff lines of each importer's national nomenclature (e.g. the US HTS10 codes
       * traded), used to expand a coarse code into lines. Keyed by importer: national 8- and
       * 10-digit codes differ between countries.
       */
      universe: z
        .record(
          slug,
          z.strictObject({
            file: z.string().min(1),
            column: z.string().min(1),
            title: text.optional(),
            sources,
          }),
        )
        .optional(),
      lists: z.record(slug, ProductListSchema).optional(),
      groups: z.record(slug, ProductGroupSchema).optional(),
    })
    .optional(),
  stacking: StackingSchema.optional(),
  measures: z.array(MeasureSchema).optional(),
  agreements: z.array(AgreementSchema).optional(),
  claims: z.array(ClaimSchema).optional(),
  /** Ids of measures, agreements or claims of the extended scenario to drop. */
  remove: z.array(slug).optional(),
  /** Model parameters of the engines: trade-response elasticities and the weekly simulation. */
  parameters: ParametersSchema.optional(),
  /** Constants of the views and bridges (not dated facts). */
  views: ViewsSchema.optional(),
});

/** One file before merging: engine parameters are only checked for shape here (see ParametersSchema). */
export const ScenarioFileShallowSchema = ScenarioFileSchema.extend({
  parameters: z
    .strictObject({
      elasticities: z.record(z.string(), z.unknown()).optional(),
      simulation: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

export type ScenarioFile = z.input<typeof ScenarioFileSchema>;
export type ParsedScenarioFile = z.output<typeof ScenarioFileSchema>;
export type Measure = z.output<typeof MeasureSchema>;
export type TariffMeasure = z.output<typeof TariffMeasureSchema>;
export type TariffExemption = z.output<typeof TariffExemptionSchema>;
export type ExportControl = z.output<typeof ExportControlSchema>;
export type LicensingRegime = z.output<typeof LicensingRegimeSchema>;
export type ControlledSubstance = z.output<typeof ControlledSubstanceSchema>;
export type EntityListing = z.output<typeof EntityListingSchema>;
export type RateStep = z.output<typeof RateStepSchema>;
export type LicensingStep = z.output<typeof LicensingStepSchema>;
export type StatusChange = z.output<typeof StatusChangeSchema>;
export type Scope = z.output<typeof ScopeSchema>;
export type Agreement = z.output<typeof AgreementSchema>;
export type Claim = z.output<typeof ClaimSchema>;
export type Actor = z.output<typeof ActorSchema>;
export type ProductGroup = z.output<typeof ProductGroupSchema>;
export type StackingRules = z.output<typeof StackingSchema>;
export type Views = z.output<typeof ViewsSchema>;
export type ViewProduct = z.output<typeof ViewProductSchema>;

/** A product list once its file has been read: the codes are always there. */
export interface ProductList {
  title: string;
  codes: string[];
  sources: string[];
  file?: string;
  note?: string;
  /** Share of each code's value (from `share_column` or `share_by`), for tariffs with a `value_share`. */
  shares?: Record<string, number>;
  /** What the loader had to adjust when reading the list's file. */
  warnings?: string[];
}

/** A loaded scenario: `extends` resolved, product lists materialised, every reference checked. */
export interface Scenario {
  id: string;
  title: string;
  description?: string;
  as_of?: string;
  /** Set when the scenario is a vintage view: the date it is as known on. */
  as_known_on?: string;
  /** Files the scenario was assembled from, base first. */
  files: string[];
  actors: Record<string, Actor>;
  products: {
    classification: string;
    /** Known tariff lines by importer. */
    universe: Record<string, string[]>;
    lists: Record<string, ProductList>;
    groups: Record<string, ProductGroup>;
  };
  stacking: StackingRules;
  measures: Measure[];
  agreements: Agreement[];
  claims: Claim[];
  parameters: {
    elasticities?: z.output<typeof TradeParametersSchema>;
    simulation?: z.output<typeof SimulationParametersSchema>;
  };
  /** The views block merged over `extends`; keys no file sets are absent (docs/scenario.md#views). */
  views: Views;
}

/** JSON Schema (draft 2020-12) of the scenario file format, for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://github.com/leverage/leverage/scenario.schema.json',
    title: 'Leverage scenario',
    description:
      'A Leverage scenario: actors, products, dated and sourced measures (tariffs by legal authority, export controls, licensing, substance and entity listings), stacking rules, agreements and claims.',
  };
}
