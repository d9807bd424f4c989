// A round robin's ranking chart (POST /api/game/tournament), the same in the Negotiation panel's
// tournament and the editor's TACO check.
import type { Tournament } from '../../api.ts';
import { HBars } from '../../charts/charts.tsx';

/** Players best first by median normalised score; TACO (with or without parameters) in orange. */
export function RankingBars(p: {
  id: string;
  title: string;
  subtitle?: string;
  res: Pick<Tournament, 'players' | 'ranking' | 'median_normalised_score'>;
  detail?: (i: number) => string;
}) {
  const { res, detail } = p;
  return (
    <HBars
      id={p.id}
      unit="normalised score (mean payoff per turn, 0-1)"
      title={p.title}
      {...(p.subtitle ? { subtitle: p.subtitle } : {})}
      rows={res.ranking.map((i) => ({
        key: res.players[i],
        label: res.players[i],
        value: res.median_normalised_score[i],
        ...(detail ? { detail: detail(i) } : {}),
        color: res.players[i].startsWith('TACO') ? '#dd6b20' : '#2b6cb0',
      }))}
      fmt={(v) => v.toFixed(3)}
      csvHeader="median_normalised_score"
    />
  );
}
