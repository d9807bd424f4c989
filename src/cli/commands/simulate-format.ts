// `leverage run|sensitivity|backtest` for a terminal (odds, weekly bands, sensitivity, a run move
// by move) and as CSV files; the odds are also a section of `leverage start`. The figures come
// from src/simulate; this only formats them.
import {
  RUN_SCALARS,
  type BacktestResult,
  type Band,
  type MonteCarloResult,
  type Prepared,
  type RawResults,
  type Story,
} from '../../simulate/index.ts';
import type { OddsBasis } from '../../report/index.ts';
import { fmt, table } from '../output.ts';

const pct = (x: number) => `${fmt(100 * x, 1)}%`;
const bandText = (b: Band, digits = 1) =>
  `${fmt(b.p50, digits)} (${fmt(b.p5, digits)}-${fmt(b.p95, digits)})`;

/** The outcome odds as text (also the `npm start` section), with what they are and their track record. */
export function oddsText(r: MonteCarloResult, basis: OddsBasis): string {
  const [a, b] = r.actors;
  const o = r.outcomes;
  const head = `${r.runs_completed.toLocaleString('en-US')} runs${r.complete ? '' : ` of ${r.runs_requested.toLocaleString('en-US')} (interrupted: partial results)`}, seed ${r.seed}, ${r.horizon_weeks} weeks from ${r.start}`;
  const rows: (string | number)[][] = [
    [
      `framework ${o.framework.agreement ?? '(none announced yet)'} approved by both leaders by ${o.framework.by}`,
      pct(o.framework.probability),
      `± ${pct(o.framework.se)}`,
    ],
    [
      `... approved within the horizon`,
      pct(o.framework_within_horizon.probability),
      `± ${pct(o.framework_within_horizon.se)}`,
    ],
    [
      `truce ${o.truce_collapses.agreement ?? '(none announced yet)'} collapses (walk-away or clock lapses)`,
      pct(o.truce_collapses.probability),
      `± ${pct(o.truce_collapses.se)}`,
    ],
    [
      `escalation above the April 2025 peak (${a} on ${b} ${fmt(Object.values(o.escalation_above_april_2025_peak.peak_pct)[0], 1)}%, ${b} on ${a} ${fmt(Object.values(o.escalation_above_april_2025_peak.peak_pct)[1], 1)}%)`,
      pct(o.escalation_above_april_2025_peak.probability),
      `± ${pct(o.escalation_above_april_2025_peak.se)}`,
    ],
    ...Object.entries(o.first_concession).map(([k, v]) => [
      `first to concede: ${k.replace('_', ' ')}`,
      pct(v),
      '',
    ]),
    ...(o.struck_down.challenges.length
      ? [
          [
            `layers struck down by a court within the horizon (${o.struck_down.challenges.join(', ')})`,
            pct(o.struck_down.probability),
            `± ${pct(o.struck_down.se)}`,
          ],
        ]
      : []),
  ];
  return [head, table(['outcome', basis.label, 'MC s.e.'], rows), basis.note].join('\n');
}

