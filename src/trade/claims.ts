// Claims check: a public statement with a number ("55%", "China is getting 10%", "the deal is done")
// against what the ledger and the flows give on the claim's date, explained in plain words.
import type { EffectiveRate } from './effective.ts';

export interface ClaimLike {
  id: string;
  by: string;
  actor: string;
  date: string;
  quote: string;
  asserts: {
    metric: 'tariff_stack' | 'tariff_average' | 'agreement_status';
    importer?: string;
    exporter?: string;
    product?: string;
    group?: string;
    value_pct?: number;
    agreement?: string;
    value_status?: string;
    decomposition?: Record<string, number>;
    /** The date the asserted figure refers to, when not the claim's own date. */
    at?: string;
  };
  sources: string[];
}

/** Distribution of line totals on a date: what share of base trade sits at each total. */
export interface StackDistribution {
  /** Sorted ascending by total_pct; `share` of base trade (by value), `line_share` of the lines (by count). */
  levels: { total_pct: number; share: number; line_share: number; example_line: string }[];
  /** Share of base trade where authority a has rate r: by_authority[a] = [{rate_pct, share}]. */
  by_authority: Record<string, { rate_pct: number; share: number }[]>;
}

export interface ClaimContext {
  /** Effective rate and its basis for a direction on a date, or null when no weights exist. */
  effective(
    importer: string,
    exporter: string,
    date: string,
  ): {
    rate: EffectiveRate;
    weights: string;
    label: string;
    mfn: string;
    with_mfn_pct?: number | null;
  } | null;
  distribution(importer: string, exporter: string, date: string): StackDistribution | null;
  stack(
    importer: string,
    exporter: string,
    product: string,
    date: string,
  ): { total_pct: number; layers: { authority: string; rate_pct: number }[] };
  agreement(
    id: string,
    date: string,
  ): {
    status: string | null;
    approved: boolean;
    approvals: { by: string; role: string; status: string | null }[];
  };
  /** Dated status path of an agreement (to say when a claimed status was reached, if ever). */
  agreementPath(id: string): { date: string; status: string }[];
}

export type Verdict =
  | 'matches'
  | 'close'
  | 'overstates'
  | 'understates'
  | 'top_stack_not_average'
  | 'premature'
  | 'not_checkable';

export interface ClaimCheck {
  id: string;
  by: string;
  date: string;
  quote: string;
  metric: string;
  /** Whose tariffs on whose goods the claim is about (null for an agreement's status). */
  importer: string | null;
  exporter: string | null;
  /** The date the claim is checked on: its `asserts.at` if it names one, else the day it was made. */
  checked_on: string;
  claimed: number | string | null;
  found: Record<string, unknown>;
  verdict: Verdict;
  gap_pp: number | null;
  explanation: string;
  sources: string[];
}

const pct = (x: number) => `${Number(x.toFixed(1))}%`;
const share = (x: number) => `${Number((100 * x).toFixed(1))}%`;
const near = (a: number, b: number) => Math.abs(a - b) < 0.05;
/** Why a claim is checked on another day than it was made (its `asserts.at`). */
const whenNote = (when: string, said: string) =>
  `Checked on ${when}, the date the claim refers to (it was made on ${said}, when ${when < said ? 'that date had passed' : 'it had not yet come'}).`;
/** Points of an average, always with one decimal ("8.5", "20.0"), so that they visibly add up. */
const points1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/** Words that claim an agreement is finished. */
const DONE_WORDS =
  /\b(done|final|finali[sz]ed|complete|concluded|signed|sealed|approved|in force|implemented)\b/i;
const DONE_STATUSES = new Set(['signed', 'implemented', 'extended']);

