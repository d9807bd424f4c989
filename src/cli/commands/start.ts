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
  // the scenario's views.key_date_products
  for (const t of scn.views.key_date_products ?? []) {
    const row: (string | number)[] = [`${formatHs(t.product.replace('.', ''))} ${t.label}`];
    for (const d of KEY_DATES_2025) {
      const ps = ledgerReport(
        scn,
        { date: d, importer: t.importer, exporter: t.exporter, product: t.product },
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
