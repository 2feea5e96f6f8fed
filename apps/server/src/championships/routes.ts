import {
  progressionAnswerSchema,
  seasonAnswerSchema,
  seasonStandingsAnswerSchema,
  seriesListAnswerSchema,
  type SessionStandingsAnswer,
} from '@pitwall/shared';
import { currentSeason, type Catalog } from '../catalog/catalog';
import { z } from 'zod';
import type { RoutePlugin } from '../http/app';
import { HttpError } from '../http/errors';
import { idParams } from '../http/read-api';
import { SeasonQueryError, seasonProgression, seasonStandings } from './season';
import type { ViewSource } from '../broadcast/viewers';

export const championshipRoutes: RoutePlugin<{ catalog: Catalog; hub: ViewSource }> = (app, { catalog, hub }) => {
  app.get('/api/series', { schema: { response: { 200: seriesListAnswerSchema } } }, () => ({
    series: [...catalog.series.values()].map((s) => ({
      id: s.id,
      name: s.name,
      shortName: s.shortName,
      classes: s.classes,
      championships: s.championships.map((c) => ({
        id: c.id,
        name: c.name,
        competitor: c.competitor,
        ...c.scope,
      })),
      seasons: (catalog.seasons.get(s.id) ?? []).map((season) => season.year),
    })),
  }));
  // The definition and the current season with its stored results: what a browser needs to score
  // a hypothetical order with the core's own functions.
  app.get(
    '/api/series/:id/season',
    { schema: { params: idParams, response: { 200: seasonAnswerSchema } } },
    ({ params: { id } }) => {
      const series = catalog.series.get(id);
      if (!series) throw new HttpError(404, `unknown series "${id}"`);
      const season = currentSeason(catalog, id);
      if (!season) throw new HttpError(404, `no season on file for series "${id}"`);
      return { series, season };
    },
  );
  app.get(
    '/api/series/:id/standings',
    {
      schema: {
        params: idParams,
        querystring: z.object({ after: z.string().optional() }),
        response: { 200: seasonStandingsAnswerSchema },
      },
    },
    ({ params, query }) =>
      answerSeasonQuery(() =>
        seasonStandings(catalog, params.id, query.after === undefined ? undefined : Number(query.after)),
      ),
  );
  app.get(
    '/api/series/:id/progression',
    {
      schema: {
        params: idParams,
        querystring: z.object({ championship: z.string().optional(), through: z.string().optional() }),
        response: { 200: progressionAnswerSchema },
      },
    },
    ({ params, query }) => {
      if (!query.championship) throw new HttpError(400, 'championship is required');
      const championship = query.championship;
      return answerSeasonQuery(() => seasonProgression(catalog, params.id, championship, Number(query.through ?? NaN)));
    },
  );
  app.get(
    '/api/sessions/:id/standings',
    { schema: { params: idParams } },
    ({ params: { id } }): SessionStandingsAnswer => {
      const snapshot = hub.snapshot(id);
      if (!snapshot) throw new HttpError(404, `unknown session "${id}"`);
      const { info, championships, championshipsUnavailable } = snapshot.view;
      if (!championships) {
        throw new HttpError(404, championshipsUnavailable ?? `no championship data for series "${info.seriesId}"`);
      }
      return {
        seq: snapshot.seq,
        seriesId: info.seriesId,
        race: info.race,
        championships: Object.values(championships).map((c) => ({
          id: c.championshipId,
          name: c.name,
          race: c.race,
          phase: c.phase,
          racesRemaining: c.racesRemaining,
          pointsStillAvailable: c.pointsStillAvailable,
          ...(c.champion ? { champion: c.champion } : {}),
          ...(c.championIfEndsNow ? { championIfEndsNow: c.championIfEndsNow } : {}),
          standings: c.order.map((competitor) => c.rows[competitor]!),
        })),
      };
    },
  );
};

/** A season question the catalog cannot answer: 404 for what is not on file, 400 for a value out of range. */
function answerSeasonQuery<T>(ask: () => T): T {
  try {
    return ask();
  } catch (error) {
    if (!(error instanceof SeasonQueryError)) throw error;
    const message = error.option ? `${error.option} ${error.message}` : error.message;
    throw new HttpError(error.kind === 'unknown' ? 404 : 400, message);
  }
}
