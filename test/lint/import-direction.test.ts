// The import-direction rule (issue 12, scripts/eslint/import-direction.js) as `npx eslint .`
// runs it: a wrong-way import is reported, a downward import through an index.ts passes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });
const RULE = 'leverage/import-direction';

async function lint(file: string, code: string) {
  const [r] = await eslint.lintText(code, { filePath: join(root, file) });
  return r.messages.filter((m) => m.ruleId === RULE);
}

describe('import direction (lint)', () => {
  test('a domain importing an edge or the report layer is reported', async () => {
    const cli = await lint('src/ledger/wrong-way.ts', "export { emit } from '../cli/output.ts';\n");
    assert.equal(cli.length, 2, JSON.stringify(cli)); // upward, and not through cli's index
    assert.ok(cli.some((m) => /src\/ledger may not import from src\/cli/.test(m.message)));
    const report = await lint(
      'src/ledger/wrong-way.ts',
      "import type { LedgerReport } from '../report/index.ts';\nexport type X = LedgerReport;\n",
    );
    assert.equal(report.length, 1, JSON.stringify(report));
    assert.match(report[0].message, /src\/ledger may not import from src\/report/);
  });

  test('the report layer importing the CLI, and simulate importing report, are reported', async () => {
    const a = await lint('src/report/x.ts', "export * from '../cli/index.ts';\n");
    assert.equal(a.length, 1, JSON.stringify(a));
    const b = await lint('src/simulate/x.ts', "export * from '../report/index.ts';\n");
    assert.equal(b.length, 1, JSON.stringify(b));
  });

  test('importing another folder past its index.ts is reported', async () => {
    const m = await lint('src/report/x.ts', "export * from '../ledger/compile.ts';\n");
    assert.equal(m.length, 1, JSON.stringify(m));
    assert.match(m[0].message, /through its index\.ts/);
  });

  test('downward imports through an index.ts, and imports inside a folder, pass', async () => {
    assert.deepEqual(
      await lint(
        'src/ledger/right-way.ts',
        "import type { Scenario } from '../model/index.ts';\nimport { LeverageError } from '../errors/index.ts';\nexport type X = Scenario;\nexport const E = LeverageError;\n",
      ),
      [],
    );
    assert.deepEqual(
      await lint(
        'src/cli/commands/x.ts',
        "export * from '../../report/index.ts';\nexport * from '../output.ts';\n",
      ),
      [],
    );
    assert.deepEqual(await lint('src/report/x.ts', "export * from './query.ts';\n"), []);
  });
});
