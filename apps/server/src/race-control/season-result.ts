import { raceResultFromCars, type RaceResult } from '@pitwall/shared';
import { currentSeason, type Catalog } from '../catalog/catalog';
import type { StoredResults } from '../catalog/stored-results';
import type { ResultConfirmer } from '../sessions/hub';

export interface SeasonResultStore extends StoredResults {
  saveRaceResult(seriesId: string, year: number, result: RaceResult, source: string): void;
}

/**
 * A confirmed result, with race control's decisions applied, becomes the race's result of the
 * season: stored (replacing any earlier one for that race), which the live catalog reads, so
 * season standings count it at once. A session that is not a race of a season on file is
 * confirmed all the same, with the reason nothing was stored; the demo's never are.
 */
export function seasonResultConfirmer(live: Catalog, store: SeasonResultStore): ResultConfirmer {
  return (view, adjustments) => {
    const { seriesId, race, id, demo } = view.info;
    if (demo) return { stored: false, reason: 'demo sessions never count in a season' };
    const season = currentSeason(live, seriesId);
    if (!live.series.has(seriesId) || !season) return { stored: false, reason: `no season on file for "${seriesId}"` };
    if (race === undefined) return { stored: false, reason: 'the session does not say which race of the season it is' };
    if (!season.races.some((r) => r.race === race)) {
      return { stored: false, reason: `race ${race} is not in the ${season.year} calendar of "${seriesId}"` };
    }
    const cars = view.order.map((number) => view.cars[number]!);
    const result: RaceResult = {
      ...raceResultFromCars(cars, race, season.entries),
      ...(adjustments.length > 0 && { adjustments }),
    };
    store.saveRaceResult(seriesId, season.year, result, `race control, session ${id}`);
    return { stored: true, seriesId, year: season.year, race };
  };
}
