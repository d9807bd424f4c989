import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  agreementState,
  agreementsOn,
  changesBetween,
  exportControlState,
  exportControlsInForce,
  measuresInForce,
  timeline,
} from '../../src/ledger/index.ts';
import { SRC, baseScenario, loadObject } from '../helpers.ts';

const scn = loadObject(
  baseScenario({
    measures: [
      {
        id: 'tar',
        kind: 'tariff',
        actor: 'US',
        target: 'CN',
        title: 'A tariff',
        authority: 'Auth T',
        scope: { all: true },
        rates: [
          { from: '2025-03-01', rate_pct: 10 },
          { from: '2025-05-01', rate_pct: 30, suspended_pct: 20, suspended_until: '2025-08-01' },
        ],
        status: [
          { date: '2025-02-20', status: 'announced' },
          { date: '2025-03-01', status: 'in_force' },
          { date: '2025-05-01', status: 'raised' },
          { date: '2025-09-01', status: 'rolled_back' },
        ],
        sources: SRC,
      },
      {
        id: 'all-tar',
        kind: 'tariff',
        actor: 'US',
        target: 'ALL',
        title: 'A tariff on everyone',
        authority: 'Auth A',
        scope: { hs: ['72'] },
        rates: [{ from: '2025-01-01', rate_pct: 25 }],
        status: [{ date: '2025-01-01', status: 'in_force' }],
        sources: SRC,
      },
      {
        id: 'ctrl',
        kind: 'export_control',
        actor: 'CN',
        target: 'ALL',
        title: 'A control',
        authority: 'Auth C',
        items: ['magnets'],
        products: { hs: ['8505'] },
        licensing: {
          required: true,
          path: [
            { from: '2025-04-04', flow_share: 0.2, basis: 'derived' },
            { from: '2025-07-01', flow_share: 0.5, processing_days: 45 },
          ],
        },
        status: [
          { date: '2025-04-04', status: 'in_force' },
          { date: '2025-10-01', status: 'rolled_back' },
        ],
        sources: SRC,
      },
      {
        id: 'regime',
        kind: 'licensing',
        actor: 'CN',
        target: 'US',
        title: 'A licensing regime',
        authority: 'Auth L',
        applies_to: ['ctrl'],
        path: [
          { from: '2025-06-15', flow_share: 0.8, approval_share: 0.9 },
          { from: '2025-07-15', flow_share: 0.9, assumption: true },
        ],
        status: [
          { date: '2025-06-01', status: 'in_force' },
          { date: '2025-08-01', status: 'rolled_back' },
        ],
        sources: SRC,
      },
    ],
    agreements: [
      {
        id: 'deal',
        title: 'A deal',
        parties: ['US', 'CN'],
        status: [
          { date: '2025-05-10', status: 'talks' },
          { date: '2025-05-12', status: 'agreed_in_principle' },
          { date: '2025-06-01', status: 'implemented' },
        ],
        approvals: [
          {
            by: 'US',
            role: 'US side',
            status: [
              { date: '2025-05-12', status: 'pending' },
              { date: '2025-05-20', status: 'approved' },
            ],
          },
          {
            by: 'CN',
            role: 'CN side',
            status: [
              { date: '2025-05-12', status: 'pending' },
              { date: '2025-05-25', status: 'approved' },
            ],
          },
        ],
        clocks: [{ id: 'c90', title: 'Ninety days', start: '2025-05-14', days: 90 }],
        sources: SRC,
      },
      {
        id: 'bare',
        title: 'No approvals',
        parties: ['US', 'CN'],
        status: [{ date: '2025-07-01', status: 'signed' }],
        sources: SRC,
      },
    ],
    claims: [
      {
        id: 'claim-1',
        by: 'Someone',
        actor: 'US',
        date: '2025-05-12',
        quote: 'It is 145',
        asserts: { metric: 'tariff_stack', importer: 'US', exporter: 'CN', value_pct: 145 },
        sources: SRC,
      },
    ],
  }),
);

