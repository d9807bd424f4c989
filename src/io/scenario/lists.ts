// Product lists and universes read from their CSV data files, problems located at the list.
import { dirname, resolve } from 'node:path';
import { normalizeHs, type ProductList } from '../../model/index.ts';
import { InputFileError, readTextFile } from '../text-file.ts';
import { originKey, type Assembled, type Origin } from './extends.ts';
import { displayPath, formatPath, ScenarioError } from './issues.ts';
import { locate } from './source.ts';
import { CsvSyntaxError, forEachCsvRecord } from '../csv.ts';

/**
 * The records of a CSV text as objects keyed by its header, every value a string (HS codes keep
 * their leading zeros); spaces around fields trimmed, empty lines skipped. Read with csv.ts's
 * one-pass tokenizer: csv-parse took about 0.4 s of a scenario load for the 2.3 MB of lists.
 * Throws CsvSyntaxError for a malformed text or a record whose field count is not the header's.
 */
export function csvRows(text: string): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  let header: string[] | undefined;
  forEachCsvRecord(text, ',', (fields, line) => {
    if (!header) {
      header = fields;
      return;
    }
    if (fields.length !== header.length)
      throw new CsvSyntaxError(
        `line ${line}: ${fields.length} field(s), but the header has ${header.length}`,
        line,
      );
    // fromEntries defines own properties: a column named __proto__ stays a column
    rows.push(Object.fromEntries(header.map((h, i) => [h, fields[i]])));
  });
  return rows;
}

