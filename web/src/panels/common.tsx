import { Component, type ReactNode } from 'react';
import type { ApiFailure } from '../api.ts';
import type { ViewState } from '../state.ts';

export interface PanelProps {
  view: ViewState;
  set: (patch: Partial<ViewState>) => void;
}

/** The options of a product-group select: the scenario's groups (GET /api/scenarios/:name). */
export function GroupOptions({ groups }: { groups: readonly { id: string; title: string }[] | undefined }) {
  return (
    <>
      {(groups ?? []).map((g) => (
        <option key={g.id} value={g.id}>
          {g.title}
        </option>
      ))}
    </>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      Loading {what}...
    </div>
  );
}

export function ErrorBox({ error, title }: { error: ApiFailure; title?: string }) {
  const issues = Array.isArray(error.details)
    ? (error.details as { path?: string; message: string; line?: number; col?: number }[])
    : [];
  return (
    <div className="error" role="alert" data-testid="error">
      <strong>{title ?? 'Something went wrong'}</strong>: {error.message}
      {issues.length ? (
        <ul>
          {issues.slice(0, 12).map((i, k) => (
            <li key={k}>
              {i.line ? `line ${i.line}${i.col ? `:${i.col}` : ''} ` : ''}
              {i.path ? <code>{i.path}</code> : null} {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Section({
  title,
  children,
  intro,
}: {
  title: string;
  children: ReactNode;
  intro?: ReactNode;
}) {
  return (
    <section className="section">
      <h2>{title}</h2>
      {intro ? <p className="intro">{intro}</p> : null}
      {children}
    </section>
  );
}

export const DIRS = {
  'US-CN': { importer: 'US', exporter: 'CN', label: 'US tariffs on goods from China' },
  'CN-US': { importer: 'CN', exporter: 'US', label: 'China tariffs on goods from the US' },
} as const;

/** A panel that throws shows what went wrong instead of a blank page. */
export class PanelBoundary extends Component<{ children: ReactNode; name: string }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error)
      return (
        <div className="error" role="alert" data-testid="panel-error">
          <strong>The {this.props.name} panel could not be drawn</strong>: {this.state.error.message}.{' '}
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      );
    return this.props.children;
  }
}
