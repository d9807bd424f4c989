// The question file format: dated, mechanically resolvable yes/no statements about the ledger,
// each asked at a forecast origin (docs/questions.md). The JSON Schema ships as
// questions.schema.json (kept equal to this by a test).
import { z } from 'zod';
import { describe, isoDate, slug, sourceUrl } from '../model/index.ts';

const text = z
  .string({ error: (iss) => `expected text, got ${describe(iss.input)}` })
  .min(1, { error: 'expected non-empty text' });

export const MEASURE_KINDS = ['layer_rate', 'average_rate', 'agreement_status', 'control_status'] as const;
export const RATE_OPS = ['<=', '>=', '<', '>', '=='] as const;
export const STATUS_OPS = ['==', '!='] as const;
/**
 * Status classes a question can ask about. Agreements: in_force = signed, implemented or
 * extended; pending = talks or agreed in principle; lapsed = expired, collapsed or superseded;
 * approved = every required approval given; none = no status yet. Controls: in_force = an
 * active status; suspended; lapsed = expired, rolled back or superseded; none = not yet in force.
 */
export const AGREEMENT_VALUES = ['in_force', 'pending', 'approved', 'lapsed', 'none'] as const;
export const CONTROL_VALUES = ['in_force', 'suspended', 'lapsed', 'none'] as const;

const enumOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, {
    error: (iss) => `expected ${what}: one of ${values.join(', ')}, got ${describe(iss.input)}`,
  });

const actor = slug.meta({ description: 'actor id of the scenario (US, CN)' });
const pct = z
  .number({ error: (iss) => `expected a percentage (a number), got ${describe(iss.input)}` })
  .min(0, { error: 'a rate is at least 0%' })
  .max(1000, { error: 'a rate above 1000% is not a tariff' });

const LayerRate = z.strictObject({
  kind: z.literal('layer_rate'),
  actor,
  target: actor,
  authority: text.meta({ description: "the ledger's authority name, e.g. IEEPA reciprocal" }),
  measure: slug.optional().meta({ description: 'narrow to one measure id of that authority' }),
  product: text.optional().meta({ description: 'narrow to one product (HS code): the stack layer on it' }),
  date: isoDate,
  op: enumOf(RATE_OPS, 'a comparison'),
  value: pct,
});
const AverageRate = z.strictObject({
  kind: z.literal('average_rate'),
  actor,
  target: actor,
  date: isoDate,
  op: enumOf(RATE_OPS, 'a comparison'),
  value: pct,
});
const AgreementStatus = z.strictObject({
  kind: z.literal('agreement_status'),
  agreement: slug,
  date: isoDate,
  op: enumOf(STATUS_OPS, 'a status comparison'),
  value: enumOf(AGREEMENT_VALUES, 'an agreement status'),
});
const ControlStatus = z.strictObject({
  kind: z.literal('control_status'),
  control: slug,
  date: isoDate,
  op: enumOf(STATUS_OPS, 'a status comparison'),
  value: enumOf(CONTROL_VALUES, 'a control status'),
});

export const QuestionMeasureSchema = z.discriminatedUnion(
  'kind',
  [LayerRate, AverageRate, AgreementStatus, ControlStatus],
  {
    error: (iss) =>
      iss.code === 'invalid_union'
        ? `expected measure.kind: one of ${MEASURE_KINDS.join(', ')}`
        : `expected a measure mapping, got ${describe(iss.input)}`,
  },
);

export const MarketSchema = z.strictObject({
  price: z
    .number({ error: (iss) => `expected a price in 0..1, got ${describe(iss.input)}` })
    .min(0)
    .max(1),
  date: isoDate,
  source: sourceUrl,
  rule: text.optional().meta({ description: "the market's resolution rule, copied" }),
});

export const QuestionSchema = z.strictObject({
  id: slug,
  asked: isoDate.meta({ description: 'forecast origin: only what was known on this date may be used' }),
  resolves: isoDate.meta({ description: 'the date its outcome is read from the ledger' }),
  text,
  measure: QuestionMeasureSchema,
  outcome: z.boolean({ error: (iss) => `expected true or false, got ${describe(iss.input)}` }).optional(),
  market: MarketSchema.optional(),
  sources: z.array(sourceUrl).min(1, { error: 'every question needs at least one source URL' }),
  note: text.optional(),
});

export const QuestionFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: slug,
  title: text,
  scenario: text
    .default('us-china')
    .meta({ description: 'built-in scenario id or path the questions are about' }),
  written: isoDate.optional().meta({ description: 'the date the questions were fixed' }),
  description: text.optional(),
  questions: z.array(QuestionSchema).min(1, { error: 'a question file needs at least one question' }),
});

export type QuestionMeasure = z.output<typeof QuestionMeasureSchema>;
export type Question = z.output<typeof QuestionSchema>;
export type QuestionFile = z.output<typeof QuestionFileSchema>;
export type RateOp = (typeof RATE_OPS)[number];

/** JSON Schema (draft 2020-12) of the question file format, for editors. */
export function questionsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(QuestionFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://github.com/leverage/leverage/questions.schema.json',
    title: 'Leverage forecast questions',
    description:
      'Dated yes/no questions about a scenario ledger (a layer rate, a trade-weighted average, an agreement or export-control state on a date), each asked at a forecast origin and resolved mechanically from the ledger.',
  };
}