describe('measuresInForce', () => {
  test('only active measures, with applied rates for tariffs', () => {
    assert.deepEqual(
      measuresInForce(scn, '2025-02-25').map((m) => m.id),
      ['all-tar'],
    ); // tar only announced
    const june = measuresInForce(scn, '2025-06-11');
    assert.deepEqual(june.map((m) => m.id).sort(), ['all-tar', 'ctrl', 'regime', 'tar']);
    const t = june.find((m) => m.id === 'tar')!;
    // 30 statutory, 20 suspended -> 10
    assert.equal(t.rate_pct, 10);
    assert.equal(t.statutory_pct, 30);
    assert.equal(t.suspended_pct, 20);
    assert.equal(t.status, 'raised');
    assert.equal(t.since, '2025-05-01');
    assert.equal(june.find((m) => m.id === 'ctrl')!.rate_pct, undefined);
    // suspension lapsed 2025-08-01: 30 in full
    assert.equal(measuresInForce(scn, '2025-08-01').find((m) => m.id === 'tar')!.rate_pct, 30);
    // rolled back 2025-09-01
    assert.ok(!measuresInForce(scn, '2025-09-01').some((m) => m.id === 'tar'));
  });

  test('filters by actor, target (ALL matches any target) and kind', () => {
    assert.deepEqual(
      measuresInForce(scn, '2025-06-11', { actor: 'CN' })
        .map((m) => m.id)
        .sort(),
      ['ctrl', 'regime'],
    );
    assert.deepEqual(
      measuresInForce(scn, '2025-06-11', { actor: 'US', target: 'VN' }).map((m) => m.id),
      ['all-tar'],
    );
    assert.deepEqual(
      measuresInForce(scn, '2025-06-11', { kind: 'export_control' }).map((m) => m.id),
      ['ctrl'],
    );
  });
});

describe('exportControlState', () => {
  const at = (d: string) => exportControlState(scn, 'ctrl', d);

  test("the control's own path before the regime applies", () => {
    assert.equal(at('2025-04-03').in_force, false);
    assert.equal(at('2025-04-03').flow_share, undefined);
    const s = at('2025-05-01');
    assert.equal(s.in_force, true);
    assert.equal(s.licence_required, true);
    assert.equal(s.flow_share, 0.2);
    assert.equal(s.basis, 'derived');
    assert.equal(s.licensing_set_by, 'ctrl');
    // regime in force from 06-01 but its first step is 06-15: still the control's step
    assert.equal(at('2025-06-10').flow_share, 0.2);
  });

  test('licensing regime steps merge with the control path, by date', () => {
    const s = at('2025-06-20');
    assert.equal(s.flow_share, 0.8);
    assert.equal(s.approval_share, 0.9);
    assert.equal(s.licensing_set_by, 'regime');
    assert.equal(s.licensing_since, '2025-06-15');
    // the control's 07-01 step is later than the regime's 06-15 step
    const j = at('2025-07-05');
    assert.equal(j.flow_share, 0.5);
    assert.equal(j.processing_days, 45);
    assert.equal(j.licensing_set_by, 'ctrl');
    const k = at('2025-07-20');
    assert.equal(k.flow_share, 0.9);
    assert.equal(k.assumption, true);
    assert.equal(k.licensing_set_by, 'regime');
  });

  test('a rolled-back regime no longer counts; a rolled-back control is not in force', () => {
    const s = at('2025-08-01');
    assert.equal(s.flow_share, 0.5);
    assert.equal(s.licensing_set_by, 'ctrl');
    const off = at('2025-10-01');
    assert.equal(off.in_force, false);
    assert.equal(off.status, 'rolled_back');
    assert.equal(off.licence_required, false);
    assert.equal(off.flow_share, undefined);
    assert.deepEqual(exportControlsInForce(scn, '2025-10-01'), []);
    assert.deepEqual(
      exportControlsInForce(scn, '2025-06-20').map((c) => c.measure_id),
      ['ctrl'],
    );
  });

  test('unknown id or a non-control is an error', () => {
    assert.throws(() => exportControlState(scn, 'nope', '2025-06-01'), /no export control "nope"/);
    assert.throws(() => exportControlState(scn, 'tar', '2025-06-01'), /no export control "tar"/);
  });
});

describe('agreementState', () => {
  test('status and approvals by date', () => {
    const before = agreementState(scn, 'deal', '2025-05-09');
    assert.equal(before.status, null);
    assert.equal(before.since, null);
    assert.equal(before.approvals[0].status, null);
    assert.equal(before.approved, false);
    const a = agreementState(scn, 'deal', '2025-05-21');
    assert.equal(a.status, 'agreed_in_principle');
    assert.equal(a.since, '2025-05-12');
    assert.deepEqual(
      a.approvals.map((x) => x.status),
      ['approved', 'pending'],
    );
    assert.equal(a.approved, false);
    const b = agreementState(scn, 'deal', '2025-05-25');
    assert.equal(b.approved, true);
    // an agreement without approvals is never "approved"
    assert.equal(agreementState(scn, 'bare', '2025-07-02').approved, false);
    assert.throws(() => agreementState(scn, 'nope', '2025-07-02'), /no agreement "nope"/);
    assert.deepEqual(
      agreementsOn(scn, '2025-06-15').map((x) => x.id),
      ['deal'],
    );
    assert.deepEqual(
      agreementsOn(scn, '2025-07-01').map((x) => x.id),
      ['deal', 'bare'],
    );
  });

  test('clocks: days_left on the start day = days, counts down, 0 from the end', () => {
    // start 2025-05-14 + 90 days: 17 (to 05-31) + 30 (06-30) + 31 (07-31) + 12 = 08-12
    const c = (d: string) => agreementState(scn, 'deal', d).clocks[0];
    assert.equal(c('2025-05-13').running, false);
    assert.equal(c('2025-05-13').days_left, null);
    assert.equal(c('2025-05-14').running, true);
    assert.equal(c('2025-05-14').days_left, 90);
    assert.equal(c('2025-05-15').days_left, 89);
    assert.equal(c('2025-08-11').days_left, 1);
    assert.equal(c('2025-08-12').end, '2025-08-12');
    assert.equal(c('2025-08-12').running, false);
    assert.equal(c('2025-08-12').days_left, 0);
    assert.equal(c('2026-01-01').days_left, 0);
  });
});

