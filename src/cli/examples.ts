import type { Command } from 'commander';

/**
 * One worked example per command, shown at the end of its `--help`. Kept here, beside each
 * other, so that a test can run every one of them (test/cli/help-examples.test.ts).
 */
export const EXAMPLES: Readonly<Record<string, string>> = {
  validate: 'leverage validate my-what-if.yaml',
  schema: 'leverage schema --out scenario.schema.json',
  ledger: 'leverage ledger --at 2025-06-11 --importer US --exporter CN --product 4202.21',
  'ledger averages': 'leverage ledger averages --from 2025-01-01 --to 2025-12-31 --csv',
  'ledger who-paid': 'leverage ledger who-paid --from 2025-01-01 --to 2025-12-31',
  'ledger new': 'leverage ledger new --kind tariff',
  'ledger diff': 'leverage ledger diff data/scenarios/london-2025.yaml data/scenarios/us-china.yaml',
  branches: 'leverage branches --from 2025-04-07 --to 2025-07-28 --branch-weeks 26',
  params: 'leverage params --only assumptions --path simulation.moves --json',
  calibrate: 'leverage calibrate --as-known-on 2025-06-11 --seed 1',
  timeline: 'leverage timeline --id us-ieepa-reciprocal-cn',
  changes: 'leverage changes --from 2025-05-01 --to 2025-06-30',
  start: 'leverage start --no-serve',
  tariffs: 'leverage tariffs --importer US --exporter CN --from 2025-01-01 --to 2025-12-31 --step month',
  claims: 'leverage claims',
  response: 'leverage response --at 2025-06-11 --model ces',
  flows: 'leverage flows my-comtrade-extract.csv',
  run: 'leverage run --runs 2000 --seed 1',
  sensitivity: 'leverage sensitivity --runs 2000',
  backtest: 'leverage backtest',
  io: 'leverage io shock --demand USA:c1=10%',
  'io calc': 'leverage io calc --what x,multipliers --top 10',
  'io shock': 'leverage io shock --demand USA:c1=10%',
  'io extract': 'leverage io extract --top 10',
  exposure: 'leverage exposure --model bottleneck --hold-flows-from 2025-05-01',
  game: 'leverage game match --a TitForTat --b Grudger --turns 200',
  'game strategies': 'leverage game strategies',
  'game match': 'leverage game match --a TitForTat --b Grudger --turns 200 --noise 0.05 --seed 1',
  'game tournament':
    'leverage game tournament --players TitForTat,Grudger,Defector --turns 200 --repetitions 5',
  'game moran': 'leverage game moran --population TitForTat,TitForTat,Defector --seed 1',
  'game nash':
    'leverage game nash game.json --method support   # game.json: {"A": [[3,0],[5,1]], "B": [[3,5],[0,1]]}',
  'game bargain': 'leverage game bargain --delta1 0.9 --delta2 0.8',
  serve: 'leverage serve --port 8787',
  questions: 'leverage questions resolve data/questions/us-china.yaml',
  'questions vocabulary': 'leverage questions vocabulary',
  'questions schema': 'leverage questions schema',
  'questions track-record': 'leverage questions track-record',
  'questions resolve': 'leverage questions resolve data/questions/us-china.yaml',
  forecast: 'leverage forecast data/questions/us-china.yaml --runs 500',
  score: 'leverage score data/questions/us-china.yaml --runs 500 --seed 1',
};

function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c && c.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Every command (and sub-command) with its path, e.g. "io shock". */
export function commandPaths(program: Command): string[] {
  const out: string[] = [];
  const visit = (c: Command): void => {
    for (const sub of c.commands) {
      if (sub.name() === 'help') continue;
      out.push(pathOf(sub));
      visit(sub);
    }
  };
  visit(program);
  return out;
}

/** Append "Example:" to the help of every command that has one. */
export function addExamples(program: Command): void {
  const visit = (c: Command): void => {
    for (const sub of c.commands) {
      const ex = EXAMPLES[pathOf(sub)];
      if (ex) sub.addHelpText('after', `\nExample:\n  $ ${ex}\n`);
      visit(sub);
    }
  };
  visit(program);
  program.addHelpText(
    'after',
    `\nExample:\n  $ ${EXAMPLES.ledger}\n  $ leverage <command> --help   (each command has an example)\n`,
  );
}
