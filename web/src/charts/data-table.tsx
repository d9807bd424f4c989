// A chart's data as an HTML table, read back from its CSV.
/** The chart's CSV as an HTML table (for keyboard and screen-reader users, and for reading values). */
export function DataTable({ csv, title }: { csv: string; title: string }) {
  const rows = parseCsv(csv);
  const [head, ...body] = rows;
  return (
    <div className="datatable" tabIndex={0} role="region" aria-label={`Data of ${title}`}>
      <table className="table">
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.slice(0, 500).map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {body.length > 500 ? (
        <p className="note">First 500 of {body.length} rows; export the CSV for all.</p>
      ) : null}
    </div>
  );
}

function parseCsv(text: string): string[][] {
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
