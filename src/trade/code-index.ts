// Product codes of a flow table indexed per reporter/partner/year/flow, for the two whole-table
// checks: codes that aggregate other rows' codes (HS4 beside its HS6 lines) and keys that repeat.
// Each code becomes one number that sorts as the string does; the numbers are sorted per group in
// a typed array. A Set or Map of 1.7 M code strings (a 50 MB file) took ~9 s and most of the
// reader's peak memory in hash-table growth and cache misses; sorting the numbers is ~0.3 s.

/** What the index reads of a flow row (a FlowRow of flows.ts). */
interface CodedRow {
  reporter: string;
  partner: string;
  product: string;
  year: number;
  flow: string;
  line: number;
}

/** Per row: whether its code is a proper prefix of another code in its group, and the first line with its key. */
export interface CodeIndex {
  /** 1 when the row's product is a strict prefix of another row's product in the same group. */
  nested: Uint8Array;
  /** The line of the earlier first row with the same reporter, partner, year, flow and product; -1 when none is earlier. */
  firstLine: Float64Array;
}

const DIGITS = 10;
const LEN_RADIX = 16;
const POW10 = Array.from({ length: DIGITS + 1 }, (_, k) => 10 ** k);

/**
 * The code right-padded with zeros to 10 digits, times 16, plus its length: "85" -> 8500000000*16+2.
 * Numeric order is the strings' order (a prefix sorts first; digits decide otherwise); < 2^53.
 */
function codeKey(code: string): number {
  const n = code.length;
  if (n < 1 || n > DIGITS) throw new RangeError(`product code "${code}": expected 1-${DIGITS} digits`);
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = code.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError(`product code "${code}": expected digits only`);
    v = v * 10 + d;
  }
  return v * POW10[DIGITS - n] * LEN_RADIX + n;
}

/** True when code `a` (key) is a proper prefix of code `b` (key). */
function isProperPrefix(a: number, b: number): boolean {
  const la = a % LEN_RADIX;
  const lb = b % LEN_RADIX;
  if (lb <= la) return false;
  const unit = POW10[DIGITS - la];
  const pa = (a - la) / LEN_RADIX;
  const pb = (b - lb) / LEN_RADIX;
  return Math.floor(pb / unit) === pa / unit;
}

/** Dense group ids per reporter/partner/year/flow; consecutive rows of one group (the usual file) skip the key string. */
function groupIds(rows: readonly CodedRow[]): { gid: Int32Array; groups: number } {
  const gid = new Int32Array(rows.length);
  const ids = new Map<string, number>();
  let prev: CodedRow | null = null;
  let prevId = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (
      prev === null ||
      r.reporter !== prev.reporter ||
      r.partner !== prev.partner ||
      r.year !== prev.year ||
      r.flow !== prev.flow
    ) {
      const k = `${r.reporter}|${r.partner}|${r.year}|${r.flow}`;
      let id = ids.get(k);
      if (id === undefined) ids.set(k, (id = ids.size));
      prevId = id;
      prev = r;
    }
    gid[i] = prevId;
  }
  return { gid, groups: ids.size };
}

/** Index of the rows' codes: O(n log n) in typed arrays, no per-row objects (codes: 1-10 digits). */
export function codeIndex(rows: readonly CodedRow[]): CodeIndex {
  const n = rows.length;
  const { gid, groups } = groupIds(rows);
  // counting sort by group: group g's keys are sorted[start[g] .. start[g + 1])
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) start[gid[i] + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const fill = start.slice(0, groups);
  const key = new Float64Array(n);
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[fill[gid[i]]++] = key[i] = codeKey(rows[i].product);
  for (let g = 0; g < groups; g++) sorted.subarray(start[g], start[g + 1]).sort();
  // per run of equal keys (indexed by its first position): aggregate when the next distinct code
  // of the group extends it (all codes under a prefix follow it directly in sorted order)
  const runNested = new Uint8Array(n);
  for (let g = 0; g < groups; g++) {
    const end = start[g + 1];
    for (let p = start[g]; p < end;) {
      let q = p + 1;
      while (q < end && sorted[q] === sorted[p]) q++;
      if (q < end && isProperPrefix(sorted[p], sorted[q])) runNested[p] = 1;
      p = q;
    }
  }
  const nested = new Uint8Array(n);
  const firstLine = new Float64Array(n).fill(-1);
  const firstRow = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    // first position of key[i] in its group (binary search, lower bound)
    let lo = start[gid[i]];
    let hi = start[gid[i] + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < key[i]) lo = mid + 1;
      else hi = mid;
    }
    nested[i] = runNested[lo];
    if (firstRow[lo] < 0) firstRow[lo] = i;
    else firstLine[i] = rows[firstRow[lo]].line;
  }
  return { nested, firstLine };
}
