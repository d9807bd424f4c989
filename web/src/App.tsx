import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { ScenarioInfo } from './api.ts';
import { DEFAULTS, LINK_PROBLEMS, PANELS, useApi, useViewState, type Panel } from './state.ts';
import { Overview } from './panels/Overview.tsx';
// the overview is in the main bundle; the other panels load when first opened
const Tariffs = lazy(() => import('./panels/Tariffs.tsx').then((m) => ({ default: m.Tariffs })));
const RareEarths = lazy(() => import('./panels/RareEarths.tsx').then((m) => ({ default: m.RareEarths })));
const Negotiation = lazy(() => import('./panels/Negotiation.tsx').then((m) => ({ default: m.Negotiation })));
const Editor = lazy(() => import('./panels/Editor.tsx').then((m) => ({ default: m.Editor })));
import { Loading, PanelBoundary } from './panels/common.tsx';

export function App() {
  const [view, set] = useViewState();
  const [reload, setReload] = useState(0);
  useEffect(() => {
    const on = () => setReload((x) => x + 1);
    window.addEventListener('leverage:scenarios', on);
    return () => window.removeEventListener('leverage:scenarios', on);
  }, []);
  const list = useApi<{ scenarios: ScenarioInfo[] }>(`/api/scenarios${reload ? `?r=${reload}` : ''}`);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  // a link naming a scenario this server does not have: one message, and the default scenario
  const [problems, setProblems] = useState<string[]>(LINK_PROBLEMS);
  useEffect(() => {
    const names = list.data?.scenarios.map((s) => s.name);
    if (!names || names.includes(view.scenario)) return;
    setProblems((p) => [
      ...p,
      `the scenario "${view.scenario}" is not on this server (showing ${DEFAULTS.scenario})`,
    ]);
    set({ scenario: DEFAULTS.scenario });
  }, [list.data]);
  const idx = PANELS.findIndex((p) => p.id === view.panel);
  // no date in the address: the scenario's own (its views.date, from the API); panels wait for it
  const date = view.date || list.data?.scenarios.find((s) => s.name === view.scenario)?.date || '';
  const shown = date === view.date ? view : { ...view, date };

  useEffect(() => {
    document.title = `Leverage - ${PANELS[idx]?.label ?? ''}`;
  }, [idx]);

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const n = PANELS.length;
    const next =
      e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : (idx + (e.key === 'ArrowRight' ? 1 : n - 1)) % n;
    set({ panel: PANELS[next].id });
    tabs.current[next]?.focus();
  };

  return (
    <div className="app">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header>
        <div className="brand">
          <strong>Leverage</strong>
          <span>trade-war dashboard</span>
        </div>
        <nav role="tablist" aria-label="Panels" onKeyDown={onKey}>
          {PANELS.map((p, i) => (
            <button
              key={p.id}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              role="tab"
              id={`tab-${p.id}`}
              aria-selected={view.panel === p.id}
              aria-controls="main"
              tabIndex={view.panel === p.id ? 0 : -1}
              data-testid={`tab-${p.id}`}
              onClick={() => set({ panel: p.id as Panel })}
            >
              {p.label}
            </button>
          ))}
        </nav>
        <div className="controls">
          <label>
            Scenario{' '}
            <select
              value={view.scenario}
              onChange={(e) => set({ scenario: e.target.value })}
              data-testid="scenario-select"
            >
              {(
                list.data?.scenarios ?? [
                  { name: view.scenario, builtin: true, title: view.scenario, valid: true },
                ]
              ).map((s) => (
                <option
                  key={s.name}
                  value={s.name}
                  disabled={!s.valid}
                  title={`${s.title ?? s.name}${'extends' in s && s.extends ? ` (extends ${s.extends})` : ''}`}
                >
                  {s.name}
                  {s.builtin ? ' (built-in)' : ''}
                  {s.valid ? '' : ' - invalid'}
                </option>
              ))}
            </select>
          </label>
          <label>
            Date{' '}
            <input
              type="date"
              value={shown.date}
              min="2018-01-01"
              max="2027-12-31"
              onChange={(e) => e.target.value && set({ date: e.target.value })}
              data-testid="date-input"
            />
          </label>
        </div>
      </header>
      {problems.length ? (
        <div className="link-problem" role="alert" data-testid="link-problem">
          <span>This link could not be followed in full: {problems.join('; ')}.</span>
          <button type="button" onClick={() => setProblems([])} aria-label="Dismiss the message">
            Dismiss
          </button>
        </div>
      ) : null}
      <main id="main" role="tabpanel" aria-labelledby={`tab-${view.panel}`} tabIndex={-1}>
        <PanelBoundary key={view.panel} name={PANELS[idx]?.label ?? view.panel}>
          <Suspense fallback={<Loading what="the panel" />}>
            {!shown.date && !list.data ? <Loading what="the scenario" /> : null}
            {!shown.date && list.data ? <p>Pick a date: the scenario names no views.date.</p> : null}
            {shown.date && view.panel === 'overview' ? <Overview view={shown} set={set} /> : null}
            {shown.date && view.panel === 'tariffs' ? <Tariffs view={shown} set={set} /> : null}
            {shown.date && view.panel === 'rare-earths' ? <RareEarths view={shown} set={set} /> : null}
            {shown.date && view.panel === 'negotiation' ? <Negotiation view={shown} set={set} /> : null}
            {shown.date && view.panel === 'editor' ? (
              <Editor view={shown} set={set} scenarios={list.data?.scenarios ?? []} />
            ) : null}
          </Suspense>
        </PanelBoundary>
      </main>
      <footer>
        Leverage - open-source trade-war toolkit. Data and sources: every number links back to the scenario
        ledger. API: <a href="/openapi.json">/openapi.json</a>
      </footer>
    </div>
  );
}
