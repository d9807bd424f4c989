// Readers and writers at the edge: scenario files, CSV data, paths of shipped data.
export {
  loadScenario,
  loadScenarioSync,
  loadScenarioViews,
  loadScenarioFile,
  MAX_SCENARIO_BYTES,
  resolveScenarioPath,
  ScenarioError,
  formatIssue,
  parseSource,
  locate,
  zodIssues,
  checkTopLevel,
  type ScenarioIssue,
  type LoadOptions,
  type SourceDoc,
} from './scenario/index.ts';
export { readTextFile, InputFileError, MAX_INPUT_BYTES } from './text-file.ts';
export { cachedCompute } from './parse-cache.ts';
export {
  yamlToPlain,
  flowNestingFault,
  nestedDeeperThan,
  YamlResourceError,
  MAX_YAML_DEPTH,
  MAX_YAML_ALIASES,
} from './yaml-plain.ts';
export { REPO_ROOT, DATA_DIR, SCENARIO_DIR, DEFAULT_SCENARIO } from './paths.ts';
export * from './flows/index.ts';
export {
  readMrio,
  readPymrioText,
  readCsvMrio,
  detectMrioFormat,
  readImportsByPartner,
  readChinaImportsHs,
  DEFAULT_MRIO_DIR,
  DEFAULT_TRADE_DIR,
  WIOD_CITATION,
  type MrioFormat,
  type ReadMrioOptions,
} from './mrio.ts';
export {
  readBottleneckTables,
  loadBottleneckInputs,
  loadIoModel,
  readWorldShares,
  SUPPLY_DATA_DIR,
  type SupplyTables,
  type BottleneckInputs,
} from './supply-data.ts';
export { ledgerSkeleton, SKELETON_KINDS, type SkeletonKind } from './ledger-skeleton.ts';
export { loadExposureInputs, loadTable, readExposureTradeRows, type LoadedTable } from './io-table.ts';
