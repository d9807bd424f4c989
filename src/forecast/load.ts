// Reading a question file: YAML/JSON with positions, the schema, then every name checked against
// the scenario's ledger. Problems are located (file:line:col, path inside the file).
import { LeverageError } from '../errors/index.ts';
import { dirname } from 'node:path';
import {
  InputFileError,
  checkTopLevel,
  formatIssue,
  locate,
  parseSource,
  readTextFile,
  resolveScenarioPath,
  type ScenarioIssue,
  type SourceDoc,
} from '../io/index.ts';
import { describe, type Scenario } from '../model/index.ts';
import { QuestionFileSchema, type QuestionFile } from './schema.ts';
import { isHsCode, tariffsOf } from './observe.ts';

export class QuestionFileError extends LeverageError {
  constructor(readonly issues: ScenarioIssue[]) {
    super('input', 'invalid_questions', issues.map(formatIssue).join('\n'), { details: issues });
    this.name = 'QuestionFileError';
  }
}

export interface LoadedQuestions {
  file: string;
  questions: QuestionFile;
  /** The scenario file the questions are about (resolved relative to the question file). */
  scenarioPath: string;
}

/** Parse and schema-check a question file's text (names are checked by `checkQuestions`). */
export function parseQuestions(file: string, text: string): { src: SourceDoc; data: QuestionFile } {
  let src: SourceDoc;
  try {
    src = parseSource(file, text);
  } catch (err) {
    if (err && typeof err === 'object' && 'issues' in err)
      throw new QuestionFileError((err as { issues: ScenarioIssue[] }).issues);
    throw err;
  }
  const raw = src.doc.toJS({ maxAliasCount: 100 }) as unknown;
  const top = checkTopLevel(src, raw, QuestionFileSchema);
  if (top.issues) throw new QuestionFileError(top.issues);
  return { src, data: top.data };
}

/** Read a question file from disk and resolve its scenario path. */
export function readQuestions(file: string): LoadedQuestions & { src: SourceDoc } {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (err) {
    if (err instanceof InputFileError)
      throw new QuestionFileError([{ file, path: '', message: err.message.slice(file.length + 2) }]);
    throw err;
  }
  const { src, data } = parseQuestions(file, text);
  let scenarioPath: string;
  try {
    scenarioPath = resolveScenarioPath(data.scenario, dirname(file));
  } catch {
    throw new QuestionFileError([
      {
        file,
        ...locate(src, ['scenario']),
        path: 'scenario',
        message: `no built-in scenario or file "${data.scenario}"`,
      },
    ]);
  }
  return { file, questions: data, scenarioPath, src };
}

/**
 * Every name and date of the questions against the scenario: unknown actors, authorities,
 * measures, agreements, controls and products; `resolves` before `asked`; a measure date
 * outside (asked, resolves]; duplicate ids. Throws QuestionFileError listing all of them.
 */
export function checkQuestions(src: SourceDoc, data: QuestionFile, scn: Scenario): void {
  const issues: ScenarioIssue[] = [];
  const at = (path: (string | number)[], message: string) =>
    issues.push({ file: src.file, ...locate(src, path), path: fmt(path), message });
  const seen = new Map<string, number>();
  const states = Object.keys(scn.actors).filter((a) => {
    const k = scn.actors[a].kind;
    return k === 'state' || k === 'bloc';
  });
  data.questions.forEach((q, i) => {
    const p = ['questions', i];
    if (seen.has(q.id))
      at([...p, 'id'], `duplicate question id "${q.id}" (also questions[${seen.get(q.id)}])`);
    seen.set(q.id, i);
    if (q.resolves < q.asked) at([...p, 'resolves'], `resolves (${q.resolves}) is before asked (${q.asked})`);
    const m = q.measure;
    const mp = [...p, 'measure'];
    if (m.date <= q.asked)
      at([...mp, 'date'], `the measure's date (${m.date}) must be after the origin asked (${q.asked})`);
    if (m.date > q.resolves)
      at([...mp, 'date'], `the measure's date (${m.date}) is after resolves (${q.resolves})`);
    if (q.market && q.market.date > q.asked)
      at(
        [...p, 'market', 'date'],
        `a market price from after the origin (${q.market.date} > ${q.asked}) is look-ahead`,
      );
    if (m.kind === 'layer_rate' || m.kind === 'average_rate') {
      let ok = true;
      for (const f of ['actor', 'target'] as const)
        if (!states.includes(m[f])) {
          ok = false;
          at([...mp, f], `unknown actor "${m[f]}" (scenario states: ${states.join(', ')})`);
        }
      if (ok && m.actor === m.target) at([...mp, 'target'], 'actor and target must differ');
      if (!ok || m.kind !== 'layer_rate') return;
      const tariffs = tariffsOf(scn, m.actor, m.target);
      const auths = [...new Set(tariffs.map((t) => t.authority))].sort();
      if (!auths.includes(m.authority)) {
        at(
          [...mp, 'authority'],
          `unknown authority "${m.authority}" for ${m.actor} on ${m.target} (known: ${auths.join(', ')})`,
        );
        return;
      }
      if (m.measure !== undefined) {
        const t = tariffs.find((x) => x.id === m.measure);
        if (!t)
          at(
            [...mp, 'measure'],
            `unknown tariff measure "${m.measure}" of ${m.actor} on ${m.target} (see: leverage questions vocabulary)`,
          );
        else if (t.authority !== m.authority)
          at(
            [...mp, 'measure'],
            `measure "${m.measure}" is under authority "${t.authority}", not "${m.authority}"`,
          );
      }
      if (m.product !== undefined && !isHsCode(m.product))
        at([...mp, 'product'], `not an HS code: ${describe(m.product)}`);
    } else if (m.kind === 'agreement_status') {
      if (!scn.agreements.some((a) => a.id === m.agreement))
        at(
          [...mp, 'agreement'],
          `unknown agreement "${m.agreement}" (known: ${scn.agreements.map((a) => a.id).join(', ')})`,
        );
    } else {
      const c = scn.measures.find((x) => x.id === m.control);
      if (!c)
        at([...mp, 'control'], `unknown export control "${m.control}" (see: leverage questions vocabulary)`);
      else if (c.kind !== 'export_control')
        at([...mp, 'control'], `"${m.control}" is a ${c.kind} measure, not an export control`);
    }
  });
  if (issues.length) throw new QuestionFileError(issues);
}

function fmt(path: (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('');
}
