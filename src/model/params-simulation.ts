import { z } from 'zod';
import { cardSchemas } from './params-cards.ts';
import {
  datedDistribution,
  datedInt,
  datedList,
  datedNum,
  isDatedMarker,
  moveValue,
  sourcedValue,
} from './params-values.ts';
import { describe, isoDate, slug as id, sourceUrl as url, text } from './primitives.ts';

/**
 * `parameters.simulation`: the weekly negotiation loop (moves, objectives, uncertain parameters,
 * strategies, agreements). Every object is strict. Every number a user could argue with is a
 * `{value, source}` (an http(s) URL, normally one of the ledger's sources) or a
 * `{value, assumption: "why"}`. References to measures, agreements, actors and strategies are
 * checked against the scenario and the strategy registry by the simulation before any run.
 */

export { sourcedValue, type SourcedValue } from './params-values.ts';

// ---------------------------------------------------------------------------------------------
// Moves

const POSTURES = ['C', 'D'] as const;
const posture = z.enum(POSTURES, {
  error: (iss) =>
    `expected C (talk / de-escalate / comply) or D (escalate / fight), got ${describe(iss.input)}`,
});

const moveCommon = {
  id,
  /** The strategy's posture that triggers this move: C (talk, de-escalate, comply) or D (escalate, fight, slow-walk). */
  on: posture,
  title: text.optional(),
  /** One-off cost to the mover in the week the move is made, USD (audience cost, administrative cost). */
  cost_usd: moveValue('one-off cost of the move, USD', 0, 1e13).optional(),
  /** Weeks before the same move can be made again (default 0: every week). */
  cooldown_weeks: z
    .number()
    .int()
    .min(0, { error: 'expected cooldown_weeks >= 0' })
    .max(520, { error: 'expected cooldown_weeks <= 520' })
    .optional(),
  note: text.optional(),
};

const tariffMove = (kind: 'raise_tariff' | 'lower_tariff') =>
  z
    .strictObject({
      ...moveCommon,
      kind: z.literal(kind),
      /** The legal authority of the layer, exactly as in the scenario's measures (e.g. "IEEPA reciprocal"). */
      authority: text,
      /** Points added to (raise) or removed from (lower) the layer's rate on every line it covers, percent. */
      step_pct: datedNum('step, percentage points', 0, 1000, { minOpen: true }),
      /** Highest headline rate of the layer a raise may reach, percent. */
      max_pct: datedNum('maximum layer rate, percent', 0, 1000).optional(),
      /** Lowest headline rate of the layer a cut may reach, percent. */
      min_pct: datedNum('minimum layer rate, percent', 0, 1000).optional(),
    })
    .refine((m) => (kind === 'raise_tariff' ? m.max_pct !== undefined : m.min_pct !== undefined), {
      error:
        kind === 'raise_tariff'
          ? 'raise_tariff needs max_pct (the highest layer rate, percent)'
          : 'lower_tariff needs min_pct (the lowest layer rate, percent)',
    });

const licensingMove = (kind: 'tighten_licensing' | 'loosen_licensing') =>
  z
    .strictObject({
      ...moveCommon,
      kind: z.literal(kind),
      /** The export control whose licences are tightened or loosened (a measure id). */
      measure: id,
      /** Change of the share of normal exports that gets through, per move, 0..1. */
      flow_share_step: datedNum('flow-share step', 0, 1, { minOpen: true }).optional(),
      /** Alternatively: change of the approval share per move, with the processing time it sets. */
      approval_share_step: datedNum('approval-share step', 0, 1, { minOpen: true }).optional(),
      processing_days: datedNum('licence processing time, days', 0, 3650).optional(),
      /** Bounds of the flow (or approval) share the moves may reach. */
      min_share: datedNum('minimum share', 0, 1).optional(),
      max_share: datedNum('maximum share', 0, 1).optional(),
    })
    .refine((m) => (m.flow_share_step === undefined) !== (m.approval_share_step === undefined), {
      error: `${kind} needs exactly one of flow_share_step or approval_share_step`,
    })
    // dated bounds are compared once resolved (a view), plain ones here
    .refine(
      (m) => typeof m.min_share !== 'number' || typeof m.max_share !== 'number' || m.min_share <= m.max_share,
      {
        error: 'min_share must be <= max_share',
      },
    );

