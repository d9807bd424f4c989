// China's side in 2026 and the 2026 statuses of agreements and controls (data/ledger/us_china_2026_cn.yaml):
// what is established is modelled; what is not says so.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DATA_DIR, loadScenarioSync } from '../../src/io/index.ts';
import { agreementState, exportControlState, tariffStack } from '../../src/ledger/index.ts';

const scn = loadScenarioSync('us-china');
const measure = (id: string) => scn.measures.find((m) => m.id === id)!;

describe('China 2026: counter-tariffs after the IEEPA ruling', () => {
  test('the 10% (24 of 34 suspended) stays after the US IEEPA layers end on 2026-02-24; the status says to when that is established', () => {
    for (const date of ['2026-03-02', '2026-08-03']) {
      const s = tariffStack(scn, { importer: 'CN', exporter: 'US', product: '8802.40', date });
      const rec = s.layers.find((l) => l.measure_id === 'cn-tariff-reciprocal')!;
      assert.equal(rec.statutory_pct, 34);
      assert.equal(rec.suspended_pct, 24);
      assert.equal(rec.rate_pct, 10);
    }
    const st = measure('cn-tariff-reciprocal').status.find((x) => x.date === '2026-02-24')!;
    assert.equal(st.status, 'in_force');
    assert.match(st.note!, /not established after 2026-06-02/);
    assert.ok(st.sources!.some((u) => u.includes('mofcom.gov.cn')));
  });

  test('a listed soybean line on 2026-08-03: the same 37.5 as after 2025-11-10 (no change is established)', () => {
    const a = tariffStack(scn, { importer: 'CN', exporter: 'US', product: '1201.90', date: '2025-11-15' });
    const b = tariffStack(scn, { importer: 'CN', exporter: 'US', product: '1201.90', date: '2026-08-03' });
    assert.equal(a.total_pct, 37.5);
    assert.equal(b.total_pct, 37.5);
  });
});

describe('2026 statuses of controls and agreements', () => {
  test('the 9 October 2025 controls and the Ga/Ge/Sb ban are suspended to their scheduled ends, and their notes say the outcome is not established', () => {
    for (const id of [
      'cn-ec-2025-10-09-ree-materials',
      'cn-ec-2025-10-09-extraterritorial',
      'cn-ec-2025-10-09-batteries-superhard',
      'cn-ec-2024-12-gallium-ban',
    ]) {
      assert.equal(exportControlState(scn, id, '2026-08-03').in_force, false, id);
      const notes = measure(id)
        .status.map((s) => s.note ?? '')
        .join(' ');
      assert.match(
        notes,
        /NOT ESTABLISHED \(no source after 2026-08-07\): scheduled, not verified after 2026-08-07/,
        id,
      );
    }
  });

  test('the rare-earth general licences are a dated regime on the April 2025 controls, with no invented flow share', () => {
    const m = measure('cn-licensing-general-2025-12');
    assert.equal(m.kind, 'licensing');
    assert.ok(m.kind === 'licensing' && m.applies_to.includes('cn-ec-ree-2025-04-04'));
    assert.ok(m.kind === 'licensing' && (m.path ?? []).length === 0);
    // so the control's licensing state is what its own path says
    const before = exportControlState(scn, 'cn-ec-ree-2025-04-04', '2025-12-01');
    const after = exportControlState(scn, 'cn-ec-ree-2025-04-04', '2025-12-10');
    assert.equal(after.flow_share, before.flow_share);
  });

  test('Busan: implemented, with the IEEPA commitments moot from 2026-02-24; Beijing 2026: agreed in principle, not implemented', () => {
    assert.equal(agreementState(scn, 'agr-busan-2025-11', '2026-03-02').status, 'implemented');
    assert.equal(agreementState(scn, 'agr-beijing-2026-05', '2026-05-01').status, 'talks');
    assert.equal(agreementState(scn, 'agr-beijing-2026-05', '2026-08-03').status, 'agreed_in_principle');
    const a = scn.agreements.find((x) => x.id === 'agr-beijing-2026-05')!;
    assert.match(a.status[a.status.length - 1].note!, /not established after 2026-07-27/);
  });
});

describe('the China/agreements part of the 2026 ledger', () => {
  const entries = parse(readFileSync(join(DATA_DIR, 'ledger/us_china_2026_cn.yaml'), 'utf8')) as {
    id: string;
    date: string;
    sources: string[];
    confidence: string;
    details: Record<string, unknown>;
  }[];
  test('every entry is sourced, dated and rated; ids are unique', () => {
    assert.ok(entries.length >= 4);
    assert.equal(new Set(entries.map((e) => e.id)).size, entries.length);
    for (const e of entries) {
      assert.match(e.date, /^\d{4}-\d{2}-\d{2}$/, e.id);
      assert.ok(e.sources.length > 0 && e.sources.every((u) => /^https?:\/\//.test(u)), e.id);
      assert.ok(['high', 'medium', 'low'].includes(e.confidence), e.id);
    }
  });
  test('what could not be established says so (reply to the forced-labour duty)', () => {
    const e = entries.find((x) => x.id === 'cn-reply-s301-forced-labor-2026')!;
    assert.match(String(e.details.after_2026_07_24), /NOT ESTABLISHED/);
    assert.equal(e.confidence, 'low');
  });
  test('the scenario cites ledger entries that exist (China part and the 2018-2020 retaliation)', () => {
    const ids = new Set([
      ...entries.map((e) => e.id),
      ...(
        parse(readFileSync(join(DATA_DIR, 'ledger/cn_retaliation_2018_2020.yaml'), 'utf8')) as {
          id: string;
        }[]
      ).map((e) => e.id),
    ]);
    const cited = scn.measures
      .filter((m) => m.id.startsWith('cn-ret-') || m.id === 'cn-licensing-general-2025-12')
      .flatMap((m) => m.ledger_ids ?? []);
    assert.ok(cited.length >= 16);
    for (const id of cited) assert.ok(ids.has(id), id);
  });
});
