import {
  liveChampionships,
  racePhaseOf,
  type PointsAdjustment,
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
      // Contention moves with the order, so it is recomputed with it and goes out in the same delta.
      const phase = racePhaseOf({ ...state.info, resultStatus: view.raceControl?.resultStatus });
      const championships = Object.fromEntries(
        liveChampionships(series, season, race, cars, { phase, adjustments }).map((championship) => [
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
