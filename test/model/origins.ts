import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The origins of the built-in question file. */
export const ORIGINS = [
  ...new Set(
    (
      parse(readFileSync(new URL('../../data/questions/us-china.yaml', import.meta.url), 'utf8')) as {
        questions: { asked: string }[];
      }
    ).questions.map((q) => q.asked),
  ),
].sort();
