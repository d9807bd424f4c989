// A chart's data as an HTML table, read back from its CSV.
import { parseCsv } from './csv.ts';

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