const controlMove = (kind: 'add_export_control' | 'lift_export_control') =>
  z.strictObject({
    ...moveCommon,
    kind: z.literal(kind),
    measure: id,
    /** Weekly harm to the target while the control is in force, USD (exports blocked or production delayed). */
    harm_to_target_usd_per_week: moveValue('harm to the target, USD per week', 0, 1e13),
    /** Weekly cost to the controlling side's own exporters while in force, USD. */
    cost_to_self_usd_per_week: moveValue('cost to own exporters, USD per week', 0, 1e13),
    /**
     * How the bottleneck model sees this control while in force (the rare-earth exporter's rules):
     * `extraterritorial` (the 9 October 2025 0.1% rule): components made abroad with the
     * exporter's items need the same licence, defence end uses are denied. With the bottleneck
     * model on, the model's loss replaces harm_to_target_usd_per_week (no double counting).
     */
    bottleneck_rule: z
      .enum(['extraterritorial'], {
        error: (iss) => `expected bottleneck_rule extraterritorial, got ${describe(iss.input)}`,
      })
      .optional(),
  });

const CARDS = cardSchemas(moveCommon, moveValue);

const MoveSchema = z.discriminatedUnion(
  'kind',
  [
    tariffMove('raise_tariff'),
    tariffMove('lower_tariff'),
    licensingMove('tighten_licensing'),
    licensingMove('loosen_licensing'),
    controlMove('add_export_control'),
    controlMove('lift_export_control'),
    z.strictObject({ ...moveCommon, kind: z.literal('list_substances'), measure: id }),
    z.strictObject({ ...moveCommon, kind: z.literal('propose'), agreement: id }),
    z.strictObject({ ...moveCommon, kind: z.literal('approve'), agreement: id }),
    z.strictObject({ ...moveCommon, kind: z.literal('walk_away'), agreement: id }),
    z.strictObject({
      ...moveCommon,
      kind: z.literal('claim'),
      /** Extra cost of backing down after a public claim (audience cost, Fearon 1994), USD per later concession. */
      audience_cost_usd: moveValue('audience cost per later concession, USD', 0, 1e13),
    }),
    CARDS.newTariffLayer,
    CARDS.newExportControl,
  ],
  {
    error: (iss) =>
      `expected kind to be one of raise_tariff, lower_tariff, tighten_licensing, loosen_licensing, add_export_control, lift_export_control, list_substances, propose, approve, walk_away, claim, new_tariff_layer, new_export_control; got ${describe((iss.input as { kind?: unknown })?.kind)}`,
  },
);
export const MOVE_KINDS = [
  'raise_tariff',
  'lower_tariff',
  'tighten_licensing',
  'loosen_licensing',
  'add_export_control',
  'lift_export_control',
  'list_substances',
  'propose',
  'approve',
  'walk_away',
  'claim',
  'new_tariff_layer',
  'new_export_control',
] as const;

// ---------------------------------------------------------------------------------------------
// Objectives, strategies, agreements, uncertainty

export const ObjectiveSchema = z.strictObject({
  /** Weight on economic pain: consumer cost net of tariff revenue, exporters' lost sales, output lost to chokepoints (USD). */
  economic: sourcedValue('weight on economic pain', 0, 1000),
  /** Weight on political pain: losses concentrated on organised constituencies (exporters, firms short of inputs) (USD). */
  political: sourcedValue('weight on political pain', 0, 1000),
  /** Weight on the cost of backing down: concession moves' costs plus audience costs of earlier claims (USD). */
  backing_down: sourcedValue('weight on the cost of backing down', 0, 1000),
  note: text.optional(),
});

export const StrategyChoiceSchema = z
  .strictObject({
    /** A strategy of the negotiation engine's registry (e.g. TACO, FightOrTalk, TitForTat, Scripted). */
    name: text,
    params: z
      .record(
        z.string(),
        datedList(z.union([z.number(), z.string()]), z.number(), 'strategy parameter', 'number', 'required'),
      )
      .optional(),
    source: url.optional(),
    assumption: text.optional(),
  })
  .refine((s) => s.source !== undefined || s.assumption !== undefined, {
    error: 'a strategy needs a source (a URL) or an assumption (why this strategy for this side)',
  });

export const DISTRIBUTION_KINDS = ['normal', 'lognormal', 'uniform', 'triangular', 'beta'] as const;

const finite = (what: string) =>
  z
    .number({ error: (iss) => `expected a number (${what}), got ${describe(iss.input)}` })
    .refine(Number.isFinite, { error: `expected a finite number (${what})` });

