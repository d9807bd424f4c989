// Pending litigation (docs/simulate.md#pending-litigation): a court that may strike down tariff
// authorities. Hand-checked weeks, p = 0 changes nothing, the strike-down frequency, worker-count
// independence, the vintage rule and located errors.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync } from '../../src/io/index.ts';
import { toEpochDay, fromEpochDay, type Scenario } from '../../src/model/index.ts';
import {
  Simulator,
  courtState,
  drawRulings,
  litigationStream,
  locateConfigProblems,
  resolveConfig,
  runPrepared,
  storyOf,
  SimulationConfigError,
  type Prepared,
} from '../../src/simulate/index.ts';
import { posteriorDraws, readPosterior } from '../../src/calibrate/index.ts';
import { prepared, simulationBlock, variant } from './helpers.ts';

const ORIGIN = '2026-01-15';
const view = (d: string): Scenario => loadScenarioSync('us-china', { asKnownOn: d });
let jan: Scenario | null = null;
const janView = () => (jan ??= view(ORIGIN));

/** The view of 2026-01-15 started on it; litigation parameters fixed at (p, lag), ruling day fixed when given. */
function fixedCourt(o: { p: number; lag: number; ruling?: string; weeks?: number }): Prepared {
  const p = prepared(janView(), { start: ORIGIN, weeks: o.weeks ?? 20 });
  p.uncertain = p.uncertain.filter((u) => !u.path.startsWith('litigation.'));
  const slot = p.litigation.slot[0];
  p.slot_defaults[slot] = o.p;
  p.slot_defaults[slot + 1] = o.lag;
  if (o.ruling) p.litigation.from_day[0] = p.litigation.to_day[0] = toEpochDay(o.ruling);
  return p;
}

/** Measure indices of the US IEEPA layers on China (direction 0: US imports from CN). */
function ieepa(p: Prepared): number[] {
  const d = p.directions[0];
  return d.measure_ids
    .map((_, j) => j)
    .filter((j) => ['IEEPA reciprocal', 'IEEPA fentanyl'].includes(d.authorities[d.measure_authority[j]]));
}

/** Per week: are the IEEPA layers in force (applied rate >= 0) at the week's end? */
function layersByWeek(p: Prepared, seed: number, run: number): boolean[][] {
  const sim = new Simulator(p);
  const js = ieepa(p);
  const out: boolean[][] = [];
  sim.onWeekEnd = (w) => (out[w] = js.map((j) => sim.appliedRate(0, j) >= 0));
  sim.run(seed, run);
  return out;
}

describe('the challenge in the view of 2026-01-15', () => {
  test('is pending at the argued stage, on both IEEPA layers of the US', () => {
    const p = prepared(janView(), { start: ORIGIN, weeks: 4 });
    assert.deepEqual(p.litigation.ids, ['us-ieepa-courts']);
    assert.deepEqual(p.litigation.ledger_ids, ['us-ieepa-litigation']);
    assert.deepEqual(p.litigation.stages, ['argued at Supreme Court']);
    assert.equal(p.litigation.side[0], 0);
    assert.equal(ieepa(p).length, 2, 'us-ieepa-reciprocal-cn and us-ieepa-fentanyl');
    assert.deepEqual([...p.litigation.measures[0]].sort(), ieepa(p).sort());
    // window clamped to the start: [2026-01-15, 2026-07-02]
    assert.equal(fromEpochDay(p.litigation.from_day[0]), ORIGIN);
    assert.equal(fromEpochDay(p.litigation.to_day[0]), '2026-07-02');
  });
});

