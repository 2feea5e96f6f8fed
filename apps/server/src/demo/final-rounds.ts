import type { Catalog } from '../catalog/catalog';
import { currentSeason } from '../catalog/catalog';
import { demoPlanFor } from './plans';
import type { DemoPlan } from './simulation';
import type { Logger } from '../log/logger';

/**
 * The demo races the final round of every series on file, with its real entry list and result.
 * A series the simulator has no lap times for is left out of the demo rather than stopping the
 * server: adding a series file must never break the start.
 */
export function finalRoundPlans(catalog: Catalog, log: Logger): DemoPlan[] {
  return [...catalog.series.values()].flatMap((series) => {
    const season = currentSeason(catalog, series.id);
    if (!season) return [];
    const finalRace = Math.max(...season.races.map((race) => race.race));
    try {
      return [demoPlanFor(series, season, finalRace)];
    } catch (error) {
      log.warn('series left out of the demo', { series: series.id, reason: (error as Error).message });
      return [];
    }
  });
}
