import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The project's root folder (where package.json is), found from this file's location. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DATA_DIR = join(REPO_ROOT, 'data');
export const SCENARIO_DIR = join(DATA_DIR, 'scenarios');
export const DEFAULT_SCENARIO = 'london-2025';
