// Derives the Section 301 product exclusions in force to 2026-11-09 (HTS headings 9903.88.69 and
// 9903.88.70; US notes 20(vvv)(i)-(iv) and 20(www) to subchapter III of chapter 99) from the HTS
// 2026 revision 6 chapter 99 text as kept by the Yale Budget Lab tracker
// (data/us_notes/chapter99_2026_rev_6.txt at commit 8315fffd). Writes
// data/lists/section301_exclusions_2026_hts10.csv. Run:
//   node --import tsx scripts/derive-s301-exclusions.ts <path to chapter99_2026_rev_6.txt>
//
// One row per (exclusion, statistical reporting number). `coverage` is `whole` when the exclusion is
// the bare number (the whole HTS10 line is excluded) and `partial` when it is a product description
// "described in statistical reporting number ..." (only some goods of the line are excluded; trade
// data do not say which share). Descriptions citing numbers valid before 2020 list every number
// they cite; the older ones are not 2024 lines and match nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ExclusionRow {
  hts10: string;
  note: string;
  item: number;
  s301_list: string;
  coverage: 'whole' | 'partial';
}

/** Subdivisions of note 20 and the Section 301 list whose duty each one lifts (from the note text). */
const PARTS: { start: RegExp; note: string; list: string }[] = [
  { start: /^\(vvv\)\s+\(i\) The U\.S\. Trade Representative/, note: '20(vvv)(i)', list: '1' },
  { start: /^\(ii\) The U\.S\. Trade Representative/, note: '20(vvv)(ii)', list: '2' },
  { start: /^\(iii\) The U\.S\. Trade Representative/, note: '20(vvv)(iii)', list: '3' },
  { start: /^\(iv\) The U\.S\. Trade Representative/, note: '20(vvv)(iv)', list: '4A' },
  { start: /^\(www\) The U\.S\. Trade Representative/, note: '20(www)', list: '2' },
];
const END = /^\(21\) \(a\)/;
// Page furniture repeated on every page of the text.
const FURNITURE =
  /^(Harmonized Tariff Schedule of the United States|Annotated for Statistical|XXII$|99 - III - \d+$|U\.S\. Notes \(con\.\)$)/;

export function parseExclusions(text: string): ExclusionRow[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const first = lines.findIndex((l) => PARTS[0].start.test(l));
  if (first < 0) throw new Error('note 20(vvv)(i) not found');
  const rows: ExclusionRow[] = [];
  let part = -1;
  let item: { n: number; text: string } | null = null;
  const flush = () => {
    if (!item || part < 0) return;
    const body = item.text.replace(/\s+/g, ' ').trim();
    const codes = [...body.matchAll(/\b(\d{4})\.(\d{2})\.(\d{4})\b/g)].map((m) => m[1] + m[2] + m[3]);
    if (!codes.length)
      throw new Error(`note ${PARTS[part].note} item ${item.n}: no statistical reporting number`);
    const whole = /^\d{4}\.\d{2}\.\d{4}$/.test(body);
    for (const hts10 of [...new Set(codes)])
      rows.push({
        hts10,
        note: PARTS[part].note,
        item: item.n,
        s301_list: PARTS[part].list,
        coverage: whole ? 'whole' : 'partial',
      });
    item = null;
  };
  for (let i = first; i < lines.length; i++) {
    const l = lines[i];
    if (END.test(l)) break;
    const p = PARTS.findIndex((x) => x.start.test(l));
    if (p >= 0) {
      flush();
      if (p !== part + 1) throw new Error(`line ${i + 1}: note ${PARTS[p].note} out of order`);
      part = p;
      continue;
    }
    if (!l || FURNITURE.test(l)) continue;
    const m = /^\((\d+)\)\s+(.*)$/.exec(l);
    if (m) {
      flush();
      const n = Number(m[1]);
      const prev =
        rows.length && rows[rows.length - 1].note === PARTS[part].note ? rows[rows.length - 1].item : 0;
      if (n !== prev + 1)
        throw new Error(`line ${i + 1}: item (${n}) after (${prev}) in note ${PARTS[part].note}`);
      item = { n, text: m[2] };
    } else if (item) item.text += ' ' + l;
  }
  flush();
  if (part !== PARTS.length - 1) throw new Error('note 20(www) not reached');
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const src = process.argv[2];
  if (!src) throw new Error('usage: derive-s301-exclusions.ts <chapter99_2026_rev_6.txt>');
  const rows = parseExclusions(readFileSync(src, 'utf8'));
  const out = join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    'data',
    'lists',
    'section301_exclusions_2026_hts10.csv',
  );
  const csv = [
    'hts10,note,item,s301_list,coverage',
    ...rows.map((r) => `${r.hts10},${r.note},${r.item},${r.s301_list},${r.coverage}`),
  ];
  writeFileSync(out, csv.join('\n') + '\n');
  const items = new Set(rows.map((r) => `${r.note}#${r.item}`));
  const whole = new Set(rows.filter((r) => r.coverage === 'whole').map((r) => `${r.note}#${r.item}`));
  console.log(`${items.size} exclusions (${whole.size} whole lines), ${rows.length} rows -> ${out}`);
}
