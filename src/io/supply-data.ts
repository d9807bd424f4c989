// Readers of the bottleneck model's inputs: the data/supply tables and the IO facts of the users'
// sectors (from the shipped WIOD table unless another is given). Cached per folder pair.
import { join } from 'node:path';
import { DATA_DIR } from './paths.ts';
import { parseCsvTable } from './flows/index.ts';
import { readTextFile } from './text-file.ts';
import { DEFAULT_MRIO_DIR, readMrio } from './mrio.ts';
import {
  ioFacts,
  parseBottleneckData,
  prepareModel,
  type BottleneckData,
  type IoFacts,
  type IOModel,
  type Table,
  type WorldShare,
  BottleneckInputError,
} from '../supply/index.ts';

export const SUPPLY_DATA_DIR = join(DATA_DIR, 'supply');

export interface SupplyTables {
  items: Table;
  users: Table;
  content: Table;
  flows: Table;
}

/** The four bottleneck tables of a folder (default: the shipped data/supply). */
export function readBottleneckTables(dir = SUPPLY_DATA_DIR): SupplyTables {
  const read = (name: string): Table => {
    const path = join(dir, `bottleneck_${name}.csv`);
    return { source: path, ...parseCsvTable(readTextFile(path), path) };
  };
  return { items: read('items'), users: read('users'), content: read('content'), flows: read('flows') };
}

/**
 * China's share of world rare-earth production by stage (data/supply/rare_earth_world_shares.csv,
 * each row with its source): context for the face-value table. Read once per file.
 */
export function readWorldShares(path = join(SUPPLY_DATA_DIR, 'rare_earth_world_shares.csv')): WorldShare[] {
  const hit = worldShares.get(path);
  if (hit) return hit;
  const t = parseCsvTable(readTextFile(path), path);
  const col = (name: string) => {
    const i = t.header.indexOf(name);
    if (i < 0) throw new BottleneckInputError(`${path}: missing column "${name}" (stage,china_share,source)`);
    return i;
  };
  const [stage, share, source] = [col('stage'), col('china_share'), col('source')];
  const out = t.rows.map((r, k) => {
    const v = Number(r[share]);
    if (!r[share] || !(v >= 0 && v <= 1))
      throw new BottleneckInputError(
        `${path}:${t.lines[k]}: china_share must be a share in [0, 1], got "${r[share]}"`,
      );
    if (!r[source]) throw new BottleneckInputError(`${path}:${t.lines[k]}: every share needs its source`);
    return { stage: r[stage], china_share: v, source: r[source] };
  });
  worldShares.set(path, out);
  return out;
}
const worldShares = new Map<string, WorldShare[]>();

export interface BottleneckInputs {
  data: BottleneckData;
  io: IoFacts;
}

const cache = new Map<string, Promise<BottleneckInputs>>();
const models = new Map<string, Promise<IOModel>>();

/** The prepared IO model of a table folder (default: the shipped WIOD), read once per process. */
export function loadIoModel(mrioDir = DEFAULT_MRIO_DIR): Promise<IOModel> {
  let hit = models.get(mrioDir);
  if (!hit) {
    hit = readMrio(mrioDir).then((sys) => prepareModel(sys, { clean: true }));
    models.set(mrioDir, hit);
    hit.catch(() => models.delete(mrioDir));
  }
  return hit;
}

/**
 * Data checked against the IO table's sectors and the ledger's last date (`ledgerDate`: flows
 * dated after it are an error), with the IO facts of the users' sectors.
 */
export function loadBottleneckInputs(
  opts: { dataDir?: string; mrioDir?: string; ledgerDate?: string; knownOn?: string } = {},
): Promise<BottleneckInputs> {
  const key = JSON.stringify([opts.dataDir, opts.mrioDir, opts.ledgerDate, opts.knownOn]);
  let hit = cache.get(key);
  if (!hit) {
    hit = (async () => {
      const m = await loadIoModel(opts.mrioDir);
      const data = parseBottleneckData(readBottleneckTables(opts.dataDir), {
        sectors: m.sectors,
        ...(opts.ledgerDate ? { ledgerDate: opts.ledgerDate } : {}),
        ...(opts.knownOn ? { knownOn: opts.knownOn } : {}),
      });
      return {
        data,
        io: ioFacts(
          m,
          data.users.map((u) => ({ region: u.country, sector: u.sector })),
        ),
      };
    })();
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}
