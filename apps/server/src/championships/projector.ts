import {
  liveChampionships,
  titleContention,
  type ChampionshipContention,
  type PointsAdjustment,
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
  // Contention is taken from the standings before the race, so it holds for the whole race; it is
  // kept per season object, so a season whose results changed (a confirmed result) is reckoned anew.
  const contentionBySeason = new WeakMap<Season, Map<string, ChampionshipContention[]>>();
  return (state: SessionState, view: SessionView, raceControl: readonly PointsAdjustment[]): SessionView => {
    const { seriesId, race, id } = state.info;
    const series = catalog.series.get(seriesId);
    const season = currentSeason(catalog, seriesId);
    if (!series || !season) return view;
    if (race === undefined)
      return { ...view, championshipsUnavailable: 'the session does not say which race of the season it is' };
    try {
      const cars = view.order.map((number) => view.cars[number]!);
      // Once confirmed, the race's adjustments are in the season too: they count once.
      const adjustments = raceControl.filter(
        (adjustment) => !season.adjustments.some((known) => sameAdjustment(known, adjustment)),
      );
      const key = `${race} ${JSON.stringify(adjustments)}`;
      const cached = contentionBySeason.get(season) ?? new Map<string, ChampionshipContention[]>();
      contentionBySeason.set(season, cached);
      const contention = cached.get(key) ?? titleContention(series, season, race, adjustments);
      cached.set(key, contention);
      const championships = Object.fromEntries(
        liveChampionships(series, season, race, cars, { contention, adjustments }).map((championship) => [
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

function sameAdjustment(a: PointsAdjustment, b: PointsAdjustment): boolean {
  return (
    a.championship === b.championship &&
    a.competitor === b.competitor &&
    a.points === b.points &&
    a.reason === b.reason &&
    a.race === b.race
  );
}
