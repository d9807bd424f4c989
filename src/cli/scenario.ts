import { loadScenarioSync, ScenarioError } from '../io/index.ts';
import type { Scenario } from '../model/index.ts';
import { asOfWarning, checkLedgerDate, withAsOf } from '../report/index.ts';
import { cliField } from './args.ts';
import { UserError } from './errors.ts';
import { setDocumentStamp } from './output.ts';
import { userPath, writeStderr } from './io.ts';

let asKnownOn: string | undefined;

/** The global `--as-known-on D`: every scenario a command loads is its view as known on D (docs/vintages.md). */
export function setAsKnownOn(date: string | undefined): void {
  asKnownOn = date;
}

export function getAsKnownOn(): string | undefined {
  return asKnownOn;
}

/** The date options of the running command (`--at`, `--from`, `--to`, `--date`), set before its action. */
let queryDates: Record<string, string> = {};
/** The scenario the running command loaded and the warnings its dates drew. */
let loaded: { scenario: Scenario; warnings: string[] } | null = null;

const DATE_FLAGS = ['at', 'date', 'from', 'to'];
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Record the running command's date options (main's preAction hook). */
export function setQueryDates(opts: Record<string, unknown>): void {
  queryDates = {};
  loaded = null;
  setDocumentStamp(null);
  for (const f of DATE_FLAGS) {
    const v = opts[f];
    if (typeof v === 'string' && ISO.test(v.trim())) queryDates[f] = v.trim();
  }
}

/**
 * Check the command's dates against the scenario: one before the ledger's first date is a located
 * error; one after its as_of is answered with a warning naming the as-of date, on stderr (and in
 * the JSON document's `warnings`), never silently.
 */
function checkQueryDates(scn: Scenario): void {
  const label = cliField();
  const warnings: string[] = [];
  for (const [f, d] of Object.entries(queryDates)) {
    checkLedgerDate(scn, label, f, d);
    const w = asOfWarning(scn, label, f, d);
    if (w && !warnings.includes(w)) warnings.push(w);
  }
  for (const w of warnings) writeStderr(`leverage: warning: ${w}\n`);
  loaded = { scenario: scn, warnings };
  setDocumentStamp((result) => withAsOf(result, scn.as_of ?? null, warnings));
}

/** Load a scenario for a command; a bad file becomes a UserError carrying every located issue. */
export function loadForCli(nameOrPath: string | undefined): Scenario {
  const scn = loadScenarioFor(nameOrPath);
  // the first scenario a command loads is the one its dates are about
  if (!loaded) checkQueryDates(scn);
  return scn;
}

/**
 * Load the full scenario, not its view as known on --as-known-on D: for the few commands whose
 * report applies the vintage rule itself and says where it did (`params`).
 */
export function loadFullForCli(nameOrPath: string | undefined): Scenario {
  const scn = loadScenarioFor(nameOrPath, null);
  if (!loaded) checkQueryDates(scn);
  return scn;
}

/** `knownOn` null: the full scenario; undefined: as known on --as-known-on (if given). */
function loadScenarioFor(nameOrPath: string | undefined, knownOn?: string | null): Scenario {
  try {
    return loadScenarioSync(asUserPath(nameOrPath), {
      asKnownOn: knownOn === null ? undefined : (knownOn ?? asKnownOn),
    });
  } catch (err) {
    if (err instanceof ScenarioError) {
      const n = err.issues.length;
      throw new UserError(`invalid scenario (${n} problem${n === 1 ? '' : 's'}):\n${err.message}`);
    }
    throw err;
  }
}

/**
 * A scenario file named by path is found from the command's folder (io.cwd); a bare name is a
 * built-in scenario (or, failing that, a file in that folder: the loader's rule, io/scenario/file.ts).
 */
function asUserPath(nameOrPath: string | undefined): string | undefined {
  if (nameOrPath === undefined) return undefined;
  const looksLikePath = /[\\/]/.test(nameOrPath) || /\.(ya?ml|json)$/i.test(nameOrPath);
  return looksLikePath ? userPath(nameOrPath) : nameOrPath;
}

/** Check that an actor id exists in the scenario. */
export function requireActor(scn: Scenario, flag: string, id: string): string {
  if (!scn.actors[id])
    throw new UserError(
      `${flag}: unknown actor "${id}" (scenario actors: ${Object.keys(scn.actors).join(', ')})`,
    );
  return id;
}
