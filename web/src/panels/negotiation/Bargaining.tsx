// Rubinstein alternating-offers bargaining with outside options, re-solved as the sliders move.
import { useEffect, useState } from 'react';
import { api, ApiFailure, type BargainingReport } from '../../api.ts';
import { HBars } from '../../charts/charts.tsx';
import { ErrorBox, Section } from '../common.tsx';

export function Bargaining() {
  const [d1, setD1] = useState(0.9);
  const [d2, setD2] = useState(0.8);
  const [o1, setO1] = useState(0);
  const [o2, setO2] = useState(0.3);
  const [res, setRes] = useState<BargainingReport['rubinstein']>(null);
  const [err, setErr] = useState<ApiFailure | null>(null);
  useEffect(() => {
    const t = setTimeout(() => {
      api<BargainingReport>('/api/game/bargaining', {
        body: { method: 'rubinstein', delta1: d1, delta2: d2, outside1: o1, outside2: o2 },
      })
        .then((r) => (setRes(r.rubinstein), setErr(null)))
        .catch((e: ApiFailure) => setErr(e));
    }, 120);
    return () => clearTimeout(t);
  }, [d1, d2, o1, o2]);
  const slider = (label: string, v: number, set: (x: number) => void, max = 0.99) => (
    <label className="slider">
      {label}{' '}
      <input
        type="range"
        min={0}
        max={max}
        step={0.01}
        value={v}
        onChange={(e) => set(Number(e.target.value))}
        aria-valuetext={v.toFixed(2)}
      />{' '}
      <output>{v.toFixed(2)}</output>
    </label>
  );
  return (
    <Section
      title="Who gets what: alternating offers"
      intro="Rubinstein bargaining with outside options: patience (discount factors) and what each side can get by walking away (e.g. a rare-earth lever) set the split."
    >
      <div className="form">
        {slider('US patience (delta)', d1, setD1)}
        {slider('China patience (delta)', d2, setD2)}
        {slider('US outside option', o1, setO1, 0.9)}
        {slider('China outside option', o2, setO2, 0.9)}
      </div>
      {err ? <ErrorBox error={err} /> : null}
      {res ? (
        <HBars
          id="chart-bargaining"
          unit="percent of the surplus"
          title={
            res.agreement
              ? 'Equilibrium split of the gains from a deal'
              : 'No agreement: outside options exceed the pie'
          }
          subtitle={`binding outside option: ${res.binding.outside1 ? 'US' : res.binding.outside2 ? 'China' : 'none'}`}
          rows={[
            { key: 'US', label: 'United States (moves first)', value: res.share1 * 100, color: '#2b6cb0' },
            { key: 'CN', label: 'China', value: res.share2 * 100, color: '#c53030' },
          ]}
          fmt={(v) => `${v.toFixed(1)}%`}
          csvHeader="share_pct"
        />
      ) : null}
    </Section>
  );
}