describe('p = 1 and a fixed ruling day (hand-checked weeks)', () => {
  // weeks start 2026-01-15 + 7w: week 5 on 02-19, week 6 on 02-26, week 7 on 03-05
  test('ruling 02-20, lag 4: collection stops 02-24, the layers are out of force from week 6 to the end', () => {
    const p = fixedCourt({ p: 1, lag: 4, ruling: '2026-02-20' });
    const by = layersByWeek(p, 7, 0);
    for (let w = 0; w < by.length; w++)
      assert.deepEqual(by[w], w < 6 ? [true, true] : [false, false], `week ${w} (${p.week_dates[w]})`);
    const st = storyOf(p, 7, 0);
    assert.deepEqual(st.rulings, [
      {
        challenge: 'us-ieepa-courts',
        ledger_id: 'us-ieepa-litigation',
        stage_at_start: 'argued at Supreme Court',
        ruling_date: '2026-02-20',
        outcome: 'struck_down',
        collection_stops: '2026-02-24',
        layers_off_week: 6,
      },
    ]);
  });
  test('a stop on a week start counts from that week; one day later, from the next', () => {
    const on = layersByWeek(fixedCourt({ p: 1, lag: 6, ruling: '2026-02-20' }), 7, 0); // stop 02-26
    assert.deepEqual([on[5][0], on[6][0]], [true, false]);
    const after = layersByWeek(fixedCourt({ p: 1, lag: 7, ruling: '2026-02-20' }), 7, 0); // stop 02-27
    assert.deepEqual([after[6][0], after[7][0]], [true, false]);
  });
  test('the US cannot raise a struck-down layer again (no layer in force to raise)', () => {
    const p = fixedCourt({ p: 1, lag: 0, ruling: '2026-01-15', weeks: 30 });
    const raise = p.moves.ids[0].indexOf('us-raise-reciprocal');
    assert.ok(raise >= 0);
    const sim = new Simulator(p);
    sim.run(3, 0);
    for (let i = 0; i < sim.moveLogLength; i += 3)
      assert.ok(!(sim.moveLog[i + 1] === 0 && sim.moveLog[i + 2] === raise), 'raise made after the ruling');
  });
});

describe('p = 0 changes nothing', () => {
  test('every run equals the run of the same view without the challenge, byte for byte', () => {
    const withCourt = fixedCourt({ p: 0, lag: 4, weeks: 20 });
    const bare = structuredClone(janView());
    const sim0 = bare.parameters.simulation!;
    sim0.litigation = [];
    sim0.uncertain = sim0.uncertain.filter((u) => !u.path.startsWith('litigation.'));
    const without = prepared(bare, { start: ORIGIN, weeks: 20 });
    assert.equal(without.litigation.ids.length, 0);
    const a = new Simulator(withCourt);
    const b = new Simulator(without);
    for (let r = 0; r < 25; r++) {
      a.run(11, r);
      b.run(11, r);
      assert.deepEqual(a.rec, b.rec, `run ${r}`);
      assert.deepEqual(a.scalars, b.scalars, `run ${r}`);
    }
    assert.deepEqual(
      storyOf(withCourt, 11, 3)
        .rulings.map((r) => r.outcome)
        .filter((o) => o !== 'upheld'),
      [],
    );
  });
});

describe('the draws', () => {
  test('the strike-down frequency is within binomial error of p; ruling days cover the window uniformly', () => {
    const p = fixedCourt({ p: 0.37, lag: 0 });
    const slots = Float64Array.from(p.slot_defaults);
    const cs = courtState(p.litigation);
    const N = 20000;
    const from = p.litigation.from_day[0];
    const to = p.litigation.to_day[0];
    let struck = 0;
    let sum = 0;
    for (let r = 0; r < N; r++) {
      drawRulings(p.litigation, slots, cs, litigationStream(5, r));
      struck += cs.struck[0];
      assert.ok(cs.rulingDay[0] >= from && cs.rulingDay[0] <= to && Number.isInteger(cs.rulingDay[0]));
      sum += cs.rulingDay[0];
    }
    const se = Math.sqrt((0.37 * 0.63) / N);
    assert.ok(Math.abs(struck / N - 0.37) < 4 * se, `frequency ${struck / N}, se ${se}`);
    // mean of a discrete uniform on [from, to]: (from + to) / 2, sd of the mean (to - from) / sqrt(12 N)
    const sdMean = (to - from) / Math.sqrt(12 * N);
    assert.ok(Math.abs(sum / N - (from + to) / 2) < 4 * sdMean);
  });
  test('in the Monte Carlo, the share of runs with the layers off by week 19 is about p times the window share', async () => {
    const p = fixedCourt({ p: 0.5, lag: 0, weeks: 20 });
    const sim = new Simulator(p);
    const j = ieepa(p)[0];
    const N = 400;
    let off = 0;
    sim.onWeekEnd = (w) => {
      if (w === 19 && sim.appliedRate(0, j) < 0) off++;
    };
    for (let r = 0; r < N; r++) sim.run(9, r);
    // ruling by the start of week 19 (day start + 133) within a window of to - from + 1 days
    const share = (133 + 1) / (p.litigation.to_day[0] - p.litigation.from_day[0] + 1);
    const q = 0.5 * share;
    assert.ok(Math.abs(off / N - q) < 4 * Math.sqrt((q * (1 - q)) / N), `off ${off / N}, expected ${q}`);
  });
});

