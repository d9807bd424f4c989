// The negotiation panel: Monte Carlo odds, one run step by step, the tournament and bargaining tools.
import type { PanelProps } from './common.tsx';
import { Bargaining } from './negotiation/Bargaining.tsx';
import { MonteCarlo } from './negotiation/MonteCarlo.tsx';
import { OneRun } from './negotiation/OneRun.tsx';
import { TournamentExplorer } from './negotiation/Tournament.tsx';

export { TournamentExplorer };
export { RunCharts } from './negotiation/RunCharts.tsx';

export function Negotiation({ view }: PanelProps) {
  return (
    <div className="panel" data-testid="panel-negotiation">
      <MonteCarlo scenario={view.scenario} />
      <OneRun scenario={view.scenario} />
      <TournamentExplorer />
      <Bargaining />
    </div>
  );
}
