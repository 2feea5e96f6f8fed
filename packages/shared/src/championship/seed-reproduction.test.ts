import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedStandingsSchema, reproductionMismatches } from './published';
import { seasonSchema, seriesDefinitionSchema } from './schema';
import { computeStandings } from './standings';

/**
 * The engine must reproduce every published 2024 table, each after the race it was captured
 * after, from the transcribed season. Known discrepancies (a published total that disagrees with
 * its own columns, ...) must equal what the engine computes exactly, and the schema rejects one
 * that equals its published row, so the list goes stale the moment the engine or the data changes.
 */

const PUBLISHED = path.join(__dirname, 'published');
const DATA = path.resolve(__dirname, '../../data');

const publishedFiles = readdirSync(PUBLISHED)
  .filter((file) => file.endsWith('.json'))
  .sort();

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

describe.each(publishedFiles)('published %s', (file) => {
  const published = publishedStandingsSchema.parse(readJson(path.join(PUBLISHED, file)));
  const seriesFile = path.join(DATA, 'series', `${published.seriesId}.json`);
  const seasonFile = path.join(DATA, 'seasons', file);

  describe('reproduced by the engine', () => {
    it('has its series and season on file', () => {
      expect([seriesFile, seasonFile].filter((f) => !existsSync(f))).toEqual([]);
    });

    const standingsAfter = (afterRace: number) =>
      computeStandings(seriesDefinitionSchema.parse(readJson(seriesFile)), seasonSchema.parse(readJson(seasonFile)), {
        afterRace,
      });

    it.each(published.tables.map((table) => [table.championship, table.afterRace, table] as const))(
      '%s after race %i matches row by row',
      (championshipId, afterRace, table) => {
        const computed = standingsAfter(afterRace).find((c) => c.championshipId === championshipId);
        expect(computed, `series ${published.seriesId} has no championship ${championshipId}`).toBeDefined();
        expect(reproductionMismatches(table, computed!.standings)).toEqual([]);
      },
    );
  });
});

it('finds the published tables of the three 2024 series', () => {
  expect(publishedFiles).toEqual(['carrera-cup-na-2024.json', 'mx5-cup-2024.json', 'vp-sportscar-challenge-2024.json']);
});
