// Reading and preparing an IO table for the CLI and the reports that need one (the shipped WIOD
// 2011 world table by default, cleaned), and the two trade files of the rare-earth bridge. Read
// once per process.
import { join } from 'node:path';
import { csrDensity, prepareModel, type ImportRow, type IOModel, type WorldShare } from '../supply/index.ts';
import { readWorldShares } from './supply-data.ts';
import {
  DEFAULT_MRIO_DIR,
  DEFAULT_TRADE_DIR,
  readChinaImportsHs,
  readImportsByPartner,
  readMrio,
} from './mrio.ts';

export interface LoadedTable {
  model: IOModel;
  table: {
    name: string;
    dir: string;
    format: string;
    is_default: boolean;
    n: number;
    regions: number;
    sectors: number;
    unit: string;
    density_of_a: number;
    spectral_radius: { lower: number; upper: number; estimate: number };
    citation?: string;
  };
  cleaning: IOModel['cleaning'];
  note?: string;
}

const modelCache = new Map<string, LoadedTable>();

/** Read and prepare a table (default: the shipped WIOD 2011 world table, cleaned). */
export async function loadTable(opts: {
  mrio?: string;
  year?: number;
  clean?: boolean;
}): Promise<LoadedTable> {
  const isDefault = opts.mrio === undefined;
  const dir = opts.mrio ?? DEFAULT_MRIO_DIR;
  const clean = opts.clean ?? isDefault;
  const key = `${dir}|${opts.year ?? ''}|${clean}`;
  const hit = modelCache.get(key);
  if (hit) return hit;
  const sys = await readMrio(dir, opts.year !== undefined ? { year: opts.year } : {});
  const model = prepareModel(sys, { clean });
  const out: LoadedTable = {
    model,
    table: {
      name: sys.name,
      dir: isDefault ? 'data/mrio/wiod2013' : dir,
      format: sys.format,
      is_default: isDefault,
      n: model.n,
      regions: model.regions.length,
      sectors: model.sectors.length,
      unit: model.unit,
      density_of_a: csrDensity(model.A),
      spectral_radius: model.spectralRadius,
      ...(sys.citation ? { citation: sys.citation } : {}),
    },
    cleaning: model.cleaning,
    ...(isDefault
      ? { note: `no --mrio given: using the shipped ${sys.name} (data/mrio/wiod2013), cleaned` }
      : {}),
  };
  modelCache.set(key, out);
  return out;
}

const tradeCache = new Map<string, Promise<[ImportRow[], ImportRow[]]>>();
/** The bridge's two trade files, read once per process. */
export function readExposureTradeRows(dir: string): Promise<[ImportRow[], ImportRow[]]> {
  let p = tradeCache.get(dir);
  if (!p) {
    p = Promise.all([
      readImportsByPartner(join(dir, 'us_imports_2024_critical_minerals_hs6_by_partner.csv')),
      readChinaImportsHs(join(dir, 'us_imports_from_china_2024_hs10.csv')),
    ]);
    p.catch(() => tradeCache.delete(dir)); // a failed read is retried, not cached
    tradeCache.set(dir, p);
  }
  return p;
}

/** What the exposure reports read: the IO table (`mrio`, default the shipped WIOD 2011) and the bridge's trade files. */
export async function loadExposureInputs(o: {
  mrio?: string;
}): Promise<{ table: LoadedTable; trade: [ImportRow[], ImportRow[]]; world: WorldShare[] }> {
  const [table, trade] = await Promise.all([
    loadTable(o.mrio !== undefined ? { mrio: o.mrio } : {}),
    readExposureTradeRows(DEFAULT_TRADE_DIR),
  ]);
  return { table, trade, world: readWorldShares() };
}
