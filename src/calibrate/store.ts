// Posterior files: next to the scenario, one per vintage (`<scenario id>@<date>.json` in a
// `posteriors` folder; the built-in scenarios' in data/posteriors). A forecast from origin D uses
// the posterior calibrated on the latest vintage on or before D, never a later one.
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { inputError } from '../errors/index.ts';
import { DATA_DIR, SCENARIO_DIR, readTextFile } from '../io/index.ts';
import type { Posterior } from './fit.ts';

/** The folder of a scenario file's posteriors. */
export function posteriorDir(scenarioFile: string): string {
  const dir = dirname(resolve(scenarioFile));
  return dir === resolve(SCENARIO_DIR) ? join(DATA_DIR, 'posteriors') : join(dir, 'posteriors');
}

export function posteriorFile(scenarioFile: string, scenarioId: string, asKnownOn: string): string {
  return join(posteriorDir(scenarioFile), `${scenarioId}@${asKnownOn}.json`);
}

/** Write a posterior atomically (temporary file, then rename); returns the path. */
export function writePosterior(file: string, post: Posterior): string {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(post, null, 1) + '\n');
  renameSync(tmp, file);
  return file;
}

/** Read a posterior file; a malformed one is a located error. */
export function readPosterior(file: string): Posterior {
  let doc: unknown;
  try {
    doc = JSON.parse(readTextFile(file));
  } catch (err) {
    throw inputError(`${file}: not a posterior (${(err as Error).message})`);
  }
  const d = doc as Partial<Posterior>;
  const bad = (what: string) => inputError(`${file}: ${what}`);
  if (!d || d.kind !== 'posterior') throw bad('kind: expected "posterior"');
  if (typeof d.as_known_on !== 'string') throw bad('as_known_on: expected a date');
  if (!Array.isArray(d.models) || !Array.isArray(d.particles))
    throw bad('expected models and particles lists');
  d.particles.forEach((p, i) => {
    const m = d.models![p?.model];
    if (!m) throw bad(`particles[${i}].model: no model ${String(p?.model)}`);
    if (
      !Array.isArray(p.values) ||
      p.values.length !== m.parameters.length ||
      p.values.some((x) => !Number.isFinite(x))
    )
      throw bad(`particles[${i}].values: expected ${m.parameters.length} numbers`);
    if (!(p.weight >= 0)) throw bad(`particles[${i}].weight: expected a weight >= 0`);
  });
  return d as Posterior;
}

/** The posterior of a scenario calibrated on the latest vintage on or before `date`, or null. */
export function posteriorFor(
  scenarioFile: string,
  scenarioId: string,
  date: string,
): { file: string; posterior: Posterior } | null {
  const dir = posteriorDir(scenarioFile);
  if (!existsSync(dir)) return null;
  const re = new RegExp(
    `^${scenarioId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}@(\\d{4}-\\d{2}-\\d{2})\\.json$`,
  );
  let best: string | null = null;
  for (const f of readdirSync(dir).sort()) {
    const m = re.exec(f);
    if (m && m[1] <= date && (best === null || m[1] > best)) best = m[1];
  }
  if (best === null) return null;
  const file = join(dir, `${scenarioId}@${best}.json`);
  const posterior = readPosterior(file);
  if (posterior.as_known_on !== best || posterior.as_known_on > date)
    throw inputError(`${file}: as_known_on ${posterior.as_known_on} does not match its file name`);
  return { file, posterior };
}
