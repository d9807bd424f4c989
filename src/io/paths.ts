import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The project's root folder (where package.json is), found from this file's location. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DATA_DIR = join(REPO_ROOT, 'data');
export const SCENARIO_DIR = join(DATA_DIR, 'scenarios');
/** What every command and the API use when no scenario is named (london-2025 is its view as known on 2025-06-11). */
export const DEFAULT_SCENARIO = 'us-china';
