import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadScenarioSync, loadShippedTradeData } from '../../src/io/index.ts';
import {
  checkQuestions,
  checkRecordedOutcomes,
  questionsJsonSchema,
  QuestionFileError,
  readQuestions,
  resolveQuestions,
  vocabulary,
} from '../../src/forecast/index.ts';
import { writeFiles } from '../helpers.ts';

const BUILTIN = new URL('../../data/questions/us-china.yaml', import.meta.url).pathname;
const scn = loadScenarioSync('us-china');
const data = loadShippedTradeData();

test('questions.schema.json is the current schema', () => {
  const committed = JSON.parse(readFileSync(new URL('../../questions.schema.json', import.meta.url), 'utf8'));
  assert.deepEqual(
    committed,
    questionsJsonSchema(),
    'regenerate it with: npx leverage questions schema --out questions.schema.json',
  );
});

test('the built-in set: >= 60 questions, >= 10 origins from 2025-04-02, horizons 2-26 weeks, both directions, mixed outcomes, sources', () => {
  const { questions } = readQuestions(BUILTIN);
  const qs = questions.questions;
  assert.ok(qs.length >= 60, `${qs.length} questions`);
  const origins = new Set(qs.map((q) => q.asked));
  assert.ok(origins.size >= 10, `${origins.size} origins`);
  assert.ok([...origins].every((o) => o >= '2025-04-02' && o <= '2026-09-01'));
  for (const q of qs) {
    const weeks = (Date.parse(q.measure.date) - Date.parse(q.asked)) / (7 * 864e5);
    assert.ok(weeks >= 2 && weeks <= 26, `${q.id}: horizon ${weeks} weeks`);
    assert.ok(q.sources.length > 0 && q.outcome !== undefined, q.id);
  }
  const kinds = new Set(qs.map((q) => q.measure.kind));
  assert.deepEqual([...kinds].sort(), ['agreement_status', 'average_rate', 'control_status', 'layer_rate']);
  const actors = new Set(qs.flatMap((q) => ('actor' in q.measure ? [q.measure.actor] : [])));
  assert.deepEqual([...actors].sort(), ['CN', 'US']);
  const no = qs.filter((q) => q.outcome === false).length;
  assert.ok(no >= 15 && no <= qs.length - 15, `${no} of ${qs.length} resolve no`);
});

for (const [name, path] of [
  ['us-china', BUILTIN],
  ['us-china-2018-2020', new URL('../../data/questions/us-china-2018-2020.yaml', import.meta.url).pathname],
])
  test(`every question of ${name} resolves from the ledger to its recorded outcome (or is unresolved after as_of)`, () => {
    const { questions, src } = readQuestions(path);
    checkQuestions(src, questions, scn);
    const res = resolveQuestions(questions, scn, data);
    checkRecordedOutcomes(src, res, scn); // throws a located error on any disagreement
    for (const r of res) {
      if (r.outcome === 'unresolved') assert.ok(r.resolves > scn.as_of!, r.id);
      else assert.equal(r.outcome, r.recorded, r.id);
    }
    assert.ok(res.filter((r) => r.outcome !== 'unresolved').length >= (name === 'us-china' ? 40 : 15));
  });

function fileWith(question: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  const q = {
    id: 'q1',
    asked: '2025-06-11',
    resolves: '2025-08-13',
    text: 'Is the US IEEPA reciprocal rate on China at most 10% on 2025-08-13?',
    measure: {
      kind: 'layer_rate',
      actor: 'US',
      target: 'CN',
      authority: 'IEEPA reciprocal',
      date: '2025-08-13',
      op: '<=',
      value: 10,
    },
    sources: ['https://example.org/a'],
    ...question,
  };
  const dir = writeFiles({
    'q.yaml': stringify({ id: 't', title: 'T', scenario: 'us-china', questions: [q], ...extra }),
  });
  return join(dir, 'q.yaml');
}

function problems(file: string): string {
  try {
    const { questions, src } = readQuestions(file);
    checkQuestions(src, questions, scn);
    checkRecordedOutcomes(src, resolveQuestions(questions, scn, data), scn);
  } catch (err) {
    assert.ok(err instanceof QuestionFileError, String(err));
    return err.message;
  }
  assert.fail('expected a located error');
}

