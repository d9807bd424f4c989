import { useEffect, useState } from 'react';
import { api, ApiFailure, enc, qs, type Exposure, type IoShockResult } from '../api.ts';
import { HBars, LineChart, Sankey } from '../charts/charts.tsx';
import { fmtDate, pct, sharePct, usd, usdM } from '../charts/util.ts';
import { useApi } from '../state.ts';
import { BottleneckSection } from './Bottleneck.tsx';
import { ErrorBox, Loading, Section, type PanelProps } from './common.tsx';

export function RareEarths({ view, set }: PanelProps) {
  const ex = useApi<Exposure>(
    `/api/scenarios/${enc(view.scenario)}/exposure${qs({ from: '2025-03-07', weeks: 43 })}`,
  );
  const e = ex.data;
  const now = e?.licensing.filter((l) => l.date <= view.date).pop();
  return (
    <div className="panel" data-testid="panel-rare-earths">
      {ex.error ? <ErrorBox error={ex.error} /> : null}
      {!e && !ex.error ? (
        <Loading what="rare-earth exposure (the input-output model takes a few seconds the first time)" />
      ) : null}
      {e ? (
        <>
          <Section
            title="Licensing of rare-earth exports"
            intro={
              now ? (
                <>
                  Week of {fmtDate(now.date)}:{' '}
                  {now.in_force && now.licence_required ? (
                    <>
                      licences required; about <strong>{pct(now.flow_share * 100, 0)}</strong> of normal
                      exports get through{now.assumption ? ' (assumption)' : ''}.
                    </>
                  ) : (
                    'no licensing in force.'
                  )}{' '}
                  {now.basis ?? ''}
                </>
              ) : null
            }
          >
            <LineChart
              id="chart-licensing"
              unit="percent of normal exports"
              title="Share of normal rare-earth exports that gets through"
              subtitle="China's export control of April 2025 and the licensing regime after the London framework, week by week"
              series={[
                {
                  name: 'exports getting through (%)',
                  color: '#2f855a',
                  points: e.licensing.map((l) => ({
                    date: l.date,
                    value: sharePct(l.flow_share),
                  })),
                  area: true,
                },
              ]}
              yMax={100}
              yFmt={(v) => `${v}%`}
              marker={view.date}
              step
              height={220}
            />
            <LineChart
              id="chart-weekly-loss"
              unit="USD millions a week (2011 table scale)"
              title="Weekly output loss from the cut"
              subtitle="Downstream (industries using the inputs, Ghosh forward model) and upstream (China's suppliers, Leontief backward), USD millions per week at 2011 scale"
              series={[
                {
                  name: 'downstream loss',
                  color: '#c53030',
                  points: e.weekly.map((w) => ({
                    date: w.date,
                    value: Math.round(w.downstream_loss_usd_m * 100) / 100,
                  })),
                },
                {
                  name: 'upstream loss',
                  color: '#718096',
                  points: e.weekly.map((w) => ({
                    date: w.date,
                    value: Math.round(w.upstream_loss_usd_m * 100) / 100,
                  })),
                },
              ]}
              yFmt={(v) => `$${v} m`}
              marker={view.date}
              height={220}
            />
          </Section>
          <Section title="Exposure by industry and country" intro={e.basis.assumption}>
            <div>
              <HBars
                id="chart-industries"
                unit="USD millions a year"
                title="Output loss by industry at a full cut (outside China)"
                rows={e.industries.slice(0, 10).map((i) => ({
                  key: i.sector,
                  label: i.name,
                  value: i.loss_usd_m,
                  detail: `${(i.loss_share * 100).toFixed(4)}% of the industry's output`,
                }))}
                fmt={usdM}
                csvHeader="loss_usd_millions_per_year"
              />
              <HBars
                id="chart-countries"
                unit="USD millions a year"
                title="Output loss by country at a full cut"
                rows={e.countries.slice(0, 10).map((c) => ({
                  key: c.region,
                  label: c.region,
                  value: c.loss_usd_m,
                  color: '#805ad5',
                  detail: `${(c.loss_share * 100).toFixed(4)}% of the country's output`,
                }))}
                fmt={usdM}
                csvHeader="loss_usd_millions_per_year"
              />
            </div>
            <HBars
              id="chart-face-value"
              unit="percent of US imports"
              title="China's share of US imports, rare-earth lines (2024)"
              rows={e.face_value.lines.map((l) => ({
                key: l.hs,
                label: `${l.hs} ${l.product}`,
                value: l.china_share * 100,
                color: '#dd6b20',
                detail: `${usd(l.from_china_usd)} of ${usd(l.us_imports_usd)}`,
              }))}
              fmt={(v) => pct(v)}
              csvHeader="china_share_pct"
            />
          </Section>
          <Section
            title="From rare earths to magnets to industries to countries"
            intro={e.basis.flow_diagram}
          >
            <Sankey
              id="chart-flow"
              unit="diagram width (see the note: what a link counts)"
              title="Where a rare-earth cut lands"
              stageTitles={['Materials', 'China: supplying industry', 'Using industries', 'Countries']}
              nodes={e.flow.nodes}
              links={e.flow.links}
              note={e.basis.table}
            />
          </Section>
        </>
      ) : null}
      <BottleneckSection view={view} set={set} />
      <IoShock />
    </div>
  );
}

