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
