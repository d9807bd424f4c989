// Small input files that let every CLI command run in a test: a two-row flow file, a 2x2 game,
// an MRIO folder and the built-in question set cut to its first question (one origin to score).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers.ts';
import { mbFolder } from '../supply/helpers.ts';

export function commandFixtures(prefix: string) {
  const dir = tempDir(prefix);
  const flows = join(dir, 'flows.csv');
  writeFileSync(
    flows,
    'reporter,partner,product,year,value_usd\nUSA,CHN,850511,2024,100\nUSA,QQQ,850511,2024,50\n',
  );
  const pd = join(dir, 'pd.json');
  writeFileSync(pd, '{"A": [[3, 0], [5, 1]], "B": [[3, 5], [0, 1]]}');
  const builtin = readFileSync('data/questions/us-china.yaml', 'utf8');
  const oneQuestion = join(dir, 'one.yaml');
  writeFileSync(
    oneQuestion,
    builtin.slice(0, builtin.indexOf('\n- id:', builtin.indexOf('\n- id:') + 1)) + '\n',
  );
  return { dir, mb: mbFolder(), flows, pd, oneQuestion };
}
