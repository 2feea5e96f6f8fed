import type { RaceResult, Season, SeriesDefinition } from '@pitwall/shared';
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
  /** What was imported but cannot count everywhere, e.g. a car no manufacturer can be found for. */
  warnings: string[];
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
  const { result, rejected } = raceResultFromAlkamel(csvText, {
    race: options.race,
    classMap: options.classMap,
    manufacturers: entryListManufacturers(season, options.race),
  });
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
  return { seriesId: series.id, year: season.year, result, warnings: manufacturerWarnings(series, result) };
}

/**
 * Car number -> manufacturer from the season's entry list, for results files that name none: the
 * entry that has drivers down for this race, else the number's only manufacturer. A number whose
 * entries disagree (a car that changed make) and has no entry for the race stays unknown.
 */
export function entryListManufacturers(season: Season, race: number): Map<string, string> {
  const byNumber = new Map<string, { forRace?: string; any: Set<string> }>();
  for (const entry of season.entries) {
    if (entry.manufacturer === undefined) continue;
    const known = byNumber.get(entry.number) ?? { any: new Set<string>() };
    known.any.add(entry.manufacturer);
    if (entry.drivers.some((driver) => driver.races === undefined || driver.races.includes(race)))
      known.forRace ??= entry.manufacturer;
    byNumber.set(entry.number, known);
  }
  const manufacturers = new Map<string, string>();
  for (const [number, { forRace, any }] of byNumber) {
    const manufacturer = forRace ?? (any.size === 1 ? [...any][0] : undefined);
    if (manufacturer !== undefined) manufacturers.set(number, manufacturer);
  }
  return manufacturers;
}

/** Cars that score for no manufacturer in a manufacturers' championship they are in scope of. */
function manufacturerWarnings(series: SeriesDefinition, result: RaceResult): string[] {
  const titles = series.championships.filter((c) => c.competitor === 'manufacturer');
  return result.classification.flatMap((row) => {
    if (row.manufacturer !== undefined) return [];
    const missed = titles.filter((c) => c.scope.classId === undefined || c.scope.classId === row.classId);
    if (missed.length === 0) return [];
    return [
      `car #${row.number} (${row.team}): no manufacturer in the file or the season's entry list, so it scores nothing in ${missed.map((c) => c.name).join(', ')}`,
    ];
  });
}
