import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The project's root folder (where package.json is), found from this file's location. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DATA_DIR = join(REPO_ROOT, 'data');
export const SCENARIO_DIR = join(DATA_DIR, 'scenarios');
/** The shipped IO table (WIOD 2013 release, 2011). */
export const DEFAULT_MRIO_DIR = join(DATA_DIR, 'mrio/wiod2013');
/** What every command and the API use when no scenario is named (london-2025 is its view as known on 2025-06-11). */
export const DEFAULT_SCENARIO = 'us-china';