describe('determinism', () => {
  test('the same odds and bands with 1 and 2 workers (litigation drawn in the workers)', async () => {
    const p = prepared(janView(), { start: ORIGIN, weeks: 16 });
    const one = await runPrepared(p, { runs: 80, seed: 2026, workers: 1, chunk: 30 });
    const two = await runPrepared(p, { runs: 80, seed: 2026, workers: 2, chunk: 7 });
    assert.deepEqual(JSON.parse(JSON.stringify(two)), JSON.parse(JSON.stringify(one)));
    // and some runs did see a strike-down within the horizon (the test would be empty otherwise)
    const struck = Array.from({ length: 80 }, (_, r) => storyOf(p, 2026, r).rulings).filter((x) =>
      x.some((y) => y.outcome === 'struck_down' && y.layers_off_week !== null),
    ).length;
    assert.ok(struck > 5 && struck < 60, `${struck} runs with a strike-down in 16 weeks`);
  });
});

describe('the vintage rule', () => {
  test('absent before the ledger entry was announced, and once the ruling is in the view', () => {
    for (const d of ['2025-05-27', '2026-02-20', '2026-06-01']) {
      const v = view(d);
      assert.deepEqual(v.parameters.simulation!.litigation ?? [], [], d);
      assert.ok(!v.parameters.simulation!.uncertain.some((u) => u.path.startsWith('litigation.')), d);
      assert.equal(prepared(v, { start: d, weeks: 2 }).litigation.ids.length, 0, d);
    }
  });
  test('the stages known on the origin set the window: wider before cert and argument', () => {
    const cit = prepared(view('2025-06-11'), { start: '2025-06-11', weeks: 2 }).litigation;
    assert.deepEqual(cit.stages, ['CIT ruling']);
    assert.equal(fromEpochDay(cit.to_day[0]), '2027-07-02');
    const cert = prepared(view('2025-10-10'), { start: '2025-10-10', weeks: 2 }).litigation;
    assert.deepEqual(cert.stages, ['cert granted']);
    assert.deepEqual(
      [fromEpochDay(cert.from_day[0]), fromEpochDay(cert.to_day[0])],
      ['2025-11-05', '2026-07-02'],
    );
    const v = view('2025-10-10').parameters.simulation!.litigation![0];
    assert.equal(v.resolved, undefined, 'the ruling of 2026-02-20 is not known on 2025-10-10');
  });
  test('the full scenario started on a date is read as known on that date', () => {
    const full = loadScenarioSync('us-china');
    assert.deepEqual(prepared(full, { start: '2025-06-11', weeks: 2 }).litigation.stages, ['CIT ruling']);
    assert.equal(
      prepared(full, { start: '2026-03-01', weeks: 2 }).litigation.ids.length,
      0,
      'resolved by then',
    );
  });
});

