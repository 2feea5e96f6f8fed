import type { RaceResult, Season } from '@pitwall/shared';
import type { Catalog } from './catalog';

/** What the catalog needs from the results store: every stored result of one season. */
export interface StoredResults {
  raceResults(seriesId: string, year: number): RaceResult[];
  /** Changes whenever a stored result may have changed, saved by this process or another. */
  revision(): string;
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
 * The catalog with the store's results laid over every season's, read each time a season is
 * asked for: an imported or confirmed result counts in standings at once, without a restart.
 * The catalog given is not changed.
 */
export function withStoredResults(catalog: Catalog, store: StoredResults): Catalog {
  return { ...catalog, storedResults: store };
}

const mergedSeasons = new WeakMap<StoredResults, WeakMap<Season, { revision: string; season: Season }>>();

/**
 * The file's season with the stored results laid over it, and the points adjustments race control
 * confirmed with them: the same object for as long as the store has not changed, so callers may
 * cache what they derive from it by identity.
 */
export function seasonWithStoredResults(season: Season, store: StoredResults): Season {
  const revision = store.revision();
  const byStore = mergedSeasons.get(store) ?? new WeakMap();
  mergedSeasons.set(store, byStore);
  const cached = byStore.get(season);
  if (cached?.revision === revision) return cached.season;
  const stored = store.raceResults(season.seriesId, season.year);
  const merged = {
    ...season,
    results: mergeRaceResults(season.results, stored),
    adjustments: [...season.adjustments, ...stored.flatMap((result) => result.adjustments ?? [])],
  };
  byStore.set(season, { revision, season: merged });
  return merged;
}