export function humanRun(r: MonteCarloResult, basis: OddsBasis): string {
  const names = Object.keys(r.metrics);
  const step = r.horizon_weeks > 26 ? 4 : 1;
  const marks = r.weeks.filter((w) => w.week % step === step - 1 || w.week === r.horizon_weeks - 1);
  const curve = (c: number[]) => marks.map((w) => `${w.date} ${pct(c[w.week])}`).join(', ');
  const out = [
    `Leverage simulation: ${r.scenario}`,
    oddsText(r, basis),
    '',
    'By date (cumulative share of runs, end of the week starting on):',
    `- framework approved: ${curve(r.curves.framework_approved_by_week)}`,
    `- truce ended: ${curve(r.curves.truce_ended_by_week)}`,
    ...(r.outcomes.struck_down.challenges.length
      ? [
          `- layers struck down by a court (${r.outcomes.struck_down.challenges.join(', ')}): ${curve(r.curves.struck_down_by_week)}`,
        ]
      : []),
    '',
    'Week by week: median (5-95% band)',
  ];
  const rows = r.weeks
    .filter((w) => w.week % step === 0 || w.week === r.horizon_weeks - 1)
    .map((w) => [
      w.date,
      bandText(w[names[0]] as Band),
      bandText(w[names[1]] as Band),
      bandText(w[names[2]] as Band, 2),
      bandText(
        {
          ...(w[names[3]] as Band),
          p5: (w[names[3]] as Band).p5 / 1e6,
          p50: (w[names[3]] as Band).p50 / 1e6,
          p95: (w[names[3]] as Band).p95 / 1e6,
        },
        2,
      ),
      bandText(w[names[4]] as Band, 3),
    ]);
  out.push(
    table(
      ['week of', `${names[0]}`, `${names[1]}`, 'licence flow share', 'output lost USD m/wk', `${names[4]}`],
      rows,
    ),
  );
  if (r.sensitivity.length) {
    out.push(
      '',
      'Sensitivity: P(outcome | parameter in upper quartile) - P(outcome | lower quartile), largest first',
    );
    out.push(
      table(
        ['parameter', 'outcome', 'effect', 'rank corr.'],
        r.sensitivity
          .slice(0, 10)
          .map((s) => [
            s.parameter,
            s.outcome,
            `${s.effect >= 0 ? '+' : ''}${fmt(100 * s.effect, 1)} pts`,
            fmt(s.rank_correlation, 3),
          ]),
      ),
    );
  }
  out.push(
    '',
    'Basis:',
    ...r.basis.map((b) => `- ${b}`),
    `- uncertain: ${r.uncertain.map((u) => u.path).join(', ') || 'none'}`,
  );
  return out.join('\n');
}

