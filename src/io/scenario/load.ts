// A whole scenario loaded: extends, parameters, lists, cross-reference checks, vintage views.
import {
  ParametersSchema,
  describe,
  firstAnnounced,
  isIsoDate,
  vintageView,
  type Scenario,
} from '../../model/index.ts';
import { cachedParse } from '../parse-cache.ts';
import { validateScenario } from '../validate.ts';
import { assemble, originKey } from './extends.ts';
import { resolveScenarioPath } from './file.ts';
import { formatPath, ScenarioError, type ScenarioIssue } from './issues.ts';
import { readProductLists } from './lists.ts';
import { zodIssues } from './schema-issues.ts';
import { validateViews } from './views.ts';
import { locate, type SourceDoc } from './source.ts';

export interface LoadOptions {
  /**
   * Return the scenario as known on this date (docs/vintages.md): later announcements absent,
   * announced future changes present, fitted parameters whose data came later at their prior.
   * It applies to the whole scenario, after a file's own `as_known_on` (which views only what
   * that file extends).
   */
  asKnownOn?: string;
}

/**
 * Load a scenario by built-in id or path: parse, check the schema, resolve `extends`, read
 * product lists from their data files and check every cross-reference and date; then take the
 * vintage view (as known today, or on `asKnownOn`). Throws ScenarioError listing every problem
 * with file:line:col and the path inside the document.
 */
export function loadScenarioSync(nameOrPath?: string, options: LoadOptions = {}): Scenario {
  const file = resolveScenarioPath(nameOrPath);
  checkAsKnownOn(file, options.asKnownOn);
  // parsed once per content of the files it reads (parse-cache.ts)
  return cachedParse(`scenario:${file}:${JSON.stringify(options)}`, () =>
    loadScenarioViews(nameOrPath)(options.asKnownOn),
  );
}

function checkAsKnownOn(file: string, asKnownOn: string | undefined): void {
  if (asKnownOn !== undefined && !isIsoDate(asKnownOn))
    throw new ScenarioError([
      {
        file,
        path: 'as known on',
        message: `expected a date YYYY-MM-DD, got ${describe(asKnownOn)}`,
      },
    ]);
}

/**
 * Read and check a scenario once and return its vintage views: `views()` is the scenario as
 * known today, `views(D)` as known on D, each exactly what `loadScenarioSync(file, {asKnownOn})`
 * returns (same checks, same located errors) without reading the files again (the forecast
 * harness takes a view per origin).
 */
export function loadScenarioViews(nameOrPath?: string): (asKnownOn?: string) => Scenario {
  const file = resolveScenarioPath(nameOrPath);
  const assembled = assemble(file, []);
  const { files, srcs, data, origins } = assembled;
  const root = origins.get(originKey('file', 'root'))!;
  const missing: ScenarioIssue[] = [];
  if (!data.title)
    missing.push({
      file,
      line: 1,
      col: 1,
      path: 'title',
      message: 'missing required field (a scenario needs a title)',
    });
  if (!data.actors || Object.keys(data.actors).length === 0)
    missing.push({
      file,
      line: 1,
      col: 1,
      path: 'actors',
      message: 'missing required field (a scenario needs at least one actor)',
    });
  if (missing.length) throw new ScenarioError(missing);

  // Engine parameters are checked once merged, each problem located in the last file that sets it.
  const params = ParametersSchema.safeParse(data.parameters ?? {});
  if (!params.success) {
    const owner = (path: PropertyKey[]): SourceDoc => {
      for (let n = path.length; n > 0; n--)
        for (let i = srcs.length - 1; i >= 0; i--)
          if (srcs[i].doc.hasIn(path.slice(0, n) as unknown[])) return srcs[i];
      return srcs[srcs.length - 1];
    };
    throw new ScenarioError(zodIssues(owner, params.error, ['parameters']).slice(0, 50));
  }
  data.parameters = params.data;

  const { lists, universe } = readProductLists(assembled, file, root);

  const scenario: Scenario = {
    id: data.id,
    title: data.title!,
    ...(data.description ? { description: data.description } : {}),
    ...(data.as_of ? { as_of: data.as_of } : {}),
    ...(data.as_known_on ? { as_known_on: data.as_known_on } : {}),
    files,
    actors: data.actors!,
    products: {
      classification: data.products?.classification ?? 'HS',
      universe,
      lists,
      groups: data.products?.groups ?? {},
    },
    stacking: data.stacking ?? { combine: {}, exclusions: [] },
    measures: data.measures ?? [],
    agreements: data.agreements ?? [],
    claims: data.claims ?? [],
    parameters: data.parameters ?? {},
    views: data.views ?? {},
  };
  const located = (problems: ReturnType<typeof validateScenario>, prefix = '') =>
    new ScenarioError(
      problems.slice(0, 50).map((p) => {
        const origin = origins.get(p.origin) ?? root;
        const path = [...origin.path, ...p.path];
        return {
          file: origin.src.file,
          ...locate(origin.src, path),
          path: formatPath(path),
          message: prefix + p.message,
        };
      }),
    );
  const problems = [...validateScenario(scenario), ...validateViews(scenario)];
  if (problems.length) throw located(problems);

  const first = firstAnnounced(scenario);
  return (asKnownOn) => {
    checkAsKnownOn(file, asKnownOn);
    if (asKnownOn !== undefined && first !== undefined && asKnownOn < first)
      throw new ScenarioError([
        {
          file,
          path: 'as known on',
          message: `${asKnownOn} is before the ledger's first announcement (${first}): nothing was known yet`,
        },
      ]);
    const view = vintageView(scenario, asKnownOn);
    if (asKnownOn !== undefined) {
      // A view must itself be a valid scenario (e.g. nothing in it refers to a later entry).
      const viewProblems = validateScenario(view);
      if (viewProblems.length) throw located(viewProblems, `in the view as known on ${asKnownOn}: `);
    }
    return view;
  };
}

export async function loadScenario(nameOrPath?: string, options: LoadOptions = {}): Promise<Scenario> {
  return loadScenarioSync(nameOrPath, options);
}
