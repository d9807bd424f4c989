// Game tools: strategies, tournaments, bargaining and equilibria (sizes checked before the work).
import { bargainingReport, strategyCatalogue } from '../../report/index.ts';
import { ApiError } from '../errors.ts';
import * as S from '../schemas.ts';
import * as R from '../responses/index.ts';
import { bodyOf, type Route, type RouteContext } from './route.ts';

export function gameRoutes(ctx: RouteContext): Route[] {
  const { work } = ctx;
  return [
    {
      method: 'GET',
      url: '/api/game/strategies',
      tag: 'game',
      summary: 'Strategies with their parameters (Axelrod semantics)',
      response: { name: 'Strategies', schema: R.Strategies },
      handler: () => strategyCatalogue(),
    },
    {
      method: 'POST',
      url: '/api/game/tournament',
      tag: 'game',
      summary: 'Round-robin tournament (players as "Name" or "Name(key=value)")',
      body: S.TournamentBody,
      response: { name: 'Tournament', schema: R.Tournament },
      handler: (req) => {
        const x = bodyOf(S.TournamentBody, req);
        const n = x.players.length;
        const turns = ((n * (n + 1)) / 2) * x.turns * x.repetitions;
        if (turns > S.MAX_TOURNAMENT_WORK)
          throw new ApiError(
            'input',
            'too_large',
            `the tournament would play ${turns.toLocaleString('en-US')} turns; at most ${S.MAX_TOURNAMENT_WORK.toLocaleString('en-US')} per request (fewer players, turns or repetitions)`,
            'body',
          );
        return work('tournament', x);
      },
    },
    {
      method: 'POST',
      url: '/api/game/bargaining',
      tag: 'game',
      summary: 'Rubinstein alternating offers (with outside options) or Nash bargaining with leverage',
      body: S.BargainingBody,
      response: { name: 'Bargaining', schema: R.Bargaining },
      handler: (req) => {
        const { method: _method, ...x } = bodyOf(S.BargainingBody, req);
        return bargainingReport(x, (f) => `body.${f}`);
      },
    },
    {
      method: 'POST',
      url: '/api/game/equilibria',
      tag: 'game',
      summary: 'Nash equilibria of a bimatrix game (exact)',
      body: S.EquilibriaBody,
      response: { name: 'Equilibria', schema: R.Equilibria },
      handler: (req) => {
        const x = bodyOf(S.EquilibriaBody, req);
        const rows = x.A.length;
        const cols = x.A[0].length;
        if (x.B.length !== rows || x.A.some((r) => r.length !== cols) || x.B.some((r) => r.length !== cols))
          throw new ApiError(
            'input',
            'bad_request',
            `A and B must both be ${rows} x ${cols} matrices`,
            'body.B',
          );
        if (x.method !== 'lemke-howson' && rows + cols > S.MAX_ENUMERATION_SIZE)
          throw new ApiError(
            'input',
            'too_large',
            `${x.method} enumeration of a ${rows} x ${cols} game is too slow for a request (rows + cols <= ${S.MAX_ENUMERATION_SIZE}); use method lemke-howson (one equilibrium) for larger games`,
            'body.method',
          );
        return work('equilibria', x);
      },
    },
  ];
}
