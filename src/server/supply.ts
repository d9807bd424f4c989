// The supply routes' loading and caching: the dashboard's rare-earth exposure view and the
// bottleneck view per scenario and query, the IO shock and the table's labels. The figures are
// computed in src/report (exposure-view.ts, io-shock.ts, exposure.ts); this reads the shipped
// tables through io and maps the domain's errors to located API errors.
import { loadTable, loadBottleneckInputs, loadExposureInputs } from '../io/index.ts';
import {
  bottleneckInputsAt,
  bottleneckReport,
  exposureView,
  ioShockReport,
  queryField,
  type IoShockQuery,
} from '../report/index.ts';
import type { Scenario } from '../model/index.ts';
import { MrioInputError, type IOModel, BottleneckInputError } from '../supply/index.ts';
import { ApiError } from './errors.ts';

// The IO table and the bridge's trade files, read once per process by the library's io readers
// (the same ones the CLI uses).
export function ioModel(): Promise<IOModel> {
  return loadTable({}).then((t) => t.model);
}

const pending = new WeakMap<Scenario, Map<string, Promise<unknown>>>();
function replace(scn: Scenario, key: string, p: Promise<unknown>) {
  let m = pending.get(scn);
  if (!m) pending.set(scn, (m = new Map()));
  if (m.size >= 50) m.clear();
  m.set(key, p);
}

export function exposureCached(
  scn: Scenario,
  q: { measure: string; from: string; weeks: number; target: string },
) {
  const key = 'exposure:' + JSON.stringify(q);
  const m = pending.get(scn);
  const hit = m?.get(key);
  if (hit) return hit;
  const p = exposureCompute(scn, q);
  replace(scn, key, p);
  p.catch(() => pending.get(scn)?.delete(key));
  return p;
}

async function exposureCompute(
  scn: Scenario,
  q: { measure: string; from: string; weeks: number; target: string },
) {
  const inputs = await loadExposureInputs({});
  try {
    return exposureView(scn, inputs, q, queryField);
  } catch (err) {
    if (err instanceof MrioInputError) throw new ApiError('input', 'invalid', err.message);
    throw err;
  }
}

/** A demand or supply shock on one sector of the IO table (src/report's ioShockReport; this loads and maps errors). */
export async function ioShock(q: IoShockQuery) {
  const m = await ioModel();
  try {
    return ioShockReport(m, q);
  } catch (err) {
    if (err instanceof MrioInputError) throw new ApiError('input', 'invalid', err.message, 'body.sector');
    throw err;
  }
}

/** Regions and industries of the IO table (for pickers). */
export async function ioLabels() {
  const m = await ioModel();
  const sectors = new Map<string, string>();
  for (const l of m.labels) if (!sectors.has(l.sector)) sectors.set(l.sector, l.name ?? l.sector);
  return {
    regions: m.regions,
    sectors: [...sectors].map(([code, name]) => ({ code, name })),
    unit: 'USD millions (WIOD 2011, annual)',
  };
}

/** The bottleneck exposure view (src/report's bottleneckReport; this only loads, caches and maps errors). */
export function bottleneckCached(
  scn: Scenario,
  q: { start: string; weeks: number; hold_flows_from?: string | undefined },
) {
  const key = 'bottleneck:' + JSON.stringify(q);
  const hit = pending.get(scn)?.get(key);
  if (hit) return hit;
  const p = (async () => {
    const [inputs, linearInputs] = await Promise.all([
      loadBottleneckInputs(bottleneckInputsAt(scn)),
      loadExposureInputs({}),
    ]);
    try {
      return bottleneckReport(scn, inputs, linearInputs, {
        start: q.start,
        weeks: q.weeks,
        ...(q.hold_flows_from ? { hold_flows_from: q.hold_flows_from } : {}),
      });
    } catch (err) {
      if (err instanceof BottleneckInputError) throw new ApiError('input', 'invalid', err.message, 'query');
      throw err;
    }
  })();
  replace(scn, key, p);
  p.catch(() => pending.get(scn)?.delete(key));
  return p;
}
