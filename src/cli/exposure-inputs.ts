// The exposure reports' tables for the CLI: the IO table (--mrio, default the shipped WIOD 2011)
// and the bridge's trade files, read once per process.
import { DEFAULT_TRADE_DIR, loadTable, readExposureTradeRows } from '../io/index.ts';
import type { ExposureInputs } from '../report/index.ts';

export async function loadExposureInputs(o: { mrio?: string }): Promise<ExposureInputs> {
  const [table, trade] = await Promise.all([
    loadTable(o.mrio !== undefined ? { mrio: o.mrio } : {}),
    readExposureTradeRows(DEFAULT_TRADE_DIR),
  ]);
  return { table, trade };
}