export function checkClaim(c: ClaimLike, ctx: ClaimContext): ClaimCheck {
  const a = c.asserts;
  // A claim about a promised rate ("47% after the cut") is checked on the date it refers to.
  const when = a.at ?? c.date;
  const base = {
    id: c.id,
    by: c.by,
    date: c.date,
    quote: c.quote,
    metric: a.metric,
    importer: a.metric === 'agreement_status' ? null : (a.importer ?? null),
    exporter: a.metric === 'agreement_status' ? null : (a.exporter ?? null),
    checked_on: a.metric === 'agreement_status' ? c.date : when,
    sources: c.sources,
  };
  if (a.metric === 'agreement_status') return checkStatus(c, ctx, base);
  const importer = a.importer;
  const exporter = a.exporter;
  const claimed = a.value_pct;
  if (!importer || !exporter || claimed === undefined)
    return {
      ...base,
      claimed: claimed ?? null,
      found: {},
      verdict: 'not_checkable',
      gap_pp: null,
      explanation: 'The claim does not say which importer, exporter and rate it is about.',
    };
  const dir = `${importer} tariffs on goods from ${exporter}`;
  if (a.product) {
    const s = ctx.stack(importer, exporter, a.product, when);
    const gap = claimed - s.total_pct;
    const layers =
      s.layers
        .filter((l) => l.rate_pct > 0)
        .map((l) => `${l.authority} ${pct(l.rate_pct)}`)
        .join(' + ') || 'no additional duty';
    const verdict: Verdict = Math.abs(gap) <= 0.5 ? 'matches' : gap > 0 ? 'overstates' : 'understates';
    return {
      ...base,
      claimed,
      found: { product: a.product, total_pct: s.total_pct, layers: s.layers },
      verdict,
      gap_pp: gap,
      explanation: `${when !== c.date ? whenNote(when, c.date) + ' ' : ''}On ${when} the stack of ${dir} on HS ${a.product} was ${pct(s.total_pct)} (${layers}); the claim says ${pct(claimed)}.`,
    };
  }
  const eff = ctx.effective(importer, exporter, when);
  const dist = ctx.distribution(importer, exporter, when);
  if (!eff || !dist)
    return {
      ...base,
      claimed,
      found: {},
      verdict: 'not_checkable',
      gap_pp: null,
      explanation: `No base-year trade weights for ${dir}.`,
    };
  const avg = eff.rate.average_pct;
  // The gap is taken from the average as it is shown (0.1 pp), so that "average 41.9%" and
  // "13.1 points above" agree for a reader; rounding the raw gap separately could print 13.2.
  const gapAvg = Number((claimed - Number(avg.toFixed(1))).toFixed(1));
  const atClaim = dist.levels.filter((l) => near(l.total_pct, claimed)).reduce((s, l) => s + l.share, 0);
  const atOrAbove = dist.levels.filter((l) => l.total_pct >= claimed - 0.05).reduce((s, l) => s + l.share, 0);
  const top = dist.levels.length
    ? dist.levels[dist.levels.length - 1]
    : { total_pct: 0, share: 0, example_line: '' };
  const modal = mostCommonStack(dist.levels);
  const modalLines = mostCommonStack(
    dist.levels.map((l) => ({ total_pct: l.total_pct, share: l.line_share })),
  );
  const found = {
    average_pct: avg,
    average_with_mfn_pct: eff.with_mfn_pct ?? null,
    coverage_share: eff.rate.coverage_share,
    share_at_claimed: atClaim,
    share_at_or_above_claimed: atOrAbove,
    most_common_by_value_total_pct: modal.total_pct,
    most_common_by_value_share: modal.share,
    most_common_by_lines_total_pct: modalLines.total_pct,
    most_common_by_lines_share: modalLines.share,
    highest_total_pct: top.total_pct,
    weights: eff.weights,
    mfn: eff.mfn,
    by_authority: eff.rate.by_authority.map((x) => ({
      authority: x.authority,
      average_pct: x.average_pct,
      coverage_share: x.coverage_share,
    })),
  };
  const parts: string[] = when !== c.date ? [whenNote(when, c.date)] : [];
  if (a.decomposition) {
    // Each claimed layer's contribution is its rate times the share of trade at that rate
    // (25% x 33.8% = 8.5 points), so the contributions add up; the authority's whole average
    // (all its lists and rates) is given beside it when it differs.
    const bits: string[] = [];
    let sum = 0;
    for (const [auth, r] of Object.entries(a.decomposition)) {
      const d = dist.by_authority[auth];
      const sh = d ? d.filter((x) => near(x.rate_pct, r)).reduce((s, x) => s + x.share, 0) : 0;
      const dAvg = eff.rate.by_authority.find((x) => x.authority === auth);
      const points = Number((r * sh).toFixed(1));
      sum += points;
      const whole =
        dAvg && Math.abs(Number(dAvg.average_pct.toFixed(1)) - points) >= 0.05
          ? `; all of ${auth}: ${points1(dAvg.average_pct)} points`
          : '';
      bits.push(
        dAvg
          ? `${auth} ${pct(r)} on ${share(sh)} of trade (${pct(r)} x ${share(sh)} = ${points1(points)} points of the average${whole})`
          : `${auth} ${pct(r)} (no such layer in the ledger on that date)`,
      );
    }
    const others = eff.rate.by_authority
      .filter((x) => !(x.authority in a.decomposition!) && x.average_pct >= 0.05)
      .map((x) => `${x.authority} ${points1(x.average_pct)}`);
    const rest = Number(avg.toFixed(1)) - Number(sum.toFixed(1));
    parts.push(
      `The ${pct(claimed)} is a sum of layers: ${bits.join('; ')}; together ${points1(sum)} points of the ${pct(avg)} average` +
        (rest >= 0.05
          ? `; the other ${points1(rest)} points are other rates of these layers${others.length ? ` and layers the claim leaves out (${others.join(', ')})` : ''}.`
          : '.'),
    );
  }
  if (!a.decomposition) {
    const layers = eff.rate.by_authority.filter((x) => x.coverage_share > 0);
    if (layers.length)
      parts.push(
        `Layers in force: ${layers.map((x) => `${x.authority} on ${share(x.coverage_share)} of trade (${pct(x.rate_on_covered_pct)} where applied, ${points1(x.average_pct)} points of the average)`).join('; ')}.`,
      );
  }
  parts.push(
    `On ${when} ${share(atClaim)} of ${eff.label} (by value) faced exactly ${pct(claimed)} and ${share(atOrAbove)} faced ${pct(claimed)} or more; ` +
      `the most common stack by trade value was ${pct(modal.total_pct)} (${share(modal.share)} of trade by value; by line count ${pct(modalLines.total_pct)}, on ${share(modalLines.share)} of the lines) and the highest ${pct(top.total_pct)}.`,
  );
  parts.push(
    `The trade-weighted average was ${pct(avg)} (${eff.label} as fixed weights; ${eff.mfn}${typeof eff.with_mfn_pct === 'number' ? `; ${pct(eff.with_mfn_pct)} with pre-war MFN rates added` : ''}), with ${share(eff.rate.coverage_share)} of trade under some additional tariff.`,
  );
  let verdict: Verdict;
  if (a.metric === 'tariff_stack') {
    // A stack claim is right when (nearly) all trade faces that stack; a stack that only some goods
    // face is reported as such when it exceeds the average, as understating when it is below it.
    if (atClaim >= 0.9) verdict = 'matches';
    else if (Math.abs(gapAvg) <= 1) verdict = 'close';
    else if (atClaim > 0 && gapAvg > 0) {
      verdict = 'top_stack_not_average';
      parts.unshift(
        `"${pct(claimed)}" is the stack on some goods (${share(atClaim)} of trade), not the average.`,
      );
    } else verdict = gapAvg > 0 ? 'overstates' : 'understates';
  } else
    verdict =
      Math.abs(gapAvg) <= 1
        ? 'matches'
        : Math.abs(gapAvg) <= 3
          ? 'close'
          : gapAvg > 0
            ? 'overstates'
            : 'understates';
  if (a.metric === 'tariff_average' || verdict !== 'matches')
    parts.push(
      `The claim is ${points1(Math.abs(gapAvg))} percentage points ${gapAvg > 0 ? 'above' : 'below'} the average.`,
    );
  return { ...base, claimed, found, verdict, gap_pp: gapAvg, explanation: parts.join(' ') };
}

