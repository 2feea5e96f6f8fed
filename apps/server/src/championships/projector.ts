import {
  liveChampionships,
  titleContention,
  type ChampionshipContention,
  type Season,
  type SessionState,
  type SessionView,
} from '@pitwall/shared';
import { currentSeason, type Catalog } from '../catalog/catalog';
import type { ViewProjector } from '../sessions/hub';
import type { Logger } from '../log/logger';

/**
 * Adds projected standings to a session's view when its series has a season on file and the
 * session says which race it is. A session that can't be projected says why instead.
 */
export function championshipProjector(catalog: Catalog, log: Logger): ViewProjector {
  const reported = new Set<string>();
  // Contention is taken from the standings before the race, so it holds for the whole race, and
  // for as long as the season is the same object (a newly stored result makes a new one).
  const contentionByRace = new Map<string, { season: Season; contention: ChampionshipContention[] }>();
  return (state: SessionState, view: SessionView): SessionView => {
    const { seriesId, race, id } = state.info;
    const series = catalog.series.get(seriesId);
    const season = currentSeason(catalog, seriesId);
    if (!series || !season) return view;
    if (race === undefined)
      return { ...view, championshipsUnavailable: 'the session does not say which race of the season it is' };
    try {
      const cars = view.order.map((number) => view.cars[number]!);
      const key = `${seriesId}/${season.year}/${race}`;
      const cached = contentionByRace.get(key);
      const contention = cached?.season === season ? cached.contention : titleContention(series, season, race);
      contentionByRace.set(key, { season, contention });
      const championships = Object.fromEntries(
        liveChampionships(series, season, race, cars, { contention }).map((championship) => [
          championship.championshipId,
          championship,
        ]),
      );
      reported.delete(id);
      return { ...view, championships };
    } catch (error) {
      const reason = (error as Error).message;
      if (!reported.has(id)) log.warn('no projected standings', { session: id, reason });
      reported.add(id);
      return { ...view, championshipsUnavailable: reason };
    }
  };
}
