// The `views` block checked against the merged scenario (docs/scenario.md#views): every actor,
// product, measure and region it names exists. Checked once on the scenario as known today, not on
// each vintage view: a view constant is not a dated fact, so a default control announced after D
// does not make the view as known on D invalid (the exposure view of D then says it is not known).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeHs, type Scenario } from '../../model/index.ts';
import { forEachCsvRecord } from '../csv.ts';
import { DEFAULT_MRIO_DIR } from '../paths.ts';
import type { SemanticProblem } from '../validate.ts';

let regions: Set<string> | undefined;

/** The regions of the shipped IO table (its rows.csv `country` column), read once. */
function ioRegions(): Set<string> {
  if (regions) return regions;
  const found = new Set<string>();
  let col = -1;
  forEachCsvRecord(readFileSync(join(DEFAULT_MRIO_DIR, 'rows.csv'), 'utf8'), ',', (f, line) => {
    if (line === 1) col = f.indexOf('country');
    else if (col >= 0 && f[col]) found.add(f[col]);
  });
  return (regions = found);
}

export function validateViews(s: Scenario): SemanticProblem[] {
  const v = s.views;
  const out: SemanticProblem[] = [];
  const actors = Object.keys(s.actors);
  const actor = (key: string, path: (string | number)[], id: string) => {
    if (!s.actors[id])
      out.push({
        origin: `views/${key}`,
        path,
        message: `unknown actor "${id}" (actors: ${actors.join(', ')})`,
      });
  };
  for (const key of ['tracked_products', 'key_date_products'] as const)
    (v[key] ?? []).forEach((p, i) => {
      actor(key, [i, 'importer'], p.importer);
      actor(key, [i, 'exporter'], p.exporter);
      // a product must name lines the importer trades, where the scenario lists them
      const lines = s.products.universe[p.importer];
      const code = normalizeHs(p.product);
      if (lines && code && !lines.some((l) => l.startsWith(code)))
        out.push({
          origin: `views/${key}`,
          path: [i, 'product'],
          message: `unknown product "${p.product}": no line of ${p.importer}'s universe starts with it`,
        });
    });
  if (v.control !== undefined) {
    const m = s.measures.find((x) => x.id === v.control);
    if (!m || m.kind !== 'export_control')
      out.push({
        origin: 'views/control',
        path: [],
        message: m
          ? `"${v.control}" is a ${m.kind}, not an export_control`
          : `unknown measure "${v.control}" (the default control must be an export_control of the scenario)`,
      });
  }
  if (v.peak_window && v.peak_window.from > v.peak_window.to)
    out.push({
      origin: 'views/peak_window',
      path: ['to'],
      message: `the window ends (${v.peak_window.to}) before it starts (${v.peak_window.from})`,
    });
  for (const [id, region] of Object.entries(v.actor_regions ?? {})) {
    actor('actor_regions', [id], id);
    if (!ioRegions().has(region))
      out.push({
        origin: 'views/actor_regions',
        path: [id],
        message: `unknown region "${region}": not a region of the IO table (${[...ioRegions()].slice(0, 6).join(', ')}, ...)`,
      });
  }
  return out;
}