describe('malformed challenges', () => {
  const FRAGMENT = simulationBlock();
  function located(file: string): string[] {
    const scn = loadScenarioSync(file);
    try {
      resolveConfig(scn);
    } catch (err) {
      assert.ok(err instanceof SimulationConfigError, String(err));
      return locateConfigProblems(scn, err.problems);
    }
    assert.fail('expected the litigation block to be rejected');
  }
  test('an unknown authority is located at file:line:col', () => {
    const loc = located(
      variant(
        'authorities: [IEEPA reciprocal, IEEPA fentanyl]',
        'authorities: [IEEPA reciprocal, IEEPA fentanil]',
      ),
    );
    assert.match(
      loc[0],
      /bad-\d+\.yaml:\d+:\d+ parameters\.simulation\.litigation\[0\]\.authorities\[1\]: no tariff measure of US under authority "IEEPA fentanil"/,
    );
  });
  test('an actor that is not a side, and stages out of order', () => {
    assert.match(
      located(
        variant(
          'ledger_id: us-ieepa-litigation\n        actor: US',
          'ledger_id: us-ieepa-litigation\n        actor: EU',
        ),
      )[0],
      /litigation\[0\]\.actor: "EU" is not one of the two sides/,
    );
    assert.match(
      located(variant("- date: '2025-08-29'", "- date: '2025-05-01'")).join('\n'),
      /litigation\[0\]\.stages\[1\]\.date: stages must be in date order/,
    );
  });
  test('a window ending before it starts, or without provenance, fails when the scenario loads', () => {
    assert.throws(
      () => loadScenarioSync(variant("from: '2025-11-06'", "from: '2026-08-01'")),
      /bad-\d+\.yaml:\d+:\d+ parameters\.simulation\.litigation\[0\]\.stages\[3\]\.ruling_window\.to: ruling_window: expected from <= to/,
    );
    assert.throws(
      () =>
        loadScenarioSync(
          variant(
            "value: 0.5\n          assumption: 'No sourced",
            "value: 1.5\n          assumption: 'No sourced",
          ),
        ),
      /litigation\[0\]\.strike_probability\.value/,
    );
  });
  test('a challenge with no source for its stages fails when the scenario loads', () => {
    // the sources list emptied
    const from = FRAGMENT.indexOf('        sources: # those of ledger entry us-ieepa-litigation');
    const block = FRAGMENT.slice(from, FRAGMENT.indexOf('        strike_probability:', from));
    assert.ok(block.includes('https://'), 'the sources block is found');
    assert.throws(
      () => loadScenarioSync(variant(block, '        sources: []\n')),
      /parameters\.simulation\.litigation\[0\]\.sources: a challenge needs the source URLs of its stages/,
    );
  });
  test('an unknown litigation path under uncertain is located', () => {
    const loc = located(
      variant('path: litigation.us-ieepa-courts.lag_days', 'path: litigation.us-ieepa-court.lag_days'),
    );
    assert.match(
      loc[0],
      /uncertain\[\d+\]\.path: unknown parameter path "litigation\.us-ieepa-court\.lag_days"/,
    );
  });
});

describe('stored posteriors', () => {
  test('a posterior fitted before litigation existed (no litigation paths) still loads; the new parameters keep their priors', () => {
    const stored = readPosterior(
      new URL('../../data/posteriors/us-china@2026-01-15.json', import.meta.url).pathname,
    );
    // the stored posterior as it was before litigation: its litigation paths (and the particles'
    // values at those positions) removed
    const keep = stored.models.map((m) => m.parameters.map((x) => !x.path.startsWith('litigation.')));
    const post = {
      ...stored,
      models: stored.models.map((m, k) => ({ ...m, parameters: m.parameters.filter((_, i) => keep[k][i]) })),
      particles: stored.particles.map((pt) => ({
        ...pt,
        values: pt.values.filter((_, i) => keep[pt.model][i]),
      })),
    };
    assert.ok(!post.models.some((m) => m.parameters.some((x) => x.path.startsWith('litigation.'))));
    const engine = posteriorDraws(janView(), post);
    const ps = engine.scenarios.map((s) => prepared(s, { start: ORIGIN, weeks: 2 }));
    const at = ps[0].uncertain.findIndex((u) => u.path === 'litigation.us-ieepa-courts.strike_probability');
    assert.ok(at >= 0);
    const draws = Array.from({ length: 200 }, (_, r) => engine.draw(ps, 1, r));
    for (const d of draws) {
      const x =
        d.values[
          ps[d.model].uncertain.findIndex((u) => u.path === 'litigation.us-ieepa-courts.strike_probability')
        ];
      assert.ok(x >= 0.3 && x <= 0.7, `prior uniform(0.3, 0.7), got ${x}`);
    }
    const sim = new Simulator(ps[draws[0].model]);
    sim.run(1, 0, draws[0].values); // runs with the posterior's vector
  });
});
