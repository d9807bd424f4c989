// `npm run bench [-- name ...]`: runs bench/<name>.bench.ts (all by default) and records each
// section in bench/RESULTS.md between <!-- bench:name --> markers, keeping the other sections.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const resultsPath = join(dir, 'RESULTS.md');
const wanted = process.argv.slice(2);
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const names = wanted.length ? wanted : all;
for (const n of names)
  if (!all.includes(n)) throw new Error(`no benchmark bench/${n}.bench.ts (have: ${all.join(', ')})`);

const header = `# Benchmark results

Recorded by \`npm run bench\` (each section is rewritten when its benchmark runs; run one with
\`npm run bench -- <name>\`). Machine of the last run: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores,
${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.
`;
let text = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : header;
text = text.replace(/^# Benchmark results[\s\S]*?(?=<!-- bench:|$)/, header + '\n');

for (const name of names) {
  process.stderr.write(`bench: ${name} ...\n`);
  const mod = (await import(`./${name}.bench.ts`)) as { main: () => Promise<string> };
  const t0 = performance.now();
  const section = (await mod.main()).trim();
  process.stderr.write(`bench: ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  process.stdout.write(section + '\n\n');
  const block = `<!-- bench:${name} -->\n${section}\n<!-- /bench:${name} -->`;
  const re = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  text = re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(resultsPath, text.trimEnd() + '\n');
}
