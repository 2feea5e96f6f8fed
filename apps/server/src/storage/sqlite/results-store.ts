import { z } from 'zod';
import { parseOrThrow, raceResultSchema, seriesDefinitionSchema, type RaceResult } from '@pitwall/shared';
import { openDatabase, StorageError } from './database';

/**
 * Race results kept beside the live sessions: imports of official (Al Kamel) classifications
 * land here, and standings merge them over the season files, race by race.
 */
export interface ResultsStore {
  /** Stores one race's result, replacing any earlier one for that race (a provisional result superseded). */
  saveRaceResult(seriesId: string, year: number, result: RaceResult, source: string): void;
  /** Every stored result of a season, by race number. */
  raceResults(seriesId: string, year: number): RaceResult[];
  /** Changes whenever a result is saved, by this connection or by another process (an import). */
  revision(): string;
  close(): void;
}

const keySchema = z.object({
  seriesId: seriesDefinitionSchema.shape.id,
  year: z.number().int().min(1900).max(2999),
});
const sourceSchema = z.string().trim().min(1, 'name where the result came from, e.g. an Al Kamel file');

interface ResultRow {
  race: number;
  payload: string;
}

export function openResultsStore(file: string): ResultsStore {
  const db = openDatabase(file);
  const upsert = db.prepare<[string, number, number, string, number, string]>(
    `INSERT INTO race_results (series_id, year, race, source, saved_at, payload) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (series_id, year, race) DO UPDATE SET source = excluded.source, saved_at = excluded.saved_at, payload = excluded.payload`,
  );
  const season = db.prepare<[string, number], ResultRow>(
    'SELECT race, payload FROM race_results WHERE series_id = ? AND year = ? ORDER BY race',
  );
  // data_version moves when another connection commits; this connection's own saves are counted.
  let saves = 0;
  return {
    saveRaceResult(seriesId, year, result, source) {
      const key = parseOrThrow(keySchema, { seriesId, year }, 'season');
      const race = parseOrThrow(raceResultSchema, result, 'race result');
      const from = parseOrThrow(sourceSchema, source, 'result source');
      upsert.run(key.seriesId, key.year, race.race, from, Date.now(), JSON.stringify(race));
      saves += 1;
    },
    revision: () => `${db.pragma('data_version', { simple: true })}.${saves}`,
    raceResults(seriesId, year) {
      const key = parseOrThrow(keySchema, { seriesId, year }, 'season');
      return season.all(key.seriesId, key.year).map((row) => storedResult(row, key.seriesId, key.year));
    },
    close: () => db.close(),
  };
}

/** A damaged row fails loudly: standings silently missing a race would be wrong without a trace. */
function storedResult(row: ResultRow, seriesId: string, year: number): RaceResult {
  const where = `stored result ${seriesId} ${year} race ${row.race}`;
  let json: unknown;
  try {
    json = JSON.parse(row.payload);
  } catch (error) {
    throw new StorageError(`${where} is not JSON: ${(error as Error).message}`);
  }
  const result = parseOrThrow(raceResultSchema, json, where);
  if (result.race !== row.race) throw new StorageError(`${where} holds race ${result.race}`);
  return result;
}
