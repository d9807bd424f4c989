// The editor's scenario comparison and upload of a what-if scenario file.
import { useMemo, useState } from 'react';
import { api, ApiFailure, enc, qs, type ScenarioInfo, type TariffSeries } from '../../api.ts';
import { TimeStackedBars } from '../../charts/charts.tsx';
import { useApi } from '../../state.ts';
import { DIRS, ErrorBox, Section, type PanelProps } from '../common.tsx';
import { CompareFigures } from './CompareFigures.tsx';

/** A scenario as a reader should know it: its name, its own title and what it extends. */
export function scenarioLabel(scenarios: ScenarioInfo[], name: string): string {
  const s = scenarios.find((x) => x.name === name);
  if (!s) return name;
  return `${name}${s.title && s.title !== name ? `: ${s.title}` : ''}${s.builtin ? ' (built-in)' : ' (upload'}${!s.builtin ? (s.extends ? `, extends ${s.extends})` : ')') : ''}`;
}

export function Compare({
  view,
  set,
  scenarios,
  group,
}: PanelProps & { scenarios: ScenarioInfo[]; group: string }) {
  const d = DIRS[view.dir];
  const other = view.compare || scenarios.find((s) => s.name !== view.scenario && s.valid)?.name || '';
  const q = qs({
    importer: d.importer,
    exporter: d.exporter,
    group,
    from: '2025-01-01',
    to: '2025-12-31',
    step: 'week',
  });
  const a = useApi<TariffSeries>(`/api/scenarios/${enc(view.scenario)}/tariffs${q}`);
  const b = useApi<TariffSeries>(other ? `/api/scenarios/${enc(other)}/tariffs${q}` : null);
  const diff = useMemo(() => {
    if (!a.data || !b.data) return null;
    return a.data.points.filter((p, i) => p.total_pct !== b.data!.points[i]?.total_pct).length;
  }, [a.data, b.data]);
  return (
    <Section
      title="Compare two scenarios side by side"
      intro="Two scenarios side by side: their averages, claims and odds on the selected date, then the same tariff view on each. Upload one below (it can extend london-2025 and change a few measures) and pick it here."
    >
      <div className="form">
        <label>
          Left <strong>{view.scenario}</strong>
        </label>
        <label>
          Right{' '}
          <select
            value={other}
            onChange={(e) => set({ compare: e.target.value })}
            data-testid="compare-select"
          >
            <option value="">(choose)</option>
            {scenarios.map((s) => (
              <option key={s.name} value={s.name} disabled={!s.valid}>
                {scenarioLabel(scenarios, s.name)}
              </option>
            ))}
          </select>
        </label>
        {diff !== null ? (
          <span data-testid="compare-diff">
            {diff === 0
              ? 'Identical stacks for this selection.'
              : `Stacks differ in ${diff} of ${a.data!.points.length} weeks.`}
          </span>
        ) : null}
      </div>
      {other ? <CompareFigures left={view.scenario} right={other} date={view.date} /> : null}
      <div className="grid2 compare">
        {a.error ? <ErrorBox error={a.error} /> : null}
        {a.data ? (
          <TimeStackedBars
            id="chart-compare-a"
            unit="percent ad valorem (additional duties)"
            title={scenarioLabel(scenarios, view.scenario)}
            points={a.data.points.map((p) => ({ date: p.from, layers: p.layers, total: p.total_pct }))}
            authorities={a.data.authorities}
            marker={view.date}
            height={240}
          />
        ) : null}
        {b.error ? <ErrorBox error={b.error} /> : null}
        {b.data ? (
          <TimeStackedBars
            id="chart-compare-b"
            unit="percent ad valorem (additional duties)"
            title={scenarioLabel(scenarios, other)}
            points={b.data.points.map((p) => ({ date: p.from, layers: p.layers, total: p.total_pct }))}
            authorities={b.data.authorities}
            marker={view.date}
            height={240}
          />
        ) : null}
      </div>
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------

const EXAMPLE = `# A what-if: the reciprocal tariff on China stays at 125% (no Geneva truce).
# Measures with the id of a measure in london-2025 replace it whole.
id: no-geneva-truce
title: No Geneva truce (what-if)
extends: london-2025
measures:
  - id: us-ieepa-reciprocal-cn
    kind: tariff
    actor: US
    target: CN
    title: IEEPA reciprocal duty on products of China, never lowered (what-if)
    authority: IEEPA reciprocal
    scope: {all: true}
    status:
      - {date: 2025-04-05, status: in_force}
    rates:
      - {from: 2025-04-05, rate_pct: 10}
      - {from: 2025-04-09, rate_pct: 84}
      - {from: 2025-04-10, rate_pct: 125}
    sources: [https://example.org/what-if]
`;

export function Upload({ onSaved }: { onSaved: (name: string) => void }) {
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const go = async (save: boolean) => {
    setBusy(true);
    setMsg(null);
    setErr(null);
    try {
      if (save) {
        const r = await api<{ name: string; title: string }>('/api/scenarios', {
          body: { name, content: text },
        });
        setMsg(`Saved "${r.name}" (${r.title}).`);
        window.dispatchEvent(new Event('leverage:scenarios'));
        onSaved(r.name);
      } else {
        const r = await api<{ id: string; title: string; counts: { measures: number } }>(
          '/api/scenarios/validate',
          { body: { content: text } },
        );
        setMsg(`Valid: "${r.title}" with ${r.counts.measures} measures.`);
      }
    } catch (e) {
      setErr(e as ApiFailure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section
      title="Upload a scenario"
      intro="YAML or JSON in the scenario format. It may extend a built-in scenario by name and override measures by id. Uploaded scenarios cannot reference files on the server."
    >
      <div className="form upload">
        <label>
          Name (a-z, 0-9, -){' '}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="my-what-if"
            data-testid="upload-name"
          />
        </label>
        <label>
          File{' '}
          <input
            type="file"
            accept=".yaml,.yml,.json,application/json,text/yaml"
            data-testid="upload-file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              if (f.size > 1_000_000) {
                setErr(
                  new ApiFailure(
                    413,
                    'too_large',
                    `${f.name} is ${(f.size / 1e6).toFixed(1)} MB; the limit is 1 MB`,
                  ),
                );
                return;
              }
              setText(await f.text());
              if (!name)
                setName(
                  f.name
                    .replace(/\.(ya?ml|json)$/i, '')
                    .toLowerCase()
                    .replace(/[^a-z0-9_-]+/g, '-')
                    .slice(0, 64),
                );
            }}
          />
        </label>
        <button type="button" onClick={() => setText(EXAMPLE)}>
          Insert example
        </button>
      </div>
      <textarea
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={10}
        spellCheck={false}
        aria-label="Scenario text (YAML or JSON)"
        data-testid="upload-text"
      />
      <div className="form">
        <button
          type="button"
          disabled={busy || !text}
          onClick={() => void go(false)}
          data-testid="upload-validate"
        >
          Validate
        </button>
        <button
          type="button"
          disabled={busy || !text || !name}
          onClick={() => void go(true)}
          data-testid="upload-save"
        >
          Save scenario
        </button>
      </div>
      {msg ? (
        <p className="ok" role="status" data-testid="upload-ok">
          {msg}
        </p>
      ) : null}
      {err ? <ErrorBox error={err} title="The scenario was not accepted" /> : null}
    </Section>
  );
}
