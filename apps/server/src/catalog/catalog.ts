import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { seasonSchema, seriesDefinitionSchema, type Season, type SeriesDefinition } from '@pitwall/shared';
import { describeIssues } from '@pitwall/shared';
import { seasonWithStoredResults, type StoredResults } from './stored-results';

/** Every series definition with its seasons, as loaded from the data folder. */
export interface Catalog {
  series: Map<string, SeriesDefinition>;
  /** Keyed by series id, newest season last, as the files give them. */
  seasons: Map<string, Season[]>;
  /** Results stored beside the files (imports, confirmed results), laid over them by `currentSeason`. */
  storedResults?: StoredResults;
}

export function defaultDataDir(): string {
  const shared = createRequire(import.meta.url).resolve('@pitwall/shared/package.json');
  return path.join(path.dirname(shared), 'data');
}

/**
 * Reads `series/*.json` and `seasons/*.json`: a new championship is a new file here. A file that
 * fails its schema stops the start with the file and the field named, rather than scoring wrong.
 */
export function loadCatalog(dataDir: string = defaultDataDir()): Catalog {
  const series = new Map<string, SeriesDefinition>();
  for (const file of jsonFiles(path.join(dataDir, 'series'))) {
    const definition = parseFile(file, seriesDefinitionSchema);
    if (series.has(definition.id)) throw new Error(`${file}: series id "${definition.id}" is defined twice`);
    series.set(definition.id, definition);
  }
  const seasons = new Map<string, Season[]>();
  for (const file of jsonFiles(path.join(dataDir, 'seasons'))) {
    const season = parseFile(file, seasonSchema);
    if (!series.has(season.seriesId)) throw new Error(`${file}: unknown series "${season.seriesId}"`);
    seasons.set(
      season.seriesId,
      [...(seasons.get(season.seriesId) ?? []), season].sort((a, b) => a.year - b.year),
    );
  }
  return { series, seasons };
}

/** The series' newest season, with every result stored so far. */
export function currentSeason(catalog: Catalog, seriesId: string): Season | undefined {
  const season = catalog.seasons.get(seriesId)?.at(-1);
  return season && catalog.storedResults ? seasonWithStoredResults(season, catalog.storedResults) : season;
}

function jsonFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

function parseFile<T>(
  file: string,
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}
