import type { RaceResult } from '@pitwall/shared';
import type { Catalog } from './catalog';

/** What the catalog needs from the results store: every stored result of one season. */
export interface StoredResults {
  raceResults(seriesId: string, year: number): RaceResult[];
}

/**
 * A season's results with the stored ones laid over the file's: an imported official result for
 * race N replaces the file's race N (the file may hold a provisional one), the rest are kept.
 */
export function mergeRaceResults(fromFile: readonly RaceResult[], stored: readonly RaceResult[]): RaceResult[] {
  const byRace = new Map(fromFile.map((result) => [result.race, result]));
  for (const result of stored) byRace.set(result.race, result);
  return [...byRace.values()].sort((a, b) => a.race - b.race);
}

/**
 * The catalog with every season's stored results merged in, and the points adjustments race
 * control confirmed with them; the catalog given is not changed.
 */
export function withStoredResults(catalog: Catalog, store: StoredResults): Catalog {
  const seasons = new Map(
    [...catalog.seasons].map(([seriesId, list]) => [
      seriesId,
      list.map((season) => {
        const stored = store.raceResults(seriesId, season.year);
        return {
          ...season,
          results: mergeRaceResults(season.results, stored),
          adjustments: [...season.adjustments, ...stored.flatMap((result) => result.adjustments ?? [])],
        };
      }),
    ]),
  );
  return { series: catalog.series, seasons };
}

/**
 * Lays the store over the season files again, into `live` (the catalog the running server
 * reads), so a result stored while it runs counts at once, without a restart.
 */
export function reloadStoredResults(live: Catalog, files: Catalog, store: StoredResults): void {
  const fresh = withStoredResults(files, store);
  for (const [seriesId, seasons] of fresh.seasons) live.seasons.set(seriesId, seasons);
}
