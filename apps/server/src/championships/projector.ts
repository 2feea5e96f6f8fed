import {
  liveRaceProjection,
  type LiveChampionship,
  type LiveRaceProjection,
  type Season,
  type SeriesDefinition,
  type SessionState,
  type SessionView,
} from '@pitwall/shared';
import { currentSeason, type Catalog } from '../catalog/catalog';
import type { ViewProjector } from '../sessions/hub';
import type { Logger } from '../log/logger';

interface SessionProjection {
  series: SeriesDefinition;
  season: Season;
  race: number;
  projection: LiveRaceProjection;
  /** The last answer and the record built from it, kept so an unchanged answer keeps its identity. */
  championships?: LiveChampionship[];
  record?: Record<string, LiveChampionship>;
}

/**
 * Adds projected standings to a session's view when its series has a season on file and the
 * session says which race it is. A session that can't be projected says why instead. Each
 * session keeps its race's projection until the race, the series or the season changes (a result
 * imported replaces the season object).
 */
export function championshipProjector(catalog: Catalog, log: Logger): ViewProjector {
  const reported = new Set<string>();
  const bySession = new Map<string, SessionProjection>();
  return (state: SessionState, view: SessionView): SessionView => {
    const { seriesId, race, id } = state.info;
    const series = catalog.series.get(seriesId);
    const season = currentSeason(catalog, seriesId);
    if (!series || !season) return view;
    if (race === undefined)
      return { ...view, championshipsUnavailable: 'the session does not say which race of the season it is' };
    try {
      let current = bySession.get(id);
      if (!current || current.series !== series || current.season !== season || current.race !== race) {
        bySession.delete(id);
        current = { series, season, race, projection: liveRaceProjection(series, season, race) };
        bySession.set(id, current);
      }
      const championships = current.projection.project(view.order.map((number) => view.cars[number]!));
      if (championships !== current.championships) {
        current.championships = championships;
        current.record = Object.fromEntries(championships.map((c) => [c.championshipId, c]));
      }
      reported.delete(id);
      return { ...view, championships: current.record! };
    } catch (error) {
      const reason = (error as Error).message;
      if (!reported.has(id)) log.warn('no projected standings', { session: id, reason });
      reported.add(id);
      return { ...view, championshipsUnavailable: reason };
    }
  };
}