const m = (x: Record<string, unknown>) => ({
  measure: {
    kind: 'layer_rate',
    actor: 'US',
    target: 'CN',
    authority: 'IEEPA reciprocal',
    date: '2025-08-13',
    op: '<=',
    value: 10,
    ...x,
  },
});

test('bad questions are located errors: unknown names, dates out of order, malformed measures, wrong outcomes', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [
      m({ authority: 'IEEPA recip' }),
      /q\.yaml:\d+:\d+ questions\[0\]\.measure\.authority: unknown authority "IEEPA recip" for US on CN/,
    ],
    [
      m({ measure: 'no-such-measure' }),
      /questions\[0\]\.measure\.measure: unknown tariff measure "no-such-measure"/,
    ],
    [m({ measure: 'us-ieepa-fentanyl' }), /measure "us-ieepa-fentanyl" is under authority "IEEPA fentanyl"/],
    [m({ product: 'banana' }), /questions\[0\]\.measure\.product: not an HS code/],
    [m({ actor: 'XX' }), /questions\[0\]\.measure\.actor: unknown actor "XX"/],
    [m({ op: '=>' }), /questions\[0\]\.measure\.op: expected a comparison/],
    [
      m({ kind: 'tariff_rate' }),
      /questions\[0\]\.measure(\.kind)?: expected measure\.kind: one of layer_rate/,
    ],
    [m({ value: 'ten' }), /questions\[0\]\.measure\.value: expected a percentage/],
    [
      {
        measure: {
          kind: 'agreement_status',
          agreement: 'agr-nope',
          date: '2025-08-13',
          op: '==',
          value: 'in_force',
        },
      },
      /unknown agreement "agr-nope"/,
    ],
    [
      {
        measure: {
          kind: 'agreement_status',
          agreement: 'agr-geneva-2025-05',
          date: '2025-08-13',
          op: '==',
          value: 'alive',
        },
      },
      /measure\.value: expected an agreement status/,
    ],
    [
      {
        measure: {
          kind: 'control_status',
          control: 'us-ieepa-fentanyl',
          date: '2025-08-13',
          op: '==',
          value: 'in_force',
        },
      },
      /is a tariff measure, not an export control/,
    ],
    [
      {
        measure: { kind: 'control_status', control: 'nope', date: '2025-08-13', op: '==', value: 'in_force' },
      },
      /unknown export control "nope"/,
    ],
    [
      { resolves: '2025-06-01', ...m({ date: '2025-06-01' }) },
      /questions\[0\]\.resolves: resolves \(2025-06-01\) is before asked \(2025-06-11\)/,
    ],
    [m({ date: '2025-09-01' }), /the measure's date \(2025-09-01\) is after resolves/],
    [{ asked: '2025-08-20' }, /resolves \(2025-08-13\) is before asked|must be after the origin/],
    [
      { outcome: false },
      /questions\[0\]\.outcome: recorded outcome false disagrees with the ledger of us-china .* reads 10% .*: true/,
    ],
    [
      { market: { price: 0.4, date: '2025-06-20', source: 'https://example.org/m' } },
      /market\.date: a market price from after the origin/,
    ],
    [{ extra_field: 1 }, /questions\[0\]\.extra_field: unknown field/],
  ];
  for (const [q, re] of cases) assert.match(problems(fileWith(q)), re);
  assert.match(
    problems(fileWith({}, { scenario: 'no-such-scenario' })),
    /scenario: no built-in scenario or file "no-such-scenario"/,
  );
});

test('vocabulary lists every authority by direction, every measure, agreement and control with titles', () => {
  const v = vocabulary(scn);
  assert.ok(
    v.authorities.some((a) => a.actor === 'US' && a.target === 'CN' && a.authority === 'IEEPA reciprocal'),
  );
  assert.ok(v.authorities.some((a) => a.actor === 'CN' && a.target === 'US'));
  assert.equal(v.measures.length, scn.measures.filter((x) => x.kind === 'tariff').length);
  assert.deepEqual(
    v.agreements.map((a) => a.id),
    scn.agreements.map((a) => a.id),
  );
  assert.ok(v.controls.every((c) => c.title.length > 0));
  assert.ok(v.controls.some((c) => c.id === 'cn-ec-ree-2025-04-04'));
});
