// Scenario names from requests: a slug, never a path. Anything else is rejected before it
// touches the file system, and the resolved file is checked to sit inside its folder.
import { resolve, sep } from 'node:path';
import { ApiError } from './errors.ts';

export const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function checkName(name: unknown, path = 'params.name'): string {
  if (typeof name !== 'string' || name.length === 0)
    throw new ApiError('input', 'bad_name', 'a scenario name is required', path);
  if (name.includes('\0'))
    throw new ApiError('input', 'bad_name', 'scenario names cannot contain NUL bytes', path);
  if (
    name.includes('..') ||
    name.includes('/') ||
    name.includes('\\') ||
    name.startsWith('.') ||
    /^[a-zA-Z]:/.test(name)
  )
    throw new ApiError(
      'input',
      'bad_name',
      `scenario names are slugs, not paths: ${JSON.stringify(name.slice(0, 80))}`,
      path,
    );
  if (!SLUG.test(name))
    throw new ApiError(
      'input',
      'bad_name',
      `scenario names are 1-64 characters of a-z, 0-9, "-" and "_", starting with a letter or digit; got ${JSON.stringify(name.slice(0, 80))}`,
      path,
    );
  return name;
}

/** dir/name+ext, verified to resolve inside dir. */
export function insideDir(dir: string, file: string): string {
  const root = resolve(dir);
  const p = resolve(root, file);
  if (!p.startsWith(root + sep))
    throw new ApiError('input', 'bad_name', 'scenario name resolves outside the data directory');
  return p;
}
