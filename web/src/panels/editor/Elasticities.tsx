// The editor's elasticity section: the trade response on the selected date with edited
// elasticities (and optionally the tariff edit), against the scenario's own.
import { useEffect, useState } from 'react';
import { api, ApiFailure, qs, type TradeResponse } from '../../api.ts';
import { HBars } from '../../charts/charts.tsx';
import { fmtDate, usd } from '../../charts/util.ts';
import { useApi } from '../../state.ts';
import { ErrorBox, Loading, Section } from '../common.tsx';
import type { Override } from './types.ts';

/** A number field's value; '' (empty or half-typed) is not a number, not 0. */
const num = (v: string) => (v.trim() === '' ? NaN : Number(v));

/** The trade response (GET/POST /response), the CLI `response` document. */
type Response = TradeResponse;

export function ElasticityEditor({
  base,
  overrides,
  date,
  edit,
  setEdit,
}: {
  base: string;
  overrides: Override[];
  date: string;
  /** The edit as kept in the URL: sigma|epsilon_m|epsilon_x|t ('' = the scenario's own). */
  edit: string;
  setEdit: (el: string) => void;
}) {
  const [edited, setEdited] = useState<Response | null>(null);
  const [err, setErr] = useState<ApiFailure | null>(null);
  const recorded = useApi<Response>(`${base}/response${qs({ at: date })}`);
  // the fields start from the elasticities the response actually used (the scenario's own)
  const used = recorded.data?.elasticities_used;
  const parts = edit ? edit.split('|') : [];
  const sigma = parts.length ? Number(parts[0]) : (used?.sigma ?? NaN);
  const em = parts.length ? Number(parts[1]) : (used?.epsilon_m ?? NaN);
  const ex = parts.length ? Number(parts[2]) : (used?.epsilon_x ?? NaN);
  const withTariff = parts[3] === 't';
  const put = (next: { sigma?: number; em?: number; ex?: number; withTariff?: boolean }) => {
    if (!used) return;
    const v = { sigma, em, ex, withTariff, ...next };
    if (![v.sigma, v.em, v.ex].every(Number.isFinite)) return; // a half-typed number: wait
    const same = v.sigma === used.sigma && v.em === used.epsilon_m && v.ex === used.epsilon_x;
    setEdit(same && !v.withTariff ? '' : `${v.sigma}|${v.em}|${v.ex}${v.withTariff ? '|t' : ''}`);
  };
  const applied = withTariff ? overrides : [];
  const asRecorded =
    !edit ||
    (!!used && sigma === used.sigma && em === used.epsilon_m && ex === used.epsilon_x && !applied.length);
  useEffect(() => {
    if (asRecorded || !used) {
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
  }, [base, date, sigma, em, ex, asRecorded, !!used, JSON.stringify(applied)]);
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
      intro={`Partial-equilibrium response of US imports (exact CES, the default model of CLI and API) on the selected date, with your elasticities (and, if you tick it, the tariff edit above), against the scenario's own${used ? ` (sigma ${used.sigma}, epsilon_m ${used.epsilon_m}, epsilon_x ${used.epsilon_x}${used.overrides ? `, plus ${used.overrides} product or group override(s)` : ''}; the fields start there)` : ''}.`}
    >
      <div className="form" role="group" aria-label="Elasticities">
        <label>
          Substitution between suppliers (sigma){' '}
          <input
            type="number"
            step={0.25}
            min={0.25}
            max={100}
            value={Number.isFinite(sigma) ? sigma : ''}
            onChange={(e) => put({ sigma: num(e.target.value) })}
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
            value={Number.isFinite(em) ? em : ''}
            onChange={(e) => put({ em: num(e.target.value) })}
            data-testid="el-epsilon-m"
          />
        </label>
        <label>
          Export supply (epsilon_x){' '}
          <input
            type="number"
            step={1}
            min={0.1}
            max={1000}
            value={Number.isFinite(ex) ? ex : ''}
            onChange={(e) => put({ ex: num(e.target.value) })}
            data-testid="el-epsilon-x"
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={withTariff}
            onChange={(e) => put({ withTariff: e.target.checked })}
            data-testid="el-with-tariff"
            disabled={!overrides.length}
          />{' '}
          with the tariff edit above
        </label>
        <button type="button" onClick={() => setEdit('')} disabled={!edit} data-testid="el-reset">
          Reset to the scenario's
        </button>
      </div>
      {err ? <ErrorBox error={err} /> : null}
      {recorded.error ? <ErrorBox error={recorded.error} /> : null}
      {shownEdited && recorded.data ? (
        <HBars
          id="chart-editor-response"
          unit="USD billions (absolute value)"
          title={`Trade response on ${fmtDate(date)}: recorded vs edited`}
          rows={[...rows(recorded.data, 'recorded'), ...rows(shownEdited, 'edited')].map((r) => ({
            ...r,
            value: Math.abs(r.value) / 1e9,
            detail: usd(r.value),
          }))}
          fmt={(v) => usd(v * 1e9)}
          csvHeader="usd_bn_absolute"
          note={`Recorded elasticities: ${recorded.data.basis.elasticities}. Bars show magnitudes; imports from China fall, diverted trade rises.`}
        />
      ) : (
        !err && <Loading what="the trade response" />
      )}
    </Section>
  );
}