function checkStatus(
  c: ClaimLike,
  ctx: ClaimContext,
  base: Omit<ClaimCheck, 'claimed' | 'found' | 'verdict' | 'gap_pp' | 'explanation'>,
): ClaimCheck {
  const id = c.asserts.agreement;
  const said = c.asserts.value_status ?? '';
  if (!id)
    return {
      ...base,
      claimed: said,
      found: {},
      verdict: 'not_checkable',
      gap_pp: null,
      explanation: 'The claim does not name an agreement.',
    };
  const st = ctx.agreement(id, c.date);
  const pending = st.approvals.filter((p) => p.status !== 'approved');
  const claimsDone = DONE_WORDS.test(said);
  const isDone = st.status !== null && DONE_STATUSES.has(st.status) && st.approved;
  const later = ctx.agreementPath(id).find((s) => s.date > c.date && DONE_STATUSES.has(s.status));
  const appr = st.approvals.map((p) => `${p.role} (${p.by}): ${p.status ?? 'no decision'}`).join('; ');
  let verdict: Verdict;
  let expl = `On ${c.date} the agreement "${id}" had status "${st.status ?? 'none yet'}"${appr ? `; approvals: ${appr}` : ''}.`;
  if (!claimsDone)
    verdict =
      st.status !== null && said.toLowerCase().includes(st.status.replace(/_/g, ' '))
        ? 'matches'
        : 'not_checkable';
  else if (isDone) verdict = 'matches';
  else {
    verdict = 'premature';
    expl += ` Saying it is "${said}" runs ahead of the record${pending.length ? `: ${pending.length} required approval(s) were still outstanding` : ''}.`;
    if (later) expl += ` It reached "${later.status.replace(/_/g, ' ')}" on ${later.date}.`;
  }
  return {
    ...base,
    claimed: said,
    found: { status: st.status, approved: st.approved, approvals: st.approvals },
    verdict,
    gap_pp: null,
    explanation: expl,
  };
}

