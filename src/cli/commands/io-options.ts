// Options and helpers every `leverage io` subcommand shares: the table to load, the solver, the
// table's header lines for a terminal.
import type { Command } from 'commander';
import { loadTable, type LoadedTable } from '../../io/index.ts';
import type { SolveMethod, SolveOptions } from '../../supply/index.ts';
import { parseNumberOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { fmt, sig, type OutputOptions } from '../output.ts';
import { usd } from '../../model/index.ts';

export interface MrioOptions extends OutputOptions {
  mrio?: string;
  year?: string;
  clean?: boolean;
  method?: string;
}

export function mrioFromOptions(o: MrioOptions): Promise<LoadedTable> {
  return loadTable({
    ...(o.mrio !== undefined ? { mrio: o.mrio } : {}),
    ...(o.year !== undefined
      ? { year: parseNumberOption('--year', o.year, { integer: true, min: 1900, max: 2100 }) }
      : {}),
    ...(o.clean !== undefined ? { clean: o.clean } : {}),
  });
}

export function solveOpts(o: MrioOptions): SolveOptions {
  const m = o.method ?? 'auto';
  if (!['auto', 'dense', 'gmres'].includes(m))
    throw new UserError(`--method: expected auto, dense or gmres, got ${JSON.stringify(m)}`);
  return { method: m as SolveMethod };
}

export function tableHeader(t: LoadedTable): string[] {
  const out = [
    `${t.table.name}: ${t.table.regions} regions x ${t.table.sectors} sectors (n = ${t.table.n}), ${t.table.unit}; A ${(100 * t.table.density_of_a).toFixed(1)} % dense; spectral radius of A ~ ${t.table.spectral_radius.estimate.toFixed(3)}`,
  ];
  if (t.note) out.push(t.note);
  for (const c of t.cleaning.changes) out.push(`cleaned: ${c.at}: ${c.detail}`);
  if (t.table.citation) out.push(`Cite: ${t.table.citation}`);
  return out;
}

// values of very different sizes (million USD a week, shares): three significant figures
export const sci = sig;

export const addMrioOptions = (c: Command) =>
  c
    .option('--mrio <dir>', 'IO table folder: pymrio text format or CSV layout (default: shipped WIOD 2011)')
    .option('--year <yyyy>', 'year, for a folder holding wiot_YYYY tables')
    .option(
      '--clean',
      'repair negative outputs/flows and negative value added (default for the shipped table)',
    )
    .option('--method <m>', 'linear solver: auto, dense or gmres', 'auto')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file');

/** Money of an IO document for a terminal: USD millions shown as "$6.88 bn"-style text, else the table's own unit. */
export function ioMoneyText(v: number, unit: string): string {
  return unit === 'USD millions a year' ? usd(v * 1e6) : `${fmt(v, 0)} ${unit}`;
}

/** A money column: USD billions (one decimal) for a USD table, else the table's own unit. */
export function ioMoneyColumn(unit: string): { head: string; cell: (v: number) => string } {
  return unit === 'USD millions a year'
    ? { head: 'USD bn/yr', cell: (v) => fmt(v / 1e3, 1) }
    : { head: unit, cell: (v) => fmt(v, 0) };
}
