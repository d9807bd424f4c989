// The headline figures of two scenarios side by side on the view's date: both trade-weighted
// averages, each claim's verdict, and the outcome odds of each scenario's latest stored run (as
// recorded, no what-if options). The library computes every figure; this only lays them out.
import { useEffect, useState } from 'react';
import { api, enc, qs, type ClaimsReport, type EffectiveSeries } from '../../api.ts';
import { pct } from '../../charts/util.ts';
import type { MonteCarloResult } from '../../runs.ts';
import { useApi } from '../../state.ts';
import { OddsBasisNote } from '../TrackRecord.tsx';

interface RunRow {
  id: string;
  scenario: string;
  status: string;
  params: Record<string, unknown>;
}

function useFigures(scenario: string, date: string) {
  const base = `/api/scenarios/${enc(scenario)}`;
  const eff = (importer: string, exporter: string) =>
    `${base}/effective${qs({ importer, exporter, from: date, to: date, step: 'day' })}`;
  const usCn = useApi<EffectiveSeries>(scenario ? eff('US', 'CN') : null);
  const cnUs = useApi<EffectiveSeries>(scenario ? eff('CN', 'US') : null);
  const claims = useApi<ClaimsReport>(scenario ? `${base}/claims` : null);
  const [run, setRun] = useState<MonteCarloResult | null | 'none'>(null);
  useEffect(() => {
    if (!scenario) return;
    let live = true;
    void api<{ runs: RunRow[] }>('/api/runs')
      .then(async (r) => {
        const mine = r.runs.find((x) => x.scenario === scenario && x.status === 'done' && !x.params.options);
        const res = mine
          ? (await api<{ result: MonteCarloResult }>(`/api/runs/${mine.id}/result`)).result
          : 'none';
        if (live) setRun(res);
      })
      .catch(() => live && setRun('none'));
    return () => {
      live = false;
    };
  }, [scenario]);
  return {
    // every figure answered (or failed): the odds-basis note may ask for the track record now
    settled: [usCn, cnUs, claims].every((x) => !x.loading) && run !== null,
    usCn: usCn.data?.points[0]?.average_pct ?? null,
    cnUs: cnUs.data?.points[0]?.average_pct ?? null,
    claims: claims.data?.claims ?? null,
    run,
  };
}

export function CompareFigures({ left, right, date }: { left: string; right: string; date: string }) {
  const a = useFigures(left, date);
  const b = useFigures(right, date);
  const odds = (r: MonteCarloResult | null | 'none', key: 'framework' | 'truce_collapses') =>
    r === null
      ? '...'
      : r === 'none'
        ? 'no stored run'
        : r.outcomes?.[key]
          ? pct(r.outcomes[key].probability * 100)
          : 'not in this run';
  const rows: { key: string; label: string; a: string; b: string }[] = [
    {
      key: 'avg-us-cn',
      label: 'US on goods from China, trade-weighted average (additional duties, 2024 weights)',
      a: a.usCn === null ? '...' : pct(a.usCn),
      b: b.usCn === null ? '...' : pct(b.usCn),
    },
    {
      key: 'avg-cn-us',
      label: 'China on goods from the US, trade-weighted average (additional duties, 2024 weights)',
      a: a.cnUs === null ? '...' : pct(a.cnUs),
      b: b.cnUs === null ? '...' : pct(b.cnUs),
    },
    {
      key: 'odds-framework',
      label: 'Framework approved (latest stored run as recorded)',
      a: odds(a.run, 'framework'),
      b: odds(b.run, 'framework'),
    },
    {
      key: 'odds-truce',
      label: 'Geneva truce collapses (latest stored run as recorded)',
      a: odds(a.run, 'truce_collapses'),
      b: odds(b.run, 'truce_collapses'),
    },
  ];
  for (const c of a.claims ?? []) {
    const other = b.claims?.find((x) => x.id === c.id);
    rows.push({
      key: `claim-${c.id}`,
      label: `Claim: ${c.by}, "${c.quote}"`,
      a: c.verdict.replace(/_/g, ' '),
      b: b.claims === null ? '...' : other ? other.verdict.replace(/_/g, ' ') : 'not in this scenario',
    });
  }
  return (
    <table className="table" data-testid="compare-figures">
      <caption>
        On {date}: each figure from the same library call on both scenarios (percent; odds from each
        scenario's latest stored Monte Carlo run without what-if options, with its own run count and seed)
      </caption>
      <thead>
        <tr>
          <th>Figure</th>
          <th>{left}</th>
          <th>{right || '(choose)'}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-figure={r.key} data-differs={r.a !== r.b ? 'yes' : 'no'}>
            <td>{r.label}</td>
            <td>{r.a}</td>
            <td>{r.b}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3}>
            <OddsBasisNote after={a.settled && (!right || b.settled)} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
