import type { Catalog } from '../catalog/catalog';
import { currentSeason } from '../catalog/catalog';
import { demoPlanFor } from './plans';
import type { DemoPlan } from './simulation';
import type { Logger } from '../log/logger';

/**
 * One race from the middle of a season, so the demo shows a title with races still to run (points
 * still available, who is out) as well as the finales. The MX-5 Cup at Mid-Ohio, round 4.
 */
const MID_SEASON_RACES: readonly { seriesId: string; race: number }[] = [{ seriesId: 'mx5-cup', race: 7 }];

/**
 * The demo races the final round of every series on file, with its real entry list and result,
 * and the mid-season races above. A series the simulator has no lap times for is left out of the
 * demo rather than stopping the server: adding a series file must never break the start.
 */
export function finalRoundPlans(catalog: Catalog, log: Logger): DemoPlan[] {
  return [...catalog.series.values()].flatMap((series) => {
    const season = currentSeason(catalog, series.id);
    if (!season) return [];
    const finalRace = Math.max(...season.races.map((race) => race.race));
    const races = [
      finalRace,
      ...MID_SEASON_RACES.filter((mid) => mid.seriesId === series.id && mid.race !== finalRace).map((mid) => mid.race),
    ];
    return races.flatMap((race) => {
      try {
        return [demoPlanFor(series, season, race)];
      } catch (error) {
        log.warn('race left out of the demo', { series: series.id, race, reason: (error as Error).message });
        return [];
      }
    });
  });
}