export const DistributionSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .strictObject({ kind: z.literal('normal'), mean: finite('mean'), sd: finite('standard deviation') })
      .refine((d) => d.sd > 0, {
        error: (iss) => `normal: sd must be > 0, got ${(iss.input as { sd: number }).sd}`,
        path: ['sd'],
      }),
    z
      .strictObject({
        kind: z.literal('lognormal'),
        mu: finite('mu (mean of the log)'),
        sigma: finite('sigma (sd of the log)'),
      })
      .refine((d) => d.sigma > 0, {
        error: (iss) => `lognormal: sigma must be > 0, got ${(iss.input as { sigma: number }).sigma}`,
        path: ['sigma'],
      }),
    z
      .strictObject({ kind: z.literal('uniform'), low: finite('low'), high: finite('high') })
      .refine((d) => d.low < d.high, {
        error: (iss) =>
          `uniform: low must be < high, got low ${(iss.input as { low: number }).low} and high ${(iss.input as { high: number }).high}`,
        path: ['low'],
      }),
    z
      .strictObject({
        kind: z.literal('triangular'),
        min: finite('min'),
        mode: finite('mode'),
        max: finite('max'),
      })
      .refine((d) => d.min <= d.mode && d.mode <= d.max && d.min < d.max, {
        error: (iss) => {
          const d = iss.input as { min: number; mode: number; max: number };
          return `triangular: expected min <= mode <= max and min < max, got ${d.min}, ${d.mode}, ${d.max}`;
        },
        path: ['mode'],
      }),
    z
      .strictObject({
        kind: z.literal('beta'),
        alpha: finite('alpha'),
        beta: finite('beta'),
        low: finite('low').optional(),
        high: finite('high').optional(),
      })
      .refine((d) => d.alpha > 0, {
        error: (iss) => `beta: alpha must be > 0, got ${(iss.input as { alpha: number }).alpha}`,
        path: ['alpha'],
      })
      .refine((d) => d.beta > 0, {
        error: (iss) => `beta: beta must be > 0, got ${(iss.input as { beta: number }).beta}`,
        path: ['beta'],
      })
      .refine((d) => (d.low ?? 0) < (d.high ?? 1), { error: 'beta: low must be < high', path: ['low'] }),
  ],
  {
    error: (iss) =>
      `expected a distribution kind of ${DISTRIBUTION_KINDS.join(', ')}, got ${describe((iss.input as { kind?: unknown })?.kind)}`,
  },
);
export type Distribution = z.output<typeof DistributionSchema>;

export const UncertainSchema = z
  .strictObject({
    /**
     * What the draw replaces, as a path into the simulation parameters, e.g.
     * `strategies.US.params.threshold`, `objectives.CN.political`, `agreements.perception_noise`,
     * `moves.CN.cn-tighten-ree.flow_share_step`, `trade.sigma`, `trade.epsilon_m`.
     */
    path: text,
    /** A distribution, or a dated list of them (docs/vintages.md#dated-distributions). */
    distribution: datedDistribution(DistributionSchema),
    source: url.optional(),
    assumption: text.optional(),
    note: text.optional(),
  })
  .superRefine((u, ctx) => {
    // a dated distribution carries its provenance on each entry
    if (isDatedMarker(u.distribution)) {
      if (u.source !== undefined || u.assumption !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [u.source !== undefined ? 'source' : 'assumption'],
          message:
            'an uncertain parameter with a dated distribution gives source or assumption on each entry, not beside the list',
        });
    } else if ((u.source === undefined) === (u.assumption === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          'an uncertain parameter needs exactly one of source (a URL) or assumption (why this distribution)',
      });
  });

export const ON_EXPIRY = ['extend_if_cooperating', 'compare_costs', 'lapse'] as const;

export const PENDING_RULES = ['none', 'propose'] as const;

/**
 * Agreements open at the start (talks, agreed in principle, approvals pending) that a side has
 * no explicit propose / approve move for: `propose` gives that side an implicit move (propose,
 * or approve where its approval is pending; docs/simulate.md), `none` leaves them unreachable.
 */
export const PendingAgreementsSchema = z.strictObject({
  rule: z.enum(PENDING_RULES, {
    error: (iss) => `expected one of ${PENDING_RULES.join(', ')}, got ${describe(iss.input)}`,
  }),
  /** Why the rule is a fair reading of how open agreements are concluded (it is an assumption). */
  assumption: text,
});

