import {
  enc,
  qs,
  type EffectiveSeries,
  type GroupsOn,
  type ScenarioDetail,
  type TariffSeries,
} from '../api.ts';
import { HStackRows, LineChart, TimeStackedBars } from '../charts/charts.tsx';
import { colorOf, fmtDate, pct, sharePct } from '../charts/util.ts';
import { useApi } from '../state.ts';
import { DIRS, ErrorBox, GroupOptions, Loading, Section, type PanelProps } from './common.tsx';
import { DailyAverages } from './DailyAverages.tsx';

export function Tariffs({ view, set }: PanelProps) {
  const base = `/api/scenarios/${enc(view.scenario)}`;
  const d = DIRS[view.dir];
  const detail = useApi<ScenarioDetail>(base);
  const group = view.group === 'all' ? undefined : view.group;
  const series = useApi<TariffSeries>(
    `${base}/tariffs${qs({ importer: d.importer, exporter: d.exporter, group, from: '2025-01-01', to: '2025-12-31', step: 'week' })}`,
  );
  const groups = useApi<GroupsOn>(
    `${base}/groups${qs({ date: view.date, importer: d.importer, exporter: d.exporter })}`,
  );
  const effQ = (importer: string, exporter: string) =>
    `${base}/effective${qs({ importer, exporter, from: '2025-01-01', to: '2025-12-31', step: 'week', by: 'authority' })}`;
  const usCn = useApi<EffectiveSeries>(effQ('US', 'CN'));
  const cnUs = useApi<EffectiveSeries>(effQ('CN', 'US'));
  const eff = view.dir === 'US-CN' ? usCn : cnUs;
  const s = series.data;
  const at = s?.points.filter((p) => p.from <= view.date).pop();
  return (
    <div className="panel" data-testid="panel-tariffs">
      <div className="toolbar" role="group" aria-label="Tariff view">
        <fieldset className="seg">
          <legend>Direction</legend>
          {(Object.keys(DIRS) as (keyof typeof DIRS)[]).map((k) => (
            <label key={k} className={view.dir === k ? 'on' : ''}>
              <input
                type="radio"
                name="dir"
                value={k}
                checked={view.dir === k}
                // a product group picked for one side's imports is not the other side's question
                onChange={() => set({ dir: k, group: 'all' })}
                data-testid={`dir-${k}`}
              />{' '}
              {DIRS[k].label}
            </label>
          ))}
        </fieldset>
        <label>
          Products{' '}
          <select
            value={view.group}
            onChange={(e) => set({ group: e.target.value })}
            data-testid="group-select"
          >
            <option value="all">All tariff lines</option>
            <GroupOptions groups={detail.data?.groups} />
          </select>
        </label>
      </div>
      <Section
        title={`Trade-weighted average additional tariff on ${fmtDate(view.date)}, both directions`}
        intro="Each figure: additional duties only (MFN / column-1 rates not included), every layer in force on the date, weighted by fixed 2024 trade (pre-substitution)."
      >
        <div className="cards" data-testid="both-averages">
          {(
            [
              ['US-CN', 'US on goods from China', usCn],
              ['CN-US', 'China on goods from the US', cnUs],
            ] as const
          ).map(([k, label, q]) => {
            const pt = q.data?.points.filter((p) => p.from <= view.date).pop();
            return (
              <div
                className="card"
                key={k}
                data-testid={`average-${k}`}
                data-value={pt ? pt.average_pct : ''}
              >
                <div>{label}</div>
                <strong>{pt ? pct(pt.average_pct) : q.error ? 'unavailable' : '...'}</strong>
                {pt ? (
                  <div className="note">
                    additional duties, MFN not included; by layer (points of the average):{' '}
                    {(pt.by ?? [])
                      .filter((l) => l.average_pct > 0)
                      .map((l) => `${l.name} ${pct(l.average_pct)}`)
                      .join(' + ') || 'none'}
                    ; week of {fmtDate(pt.from)}; weights: {q.data!.basis.weights}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </Section>
      <Section
        title={`${d.label}: ${s ? (s.selection.title ?? (s.selection.all ? 'all tariff lines' : `HS ${s.selection.product}`)) : ''}`}
        intro={
          at ? (
            <>
              Week of {fmtDate(at.from)} (mean over its days): the stack on most tariff lines (by line count)
              is <strong>{pct(at.total_pct)}</strong> ({Math.round(at.modal_share * 100)}% of {s!.line_count}{' '}
              tariff lines); lines range {pct(at.min_total_pct)}-{pct(at.max_total_pct)};{' '}
              {Math.round(at.coverage_share * 100)}% of lines pay an additional duty.
            </>
          ) : null
        }
      >
        {series.error ? <ErrorBox error={series.error} /> : null}
        {!s && !series.error ? <Loading what="the tariff series" /> : null}
        {s ? (
          <TimeStackedBars
            id="chart-tariff-stack"
            unit="percent ad valorem (additional duties)"
            title="Tariff stack by authority, week by week"
            subtitle={`${d.label}; the stack shared by the most tariff lines of the selection (by line count), mean over each week's days (additional duties, MFN not included)`}
            points={s.points.map((p) => ({
              date: p.from,
              layers: p.layers,
              total: p.total_pct,
              extra: { mean: p.mean_pct, coverage: Math.round(p.coverage_share * 1000) / 1000 },
            }))}
            authorities={s.authorities}
            marker={view.date}
            data={{ importer: s.importer, exporter: s.exporter, selection: group ?? 'all' }}
          />
        ) : null}
        {s ? (
          <LineChart
            id="chart-coverage"
            unit="percent (coverage: of tariff lines; mean: ad valorem)"
            title="Coverage and mean stack"
            subtitle="Share of tariff lines with any additional duty, and the unweighted mean of line totals"
            series={[
              {
                name: 'coverage (% of lines)',
                color: '#319795',
                points: s.points.map((p) => ({
                  date: p.from,
                  value: sharePct(p.coverage_share),
                })),
              },
              {
                name: 'mean stack (%)',
                color: '#805ad5',
                points: s.points.map((p) => ({ date: p.from, value: p.mean_pct })),
              },
            ]}
            yFmt={(v) => `${v}%`}
            marker={view.date}
            step
            height={220}
          />
        ) : null}
      </Section>
      <Section
        title={`By product group on ${fmtDate(view.date)}`}
        intro="The most common stack of each named product group's tariff lines."
      >
        {groups.error ? <ErrorBox error={groups.error} /> : null}
        {groups.data ? (
          <HStackRows
            id="chart-groups"
            unit="percent ad valorem (additional duties)"
            title={`Stacks by product group, ${d.label}`}
            rowKeyAttr="group"
            rows={groups.data.groups.map((g) => ({
              key: g.group,
              label: g.title.length > 40 ? g.title.slice(0, 38) + '...' : g.title,
              sub: `${g.line_count} lines${g.min_total_pct !== g.max_total_pct ? `, range ${g.min_total_pct}-${g.max_total_pct}%` : ''}`,
              total: g.total_pct,
              layers: Object.entries(g.layers).map(([name, value]) => ({ name, value })),
            }))}
            note="Click a group in the Products menu above to follow it week by week."
          />
        ) : (
          !groups.error && <Loading what="product groups" />
        )}
      </Section>
      <Section
        title="Both directions"
        intro="Average additional tariff each side levied on the other's goods, weighted by 2024 trade (fixed, pre-substitution weights)."
      >
        {usCn.data && cnUs.data ? (
          <LineChart
            id="chart-both-directions"
            unit="percent ad valorem"
            title="US tariffs on China and China's tariffs on the US, trade-weighted"
            series={[
              {
                name: 'US on goods from China',
                color: '#2b6cb0',
                points: usCn.data.points.map((p) => ({ date: p.from, value: p.average_pct })),
              },
              {
                name: 'China on goods from the US',
                color: '#c53030',
                points: cnUs.data.points.map((p) => ({ date: p.from, value: p.average_pct })),
              },
            ]}
            yFmt={(v) => `${v}%`}
            marker={view.date}
            height={220}
            note={`US side: ${usCn.data.basis.weights}. China side: ${cnUs.data.basis.weights}`}
          />
        ) : usCn.error || cnUs.error ? (
          <ErrorBox error={(usCn.error ?? cnUs.error)!} />
        ) : (
          <Loading what="effective rates" />
        )}
      </Section>
      <Section
        title="Trade-weighted effective rate"
        intro="Average additional duty weighted by 2024 trade (fixed, pre-substitution weights), by authority."
      >
        {eff.error ? <ErrorBox error={eff.error} /> : null}
        {eff.data ? (
          <LineChart
            id="chart-effective"
            unit="percent ad valorem (additional duties)"
            title={`Effective additional tariff, ${d.label}`}
            subtitle={eff.data.basis.weights}
            series={[
              {
                name: 'total',
                color: '#1a202c',
                points: eff.data.points.map((p) => ({ date: p.from, value: p.average_pct })),
                area: true,
              },
              ...(eff.data.points[0]?.by ?? []).map(({ name: a }) => ({
                name: a,
                color: colorOf(a),
                points: eff.data!.points.map((p) => ({
                  date: p.from,
                  value: p.by?.find((x) => x.name === a)?.average_pct ?? 0,
                })),
              })),
            ]}
            yFmt={(v) => `${v}%`}
            marker={view.date}
            note={eff.data.basis.mfn_note}
          />
        ) : (
          !eff.error && <Loading what="effective rates" />
        )}
      </Section>
      <DailyAverages scenario={view.scenario} />
    </div>
  );
}
