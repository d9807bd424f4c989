import { loadScenarioSync, ScenarioError } from '../io/index.ts';
import type { Scenario } from '../model/index.ts';
import { UserError } from './errors.ts';

let asKnownOn: string | undefined;

/** The global `--as-known-on D`: every scenario a command loads is its view as known on D (docs/vintages.md). */
export function setAsKnownOn(date: string | undefined): void {
  asKnownOn = date;
}

export function getAsKnownOn(): string | undefined {
  return asKnownOn;
}

/** Load a scenario for a command; a bad file becomes a UserError carrying every located issue. */
export function loadForCli(nameOrPath: string | undefined): Scenario {
  try {
    return loadScenarioSync(nameOrPath, { asKnownOn });
  } catch (err) {
    if (err instanceof ScenarioError) {
      const n = err.issues.length;
      throw new UserError(`invalid scenario (${n} problem${n === 1 ? '' : 's'}):\n${err.message}`);
    }
    throw err;
  }
}

/** Check that an actor id exists in the scenario. */
export function requireActor(scn: Scenario, flag: string, id: string): string {
  if (!scn.actors[id])
    throw new UserError(
      `${flag}: unknown actor "${id}" (scenario actors: ${Object.keys(scn.actors).join(', ')})`,
    );
  return id;
}

/** A warning line when a date lies beyond what the scenario knows. */
export function beyondAsOf(scn: Scenario, date: string): string | undefined {
  return scn.as_of && date > scn.as_of
    ? `note: ${date} is after the scenario's knowledge date (${scn.as_of}); later dates show only scheduled changes`
    : undefined;
}
