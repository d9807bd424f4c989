// Located messages for problems in parameters.simulation: file:line:col path: message, using
// the positions of the scenario file that defines the block (the last file of an extends chain
// that has it).
import { loadScenarioFile, formatIssue, ScenarioError, type ScenarioIssue } from '../io/index.ts';
import type { Scenario } from '../model/index.ts';
import { formatPath, resolveConfig, SimulationConfigError, type ConfigProblem } from './config.ts';

export function locateConfigProblems(scn: Scenario, problems: ConfigProblem[]): string[] {
  return configIssues(scn, problems).map(formatIssue);
}

/**
 * A scenario whose parameters.simulation block does not resolve (an unknown measure or agreement
 * in a move, a strategy that does not exist, ...) is an invalid scenario, found by `validate`
 * and by an upload, not only when a run starts: throws ScenarioError with located issues.
 * A scenario without a simulation block passes (it can still answer ledger and trade questions).
 */
export function checkSimulationBlock(scn: Scenario): void {
  if (!scn.parameters.simulation) return;
  try {
    resolveConfig(scn);
  } catch (err) {
    if (err instanceof SimulationConfigError) throw new ScenarioError(configIssues(scn, err.problems));
    throw err;
  }
}

function configIssues(scn: Scenario, problems: ConfigProblem[]): ScenarioIssue[] {
  let src: ReturnType<typeof loadScenarioFile>['src'] | null = null;
  for (const f of [...scn.files].reverse()) {
    try {
      const l = loadScenarioFile(f);
      if (l.data.parameters?.simulation !== undefined) {
        src = l.src;
        break;
      }
    } catch {
      // the file loaded before; positions are a nicety
    }
  }
  return problems.map((pr) => {
    const path = ['parameters', 'simulation', ...pr.path];
    const pos = src ? position(src, path) : {};
    return {
      file: src?.file ?? scn.files[scn.files.length - 1] ?? scn.id,
      ...pos,
      path: formatPath(path),
      message: pr.message,
    };
  });
}

function position(
  src: ReturnType<typeof loadScenarioFile>['src'],
  path: (string | number)[],
): { line?: number; col?: number } {
  for (let n = path.length; n > 0; n--) {
    const node = src.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return src.lines.linePos(node.range[0]);
  }
  return {};
}
