import type { Command } from 'commander';
import { formatHs } from '../../model/index.ts';
import { KEY_DATES_2025 } from '../../trade/index.ts';
import { fmt, table, writeStdout } from '../output.ts';
import { loadForCli } from '../scenario.ts';
import { ledgerReport, queryField } from '../../report/index.ts';
import { tradeStartSection } from './trade.ts';
import { rareEarthSection } from './exposure-format.ts';
import { reportSection as outcomeOddsSection } from './simulate.ts';
import { serveDashboard } from './serve.ts';
import { trackRecordForCli, trackRecordSection } from './forecast.ts';
import { sinceThenSection } from './since-then.ts';
import { DEFAULT_SCENARIO } from '../../io/index.ts';

/** Products whose stacks the report follows across the key dates. */
const TRACKED: { label: string; product: string }[] = [
  { label: 'handbags (Section 301 list 3)', product: '4202.21' },
  { label: 'toys (list 4B, never in force)', product: '9503.00' },
  { label: 'smartphones (electronics carve-out)', product: '8517.13' },
  { label: 'rare-earth compounds', product: '2846' },
  { label: 'permanent magnets', product: '8505.11' },
  { label: 'steel tubes (Section 232)', product: '7304' },
];

/**
 * The main job (`npm start`): the London story (the built-in london-2025, i.e. us-china as known
 * on 2025-06-11; a scenario file is told as given), then what changed since then up to its as_of.
 */
export async function startReport(scenario: string): Promise<string> {
  const today = loadForCli(scenario);
  const scn = scenario === DEFAULT_SCENARIO ? loadForCli('london-2025') : today;
  const out: string[] = [
    `Leverage report: ${scn.title}`,
    `scenario ${scn.id}, knowledge as of ${scn.as_of ?? 'n/a'}`,
    '',
  ];
  out.push('US tariff stack on goods from China at the key dates (additional duties over MFN, percent)');
  const rows: (string | number)[][] = [];
  for (const t of TRACKED) {
    const row: (string | number)[] = [`${formatHs(t.product.replace('.', ''))} ${t.label}`];
    for (const d of KEY_DATES_2025) {
      const ps = ledgerReport(
        scn,
        { date: d, importer: 'US', exporter: 'CN', product: t.product },
        queryField,
      ).stacks[0];
      row.push(
        ps.min_total_pct === ps.max_total_pct
          ? fmt(ps.min_total_pct)
          : `${fmt(ps.min_total_pct)}-${fmt(ps.max_total_pct)}`,
      );
    }
    rows.push(row);
  }
  out.push(table(['product', ...KEY_DATES_2025], rows));
  const june = ledgerReport(
    scn,
    { date: '2025-06-11', importer: 'US', exporter: 'CN', product: '4202.21' },
    queryField,
  );
  out.push('', 'The "55%" of 11 June 2025, layer by layer (HS 4202.21):');
  out.push(
    table(
      ['authority', 'measure', 'rate %', 'source'],
      [
        ...(june.layers ?? []).map((l) => [l.authority, l.measure_id, l.rate_pct, l.sources[0] ?? '']),
        ['total', '', june.total_pct ?? '', ''],
      ],
    ),
  );
  out.push('', tradeStartSection(scn));
  out.push('', await rareEarthSection(scn, ['2025-04-10', '2025-06-11', '2025-11-10']));
  const track = await trackRecordForCli();
  out.push('', await outcomeOddsSection(scn, track.odds_basis));
  out.push('', trackRecordSection(track));
  const since = sinceThenSection(today);
  if (since) out.push('', since);
  return out.join('\n');
}

export function register(program: Command): void {
  program
    .command('start')
    .description('the main job (what `npm start` runs): the report on a scenario, then the dashboard server')
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .option('--no-serve', 'print the report only; do not start the dashboard')
    .option('--port <n>', 'dashboard port (another free one is taken if busy)', '8787')
    .action(async (scenario: string, opts: { serve: boolean; port: string }) => {
      await writeStdout((await startReport(scenario)) + '\n');
      if (opts.serve) {
        await writeStdout('\n');
        await serveDashboard({ port: opts.port, host: '127.0.0.1', build: true });
      }
    });
}
