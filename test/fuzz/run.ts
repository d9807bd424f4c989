// `npm run fuzz [-- --cases N --seed S --no-full]`: a seeded fuzz campaign of thousands of cases,
// in-process; prints the summary table (outcomes by target and by mutation) and every failure.
// Exit status 1 on any crash, hang or non-finite output.
import { parseArgs } from 'node:util';
import { mutationTable, runCampaign, standardCampaign, summaryTable } from './lib/index.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '2400' },
    seed: { type: 'string', default: '1' },
    'no-full': { type: 'boolean', default: false },
  },
});
const total = Number(values.cases);
const seed = Number(values.seed);
if (!Number.isInteger(total) || total < 1)
  throw new Error(`--cases: expected a positive integer, got ${values.cases}`);
if (!Number.isInteger(seed) || seed < 0)
  throw new Error(`--seed: expected an integer >= 0, got ${values.seed}`);

const plan = standardCampaign(total, { full: !values['no-full'] });
const planned = plan.reduce((a, p) => a + p.cases, 0);
process.stderr.write(`fuzz: ${planned} cases, seed ${seed}\n`);
const c = await runCampaign(plan, seed, (r, i) => {
  if (i % 100 === 0) process.stderr.write(`fuzz: ${i}/${planned}\n`);
  if (r.outcome === 'crash' || r.outcome === 'hang' || r.outcome === 'silent-wrong')
    process.stderr.write(`fuzz: ${r.outcome}: ${r.target} ${r.label}: ${r.detail}\n`);
});
const out = [
  `## Fuzz campaign: ${c.results.length} cases, seed ${seed}, ${c.seconds.toFixed(0)} s (${new Date().toISOString().slice(0, 10)})`,
  '',
  summaryTable(c),
  '',
  mutationTable(c),
  '',
  c.failures.length
    ? ['Failures:', ...c.failures.map((f) => `- ${f.outcome}: ${f.target} ${f.label}: ${f.detail}`)].join(
        '\n',
      )
    : 'No crash, hang or non-finite output.',
];
process.stdout.write(out.join('\n') + '\n');
process.exitCode = c.failures.length ? 1 : 0;