describe('timeline and changesBetween', () => {
  const all = timeline(scn);

  test('every dated event, in date order then id', () => {
    for (let i = 1; i < all.length; i++) {
      const [p, q] = [all[i - 1], all[i]];
      assert.ok(
        p.date < q.date || (p.date === q.date && p.id <= q.id),
        `${p.date} ${p.id} then ${q.date} ${q.id}`,
      );
    }
    // tar: 4 statuses + 2 rate steps + 1 suspension lapse = 7
    assert.equal(all.filter((e) => e.id === 'tar').length, 7);
    assert.ok(
      all.some(
        (e) => e.id === 'tar' && e.date === '2025-08-01' && /suspension of 20 points lapses/.test(e.event),
      ),
    );
    // ctrl: 2 statuses + 2 licensing steps; regime: 2 + 2
    assert.equal(all.filter((e) => e.id === 'ctrl').length, 4);
    assert.equal(all.filter((e) => e.id === 'regime').length, 4);
    assert.equal(all.filter((e) => e.id === 'regime' && e.event.startsWith('licensing:')).length, 2);
    // deal: 3 statuses + 4 approval steps + clock start and end (2025-08-12)
    const deal = all.filter((e) => e.id === 'deal');
    assert.equal(deal.length, 9);
    assert.deepEqual(
      deal.filter((e) => e.kind === 'clock').map((e) => e.date),
      ['2025-05-14', '2025-08-12'],
    );
    assert.ok(all.some((e) => e.id === 'claim-1' && e.kind === 'claim' && e.date === '2025-05-12'));
    for (const e of all) assert.ok(e.sources.length >= 1);
  });

  test('--id keeps one entry; an unknown id is an error', () => {
    const only = timeline(scn, 'deal');
    assert.equal(only.length, 9);
    assert.ok(only.every((e) => e.id === 'deal'));
    assert.deepEqual(
      only,
      all.filter((e) => e.id === 'deal'),
    );
    assert.throws(() => timeline(scn, 'nope'), /no measure, agreement or claim "nope"/);
  });

  test('changesBetween: from exclusive, to inclusive; to < from is an error', () => {
    const ch = changesBetween(scn, '2025-05-12', '2025-05-14');
    assert.ok(ch.every((e) => e.date > '2025-05-12' && e.date <= '2025-05-14'));
    // 05-14: the clock starts; nothing on 05-13; 05-12 events are excluded
    assert.deepEqual(
      ch.map((e) => `${e.date} ${e.id} ${e.kind}`),
      ['2025-05-14 deal clock'],
    );
    assert.equal(changesBetween(scn, '2025-05-14', '2025-05-14').length, 0);
    assert.deepEqual(
      changesBetween(scn, '2025-01-01', '2030-01-01'),
      all.filter((e) => e.date > '2025-01-01'),
    );
    assert.throws(() => changesBetween(scn, '2025-06-01', '2025-05-31'), /before the start date/);
  });
});

test('the timeline lists when a measure takes effect and when it expires', () => {
  const scn = loadObject(
    baseScenario({
      measures: [
        {
          id: 'bounded',
          kind: 'entity_listing',
          actor: 'US',
          target: 'CN',
          title: 'A listing with bounds',
          authority: 'BIS',
          list: 'Entity List',
          effective: '2025-03-01',
          expires: '2025-09-01',
          status: [{ date: '2025-02-01', status: 'in_force' }],
          sources: ['https://example.org/x'],
        },
      ],
    }),
  );
  const ev = timeline(scn, 'bounded').map((e) => `${e.date} ${e.kind}`);
  assert.deepEqual(ev, ['2025-02-01 entity_listing', '2025-03-01 effective', '2025-09-01 expires']);
});
