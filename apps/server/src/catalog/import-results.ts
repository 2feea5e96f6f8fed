import type { RaceResult } from '@pitwall/shared';
import { raceResultFromAlkamel } from '../feeds/alkamel/results';
import { currentSeason, type Catalog } from './catalog';

export class ImportError extends Error {
  override name = 'ImportError';
}

export interface ImportOptions {
  seriesId: string;
  race: number;
  /** Al Kamel CLASS → the series' class id; every class of the file must be in it. */
  classMap: ReadonlyMap<string, string>;
  /** Where the result came from, kept with it (the file name). */
  source: string;
}

export interface ImportedResult {
  seriesId: string;
  year: number;
  result: RaceResult;
}

/**
 * An official Al Kamel results file as race `race` of the series' current season, saved to
 * `store`. All or nothing: a rejected row, an unknown race or a class the series does not have
 * stops the import with every problem listed, and nothing is saved, since a result missing cars
 * would shift everyone's points.
 */
export function importAlkamelResults(
  csvText: string,
  catalog: Catalog,
  store: { saveRaceResult(seriesId: string, year: number, result: RaceResult, source: string): void },
  options: ImportOptions,
): ImportedResult {
  const series = catalog.series.get(options.seriesId);
  if (!series)
    throw new ImportError(`unknown series "${options.seriesId}" (known: ${[...catalog.series.keys()].join(', ')})`);
  const season = currentSeason(catalog, series.id);
  if (!season) throw new ImportError(`no season on file for series "${series.id}"`);
  if (!season.races.some((race) => race.race === options.race)) {
    throw new ImportError(
      `race ${options.race} is not in the ${season.year} ${series.shortName} calendar (races ${season.races.map((r) => r.race).join(', ')})`,
    );
  }
  const { result, rejected } = raceResultFromAlkamel(csvText, { race: options.race, classMap: options.classMap });
  if (rejected.length > 0) {
    throw new ImportError(
      `${rejected.length} row(s) refused, nothing imported:\n${rejected.map((row) => `  line ${row.line}: ${row.reason}`).join('\n')}`,
    );
  }
  if (result.classification.length === 0) throw new ImportError('the file classifies no car, nothing imported');
  const classIds = new Set(series.classes.map((c) => c.id));
  const strays = [...new Set(result.classification.map((row) => row.classId).filter((id) => !classIds.has(id)))];
  if (strays.length > 0) {
    throw new ImportError(
      `class(es) ${strays.join(', ')} are not classes of ${series.shortName} (${[...classIds].join(', ')}): map them with --class-map, nothing imported`,
    );
  }
  store.saveRaceResult(series.id, season.year, result, options.source);
  return { seriesId: series.id, year: season.year, result };
}