/** The shock as the answer states it, with its unit (it differs by kind). */
const shockText = (r: IoShockResult) =>
  r.output_change_share !== null
    ? `output ${pct(r.output_change_share * 100, 1)}`
    : `final demand ${usdM(r.demand_change_usd_m ?? 0)}`;

/** What an output drop or a demand change in one industry does to others (Leontief / Ghosh). */
function IoShock() {
  const labels = useApi<{ regions: string[]; sectors: { code: string; name: string }[] }>('/api/io/sectors');
  const [region, setRegion] = useState('USA');
  const [sector, setSector] = useState('c14');
  const [kind, setKind] = useState<'demand' | 'supply'>('supply');
  const [change, setChange] = useState(-10);
  const [res, setRes] = useState<IoShockResult | null>(null);
  const [err, setErr] = useState<ApiFailure | null>(null);
  useEffect(() => {
    const t = setTimeout(() => {
      // supply: proportional change of the industry's output; demand: change of final demand, USD millions
      const body = {
        kind,
        sector: `${region}:${sector}`,
        change: kind === 'supply' ? change / 100 : change * 1000,
        top: 10,
      };
      api<IoShockResult>('/api/io/shock', { body })
        .then((r) => (setRes(r), setErr(null)))
        .catch((e: ApiFailure) => setErr(e));
    }, 200);
    return () => clearTimeout(t);
  }, [region, sector, kind, change]);
  return (
    <Section
      title="Input-output shock explorer"
      intro="Cut one industry's output (Ghosh, forward: its buyers lose inputs) or change the final demand for it (Leontief, backward: its suppliers sell less), and see which industries and countries move most."
    >
      <div className="form" role="group" aria-label="Shock">
        <label>
          Country{' '}
          <select value={region} onChange={(e) => setRegion(e.target.value)}>
            {(labels.data?.regions ?? ['USA']).map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Industry{' '}
          <select value={sector} onChange={(e) => setSector(e.target.value)}>
            {(labels.data?.sectors ?? [{ code: 'c14', name: 'Electrical and Optical Equipment' }]).map(
              (x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ),
            )}
          </select>
        </label>
        <label>
          Shock{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as 'demand' | 'supply')}>
            <option value="supply">output change (%)</option>
            <option value="demand">final demand change (USD bn)</option>
          </select>
        </label>
        <label>
          Size{' '}
          <input
            type="number"
            step={1}
            value={change}
            onChange={(e) => setChange(Number(e.target.value))}
            data-testid="shock-size"
          />
        </label>
      </div>
      {err ? <ErrorBox error={err} /> : null}
      {res ? (
        <HBars
          id="chart-io-shock"
          unit={`gross output change, ${res.unit}`}
          title={`Largest output changes after a shock to ${res.sector} (${res.name ?? ''})`}
          subtitle={`Shock: ${shockText(res)}. Changes of gross output, ${res.unit}.`}
          rows={res.top.map((t) => ({
            key: `${t.region}:${t.sector}`,
            label: `${t.region} ${t.name ?? t.sector}`,
            value: t.change_usd_m,
            color: t.change_usd_m < 0 ? '#c53030' : '#2f855a',
            detail: `${(t.change_share * 100).toFixed(3)}% of its output`,
          }))}
          fmt={usdM}
          csvHeader="change_usd_millions"
        />
      ) : null}
    </Section>
  );
}
