// Thin client of the Leverage HTTP API. Errors come back as {error: {code, message, path?}}.
// Response types are the report layer's own (type-only imports: nothing of src/ is bundled).
import type { AgreementState } from '../../src/ledger/index.ts';
import type { ClaimCheck } from '../../src/trade/index.ts';
import type { TournamentResult } from '../../src/game/index.ts';
import type {
  BargainingReport,
  BottleneckReport,
  ClaimsReport,
  EffectiveRates,
  ExposureView,
  GroupStacks,
  IoShockReport,
  LedgerReport,
  TariffStackPoint,
  TariffStackSeries,
  TimelineInterval,
  TimelineReport,
  TimelineRow as TimelineReportRow,
  TradeResponse,
  strategyCatalogue,
} from '../../src/report/index.ts';

export type { AgreementState, BargainingReport, ClaimCheck, ClaimsReport, TradeResponse };
/** The rare-earth exposure view (GET /api/scenarios/:name/exposure): `_usd_m` in USD millions. */
export type Exposure = ExposureView;
/** An input-output shock (POST /api/io/shock): the shock in its kind's unit, changes in USD millions. */
export type IoShockResult = IoShockReport;
/** The rare-earth bottleneck (stock-flow) view (GET /api/scenarios/:name/exposure/bottleneck). */
export type Bottleneck = BottleneckReport;
/** The ledger on a date, as the report layer computes it (GET /api/scenarios/:name/ledger). */
export type Ledger = LedgerReport;
/** A round robin (POST /api/game/tournament): the game engine's result, with each player's strategy. */
export type Tournament = TournamentResult & { strategies: { name: string; stochastic: boolean }[] };
/** One strategy of the registry (GET /api/game/strategies). */
export type StrategyInfo = ReturnType<typeof strategyCatalogue>['strategies'][number];
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

declare global {
  interface Window {
    /** Requests index.html started before the app loaded (the overview's), by path. */
    __prefetch?: Record<string, Promise<{ status: number; ok: boolean; text: string }>>;
  }
}

/** A GET that index.html already started: used once, then forgotten. */
function prefetched(path: string): Promise<{ status: number; ok: boolean; text: string }> | null {
  const p = window.__prefetch?.[path];
  if (!p) return null;
  delete window.__prefetch![path];
  return p;
}

export async function api<T>(
  path: string,
  init?: { method?: string; body?: unknown; signal?: AbortSignal },
): Promise<T> {
  const early = init?.body === undefined && !init?.method ? prefetched(path) : null;
  let status: number;
  let ok: boolean;
  let text: string;
  if (early) ({ status, ok, text } = await early);
  else {
    const res = await fetch(path, {
      method: init?.method ?? (init?.body !== undefined ? 'POST' : 'GET'),
      headers: init?.body !== undefined ? { 'content-type': 'application/json' } : undefined,
      body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: init?.signal,
    });
    status = res.status;
    ok = res.ok;
    text = await res.text();
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiFailure(status, 'bad_response', `the server answered ${status} with non-JSON content`);
  }
  if (!ok) {
    const e = (json as { error?: { code?: string; message?: string; path?: string; details?: unknown } })
      ?.error;
    throw new ApiFailure(status, e?.code ?? 'error', e?.message ?? `HTTP ${status}`, e?.path, e?.details);
  }
  return json as T;
}

export const enc = encodeURIComponent;

export function qs(o: Record<string, string | number | undefined | null>): string {
  const p = Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return p.length ? '?' + p.map(([k, v]) => `${enc(k)}=${enc(String(v))}`).join('&') : '';
}

// ----- response types (the parts the dashboard reads)

/** Measures and agreements as dated intervals, and every event (GET /timeline, CLI `timeline`). */
export type Interval = TimelineInterval;
export type TimelineRow = TimelineReportRow;
export type Timeline = TimelineReport;
/** The stack of a selection over time (GET /tariffs): period means, by line count. */
export type TariffPoint = TariffStackPoint;
export type TariffSeries = TariffStackSeries;
/** Trade-weighted effective rates (GET /effective), the CLI `tariffs` document. */
export type EffectiveSeries = EffectiveRates;
export interface ScenarioInfo {
  name: string;
  builtin: boolean;
  title: string | null;
  /** The scenario an upload extends (null: none, or a built-in). */
  extends?: string | null;
  valid: boolean;
  /** The scenario's views.date: the dashboard's date when the address has none (null: none). */
  date?: string | null;
  error?: string;
}
export interface ScenarioDetail {
  name: string;
  builtin: boolean;
  authorities: { authority: string; importer: string; exporters: string[] }[];
  groups: { id: string; title: string }[];
  scenario: {
    id: string;
    title: string;
    description?: string;
    as_of?: string;
    actors: Record<string, { name: string; kind?: string }>;
    parameters?: {
      simulation?: {
        strategies?: Record<string, { name: string; params?: Record<string, number | string | boolean> }>;
      };
    };
  };
}
/** Each product group's stack on a date (GET /groups). */
export type GroupsOn = GroupStacks;
