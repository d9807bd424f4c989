// The what-if editor: change a tariff layer, an elasticity or the US strategy and compare with the
// scenario as recorded. Every field starts from the value the scenario actually uses, and every
// edit lives in the URL (edit, el, taco), so a link reproduces it.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import {
  api,
  ApiFailure,
  enc,
  qs,
  type ScenarioDetail,
  type ScenarioInfo,
  type TariffSeries,
} from '../api.ts';
import { TimeStackedBars } from '../charts/charts.tsx';
import { fmtDate, pct } from '../charts/util.ts';
import { useApi } from '../state.ts';
import { markEditDrawn, markEditStart } from '../timing.ts';
import { DIRS, ErrorBox, GroupOptions, Loading, Section, type PanelProps } from './common.tsx';
import { Compare, Upload } from './editor/Compare.tsx';
import { ElasticityEditor } from './editor/Elasticities.tsx';
import { ReRun } from './editor/ReRun.tsx';
import { StrategyEditor, scenarioTaco, type StrategyList } from './editor/Strategy.tsx';
import type { Override } from './editor/types.ts';

export function Editor({ view, set, scenarios }: PanelProps & { scenarios: ScenarioInfo[] }) {
  const base = `/api/scenarios/${enc(view.scenario)}`;
  const detail = useApi<ScenarioDetail>(base);
  const d = DIRS[view.dir];
  const auths = (detail.data?.authorities ?? []).filter(
    (a) => a.importer === d.importer && (a.exporters.includes(d.exporter) || a.exporters.includes('ALL')),
  );
  const initial = view.edit ? view.edit.split('|') : null;
  const [authority, setAuthority] = useState(initial?.[0] ?? '');
  const [rate, setRate] = useState<string>(initial?.[1] ?? '');
  const [from, setFrom] = useState(initial?.[2] ?? '2025-06-01');
  // the edit lives in the URL too, so a link reproduces it
  useEffect(() => {
    const edit = rate !== '' && authority ? `${authority}|${rate}|${from}` : '';
    if (edit !== view.edit) set({ edit });
  }, [authority, rate, from]);
  // TACO as the scenario sets it for the US (or the registry's defaults if the US plays another
  // strategy); an edit is kept in the URL as taco=threshold|decay
  const registry = useApi<StrategyList>('/api/game/strategies');
  const recordedTaco = scenarioTaco(detail.data, registry.data);
  const tacoEdit = view.taco ? view.taco.split('|').map(Number) : null;
  const taco = tacoEdit ? { threshold: tacoEdit[0], decay: tacoEdit[1] } : recordedTaco;
  const setTaco = (t: { threshold: number; decay: number } | null) =>
    set({
      taco:
        t && (t.threshold !== recordedTaco.threshold || t.decay !== recordedTaco.decay)
          ? `${t.threshold}|${t.decay}`
          : '',
    });
  const group = view.group === 'all' ? 'handbags' : view.group;
  useEffect(() => {
    if (auths.length && !auths.some((a) => a.authority === authority))
      setAuthority(auths.find((a) => a.authority.includes('reciprocal'))?.authority ?? auths[0].authority);
  }, [auths.map((a) => a.authority).join('|')]);

  const query = {
    importer: d.importer,
    exporter: d.exporter,
    group,
    from: '2025-01-01',
    to: '2025-12-31',
    step: 'week' as const,
  };
  const baseSeries = useApi<TariffSeries>(`${base}/tariffs${qs(query)}`);
  const overrides: Override[] =
    rate !== '' && authority && Number.isFinite(Number(rate)) && Number(rate) >= 0
      ? [{ importer: d.importer, exporter: d.exporter, authority, pct: Number(rate), from }]
      : [];

  // what-if series: fetched on every edit, stale requests cancelled
  const [whatIf, setWhatIf] = useState<{ data: TariffSeries; version: number } | null>(null);
  const [editErr, setEditErr] = useState<ApiFailure | null>(null);
  const ctl = useRef<AbortController | null>(null);
  const key = JSON.stringify({ query, overrides, s: view.scenario });
  useEffect(() => {
    if (!overrides.length) {
      setWhatIf(null);
      return;
    }
    const version = markEditStart();
    ctl.current?.abort();
    const c = new AbortController();
    ctl.current = c;
    api<TariffSeries>(`${base}/tariffs`, { body: { ...query, overrides }, signal: c.signal })
      .then((data) => {
        setWhatIf({ data, version });
        setEditErr(null);
      })
      .catch((e: unknown) => {
        if (!c.signal.aborted)
          setEditErr(e instanceof ApiFailure ? e : new ApiFailure(0, 'network', String(e)));
      });
  }, [key]);
  useLayoutEffect(() => {
    // after React has committed the new bars: the next frame is when they are on screen
    if (whatIf) requestAnimationFrame(() => markEditDrawn(whatIf.version));
  }, [whatIf]);

  const shown = whatIf?.data ?? baseSeries.data;
  const at = (s: TariffSeries | null | undefined) => s?.points.filter((p) => p.from <= view.date).pop();
  return (
    <div className="panel" data-testid="panel-editor">
      <Section
        title="Change a tariff layer"
        intro="Set one legal authority's rate from a date and see the stack week by week against the scenario as recorded (dashed line)."
      >
        <div className="form" role="group" aria-label="Tariff layer">
          <label>
            Direction{' '}
            <select value={view.dir} onChange={(e) => set({ dir: e.target.value as 'US-CN' | 'CN-US' })}>
              {(Object.keys(DIRS) as (keyof typeof DIRS)[]).map((k) => (
                <option key={k} value={k}>
                  {DIRS[k].label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Products{' '}
            <select value={group} onChange={(e) => set({ group: e.target.value })} data-testid="editor-group">
              <GroupOptions groups={detail.data?.groups} />
            </select>
          </label>
          <label>
            Authority{' '}
            <select
              value={authority}
              onChange={(e) => setAuthority(e.target.value)}
              data-testid="layer-authority"
            >
              {auths.map((a) => (
                <option key={a.authority} value={a.authority}>
                  {a.authority}
                </option>
              ))}
            </select>
          </label>
          <label>
            Rate (%){' '}
            <input
              type="number"
              min={0}
              max={1000}
              step={1}
              value={rate}
              placeholder="as recorded"
              onChange={(e) => setRate(e.target.value)}
              data-testid="layer-rate"
            />
          </label>
          <label>
            From{' '}
            <input
              type="date"
              value={from}
              onChange={(e) => e.target.value && setFrom(e.target.value)}
              data-testid="layer-from"
            />
          </label>
          <button type="button" onClick={() => setRate('')} disabled={rate === ''}>
            Reset to recorded
          </button>
        </div>
        {editErr ? <ErrorBox error={editErr} title="The edit could not be applied" /> : null}
        {baseSeries.error ? <ErrorBox error={baseSeries.error} /> : null}
        {!shown ? <Loading what="the stack" /> : null}
        {shown && baseSeries.data ? (
          <TimeStackedBars
            id="chart-editor-stack"
            unit="percent ad valorem (additional duties)"
            title={
              whatIf ? `What-if: ${authority} at ${rate}% from ${fmtDate(from)}` : 'Tariff stack as recorded'
            }
            subtitle={`${d.label}, ${shown.selection.title ?? group}: most common stack of the group's lines`}
            points={shown.points.map((p) => ({ date: p.from, layers: p.layers, total: p.total_pct }))}
            authorities={[...new Set([...shown.authorities, ...baseSeries.data.authorities])]}
            compare={
              whatIf
                ? {
                    label: 'as recorded',
                    points: baseSeries.data.points.map((p) => ({ date: p.from, total: p.total_pct })),
                  }
                : undefined
            }
            marker={view.date}
            data={{ whatif: whatIf ? 'yes' : 'no', version: whatIf?.version ?? 0 }}
            note={
              at(shown) ? (
                <>
                  On {fmtDate(view.date)}: {pct(at(shown)!.total_pct)}
                  {whatIf && at(baseSeries.data) ? ` (recorded: ${pct(at(baseSeries.data)!.total_pct)})` : ''}
                  .
                </>
              ) : null
            }
          />
        ) : null}
      </Section>
      <ElasticityEditor
        base={base}
        overrides={overrides}
        date={view.date}
        edit={view.el}
        setEdit={(el) => set({ el })}
      />
      {detail.data && registry.data ? (
        <StrategyEditor value={taco} recorded={recordedTaco} edited={!!tacoEdit} set={setTaco} />
      ) : null}
      <ReRun
        scenario={view.scenario}
        overrides={overrides}
        taco={tacoEdit ? taco : null}
        recordedTaco={recordedTaco}
      />
      <Compare view={view} set={set} scenarios={scenarios} group={group} />
      <Upload onSaved={(name) => set({ compare: name })} />
    </div>
  );
}
