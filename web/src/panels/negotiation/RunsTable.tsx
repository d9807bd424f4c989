// The table of stored Monte Carlo runs: scenario, what-if changes, status, show and delete.
import type { RunRow } from './types.ts';

/** What a run changed from its scenario (the editor's re-run sends overrides and strategies), or null. */
export function whatIfOf(r: RunRow): string | null {
  const o = r.params.options as
    | {
        overrides?: { authority: string; pct: number; from: string }[];
        strategies?: Record<string, { name: string; params?: Record<string, unknown> }>;
      }
    | undefined;
  if (!o) return null;
  const bits = [
    ...(o.overrides ?? []).map((x) => `${x.authority} ${x.pct}% from ${x.from}`),
    ...Object.entries(o.strategies ?? {}).map(
      ([actor, s]) =>
        `${actor} ${s.name}(${Object.entries(s.params ?? {})
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(', ')})`,
    ),
  ];
  return bits.length ? bits.join('; ') : null;
}

/** The first 12 stored runs, each with Show (when done) and Delete (Cancel while running or queued). */
export function RunsTable({
  runs,
  open,
  onShow,
  onDelete,
}: {
  runs: RunRow[];
  open: boolean;
  onShow: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  return (
    <details open={open}>
      <summary>Stored runs ({runs.length})</summary>
      <table className="table" data-testid="runs-table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Scenario</th>
            <th>Runs</th>
            <th>Status</th>
            <th>Created</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {runs.slice(0, 12).map((r) => (
            <tr key={r.id} data-run={r.id} data-status={r.status} data-whatif={whatIfOf(r) ? 'yes' : 'no'}>
              <td>
                <code>{r.id.slice(0, 8)}</code>
              </td>
              <td>
                {r.scenario}
                {whatIfOf(r) ? (
                  <span className="badge" title={whatIfOf(r)!} data-testid="whatif-badge">
                    {' '}
                    what-if: {whatIfOf(r)}
                  </span>
                ) : null}
              </td>
              <td>{String(r.params.runs ?? '')}</td>
              <td>
                {r.status}
                {r.status === 'running' ? ` ${Math.round(r.progress * 100)}%` : ''}
                {r.error ? ` (${r.error})` : ''}
              </td>
              <td>{r.created_at.slice(0, 19).replace('T', ' ')}</td>
              <td>
                {r.status === 'done' ? (
                  <button
                    type="button"
                    onClick={() => onShow(r.id)}
                    aria-label={`Show run ${r.id.slice(0, 8)}`}
                  >
                    Show
                  </button>
                ) : null}{' '}
                <button
                  type="button"
                  onClick={() => onDelete(r.id)}
                  aria-label={`Delete run ${r.id.slice(0, 8)}`}
                >
                  {r.status === 'running' || r.status === 'queued' ? 'Cancel' : 'Delete'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
