import type { Catalog } from '../catalog/catalog';
import { currentSeason } from '../catalog/catalog';
import { demoPlanFor } from './plans';
import type { DemoPlan } from './simulation';

/** The demo races the final round of every series on file, with its real entry list and result. */
export function finalRoundPlans(catalog: Catalog): DemoPlan[] {
  return [...catalog.series.values()].flatMap((series) => {
    const season = currentSeason(catalog, series.id);
    if (!season) return [];
    const finalRace = Math.max(...season.races.map((race) => race.race));
    return [demoPlanFor(series, season, finalRace)];
  });
}
