// Shared fixtures for the simulation tests: the built-in scenario prepared once per test file,
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// with a stated chokepoint bridge instead of the IO table (keeps the suite fast).
import assert from 'node:assert/strict';
import { loadScenarioSync, ScenarioError } from '../../src/io/index.ts';
import type { Scenario } from '../../src/model/index.ts';
import { prepare, tradeFlows, type Prepared, type SupplyBridge } from '../../src/simulate/index.ts';

export const TEST_SUPPLY: SupplyBridge = {
  importer_loss_usd_per_week: 7e6,
  exporter_loss_usd_per_week: 1.2e7,
  basis: 'test bridge',
};

let scn: Scenario | null = null;
export function london(): Scenario {
  return (scn ??= loadScenarioSync('us-china'));
}

const preparedOnce = new Map<string, Prepared>();

/**
 * A fresh Prepared (plain data: tests may modify it). `prepare` takes 0.3-1 s; each scenario content
 * and options is prepared once per file and each call gets its own deep copy (well under 1 ms). The
 * key is the scenario's JSON (loaded scenarios are plain JSON data), so a scenario a test edited
 * is prepared afresh.
 */
export function prepared(s: Scenario = london(), o: { weeks?: number; start?: string } = {}): Prepared {
  const key = JSON.stringify([s, o]);
  let p = preparedOnce.get(key);
  if (!p)
    preparedOnce.set(key, (p = prepare(s, { flows: tradeFlows(['US', 'CN']), supply: TEST_SUPPLY }, o)));
  return structuredClone(p);
}

export function moveIndex(p: Prepared, side: 0 | 1, id: string): number {
  const i = p.moves.ids[side].indexOf(id);
  if (i < 0) throw new Error(`no move ${id}`);
  return i;
}

/** The built-in scenario's `parameters:` block as text (indented two spaces), for variants in tests. */
export function simulationBlock(): string {
  const text = readFileSync(new URL('../../data/scenarios/us-china.yaml', import.meta.url), 'utf8');
  const at = text.search(/^parameters:\n/m);
  if (at < 0) throw new Error('us-china.yaml has no parameters block');
  return text.slice(at + 'parameters:\n'.length);
}

let variants = 0;
let variantDir: string | null = null;
/** The located message of a scenario file the loader must refuse (fails the test if it loads). */
export function loadError(file: string): string {
  try {
    loadScenarioSync(file);
  } catch (err) {
    assert.ok(err instanceof ScenarioError, String(err));
    return err.message;
  }
  assert.fail('expected the scenario to be rejected');
}

/** A scenario file extending us-china whose simulation block is the shipped one with one edit. */
export function variant(from: string, to: string): string {
  const fragment = simulationBlock();
  if (!fragment.includes(from)) throw new Error(`fixture text not found: ${from}`);
  variantDir ??= mkdtempSync(join(tmpdir(), 'leverage-sim-'));
  const n = ++variants;
  const file = join(variantDir, `bad-${n}.yaml`);
  writeFileSync(
    file,
    `id: bad-${n}\ntitle: bad simulation block ${n}\nextends: us-china\nparameters:\n${fragment.replace(from, to)}`,
  );
  return file;
}

/** The scenario without the named menu moves (tests about something the move would interfere with). */
export function withoutMoves(s: Scenario, ...ids: string[]): Scenario {
  const sim = s.parameters.simulation!;
  for (const side of Object.keys(sim.moves))
    sim.moves[side] = sim.moves[side].filter((m) => !ids.includes(m.id));
  return s;
}