export const AgreementRulesSchema = z.strictObject({
  /** Probability that a side's check of a commitment is wrong (a violation missed or one seen where none is), per week. */
  perception_noise: sourcedValue('perception noise, probability per check', 0, 1),
  /** Weeks after an agreement takes hold before its commitments are checked (time to implement). */
  grace_weeks: datedInt('grace_weeks', 0, 520).default(0),
  /** Consecutive weeks of perceived violation after which a side walks away from an agreement. */
  walk_away_after_violations: datedInt('walk_away_after_violations', 1, 520),
  /**
   * The framework whose approval by both leaders is tracked ("framework approved by date D").
   * Absent in a vintage view from before the framework was announced: nothing to track yet.
   */
  framework: id.optional(),
  /** Date D of "framework approved by date D". */
  framework_by: isoDate,
  /** The truce whose clock and collapse are tracked (absent in a view from before it was announced). */
  truce: id.optional(),
  /** What happens when the truce clock runs out: extended if both sides talked in the last week, or the suspension lapses. */
  on_expiry: z.enum(ON_EXPIRY, {
    error: (iss) => `expected one of ${ON_EXPIRY.join(', ')}, got ${describe(iss.input)}`,
  }),
  extension_days: z.number().int().min(1).max(3650),
  /**
   * compare_costs: at expiry each side extends when the cost of a lapse (its pain with the
   * suspensions ended, over the valuation weeks) exceeds its cost of extending; both must.
   */
  extension_cost_usd: sourcedValue('cost of extending, USD', 0, 1e13).optional(),
  /** SD of the log of each side's perceived lapse and extension costs (errors both ways). */
  renewal_noise: sourcedValue('renewal perception noise, sd of the log', 0, 5).optional(),
  /** Flow share of a controlled item that counts as compliance with an approve_licences commitment. */
  licence_compliance_flow_share: sourcedValue('flow share that counts as approving licences', 0, 1),
  /** Implicit moves for agreements open at the start that no explicit move reaches (absent: none). */
  pending: PendingAgreementsSchema.optional(),
  note: text.optional(),
});

export const MOVE_CHOICE_RULES = ['marginal_pain', 'menu_order'] as const;

/**
 * How a posture becomes a move. marginal_pain: postures {implement, threaten, hold, talk};
 * under implement the escalation with the largest net pressure (the other side's added pain
 * net of expected proportionate retaliation, minus own added pain), under talk the concession
 * or agreement move with the largest expected net relief (see docs/simulate.md). menu_order:
 * the first applicable move of the posture's menu (the original rule).
 */
export const MoveChoiceSchema = z.strictObject({
  rule: z.enum(MOVE_CHOICE_RULES, {
    error: (iss) => `expected one of ${MOVE_CHOICE_RULES.join(', ')}, got ${describe(iss.input)}`,
  }),
  /** Weeks over which a change of weekly pain is valued against one-off costs. */
  valuation_weeks: sourcedValue('valuation horizon, weeks', 1, 520),
  /** Prior probability that the other side answers an escalation in kind (updated from what it did). */
  expected_retaliation: sourcedValue('expected retaliation, probability', 0, 1),
  /** Prior probability that the other side returns a concession in kind. */
  expected_reciprocity: sourcedValue('expected reciprocity, probability', 0, 1),
  /** Weeks a threat stands before it is carried out (0: escalations are implemented at once). */
  threat_weeks: datedInt('threat_weeks', 0, 52),
  note: text.optional(),
});

export const TradeResponseSchema = z.strictObject({
  /** Armington elasticity between China and other suppliers in the aggregate import market. */
  sigma: sourcedValue('Armington substitution elasticity', 0.01, 50),
  /** Import-demand elasticity of the composite import good, < 0. */
  epsilon_m: sourcedValue('import-demand elasticity', -50, -0.001),
  /** Each importer's total imports from all origins in the base year, USD a year (the market China or the US supplies a share of). */
  market_imports_usd: z.record(id, sourcedValue('total imports of the importer, USD a year', 1, 1e15)),
  note: text.optional(),
});

/**
 * A pending legal challenge to tariff authorities (docs/simulate.md#pending-litigation): each run
 * draws whether the court strikes them down and when; on a strike-down the actor's layers under
 * those authorities end from the ruling + lag. `stages` copy the ledger entry's status changes
 * (the view as known on D keeps those announced by D; the last one sets the ruling window);
 * `resolved` is the decision itself (a view that records it drops the challenge).
 */
