// Scenario files to a checked Scenario: parse with positions, schema, `extends`, product lists,
// cross-references and vintage views; every problem a located ScenarioIssue.
export { loadScenario, loadScenarioSync, loadScenarioViews, type LoadOptions } from './load.ts';
export { loadScenarioFile, MAX_SCENARIO_BYTES, resolveScenarioPath } from './file.ts';
export { ScenarioError, formatIssue, type ScenarioIssue } from './issues.ts';
export { parseSource, locate, type SourceDoc } from './source.ts';
export { checkTopLevel, zodIssues } from './schema-issues.ts';
