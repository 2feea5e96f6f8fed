import {
  liveRaceProjection,
  racePhaseOf,
  type LiveChampionship,
  type LiveRaceProjection,
  type PointsAdjustment,
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
  /** The race-control adjustments it was made with, as JSON. */
  adjustments: string;
  projection: LiveRaceProjection;
  /** The last answer and the record built from it, kept so an unchanged answer keeps its identity. */
  championships?: LiveChampionship[];
  record?: Record<string, LiveChampionship>;
}

/**
 * Adds projected standings to a session's view when its series has a season on file and the
 * session says which race it is. A session that can't be projected says why instead. Each
 * session keeps its race's projection (see liveRaceProjection) until the race, the series, the
 * season (a confirmed or imported result replaces the season object) or race control's
 * adjustments change.
 */
export function championshipProjector(catalog: Catalog, log: Logger): ViewProjector {
  const reported = new Set<string>();
  const bySession = new Map<string, SessionProjection>();
  return (state: SessionState, view: SessionView, raceControl: readonly PointsAdjustment[]): SessionView => {
    const { seriesId, race, id } = state.info;
    const series = catalog.series.get(seriesId);
    const season = currentSeason(catalog, seriesId);
    if (!series || !season) return view;
    if (race === undefined)
      return { ...view, championshipsUnavailable: 'the session does not say which race of the season it is' };
    try {
      // Once confirmed, the race's adjustments are in the season too: they count once.
      const adjustments = raceControl.filter(
        (adjustment) => !season.adjustments.some((known) => sameAdjustment(known, adjustment)),
      );
      const adjustmentsKey = JSON.stringify(adjustments);
      let current = bySession.get(id);
      if (
        !current ||
        current.series !== series ||
        current.season !== season ||
        current.race !== race ||
        current.adjustments !== adjustmentsKey
      ) {
        bySession.delete(id);
        current = {
          series,
          season,
          race,
          adjustments: adjustmentsKey,
          projection: liveRaceProjection(series, season, race, { adjustments }),
        };
        bySession.set(id, current);
      }
      // Contention moves with the order, so it is recomputed with it and goes out in the same delta.
      const { status, flag } = state.info;
      const phase = racePhaseOf({ status, flag, resultStatus: view.raceControl?.resultStatus });
      const championships = current.projection.project(
        view.order.map((number) => view.cars[number]!),
        phase,
      );
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

function sameAdjustment(a: PointsAdjustment, b: PointsAdjustment): boolean {
  return (
    a.championship === b.championship &&
    a.competitor === b.competitor &&
    a.points === b.points &&
    a.reason === b.reason &&
    a.race === b.race
  );
}
