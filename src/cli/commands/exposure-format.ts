// `leverage exposure --model linear` for a terminal, and the rare-earth table of `leverage start`.
// The figures are computed in src/report/exposure.ts; this only formats them.
import { loadExposureInputs } from '../../io/index.ts';
import type { Scenario } from '../../model/index.ts';
import { rareEarthExposure, type RareEarthExposure } from '../../report/index.ts';
import { fmt, sig, table } from '../output.ts';

// values of very different sizes (million USD a week, shares): three significant figures
const sci = sig;
// the report's `_usd_m` figures: USD millions, converted from the table's unit
const PER_WEEK = 'USD m/week';

export function humanExposure(r: RareEarthExposure, top: number): string {
  const out: string[] = [`Rare-earth exposure on ${r.date} (scenario ${r.scenario})`];
  out.push(...r.warnings.map((w) => `warning: ${w}`));
  out.push(`IO table: ${r.table.name}${r.table.is_default ? ' (shipped default)' : ''}`);
  out.push('', "Face value: China's share of US imports, 2024 (Census, 51 partners)");
  out.push(
    table(
      ['HS', 'product', 'WIOD', 'US imports USD m', 'from China USD m', 'China share'],
      r.face_value.lines.map((l) => [
        l.hs,
        l.product,
        l.sector,
        fmt(l.us_imports_usd / 1e6, 1),
        fmt(l.from_china_usd / 1e6, 1),
        `${fmt(100 * l.china_share, 1)}%`,
      ]),
    ),
  );
  out.push(
    `World production shares: ${r.face_value.world.map((w) => `${w.stage} ${Math.round(100 * w.china_share)}%`).join(', ')}`,
  );
  out.push('', 'Controls:');
  for (const c of r.controls)
    out.push(
      `  ${c.measure_id}: ${c.in_force ? 'in force' : 'not in force'}${c.flow_share !== undefined ? `, flow share ${c.flow_share}` : ''}${c.approval_share !== undefined ? `, approval ${c.approval_share}` : ''}${c.processing_days !== undefined ? `, ${c.processing_days} days` : ''}${c.assumption ? ' (assumption)' : ''}`,
    );
  if (r.at)
    out.push(
      '',
      `Week of ${r.at.week_start}: supply cut ${fmt(100 * r.at.cut_share, 1)}%; linear IO model's output loss ${sci(r.at.downstream_loss_usd_m)} (world, downstream), ${sci(r.at.us_loss_usd_m)} (USA), ${sci(r.at.upstream_loss_usd_m)} (China's side, upstream) ${PER_WEEK}`,
    );
  const shown = r.weekly.filter(
    (w, i) => i === 0 || w.cut_share !== r.weekly[i - 1].cut_share || i === r.weekly.length - 1,
  );
  out.push('', `Weekly path (weeks where the cut changes; loss ${PER_WEEK}):`);
  out.push(
    table(
      ['week of', 'supply cut %', 'world loss', 'US loss', "China's loss", 'basis'],
      shown.map((w) => [
        w.week_start,
        fmt(100 * w.cut_share, 1),
        sci(w.downstream_loss_usd_m),
        sci(w.us_loss_usd_m),
        sci(w.upstream_loss_usd_m),
        w.basis.slice(0, 60),
      ]),
    ),
  );
  out.push(
    `First-order (Hulten) benchmark: Domar weight of the controlled exports ${sci(r.first_order.domar_weight)}; world GDP loss at the date ${sci(r.first_order.gdp_loss_at_date_usd_m)} ${PER_WEEK}`,
  );
  out.push(
    `Cumulative over ${r.cumulative.weeks} weeks: world ${sci(r.cumulative.downstream_loss_usd_m)}, US ${sci(r.cumulative.us_loss_usd_m)}, China's side ${sci(r.cumulative.upstream_loss_usd_m)} (USD m)`,
  );
  out.push('', 'Chokepoint rows (weight = rare-earth share of the industry):');
  out.push(
    table(
      ['region', 'sector', 'weight', 'basis'],
      r.chokepoints.map((c) => [c.region, c.sector, sci(c.weight), c.basis]),
    ),
  );
  out.push('', `US industries, most exposed first (top ${top})`);
  out.push(
    table(
      ['sector', 'industry', 'face value %', 'look-through %', `loss ${PER_WEEK}`, 'loss % of output'],
      r.us_industries
        .slice(0, top)
        .map((u) => [
          u.sector,
          u.name.slice(0, 40),
          sci(100 * u.face_value_share),
          sci(100 * u.look_through_share),
          sci(u.loss_at_date_usd_m),
          sci(100 * u.loss_at_date_share),
        ]),
    ),
  );
  out.push('', 'Countries, most exposed first (output-weighted look-through, top 10)');
  out.push(
    table(
      ['region', 'look-through per unit output', `loss ${PER_WEEK}`, 'loss % of output'],
      r.countries
        .slice(0, 10)
        .map((c) => [
          c.region,
          sci(c.look_through_share),
          sci(c.loss_at_date_usd_m),
          sci(100 * c.loss_at_date_share),
        ]),
    ),
  );
  out.push('', `Units: ${r.units}`, ...r.assumptions.map((a) => `Assumption: ${a}`));
  return out.join('\n');
}

/** The rare-earth table of the `start` report: US industries, look-through exposure and weekly loss at key dates. */
export async function rareEarthSection(scn: Scenario, dates: string[], top = 8): Promise<string> {
  const runs: RareEarthExposure[] = [];
  const inputs = await loadExposureInputs({});
  for (const d of dates) runs.push(rareEarthExposure(scn, d, inputs));
  const base = runs[runs.length - 1];
  const lossAt = (r: RareEarthExposure, s: string) =>
    r.us_industries.find((u) => u.sector === s)?.loss_at_date_usd_m ?? 0;
  const out = [
    `Rare-earth exposure of US industries (${base.table.name}; chokepoint rows CHN ${base.chokepoints.map((c) => c.sector).join('/')} weighted by 2024 trade; losses in ${PER_WEEK})`,
    table(
      ['industry', 'face value %', 'look-through %', ...dates.map((d) => `loss ${d}`)],
      base.us_industries
        .slice(0, top)
        .map((u) => [
          `${u.sector} ${u.name.slice(0, 32)}`,
          sci(100 * u.face_value_share),
          sci(100 * u.look_through_share),
          ...runs.map((r) => sci(lossAt(r, u.sector))),
        ]),
    ),
    `Supply cut by date: ${runs.map((r) => `${r.date} ${fmt(100 * (r.at?.cut_share ?? 0), 0)}%`).join(', ')}. Linear IO models (rungs 1-2): no bottleneck effects; see docs/supply.md.`,
  ];
  return out.join('\n');
}
