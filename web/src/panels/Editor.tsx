import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  api,
  ApiFailure,
  enc,
  qs,
  type ScenarioDetail,
  type ScenarioInfo,
  type TariffSeries,
  type TradeResponse,
} from '../api.ts';
import { HBars, LineChart, TimeStackedBars } from '../charts/charts.tsx';
import { useRun, type MonteCarloResult } from '../runs.ts';
import { fmtDate, pct, usd } from '../charts/util.ts';
import { useApi } from '../state.ts';
import { markEditDrawn, markEditStart } from '../timing.ts';
import { DIRS, ErrorBox, Loading, Section, type PanelProps } from './common.tsx';

interface Override {
  importer: string;
  exporter: string;
  authority: string;
  pct: number;
  from: string;
}

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
  const [threshold, setThreshold] = useState(6);
  const [decay, setDecay] = useState(0.1);
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
  const at = (s: TariffSeries | null | undefined) => s?.points.filter((p) => p.date <= view.date).pop();
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
              {(detail.data?.groups ?? []).map((g) => (
                <option key={g.id} value={g.id}>
                  {g.title}
                </option>
              ))}
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
            title={
              whatIf ? `What-if: ${authority} at ${rate}% from ${fmtDate(from)}` : 'Tariff stack as recorded'
            }
            subtitle={`${d.label}, ${shown.selection.title ?? group}: most common stack of the group's lines`}
            points={shown.points.map((p) => ({ date: p.date, layers: p.layers, total: p.total_pct }))}
            authorities={[...new Set([...shown.authorities, ...baseSeries.data.authorities])]}
            compare={
              whatIf
                ? {
                    label: 'as recorded',
                    points: baseSeries.data.points.map((p) => ({ date: p.date, total: p.total_pct })),
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
      <ElasticityEditor base={base} overrides={overrides} date={view.date} />
      <StrategyEditor threshold={threshold} decay={decay} setThreshold={setThreshold} setDecay={setDecay} />
      <ReRun scenario={view.scenario} overrides={overrides} threshold={threshold} decay={decay} />
      <Compare view={view} set={set} scenarios={scenarios} group={group} />
      <Upload onSaved={(name) => set({ compare: name })} />
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

/** The trade response (GET/POST /response), the CLI `response` document. */
type Response = TradeResponse;

function ElasticityEditor({ base, overrides, date }: { base: string; overrides: Override[]; date: string }) {
  const [sigma, setSigma] = useState(1.5);
  const [em, setEm] = useState(-1.5);
  const [ex, setEx] = useState(99);
  const [withTariff, setWithTariff] = useState(false);
  const [edited, setEdited] = useState<Response | null>(null);
  const [err, setErr] = useState<ApiFailure | null>(null);
  const recorded = useApi<Response>(`${base}/response${qs({ at: date })}`);
  const applied = withTariff ? overrides : [];
  const asRecorded = sigma === 1.5 && em === -1.5 && ex === 99 && applied.length === 0;
  useEffect(() => {
    if (asRecorded) {
      setEdited(null);
      return;
    }
    // the response re-prices every tariff line (about half a second of server work): wait for
    // the user to stop typing, so tariff-layer edits above stay instant
    const t = setTimeout(
      () => {
        api<Response>(`${base}/response`, {
          body: { at: date, overrides: applied, elasticities: { sigma, epsilon_m: em, epsilon_x: ex } },
        })
          .then((r) => (setEdited(r), setErr(null)))
          .catch((e: ApiFailure) => setErr(e));
      },
      applied.length ? 800 : 250,
    );
    return () => clearTimeout(t);
  }, [base, date, sigma, em, ex, asRecorded, JSON.stringify(applied)]);
  const shownEdited = asRecorded ? recorded.data : edited;
  const rows = (r: Response, tag: string) => [
    {
      key: `${tag}-change`,
      label: `${tag}: change in US imports from China`,
      value: r.china.change_usd,
      color: tag === 'edited' ? '#dd6b20' : '#2b6cb0',
    },
    {
      key: `${tag}-diversion`,
      label: `${tag}: trade diverted to others`,
      value: r.china.diversion_usd,
      color: tag === 'edited' ? '#f6ad55' : '#63b3ed',
    },
  ];
  return (
    <Section
      title="Change an elasticity"
      intro="Partial-equilibrium response of US imports (exact CES, the default model of CLI and API) on the selected date, with your elasticities (and, if you tick it, the tariff edit above), against the scenario's own."
    >
      <div className="form" role="group" aria-label="Elasticities">
        <label>
          Substitution between suppliers (sigma){' '}
          <input
            type="number"
            step={0.25}
            min={0.25}
            max={100}
            value={sigma}
            onChange={(e) => setSigma(Number(e.target.value))}
            data-testid="el-sigma"
          />
        </label>
        <label>
          Import demand (epsilon_m){' '}
          <input
            type="number"
            step={0.25}
            max={-0.05}
            min={-100}
            value={em}
            onChange={(e) => setEm(Number(e.target.value))}
          />
        </label>
        <label>
          Export supply (epsilon_x){' '}
          <input
            type="number"
            step={1}
            min={0.1}
            max={1000}
            value={ex}
            onChange={(e) => setEx(Number(e.target.value))}
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={withTariff}
            onChange={(e) => setWithTariff(e.target.checked)}
            disabled={!overrides.length}
          />{' '}
          with the tariff edit above
        </label>
      </div>
      {err ? <ErrorBox error={err} /> : null}
      {recorded.error ? <ErrorBox error={recorded.error} /> : null}
      {shownEdited && recorded.data ? (
        <HBars
          id="chart-editor-response"
          title={`Trade response on ${fmtDate(date)}: recorded vs edited`}
          rows={[...rows(recorded.data, 'recorded'), ...rows(shownEdited, 'edited')].map((r) => ({
            ...r,
            value: Math.abs(r.value) / 1e9,
            detail: usd(r.value),
          }))}
          fmt={(v) => `$${v.toFixed(1)} bn`}
          csvHeader="usd_bn_absolute"
          note={`Recorded elasticities: ${recorded.data.basis.elasticities}. Bars show magnitudes; imports from China fall, diverted trade rises.`}
        />
      ) : (
        !err && <Loading what="the trade response" />
      )}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------

function StrategyEditor({
  threshold,
  decay,
  setThreshold,
  setDecay,
}: {
  threshold: number;
  decay: number;
  setThreshold: (x: number) => void;
  setDecay: (x: number) => void;
}) {
  const [res, setRes] = useState<{
    players: string[];
    ranking: number[];
    medianNormalisedScore: number[];
  } | null>(null);
  const [err, setErr] = useState<ApiFailure | null>(null);
  useEffect(() => {
    const t = setTimeout(() => {
      api<typeof res>('/api/game/tournament', {
        body: {
          players: [
            `TACO(threshold=${threshold},decay=${decay})`,
            'TitForTat',
            'Defector',
            'Grudger',
            'Cooperator',
            'FightOrTalk',
            'GenerousTitForTat',
          ],
          turns: 200,
          repetitions: 3,
        },
      })
        .then((r) => (setRes(r), setErr(null)))
        .catch((e: ApiFailure) => setErr(e));
    }, 150);
    return () => clearTimeout(t);
  }, [threshold, decay]);
  return (
    <Section
      title="Change a strategy parameter"
      intro="TACO escalates, then backs down once the pain passes a threshold. Change how much pain it takes and how fast it fades, and see how it ranks against the field."
    >
      <div className="form" role="group" aria-label="TACO parameters">
        <label>
          Pain threshold{' '}
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            value={threshold}
            onChange={(e) => setThreshold(Number(e.target.value))}
            data-testid="taco-threshold"
          />
        </label>
        <label>
          Decay{' '}
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={decay}
            onChange={(e) => setDecay(Number(e.target.value))}
          />
        </label>
      </div>
      {err ? <ErrorBox error={err} /> : null}
      {res ? (
        <HBars
          id="chart-editor-strategy"
          title="Tournament ranking with the edited TACO"
          rows={res.ranking.map((i) => ({
            key: res.players[i],
            label: res.players[i],
            value: res.medianNormalisedScore[i],
            color: res.players[i].startsWith('TACO') ? '#dd6b20' : '#2b6cb0',
          }))}
          fmt={(v) => v.toFixed(3)}
          csvHeader="median_normalised_score"
        />
      ) : null}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------

function ReRun({
  scenario,
  overrides,
  threshold,
  decay,
}: {
  scenario: string;
  overrides: Override[];
  threshold: number;
  decay: number;
}) {
  const [runs, setRuns] = useState(1000);
  const a = useRun();
  const b = useRun();
  const busy = [a.state.status, b.state.status].some(
    (x) => x === 'starting' || x === 'queued' || x === 'running',
  );
  const go = async () => {
    await a.start({ scenario, runs, seed: 1 });
    await b.start({
      scenario,
      runs,
      seed: 1,
      options: {
        overrides,
        strategies: { US: { name: 'TACO', params: { threshold, decay, reescalate: 1 } } },
      },
    });
  };
  const ra = a.state.result;
  const rb = b.state.result;
  const rows = (r: MonteCarloResult, tag: string, color: string) => [
    {
      key: `${tag}-framework`,
      label: `${tag}: framework approved by ${r.outcomes.framework.by}`,
      value: r.outcomes.framework.probability * 100,
      color,
    },
    {
      key: `${tag}-truce`,
      label: `${tag}: Geneva truce collapses`,
      value: r.outcomes.truce_collapses.probability * 100,
      color,
    },
    {
      key: `${tag}-escalation`,
      label: `${tag}: escalation above April peak`,
      value: r.outcomes.escalation_above_april_2025_peak.probability * 100,
      color,
    },
    {
      key: `${tag}-us-first`,
      label: `${tag}: the US concedes first`,
      value: (r.outcomes.first_concession[r.actors[0]] ?? 0) * 100,
      color,
    },
  ];
  const median = (r: MonteCarloResult, name: string, color: string, dash = false) => ({
    name,
    color,
    dash,
    points: r.weeks
      .filter((w) => typeof w[`tariff_${r.actors[0]}_on_${r.actors[1]}_pct`] === 'object')
      .map((w) => ({
        date: w.date,
        value: (w[`tariff_${r.actors[0]}_on_${r.actors[1]}_pct`] as { p50: number }).p50,
      })),
  });
  return (
    <Section
      title="Re-run the negotiation with these edits"
      intro={`Two Monte Carlo runs with the same seed: the scenario as recorded, and with your tariff layer${overrides.length ? ` (${overrides[0].authority} ${overrides[0].pct}% from ${overrides[0].from})` : ' (none set)'} and TACO threshold ${threshold}, decay ${decay}.`}
    >
      <div className="form">
        <label>
          Runs each{' '}
          <input
            type="number"
            min={100}
            max={20000}
            step={100}
            value={runs}
            onChange={(e) => setRuns(Number(e.target.value))}
          />
        </label>
        <button type="button" onClick={() => void go()} disabled={busy} data-testid="rerun">
          {busy ? 'Running...' : 'Re-run and compare'}
        </button>
        {a.state.id ? (
          <span data-testid="rerun-status">
            recorded: {a.state.status} {Math.round(a.state.progress * 100)}%; edited: {b.state.status}{' '}
            {Math.round(b.state.progress * 100)}%
          </span>
        ) : null}
      </div>
      {a.state.error ? <ErrorBox error={a.state.error} /> : null}
      {b.state.error ? <ErrorBox error={b.state.error} /> : null}
      {ra && rb ? (
        <>
          <HBars
            id="chart-rerun-outcomes"
            title="Outcome odds: recorded vs edited"
            rows={[...rows(ra, 'recorded', '#2b6cb0'), ...rows(rb, 'edited', '#dd6b20')]}
            fmt={(v) => `${v.toFixed(1)}%`}
            csvHeader="probability_pct"
          />
          <LineChart
            id="chart-rerun-tariff"
            title={`Median ${ra.actors[0]} tariff on ${ra.actors[1]}: recorded vs edited`}
            series={[median(ra, 'recorded', '#2b6cb0'), median(rb, 'edited', '#dd6b20', true)]}
            yFmt={(v) => `${v}%`}
            height={220}
          />
        </>
      ) : null}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------

function Compare({ view, set, scenarios, group }: PanelProps & { scenarios: ScenarioInfo[]; group: string }) {
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
      intro="The same view on two scenarios: upload one below (it can extend london-2025 and change a few measures) and pick it here."
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
                {s.name}
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
      <div className="grid2 compare">
        {a.error ? <ErrorBox error={a.error} /> : null}
        {a.data ? (
          <TimeStackedBars
            id="chart-compare-a"
            title={view.scenario}
            points={a.data.points.map((p) => ({ date: p.date, layers: p.layers, total: p.total_pct }))}
            authorities={a.data.authorities}
            marker={view.date}
            height={240}
          />
        ) : null}
        {b.error ? <ErrorBox error={b.error} /> : null}
        {b.data ? (
          <TimeStackedBars
            id="chart-compare-b"
            title={other}
            points={b.data.points.map((p) => ({ date: p.date, layers: p.layers, total: p.total_pct }))}
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

function Upload({ onSaved }: { onSaved: (name: string) => void }) {
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
