// The dashboard's CSV, read back (the data table, the export's unit check) and the rules for its
// headers: one parser and one definition of "a header that says its unit".

/** A header that already says its unit: a unit suffix (`_pct`, `_usd_m`, `_share`, ...) or "(unit)". */
export const HAS_UNIT =
  /(_(pct|pp|usd|usd_m|usd_bn|absolute|share|weeks|days|kg|count|rank|index|score|per_year|per_week)|\(.+\))$/i;
/** Columns that name or order things (ids, HS codes, week numbers), not quantities with a unit. */
export const NOT_A_QUANTITY = /^(key|id|code|hs|row|week|rank|index|label)$/i;

/** Rows of cells of a CSV text (RFC 4180 quoting, as toCsv writes it; CRLF or LF line ends). */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') q = false;
      else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, ''));
      out.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) out.push([...row, cell]);
  return out;
}
