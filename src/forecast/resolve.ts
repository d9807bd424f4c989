// Resolution: each question's outcome read mechanically from the (full) ledger; "unresolved"
// when the question resolves after the ledger's as-of date.
import { locate, type SourceDoc } from '../io/index.ts';
import type { Scenario } from '../model/index.ts';
import type { ShippedTrade } from '../trade/index.ts';
import { QuestionFileError } from './load.ts';
import { holds, observe, type Reading } from './observe.ts';
import type { Question, QuestionFile } from './schema.ts';

export type Outcome = boolean | 'unresolved';

export interface Resolution {
  id: string;
  asked: string;
  resolves: string;
  text: string;
  outcome: Outcome;
  /** What the ledger reads on the measure's date (absent when unresolved). */
  reading?: Reading;
  /** The outcome recorded in the file, if any. */
  recorded?: boolean;
}

export function resolveQuestion(q: Question, scn: Scenario, data: ShippedTrade): Resolution {
  const base = { id: q.id, asked: q.asked, resolves: q.resolves, text: q.text };
  const rec = q.outcome !== undefined ? { recorded: q.outcome } : {};
  if (scn.as_of && q.resolves > scn.as_of) return { ...base, outcome: 'unresolved', ...rec };
  const reading = observe(scn, data, q.measure);
  return { ...base, outcome: holds(q.measure, reading), reading, ...rec };
}

export function resolveQuestions(file: QuestionFile, scn: Scenario, data: ShippedTrade): Resolution[] {
  return file.questions.map((q) => resolveQuestion(q, scn, data));
}

/** A located error for every question whose recorded `outcome` disagrees with the ledger. */
export function checkRecordedOutcomes(src: SourceDoc, res: Resolution[], scn: Scenario): void {
  const issues = res.flatMap((r, i) =>
    r.recorded !== undefined && r.outcome !== 'unresolved' && r.recorded !== r.outcome
      ? [
          {
            file: src.file,
            ...locate(src, ['questions', i, 'outcome']),
            path: `questions[${i}].outcome`,
            message: `recorded outcome ${r.recorded} disagrees with the ledger of ${scn.id} (as of ${scn.as_of ?? 'n/a'}), which reads ${describeReading(r.reading!)} on the measure's date: ${r.outcome}`,
          },
        ]
      : [],
  );
  if (issues.length) throw new QuestionFileError(issues);
}

export function describeReading(r: Reading): string {
  if ('rate_pct' in r) return `${Number(r.rate_pct.toFixed(4))}%`;
  return r.approved === undefined ? r.status : `${r.status}${r.approved ? ' (approved)' : ''}`;
}
