// One run of the loop, step by step: pick a seed and run, read the summary, moves and tariff path.
import { useState } from 'react';
import { LineChart } from '../../charts/charts.tsx';
import { useApi } from '../../state.ts';
import { ErrorBox, Loading, Section } from '../common.tsx';
import { StoryMoves } from './StoryMoves.tsx';
import type { Story } from './types.ts';

/** One run of the loop, step by step: who moved when, and the path it produced. */
export function OneRun({ scenario }: { scenario: string }) {
  const [seed, setSeed] = useState(1);
  const [index, setIndex] = useState(0);
  const story = useApi<Story>(
    `/api/scenarios/${encodeURIComponent(scenario)}/story?seed=${seed}&run=${index}`,
  );
  const detail = useApi<{
    scenario: { parameters?: { simulation?: { moves?: Record<string, { id: string; on: string }[]> } } };
  }>(`/api/scenarios/${encodeURIComponent(scenario)}`);
  const posture = new Map<string, string>();
  for (const list of Object.values(detail.data?.scenario.parameters?.simulation?.moves ?? {}))
    for (const mv of list) posture.set(mv.id, mv.on);
  const s = story.data;
  const actors = s ? [...new Set(s.moves.map((m) => m.actor))] : [];
  const dates = s ? s.weeks.map((w) => String(w.date)) : [];
  const tariffKey = (a: string, b: string) => `tariff_${a}_on_${b}_pct`;
  return (
    <Section
      title="One run, step by step"
      intro="A single draw of the uncertain parameters and the moves each side made week by week. Step through runs to see how different the stories are."
    >
      <div className="form" role="group" aria-label="Run to show">
        <label>
          Seed{' '}
          <input
            type="number"
            min={0}
            value={seed}
            onChange={(e) => setSeed(Math.max(0, Number(e.target.value) || 0))}
          />
        </label>
        <button
          type="button"
          onClick={() => setIndex(Math.max(0, index - 1))}
          disabled={index === 0}
          aria-label="Previous run"
        >
          Previous
        </button>
        <span data-testid="story-index">run {index}</span>
        <button
          type="button"
          onClick={() => setIndex(index + 1)}
          aria-label="Next run"
          data-testid="story-next"
        >
          Next
        </button>
      </div>
      {story.error ? <ErrorBox error={story.error} /> : null}
      {s ? (
        <>
          <p className="intro" data-testid="story-summary">
            {s.first_concession ? `First concession: ${s.first_concession}. ` : ''}
            {s.framework_week !== null
              ? `London framework approved in week ${s.framework_week} (${dates[s.framework_week] ?? ''}). `
              : 'London framework not approved. '}
            {s.truce_end_week !== null ? `Truce ended in week ${s.truce_end_week}. ` : ''}
            {s.escalation_week !== null
              ? `Escalation above the April peak in week ${s.escalation_week}.`
              : ''}
          </p>
          <StoryMoves s={s} actors={actors} dates={dates} posture={posture} />
          {actors.length === 2 ? (
            <LineChart
              id="chart-story-path"
              unit="percent ad valorem"
              title="Tariff path in this run"
              series={[
                {
                  name: `${actors[0]} on ${actors[1]}`,
                  color: '#2b6cb0',
                  points: s.weeks.map((w) => ({
                    date: String(w.date),
                    value: Number(w[tariffKey(actors[0], actors[1])] ?? 0),
                  })),
                },
                {
                  name: `${actors[1]} on ${actors[0]}`,
                  color: '#c53030',
                  points: s.weeks.map((w) => ({
                    date: String(w.date),
                    value: Number(w[tariffKey(actors[1], actors[0])] ?? 0),
                  })),
                },
              ]}
              yFmt={(v) => `${v}%`}
              height={200}
            />
          ) : null}
          <details>
            <summary>Parameters drawn and moves ({s.moves.length})</summary>
            <ul className="compact">
              {Object.entries(s.parameters).map(([k, v]) => (
                <li key={k}>
                  <code>{k}</code> = {v}
                </li>
              ))}
            </ul>
            <ol className="compact">
              {s.moves.map((mv, i) => (
                <li key={i}>
                  {mv.date}: {mv.actor} {mv.move}
                </li>
              ))}
            </ol>
          </details>
        </>
      ) : !story.error ? (
        <Loading what="the run" />
      ) : null}
    </Section>
  );
}