function csvCell(v: unknown): string {
  const s = typeof v === 'number' ? String(v) : String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per run: run index, the drawn parameters, outcome weeks (empty = never), who conceded first. */
export function runsTable(p: Prepared, raw: RawResults, n: number): string[] {
  const U = p.uncertain.length;
  const S = RUN_SCALARS.length;
  const who = ['neither', p.actors[0], p.actors[1], 'same week'];
  const lines = [['run', ...p.uncertain.map((u) => u.path), ...RUN_SCALARS].map(csvCell).join(',')];
  for (let r = 0; r < n; r++) {
    const cells: (string | number)[] = [r];
    for (let u = 0; u < U; u++) cells.push(raw.samples[r * U + u]);
    for (let i = 0; i < S - 1; i++) cells.push(raw.scalars[r * S + i] >= 0 ? raw.scalars[r * S + i] : '');
    cells.push(who[raw.scalars[r * S + S - 1]] ?? '');
    lines.push(cells.map(csvCell).join(','));
  }
  return lines;
}

/** The --csv files, each as [file name, lines]. */
export function simulationCsvFiles(r: MonteCarloResult, runsCsv: string[]): [string, string[]][] {
  const names = Object.keys(r.metrics);
  const wk = [
    ['week', 'date', ...names.flatMap((n) => [`${n}_p5`, `${n}_p50`, `${n}_p95`, `${n}_mean`])].join(','),
  ];
  for (const w of r.weeks)
    wk.push(
      [
        w.week,
        w.date,
        ...names.flatMap((n) => [
          (w[n] as Band).p5,
          (w[n] as Band).p50,
          (w[n] as Band).p95,
          (w[n] as Band).mean,
        ]),
      ]
        .map(csvCell)
        .join(','),
    );
  const o = r.outcomes;
  const oc = ['outcome,probability,se'];
  oc.push(
    [`framework approved by ${o.framework.by}`, o.framework.probability, o.framework.se]
      .map(csvCell)
      .join(','),
  );
  oc.push(
    [
      'framework approved within horizon',
      o.framework_within_horizon.probability,
      o.framework_within_horizon.se,
    ]
      .map(csvCell)
      .join(','),
  );
  oc.push(['truce collapses', o.truce_collapses.probability, o.truce_collapses.se].map(csvCell).join(','));
  oc.push(
    [
      'escalation above April 2025 peak',
      o.escalation_above_april_2025_peak.probability,
      o.escalation_above_april_2025_peak.se,
    ]
      .map(csvCell)
      .join(','),
  );
  for (const [k, v] of Object.entries(o.first_concession))
    oc.push([`first to concede: ${k}`, v, ''].map(csvCell).join(','));
  if (o.struck_down.challenges.length)
    oc.push(
      [
        `struck down by a court (${o.struck_down.challenges.join(', ')})`,
        o.struck_down.probability,
        o.struck_down.se,
      ]
        .map(csvCell)
        .join(','),
    );
  const se = [
    'parameter,outcome,effect,p_low_quartile,p_high_quartile,rank_correlation',
    ...r.sensitivity.map((s) =>
      [s.parameter, s.outcome, s.effect, s.p_low_quartile, s.p_high_quartile, s.rank_correlation]
        .map(csvCell)
        .join(','),
    ),
  ];
  const cu = [
    'week,date,framework_approved_by_week,truce_ended_by_week,escalated_by_week,struck_down_by_week',
    ...r.weeks.map((w, i) =>
      [
        w.week,
        w.date,
        r.curves.framework_approved_by_week[i],
        r.curves.truce_ended_by_week[i],
        r.curves.escalated_by_week[i],
        r.curves.struck_down_by_week[i],
      ]
        .map(csvCell)
        .join(','),
    ),
  ];
  return [
    ['weeks.csv', wk],
    ['outcomes.csv', oc],
    ['sensitivity.csv', se],
    ['curves.csv', cu],
    ['runs.csv', runsCsv],
  ];
}

/** `run --story N`: one run move by move. */
export function storyText(index: number, s: Story): string {
  let text = `\n\nRun ${index} move by move (${Object.entries(s.parameters)
    .map(([k, v]) => `${k}=${fmt(v, 3)}`)
    .join(', ')}):\n`;
  text += table(
    ['week of', 'actor', 'move'],
    s.moves.map((m) => [m.date, m.actor, m.move]),
  );
  for (const r of s.rulings)
    text += `\nCourt ruling on ${r.challenge} (${r.ledger_id}, ${r.stage_at_start} at the start) on ${r.ruling_date}: ${
      r.outcome === 'struck_down'
        ? `struck down, collection stops ${r.collection_stops}${r.layers_off_week === null ? '' : `, layers out of force from week ${r.layers_off_week}`}`
        : 'upheld'
    }`;
  return text;
}

/** `leverage sensitivity` for a terminal. */
export function sensitivityText(r: MonteCarloResult, seed: number): string {
  return [
    `Sensitivity of the outcome odds, ${r.runs_completed} runs, seed ${seed}`,
    table(
      ['parameter', 'outcome', 'effect', 'P low q.', 'P high q.', 'rank corr.'],
      r.sensitivity.map((s) => [
        s.parameter,
        s.outcome,
        `${s.effect >= 0 ? '+' : ''}${fmt(100 * s.effect, 1)} pts`,
        pct(s.p_low_quartile),
        pct(s.p_high_quartile),
        fmt(s.rank_correlation, 3),
      ]),
    ),
  ].join('\n');
}

/** `leverage backtest` for a terminal. */
export function backtestText(r: BacktestResult): string {
  return [
    `Backtest ${r.from} to ${r.to}: ${r.scripted_events} scripted events from the ledger's timeline, ${r.checks} checks, ${r.mismatches.length} mismatches (largest tariff-average error ${r.max_abs_error_pct < 0.001 ? 'below 0.001' : fmt(r.max_abs_error_pct, 3)} points)`,
    table(
      ['week of', ...Object.keys(r.weeks[0]?.average_pct ?? {}).map((k) => `${k} loop / ledger %`), 'events'],
      r.weeks.map((w) => [
        w.date,
        ...Object.values(w.average_pct).map((v) => `${fmt(v.loop)} / ${fmt(v.ledger)}`),
        w.events_applied,
      ]),
    ),
    ...r.mismatches
      .slice(0, 20)
      .map((m) => `mismatch ${m.date} ${m.what}: loop ${m.loop}, ledger ${m.ledger}`),
  ].join('\n');
}