const rulingWindow = z
  .strictObject({
    /** Earliest and latest day the ruling is expected (the draw is uniform between them). */
    from: isoDate,
    to: isoDate,
    source: url.optional(),
    assumption: text.optional(),
  })
  .refine((w) => w.from <= w.to, { error: 'ruling_window: expected from <= to', path: ['to'] })
  .refine((w) => (w.source === undefined) !== (w.assumption === undefined), {
    error: 'ruling_window: give exactly one of source (a URL) or assumption (why this window)',
  });
export const LitigationSchema = z.strictObject({
  id,
  title: text.optional(),
  /** The ledger entry the challenge comes from (data/ledger). */
  ledger_id: id,
  /** The sources of that ledger entry, which record its stages (status changes). */
  sources: z.array(url).min(1, { error: 'a challenge needs the source URLs of its stages' }),
  /** The side whose tariff layers the ruling could end. */
  actor: id,
  /** The tariff authorities it could end, as in the scenario's measures (e.g. "IEEPA reciprocal"). */
  authorities: z.array(text).min(1, { error: 'name at least one tariff authority' }),
  /** Probability that the court strikes the authorities down. */
  strike_probability: sourcedValue('probability of a strike-down', 0, 1),
  /** Days from the ruling to the end of collection. */
  lag_days: sourcedValue('days from ruling to collection stop', 0, 365),
  stages: z
    .array(
      z.strictObject({
        date: isoDate,
        announced: isoDate.optional(),
        /** The stage as the ledger entry's status change names it (e.g. "cert granted"). */
        stage: text,
        ruling_window: rulingWindow,
        note: text.optional(),
      }),
    )
    .min(1, { error: "a challenge needs at least one stage (the ledger entry's status changes)" }),
  resolved: z
    .strictObject({
      date: isoDate,
      announced: isoDate.optional(),
      /** The ledger entry of the decision, when it has its own. */
      ledger_id: id.optional(),
      outcome: z.enum(['struck_down', 'upheld'], {
        error: (iss) => `expected outcome struck_down or upheld, got ${describe(iss.input)}`,
      }),
      sources: z.array(url).min(1, { error: 'a resolution needs a source URL' }),
    })
    .optional(),
  note: text.optional(),
});

export const SimulationParametersSchema = z
  .strictObject({
    /** First simulated week starts on this date (default 2025-06-11, the day after London). */
    start: isoDate.optional(),
    /**
     * Replay the ledger's weeks from this date up to `start` into the strategies' memory (their
     * history and accumulated pain), so a run does not start from a blank slate.
     */
    warmup_from: isoDate.optional(),
    horizon_weeks: z
      .number({
        error: (iss) => `expected horizon_weeks as a whole number of weeks, got ${describe(iss.input)}`,
      })
      .int({ error: 'expected horizon_weeks as a whole number of weeks' })
      .min(1, { error: 'expected horizon_weeks >= 1' })
      .max(520, { error: 'expected horizon_weeks <= 520 (ten years)' })
      .optional(),
    /** Weekly pain that counts as one unit in the strategies' pain signal, USD. */
    pain_unit_usd: sourcedValue('pain unit, USD per week', 1, 1e13),
    /** The two sides, first then second (default: the two states of the scenario). */
    actors: z.tuple([id, id]).optional(),
    moves: z.record(id, z.array(MoveSchema).min(1, { error: 'an actor needs at least one move' })),
    objectives: z.record(id, ObjectiveSchema),
    strategies: z.record(id, StrategyChoiceSchema),
    agreements: AgreementRulesSchema,
    /** Move choice (default: menu_order, the original rule). */
    choice: MoveChoiceSchema.optional(),
    trade: TradeResponseSchema,
    uncertain: z.array(UncertainSchema).default([]),
    /** Pending legal challenges that could end tariff layers (see LitigationSchema). */
    litigation: z.array(LitigationSchema).optional(),
    /** Written by the vintage view, not by hand: the known_from of each dated value it resolved, by path. */
    resolved_known_from: z.record(z.string(), isoDate).optional(),
    note: text.optional(),
  })
  .meta({
    description:
      'The weekly negotiation loop: moves, objectives, strategies, agreement rules, uncertain parameters.',
  });

export type SimulationParameters = z.output<typeof SimulationParametersSchema>;
export type SimMove = z.output<typeof MoveSchema>;
export type Objective = z.output<typeof ObjectiveSchema>;
export type UncertainParameter = z.output<typeof UncertainSchema>;
export type Litigation = z.output<typeof LitigationSchema>;
