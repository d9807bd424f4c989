// Parser packages loaded on first use, not at import: a command answered from the parse cache
// (parse-cache.ts) never parses YAML or a product-list CSV, and loading `yaml` costs about 25 ms
// of every process's start-up (bench/RESULTS.md, "Package"). Both ship CommonJS builds, so a
// synchronous require keeps the loaders synchronous.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type * as CsvSync from 'csv-parse/sync';

const require = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;
let csv: typeof CsvSync | undefined;

/** The `yaml` package. */
export const yamlLib = (): typeof Yaml => (yaml ??= require('yaml') as typeof Yaml);

/** `csv-parse/sync`'s parse. */
export const parseCsvSync: typeof CsvSync.parse = ((text: string, options: CsvSync.Options) =>
  (csv ??= require('csv-parse/sync') as typeof CsvSync).parse(text, options)) as typeof CsvSync.parse;
