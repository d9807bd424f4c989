// Located messages for problems in parameters.simulation: file:line:col path: message, using
// the positions of the scenario file that defines the block (the last file of an extends chain
// that has it).
import { loadScenarioFile, formatIssue } from '../io/index.ts';
import type { Scenario } from '../model/index.ts';
import { formatPath, type ConfigProblem } from './config.ts';

export function locateConfigProblems(scn: Scenario, problems: ConfigProblem[]): string[] {
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
    return formatIssue({
      file: src?.file ?? scn.files[scn.files.length - 1] ?? scn.id,
      ...pos,
      path: formatPath(path),
      message: pr.message,
    });
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