/**
 * The most common stack, the one definition used wherever it is shown (the Tariffs panel by line
 * count, the claims check by trade value and by line count): the stack level (line total, to
 * 0.01 point) with the largest share; ties go to the higher total. `share` is whatever the
 * levels count (lines or base-year value); say which next to the figure.
 */
export function mostCommonStack<L extends { total_pct: number; share: number }>(
  levels: readonly L[],
): L | { total_pct: number; share: number } {
  let best: L | null = null;
  for (const l of levels)
    if (!best || l.share > best.share || (l.share === best.share && l.total_pct > best.total_pct)) best = l;
  return best ?? { total_pct: 0, share: 0 };
}

/** A line total as a stack level: rounded to 0.01 point (mostCommonStack's grouping). */
export const stackLevel = (totalPct: number): number => Math.round(totalPct * 100) / 100;

/** Build the distribution of line totals (and per-authority rates) weighted by base trade. */
export function stackDistribution(
  lines: readonly string[],
  weights: Float64Array,
  authorities: readonly string[],
  byAuthority: Float64Array,
  total: Float64Array,
  mfn: Float64Array | null = null,
): StackDistribution {
  let W = 0;
  for (const w of weights) W += w;
  const lv = new Map<number, { share: number; lines: number; example: string; exW: number }>();
  const A = authorities.length;
  const per: Map<number, number>[] = authorities.map(() => new Map());
  for (let i = 0; i < lines.length; i++) {
    const w = W > 0 ? weights[i] / W : 0;
    const t = stackLevel(total[i] + (mfn ? mfn[i] : 0));
    const e = lv.get(t) ?? { share: 0, lines: 0, example: lines[i], exW: -1 };
    e.share += w;
    e.lines++;
    if (weights[i] > e.exW) {
      e.exW = weights[i];
      e.example = lines[i];
    }
    lv.set(t, e);
    for (let a = 0; a < A; a++) {
      const r = Math.round(byAuthority[i * A + a] * 100) / 100;
      per[a].set(r, (per[a].get(r) ?? 0) + w);
    }
  }
  const by_authority: StackDistribution['by_authority'] = {};
  authorities.forEach((a, k) => {
    by_authority[a] = [...per[k]]
      .map(([rate_pct, s]) => ({ rate_pct, share: s }))
      .sort((x, y) => x.rate_pct - y.rate_pct);
  });
  return {
    levels: [...lv]
      .map(([total_pct, e]) => ({
        total_pct,
        share: e.share,
        line_share: lines.length ? e.lines / lines.length : 0,
        example_line: e.example,
      }))
      .sort((x, y) => x.total_pct - y.total_pct),
    by_authority,
  };
}
