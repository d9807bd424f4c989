// Response schemas of the supply routes: the rare-earth exposure views (linear IO model and the
// stock-flow bottleneck model) and the input-output table (sectors, shocks). Written from
// src/server/supply.ts, src/supply (chokepoint.ts, shocks.ts, bottleneck/exposure.ts) and
// src/report/exposure.ts.
import { z } from 'zod';
import { asOf, count, day, share, usd } from './common.ts';

/** Values of the WIOD table: USD millions (2011 prices and structure). */
const usdM = (what: string) => z.number().describe(`${what}, USD millions (WIOD 2011 table units)`);
const rareEarthGroup = z.enum(['rare-earths', 'magnets']);

export const IoSectors = z.looseObject({
  regions: z.array(z.string()).describe('WIOD region codes (USA, DEU, ...)'),
  sectors: z.array(z.object({ code: z.string(), name: z.string() })).describe('WIOD industries (c1..c35)'),
  unit: z.string().describe("the table's unit, in words (USD millions, WIOD 2011, annual)"),
});

const outputChange = {
  baseline_usd_m: usdM('gross output before, annual'),
  change_usd_m: usdM('change of gross output, annual'),
  change_share: z.number().describe('change / baseline (0 when the baseline is 0)'),
};
const regionChange = z.object({ region: z.string(), ...outputChange });

/** POST /api/io/shock (report/io-shock.ts IoShockReport). */
export const IoShock = z.looseObject({
  kind: z.enum(['demand', 'supply']),
  sector: z.string().describe('REGION:SECTOR shocked'),
  name: z.string().nullable().describe("the sector's name"),
  demand_change_usd_m: z
    .number()
    .nullable()
    .describe(
      "the shock as asked, kind demand: change of the sector's final demand, USD millions a year (WIOD 2011 table units); null for kind supply",
    ),
  output_change_share: z
    .number()
    .min(-1)
    .nullable()
    .describe(
      "the shock as asked, kind supply: relative change of the sector's output (-0.5 = -50%); null for kind demand",
    ),
  unit: z.string().describe('the unit of every _usd_m field, in words'),
  top: z
    .array(
      z.object({
        index: count().describe("the sector's row in the table"),
        region: z.string(),
        sector: z.string(),
        name: z.string().optional(),
        ...outputChange,
      }),
    )
    .describe('largest changes by absolute size'),
  by_region: z.array(regionChange).describe('largest changes by absolute size, at most `top`'),
});

/** GET /api/scenarios/:name/exposure (report/exposure-view.ts ExposureView): the linear (Ghosh/Leontief) view. */
export const Exposure = z.looseObject({
  scenario: z.string(),
  measure: z.string().describe('the export control'),
  from: day('first week'),
  weeks: count(),
  target: z.string().describe('a WIOD region, or all'),
  basis: z.object({
    table: z.string(),
    bridge: z.array(z.string()).describe('how each chokepoint weight is computed from 2024 imports'),
    assumption: z.string(),
    flow_diagram: z.string().describe('what the widths of the flow diagram mean'),
  }),
  licensing: z
    .array(
      z.object({
        week: count(),
        date: day('the week starts'),
        in_force: z.boolean(),
        licence_required: z.boolean(),
        status: z.string().nullable(),
        flow_share: share('normal exports that get through that week'),
        approval_share: share('licence applications approved').nullable(),
        processing_days: z.number().nullable().describe('licence processing time, days'),
        basis: z.string().nullable(),
        assumption: z.boolean(),
        set_by: z.string().nullable().describe('the measure that set the licensing step'),
      }),
    )
    .describe("the control's state week by week, as the ledger reads it"),
  weekly: z.array(
    z.object({
      week: count(),
      date: day('the week starts'),
      cut_share: share('normal exports not delivered that week'),
      downstream_loss_usd_m: usdM('output lost by the importing industries (Ghosh), a week'),
      upstream_loss_usd_m: usdM("output lost by China's exporters and their suppliers (Leontief), a week"),
    }),
  ),
  face_value: z.object({
    lines: z.array(
      z.object({
        hs: z.string().describe('HS6 code'),
        product: z.string(),
        group: rareEarthGroup,
        sector: z.string().describe('WIOD industry'),
        us_imports_usd: usd('US imports 2024'),
        from_china_usd: usd('US imports from China 2024'),
        china_share: share("China's share of US imports"),
      }),
    ),
    groups: z.array(
      z.object({
        group: rareEarthGroup,
        us_imports_usd: usd('US imports 2024'),
        from_china_usd: usd('US imports from China 2024'),
        china_share: share("China's share of US imports"),
      }),
    ),
    world: z.array(
      z.object({
        stage: z.string(),
        china_share: share("China's share of world output"),
        source: z.string(),
      }),
    ),
    partner_note: z.string(),
  }),
  chokepoints: z.array(
    z.object({
      sector: z.string(),
      name: z.string(),
      weight: share("rare-earth share of China's deliveries in the industry"),
      rare_earth_imports_usd: usd('US rare-earth imports from China in the industry, 2024'),
      sector_imports_usd: usd("US imports from China of the industry's products, 2024"),
    }),
  ),
  industries: z
    .array(
      z.object({
        sector: z.string(),
        name: z.string(),
        loss_usd_m: usdM('output lost at a full cut, annual, summed over importing regions (China excluded)'),
        loss_share: z.number().describe("loss / the industry's gross output"),
      }),
    )
    .describe('largest loss first, at most 15'),
  countries: z
    .array(
      z.object({
        region: z.string(),
        loss_usd_m: usdM('output lost at a full cut, annual'),
        loss_share: z.number().describe("loss / the region's gross output"),
      }),
    )
    .describe('largest loss first, at most 15 (China excluded)'),
  look_through: z
    .array(
      z.object({
        region: z.string(),
        sector: z.string(),
        name: z.string(),
        look_through_share: z.number().describe('look-through exposure: share of all input requirements'),
      }),
    )
    .describe('most exposed industries by region, at most 15'),
  flow: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        stage: z
          .number()
          .int()
          .min(0)
          .max(3)
          .describe('0 materials, 1 chokepoints, 2 industries, 3 countries'),
      }),
    ),
    links: z.array(
      z.object({
        source: z.string(),
        target: z.string(),
        value: z.number().describe('width (see basis.flow_diagram)'),
      }),
    ),
  }),
  hs_map: z.array(
    z.object({
      hs: z.string(),
      product: z.string(),
      group: rareEarthGroup,
      sector: z.string(),
      reason: z.string(),
    }),
  ),
  ...asOf,
});