/** Rows of a CSV data file (csvRows), problems located at the list that names the file. */
function readCsvRows(file: string, origin: Origin, path: string): Record<string, string>[] {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (err) {
    if (err instanceof InputFileError)
      throw new ScenarioError([
        { file: origin.src.file, ...locate(origin.src, origin.path), path, message: err.message },
      ]);
    throw err;
  }
  try {
    return csvRows(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    throw new ScenarioError([
      {
        file: origin.src.file,
        ...locate(origin.src, origin.path),
        path,
        message: `${displayPath(file)}: CSV error: ${err.message}`,
      },
    ]);
  }
}

function readCodeColumn(
  file: string,
  column: string,
  where: Record<string, string | string[]> | undefined,
  origin: Origin,
  path: string,
  cache: Map<string, Record<string, string>[]>,
): string[] {
  let rows = cache.get(file);
  if (!rows) {
    rows = readCsvRows(file, origin, path);
    cache.set(file, rows);
  }
  const fail = (message: string) =>
    new ScenarioError([{ file: origin.src.file, ...locate(origin.src, origin.path), path, message }]);
  const header = rows.length ? Object.keys(rows[0]) : [];
  if (!header.includes(column))
    throw fail(`${displayPath(file)} has no column "${column}" (columns: ${header.join(', ')})`);
  for (const col of Object.keys(where ?? {}))
    if (!header.includes(col)) throw fail(`${displayPath(file)} has no column "${col}" to filter on`);
  const filters = Object.entries(where ?? {}).map(
    ([c, v]) => [c, new Set(Array.isArray(v) ? v : [v])] as const,
  );
  const codes: string[] = [];
  const trimmed: string[] = [];
  rows.forEach((row, i) => {
    for (const [c, allowed] of filters) if (!allowed.has(row[c])) return;
    let raw = (row[column] ?? '').replace(/[.\s]/g, '');
    // A code with digits beyond HTS10 (a statistical suffix, e.g. "850511007000") is read as its HTS10 line.
    if (/^\d{11,12}$/.test(raw)) {
      trimmed.push(raw);
      raw = raw.slice(0, 10);
    }
    const code = normalizeHs(raw);
    if (code === null)
      throw fail(
        `${displayPath(file)} line ${i + 2}: "${row[column]}" in column ${column} is not an HS code`,
      );
    codes.push(code);
  });
  if (codes.length === 0) throw fail(`${displayPath(file)}: no rows match ${JSON.stringify(where ?? {})}`);
  const out = [...new Set(codes)].sort() as string[] & { trimmed?: string[] };
  if (trimmed.length) out.trimmed = trimmed;
  return out;
}

/**
 * Per-code shares of value (rows filtered as for the codes), each in [0, 1]: from a column of
 * shares (`share_column`), or set by each row's value in another column (`share_by`).
 */
function readShares(
  file: string,
  column: string,
  spec: { share_column: string } | { share_by: { column: string; shares: Record<string, number> } },
  where: Record<string, string | string[]> | undefined,
  origin: Origin,
  path: string,
  cache: Map<string, Record<string, string>[]>,
): Record<string, number> {
  const rows = cache.get(file)!; // read by readCodeColumn just before
  const fail = (message: string) =>
    new ScenarioError([{ file: origin.src.file, ...locate(origin.src, origin.path), path, message }]);
  const [col, field] =
    'share_column' in spec ? [spec.share_column, 'share_column'] : [spec.share_by.column, 'share_by.column'];
  if (!rows.length || !(col in rows[0])) throw fail(`${displayPath(file)} has no column "${col}" (${field})`);
  const filters = Object.entries(where ?? {}).map(
    ([c, v]) => [c, new Set(Array.isArray(v) ? v : [v])] as const,
  );
  const shareOf = (row: Record<string, string>, line: number): number => {
    const at = `${displayPath(file)} line ${line}: "${row[col]}" in column ${col}`;
    if ('share_by' in spec) {
      const v = spec.share_by.shares[row[col]];
      if (v === undefined)
        throw fail(`${at} has no share in share_by.shares (${Object.keys(spec.share_by.shares).join(', ')})`);
      return v;
    }
    const v = Number(row[col]);
    if (row[col] === '' || !Number.isFinite(v) || v < 0 || v > 1)
      throw fail(`${at} is not a share in [0, 1]`);
    return v;
  };
  const shares: Record<string, number> = {};
  rows.forEach((row, i) => {
    for (const [c, allowed] of filters) if (!allowed.has(row[c])) return;
    shares[normalizeHs((row[column] ?? '').replace(/[.\s]/g, ''))!] = shareOf(row, i + 2);
  });
  return shares;
}

/** The merged scenario's product lists and universes, read from their data files. */
export function readProductLists(
  { data, origins, listBase, universeBase }: Assembled,
  file: string,
  root: Origin,
): { lists: Record<string, ProductList>; universe: Record<string, string[]> } {
  const cache = new Map<string, Record<string, string>[]>();
  const lists: Record<string, ProductList> = {};
  for (const [id, l] of Object.entries(data.products?.lists ?? {})) {
    const origin = origins.get(originKey('lists', id)) ?? root;
    const path = formatPath(origin.path);
    let codes: string[] = [];
    if (l.file) {
      if (!l.column)
        throw new ScenarioError([
          {
            file: origin.src.file,
            ...locate(origin.src, origin.path),
            path,
            message: 'a list read from a file needs `column`',
          },
        ]);
      codes = readCodeColumn(
        resolve(listBase.get(id) ?? dirname(file), l.file),
        l.column,
        l.where,
        origin,
        path,
        cache,
      );
    }
    if (l.share_by && l.share_column)
      throw new ScenarioError([
        {
          file: origin.src.file,
          ...locate(origin.src, origin.path),
          path,
          message: 'a product list gives its shares by `share_column` or by `share_by`, not both',
        },
      ]);
    const shareSpec = l.share_column
      ? { share_column: l.share_column }
      : l.share_by
        ? { share_by: l.share_by }
        : undefined;
    const shares =
      l.file && shareSpec
        ? readShares(
            resolve(listBase.get(id) ?? dirname(file), l.file),
            l.column!,
            shareSpec,
            l.where,
            origin,
            path,
            cache,
          )
        : undefined;
    if (l.codes) codes = [...new Set([...codes, ...l.codes.map((c) => normalizeHs(c)!)])].sort();
    if (!l.file && !l.codes)
      throw new ScenarioError([
        {
          file: origin.src.file,
          ...locate(origin.src, origin.path),
          path,
          message: 'a product list needs `file` + `column` or `codes`',
        },
      ]);
    const trimmed = (codes as { trimmed?: string[] }).trimmed;
    const warnings = trimmed
      ? [
          `${trimmed.length} code(s) longer than 10 digits read as their first 10 digits: ${trimmed.slice(0, 5).join(', ')}`,
        ]
      : undefined;
    lists[id] = {
      title: l.title,
      codes,
      sources: l.sources,
      ...(l.file ? { file: l.file } : {}),
      ...(l.note ? { note: l.note } : {}),
      ...(shares ? { shares } : {}),
      ...(warnings ? { warnings } : {}),
    };
  }
  const universe: Record<string, string[]> = {};
  for (const [importer, u] of Object.entries(data.products?.universe ?? {})) {
    const base = universeBase.get(importer) ?? dirname(file);
    const origin = { src: root.src, path: ['products', 'universe', importer] };
    universe[importer] = readCodeColumn(
      resolve(base, u.file),
      u.column,
      undefined,
      origin,
      `products.universe.${importer}`,
      cache,
    );
  }
  return { lists, universe };
}
