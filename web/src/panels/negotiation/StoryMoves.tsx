// The moves chart of one run: a lane per actor, a dot per move coloured by its posture (talk/fight).
import { ChartFrame } from '../../charts/frame.tsx';
import { toCsv } from '../../charts/util.ts';
import type { Story } from './types.ts';

/** Moves of run `s` by actor and date; `posture` maps a move id to 'C' (talk) or 'D' (fight). */
export function StoryMoves({
  s,
  actors,
  dates,
  posture,
}: {
  s: Story;
  actors: string[];
  dates: string[];
  posture: Map<string, string>;
}) {
  const colorOfMove = (id: string) =>
    posture.get(id) === 'C' ? '#38a169' : posture.get(id) === 'D' ? '#dd6b20' : '#718096';
  const W = 860;
  const laneH = 46;
  const m = { l: 60, r: 16, t: 24, b: 28 };
  const H = m.t + m.b + laneH * Math.max(actors.length, 1);
  const x = (d: string) => {
    const i = dates.indexOf(d);
    return m.l + (i / Math.max(dates.length - 1, 1)) * (W - m.l - m.r);
  };
  return (
    <ChartFrame
      id="chart-story-moves"
      unit="weeks and dates; no quantities"
      title={`Moves in run ${s.run} (seed ${s.seed})`}
      width={W}
      height={H}
      csv={() =>
        toCsv(
          ['week', 'date', 'actor', 'move'],
          s.moves.map((mv) => [mv.week, mv.date, mv.actor, mv.move]),
        )
      }
      data={{ moves: s.moves.length }}
      note={`1 run (run ${s.run} of seed ${s.seed}) of the scenario's weekly negotiation loop, move by move (Leverage Monte Carlo).`}
    >
      {actors.map((a, k) => (
        <g key={a} className="lane" data-actor={a}>
          <line
            x1={m.l}
            x2={W - m.r}
            y1={m.t + k * laneH + laneH / 2}
            y2={m.t + k * laneH + laneH / 2}
            stroke="#e2e8f0"
          />
          <text x={m.l - 8} y={m.t + k * laneH + laneH / 2 + 4} textAnchor="end" className="title">
            {a}
          </text>
          {s.moves
            .filter((mv) => mv.actor === a)
            .map((mv, i) => (
              <circle
                key={i}
                className="move"
                data-move={mv.move}
                data-week={mv.week}
                cx={x(mv.date)}
                cy={m.t + k * laneH + laneH / 2}
                r={6}
                fill={colorOfMove(mv.move)}
                opacity={0.85}
              >
                <title>{`${mv.date} (week ${mv.week}): ${a} ${mv.move}${posture.get(mv.move) === 'C' ? ' (talk)' : posture.get(mv.move) === 'D' ? ' (fight)' : ''}`}</title>
              </circle>
            ))}
        </g>
      ))}
      <g className="legend">
        <circle cx={m.l + 6} cy={10} r={5} fill="#38a169" />
        <text x={m.l + 16} y={14}>
          talk (C) move
        </text>
        <circle cx={m.l + 126} cy={10} r={5} fill="#dd6b20" />
        <text x={m.l + 136} y={14}>
          fight (D) move
        </text>
      </g>
      <g className="axis">
        {dates
          .filter((d) => d.endsWith('-01') || d.slice(8) <= '07')
          .filter((d, i, arr) => i === 0 || d.slice(0, 7) !== arr[i - 1].slice(0, 7))
          .map((d) => (
            <text key={d} x={x(d)} y={H - 8} className="small">
              {d.slice(0, 7)}
            </text>
          ))}
      </g>
    </ChartFrame>
  );
}