/** GET /api/scenarios/:name/exposure/bottleneck (report/exposure.ts BottleneckReport). */
export const Bottleneck = z.looseObject({
  scenario: z.string(),
  model: z.literal('bottleneck'),
  start: day('first week'),
  weeks: count(),
  rule: z.string(),
  io_table: z.string(),
  counterfactual: z.string().nullable().describe('the hold_flows_from counterfactual, in words'),
  units: z.record(z.string(), z.string()).describe('field -> its unit, in words'),
  assumptions: z.array(z.string()),
  countries: z.array(
    z.object({
      country: z.string(),
      baseline_output_usd_per_week: usd("the modelled users' normal output a week"),
      cumulative_lost_usd: usd('output lost over the weeks'),
      peak_lost_usd: usd('largest weekly loss'),
      peak_date: day('the week of the peak').nullable(),
      cliff_date: day("first week the loss reaches 1 % of the users' baseline output").nullable(),
    }),
  ),
  users: z.array(
    z.object({
      user: z.string(),
      label: z.string(),
      country: z.string(),
      end_use: z.enum(['civil', 'defence']),
      sector: z.string(),
      output_usd_per_week: usd('normal output a week'),
      output_basis: z.string(),
      lines: count().describe('production lines'),
      buffer_median_weeks: z.number().describe('median buffer stock, weeks of need'),
      need_kg_per_week: z.number().describe('kg of critical items a week at normal output'),
      cohort_dry_dates: z
        .array(day('first week the cohort ran dry').nullable())
        .describe('by cohort, lowest buffer first; null: never'),
      first_dry_date: day('first week a cohort ran dry').nullable(),
      dry_share: share(
        "share of the user's plants (cohorts weighted by their quantile bins) that ran dry within the weeks",
      ),
      cumulative_lost_usd: usd('output lost over the weeks'),
      line_weeks_lost: z.number().describe('lines x (1 - output share), summed over the weeks'),
    }),
  ),
  weekly: z
    .array(
      z.object({
        date: day('the week starts'),
        country: z.string(),
        output_lost_usd: usd('gross output lost by the modelled users that week'),
        value_added_lost_usd: usd('value added lost that week'),
        upstream_lost_usd: usd("output lost upstream in the country's suppliers that week"),
        band_low_usd: usd('low end of the band'),
        band_high_usd: usd('high end of the band'),
      }),
    )
    .describe('one row per week and country'),
  by_user: z
    .array(
      z.object({
        date: day('the week starts'),
        user: z.string(),
        country: z.string(),
        output_share: share('normal weekly output'),
        output_lost_usd: usd('output lost that week'),
        arrivals_share: z.number().min(0).describe('share of normal weekly need arriving (may exceed 1)'),
        stock_weeks: z.number().describe('mean stock over cohorts, weeks of normal need'),
        line_weeks_lost: z.number().describe('lines x (1 - output share)'),
      }),
    )
    .describe('one row per week and user'),
  basis: z
    .object({
      data: z.array(z.string()).describe('the shipped tables the model reads'),
      io_table: z.string(),
      read_at: day('the ledger view the data are read at (as known on, else as of)').nullable(),
      cliff: z.string().describe("definition of a country's and a user's cliff week"),
      source: z.string().describe('source line for charts and exports'),
    })
    .describe('what the figures rest on'),
  linear: z
    .array(
      z.object({ date: day('the week starts'), us_loss_usd: usd("the linear model's US loss that week") }),
    )
    .describe('the linear model on the same weeks, for comparison'),
  ...asOf,
});
