import {
  computeStandings,
  type ChampionshipStandings,
  type ProgressionAnswer,
  type SeasonStandingsAnswer,
  type SeriesListAnswer,
  type SessionStandingsAnswer,
} from '@pitwall/shared';
import { currentSeason, type Catalog } from '../catalog/catalog';
import { z } from 'zod';
import type { RoutePlugin } from '../http/app';
import { HttpError } from '../http/errors';
import { idParams } from '../http/read-api';
import type { ViewSource } from '../broadcast/viewers';

/** The season standings of a series in the shape the CLI's --json prints. */
export function seasonStandings(catalog: Catalog, seriesId: string, afterRace?: number): SeasonStandingsAnswer {
  const series = catalog.series.get(seriesId);
  if (!series)
    throw new HttpError(404, `unknown series "${seriesId}" (known: ${[...catalog.series.keys()].join(', ')})`);
  const season = currentSeason(catalog, seriesId);
  if (!season) throw new HttpError(404, `no season on file for series "${seriesId}"`);
  const lastRace = Math.max(...season.races.map((r) => r.race));
  if (afterRace !== undefined && (!Number.isInteger(afterRace) || afterRace < 1 || afterRace > lastRace)) {
    throw new HttpError(400, `after must be a race number from 1 to ${lastRace}`);
  }
  const completed = Math.max(0, ...season.results.map((r) => r.race));
  const after = afterRace ?? completed;
  return {
    seriesId,
    year: season.year,
    afterRace: after,
    championships: computeStandings(series, season, { afterRace: after }).map(toJson),
  };
}

function toJson(championship: ChampionshipStandings) {
  return {
    id: championship.championshipId,
    name: championship.name,
    standings: championship.standings.map((row) => ({
      position: row.position,
      name: row.name,
      competitor: row.competitor,
      ...(row.classId ? { classId: row.classId } : {}),
      points: row.points,
      wins: row.wins,
      races: row.racePoints,
      adjustments: row.adjustments,
    })),
  };
}

/**
 * Each competitor's total after every race up to `through`: the season so far, for the
 * points-over-the-season chart (the live projection is its last point, added by the viewer).
 */
export function seasonProgression(
  catalog: Catalog,
  seriesId: string,
  championshipId: string,
  through: number,
): ProgressionAnswer {
  const { afterRace, year } = seasonStandings(catalog, seriesId, through);
  const season = currentSeason(catalog, seriesId)!;
  const series = catalog.series.get(seriesId)!;
  const index = series.championships.findIndex((c) => c.id === championshipId);
  if (index < 0) throw new HttpError(404, `series "${seriesId}" has no championship "${championshipId}"`);
  const races = season.races.filter((race) => race.race <= afterRace);
  const totals = new Map<string, { competitor: string; name: string; points: (number | null)[] }>();
  races.forEach((race, i) => {
    for (const row of computeStandings(series, season, { afterRace: race.race })[index]!.standings) {
      const entry = totals.get(row.competitor) ?? {
        competitor: row.competitor,
        name: row.name,
        points: races.map(() => null),
      };
      entry.points[i] = row.points;
      totals.set(row.competitor, entry);
    }
  });
  return {
    seriesId,
    year,
    championshipId,
    races: races.map((r) => ({ race: r.race, code: r.code })),
    competitors: [...totals.values()],
  };
}

export const championshipRoutes: RoutePlugin<{ catalog: Catalog; hub: ViewSource }> = (app, { catalog, hub }) => {
  app.get('/api/series', (): SeriesListAnswer => ({
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
  app.get(
    '/api/series/:id/standings',
    { schema: { params: idParams, querystring: z.object({ after: z.string().optional() }) } },
    ({ params, query }) =>
      seasonStandings(catalog, params.id, query.after === undefined ? undefined : Number(query.after)),
  );
  app.get(
    '/api/series/:id/progression',
    {
      schema: {
        params: idParams,
        querystring: z.object({ championship: z.string().optional(), through: z.string().optional() }),
      },
    },
    ({ params, query }) => {
      if (!query.championship) throw new HttpError(400, 'championship is required');
      return seasonProgression(catalog, params.id, query.championship, Number(query.through ?? NaN));
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
          racesRemaining: c.racesRemaining,
          ...(c.champion ? { champion: c.champion } : {}),
          standings: c.order.map((competitor) => c.rows[competitor]!),
        })),
      };
    },
  );
};
