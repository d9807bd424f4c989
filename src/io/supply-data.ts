// Reader of the bottleneck model's data files (data/supply/*.csv) into plain tables.
import { join } from 'node:path';
import { DATA_DIR } from './paths.ts';
import { parseCsvGrid } from './flows.ts';
import { readTextFile } from './text-file.ts';

export const SUPPLY_DATA_DIR = join(DATA_DIR, 'supply');

export interface SupplyTables {
  items: { source: string; header: string[]; rows: string[][]; lines: number[] };
  users: { source: string; header: string[]; rows: string[][]; lines: number[] };
  content: { source: string; header: string[]; rows: string[][]; lines: number[] };
  flows: { source: string; header: string[]; rows: string[][]; lines: number[] };
}

/** The four bottleneck tables of a folder (default: the shipped data/supply). */
export function readBottleneckTables(dir = SUPPLY_DATA_DIR): SupplyTables {
  const read = (name: string) => {
    const path = join(dir, `bottleneck_${name}.csv`);
    return { source: path, ...parseCsvGrid(readTextFile(path), path) };
  };
  return { items: read('items'), users: read('users'), content: read('content'), flows: read('flows') };
}
