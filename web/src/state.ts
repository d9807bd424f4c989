// The view lives in the URL query string so a link reproduces it.
import { useCallback, useEffect, useState } from 'react';

export type Panel = 'overview' | 'tariffs' | 'rare-earths' | 'negotiation' | 'editor';
export const PANELS: { id: Panel; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'tariffs', label: 'Tariffs' },
  { id: 'rare-earths', label: 'Rare earths' },
  { id: 'negotiation', label: 'Negotiation' },
  { id: 'editor', label: 'Scenario editor' },
];

export interface ViewState {
  panel: Panel;
  scenario: string;
  /** '' (not in the address): the scenario's views.date, from GET /api/scenarios. */
  date: string;
  dir: 'US-CN' | 'CN-US';
  group: string;
  compare: string;
  /** A what-if tariff layer in the editor: authority|rate|from. */
  edit: string;
  /** Edited elasticities in the editor: sigma|epsilon_m|epsilon_x|t (t: with the tariff edit). */
  el: string;
  /** Edited US TACO parameters in the editor: threshold|decay. */
  taco: string;
  /** Rare earths, bottleneck model: China's flows held at their level of this date ('' = observed path). */
  hold: string;
  /** Rare earths, bottleneck model: the country whose users' stocks are shown (WIOD code). */
  country: string;
}

export const DEFAULTS: ViewState = {
  panel: 'overview',
  scenario: 'us-china',
  date: '',
  dir: 'US-CN',
  group: 'handbags',
  compare: '',
  edit: '',
  el: '',
  taco: '',
  hold: '',
  country: 'USA',
};

/** A real calendar date YYYY-MM-DD (not 2025-99-99 or 2025-02-30). */
export function isCalendarDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/**
 * What the address asked for that could not be used, each with what is shown instead. Read once
 * when the page opens; the app shows them in one message (and the scenario check is added once
 * the scenario list has loaded).
 */
export const LINK_PROBLEMS: string[] = [];

function read(): ViewState {
  const p = new URLSearchParams(window.location.search);
  const v = { ...DEFAULTS };
  const problems: string[] = [];
  const panel = p.get('panel');
  if (panel && PANELS.some((x) => x.id === panel)) v.panel = panel as Panel;
  else if (panel) problems.push(`there is no panel "${panel.slice(0, 40)}" (showing ${PANELS[0].label})`);
  const s = p.get('scenario');
  if (s && /^[a-z0-9][a-z0-9_-]{0,63}$/.test(s)) v.scenario = s;
  else if (s) problems.push(`"${s.slice(0, 40)}" is not a scenario name (showing ${DEFAULTS.scenario})`);
  const d = p.get('date');
  if (d && isCalendarDate(d)) v.date = d;
  else if (d) problems.push(`${d.slice(0, 20)} is not a calendar date (showing the scenario's date)`);
  if (LINK_PROBLEMS.length === 0) LINK_PROBLEMS.push(...problems);
  const dir = p.get('dir');
  if (dir === 'US-CN' || dir === 'CN-US') v.dir = dir;
  const g = p.get('group');
  if (g && /^[a-z0-9][a-z0-9_-]{0,63}$/.test(g)) v.group = g;
  const c = p.get('compare');
  if (c && /^[a-z0-9][a-z0-9_-]{0,63}$/.test(c)) v.compare = c;
  const e = p.get('edit');
  if (e && /^[^|]{1,120}\|\d{1,4}(\.\d+)?\|\d{4}-\d{2}-\d{2}$/.test(e)) v.edit = e;
  const num = '-?\\d{1,4}(\\.\\d{1,4})?';
  const el = p.get('el');
  if (el && new RegExp(`^${num}\\|${num}\\|${num}(\\|t)?$`).test(el)) v.el = el;
  const taco = p.get('taco');
  if (taco && new RegExp(`^${num}\\|${num}$`).test(taco)) v.taco = taco;
  const h = p.get('hold');
  if (h && isCalendarDate(h)) v.hold = h;
  const k = p.get('country');
  if (k && /^[A-Z]{3}$/.test(k)) v.country = k;
  return v;
}

function write(v: ViewState, push: boolean) {
  const p = new URLSearchParams();
  for (const k of Object.keys(DEFAULTS) as (keyof ViewState)[])
    if (v[k] !== DEFAULTS[k] || k === 'panel') p.set(k, v[k]);
  const url = `${window.location.pathname}?${p.toString()}`;
  if (url !== window.location.pathname + window.location.search)
    (push ? history.pushState : history.replaceState).call(history, null, '', url);
}

export function useViewState(): [ViewState, (patch: Partial<ViewState>) => void] {
  const [v, setV] = useState<ViewState>(read);
  useEffect(() => {
    const on = () => setV(read());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  const update = useCallback((patch: Partial<ViewState>) => {
    setV((old) => {
      const next = { ...old, ...patch };
      write(next, patch.panel !== undefined && patch.panel !== old.panel);
      return next;
    });
  }, []);
  useEffect(() => write(v, false), []);
  return [v, update];
}

/** Fetch with cancellation of stale requests; returns data, error and loading. */
import { api, ApiFailure } from './api.ts';
export function useApi<T>(
  path: string | null,
  body?: unknown,
): { data: T | null; error: ApiFailure | null; loading: boolean } {
  const [st, setSt] = useState<{
    data: T | null;
    error: ApiFailure | null;
    loading: boolean;
    key: string | null;
  }>({ data: null, error: null, loading: path !== null, key: null });
  const key = path === null ? null : path + (body === undefined ? '' : JSON.stringify(body));
  useEffect(() => {
    if (path === null) return;
    const ctl = new AbortController();
    setSt((s) => ({ ...s, loading: true }));
    api<T>(path, { body, signal: ctl.signal })
      .then((data) => setSt({ data, error: null, loading: false, key }))
      .catch((err: unknown) => {
        if (ctl.signal.aborted) return;
        setSt({
          data: null,
          error: err instanceof ApiFailure ? err : new ApiFailure(0, 'network', String(err)),
          loading: false,
          key,
        });
      });
    return () => ctl.abort();
  }, [key]);
  return { data: st.data, error: st.error, loading: st.loading };
}
