import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeIssues } from '../validation/describe-issues';
import { publishedStandingsSchema, type PublishedStandings } from '../championship/published';
import { competitorsOfRow, rowsInScope, tookTheStart } from '../championship/race-score';
import {
  seasonSchema,
  seriesDefinitionSchema,
  type ChampionshipDefinition,
  type Season,
  type SeriesDefinition,
} from '../championship/schema';

/**
 * Test support for the data-*.test.ts files (never imported by the library): loading a transcribed
 * season and the checks every transcription must pass, so that each data test keeps only the
 * cross-checks against its own seed and the reproduction test compares standings, not typos.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DATA = path.resolve(HERE, '../../data');
const SEEDS = path.resolve(HERE, '../../../..', '../shared/seeds');

export interface SeasonData {
  series: SeriesDefinition;
  season: Season;
  published: PublishedStandings;
}

function parseFile<T>(schema: z.ZodType<T>, file: string): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is invalid: ${describeIssues(parsed.error.issues, file)}`);
  return parsed.data;
}

/** Series definition, season and published tables of `<seriesId>-<year>`, each validated by its schema. */
export function loadSeasonData(seriesId: string, year: number): SeasonData {
  return {
    series: parseFile(seriesDefinitionSchema, path.join(DATA, 'series', `${seriesId}.json`)),
    season: parseFile(seasonSchema, path.join(DATA, 'seasons', `${seriesId}-${year}.json`)),
    published: parseFile(
      publishedStandingsSchema,
      path.join(HERE, '../championship/published', `${seriesId}-${year}.json`),
    ),
  };
}

/**
 * The text of a seed in ../shared/seeds. A clone without ../shared skips the seed cross-checks
 * (undefined, with the reason logged); CI must have it, so there a missing seed is an error.
 */
export function readSeed(file: string, series: string): string | undefined {
  const seed = path.join(SEEDS, file);
  if (existsSync(seed)) return readFileSync(seed, 'utf8');
  if (process.env.CI) throw new Error(`CI needs the seed at ${seed} to check the ${series} transcription`);
  console.warn(`Skipping the ${series} seed cross-check: ${seed} is absent (a clone without ../shared)`);
  return undefined;
}

/** Everyone the championship ranks after `afterRace` (starters or not), named as its standings name them. */
function competitorsInScope(
  { season }: SeasonData,
  championship: ChampionshipDefinition,
  afterRace: number,
): Set<string> {
  const tag = championship.scope.eligibility;
  const eligible = new Set(
    season.drivers.filter((d) => tag !== undefined && d.eligibility?.includes(tag)).map((d) => d.name),
  );
  const rows = season.results.filter((result) => result.race <= afterRace).flatMap((result) => result.classification);
  return new Set(
    rowsInScope(championship, rows, eligible).flatMap((row) =>
      competitorsOfRow(championship, row, eligible).map((c) => c.competitor),
    ),
  );
}

const duplicatesOf = (values: readonly (string | number)[]) => values.filter((value, i) => values.indexOf(value) !== i);
const numbered = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/** Declares the checks every transcribed season must pass, whatever its series. */
export function describeSeasonDataChecks(title: string, data: SeasonData): void {
  const { series, season, published } = data;
  const raceNumbers = season.races.map((race) => race.race);
  const lastResult = Math.max(...season.results.map((result) => result.race));
  const championshipOf = (id: string) => series.championships.find((c) => c.id === id);
  /** The entries that had this driver down for this race. */
  const entriesOf = (driver: string, race: number) =>
    season.entries.filter((entry) =>
      entry.drivers.some((d) => d.name === driver && (d.races === undefined || d.races.includes(race))),
    );

  describe(`${title}: general checks`, () => {
    it('names the same series in the series definition, the season and the published tables', () => {
      expect([season.seriesId, published.seriesId]).toEqual([series.id, series.id]);
    });

    it('scores every championship on a points table and a class the series defines', () => {
      const classIds = series.classes.map((c) => c.id);
      for (const championship of series.championships) {
        expect(series.pointsTables[championship.pointsTable], championship.id).toBeDefined();
        if (championship.scope.classId !== undefined)
          expect(classIds, championship.id).toContain(championship.scope.classId);
      }
    });

    it('numbers the races 1..N in round order and has at most one result per calendar race', () => {
      expect(raceNumbers).toEqual(numbered(season.races.length));
      const rounds = season.races.map((race) => race.round);
      expect(rounds).toEqual([...rounds].sort((a, b) => a - b));
      const resultRaces = season.results.map((result) => result.race);
      expect(duplicatesOf(resultRaces), 'races with two results').toEqual([]);
      for (const race of resultRaces) expect(raceNumbers, `result of race ${race}`).toContain(race);
    });

    it('enters only drivers of the season in classes of the series, each on one entry per race', () => {
      const classIds = series.classes.map((c) => c.id);
      const driverNames = new Set(season.drivers.map((d) => d.name));
      expect(duplicatesOf(season.drivers.map((d) => d.name)), 'drivers listed twice').toEqual([]);
      for (const entry of season.entries) {
        expect(classIds, `#${entry.number} ${entry.team}`).toContain(entry.classId);
        for (const driver of entry.drivers) {
          expect(driverNames.has(driver.name), `#${entry.number}: ${driver.name} is not in drivers`).toBe(true);
          for (const race of driver.races ?? []) expect(raceNumbers, `#${entry.number} ${driver.name}`).toContain(race);
        }
      }
      for (const race of raceNumbers) {
        for (const driver of driverNames)
          expect(entriesOf(driver, race).length, `${driver}, race ${race}`).toBeLessThanOrEqual(1);
      }
    });

    it('puts every result car on the entry that had its drivers in that car that race', () => {
      for (const { race, classification } of season.results) {
        for (const row of classification) {
          for (const driver of row.drivers) {
            const [entry] = entriesOf(driver, race);
            expect(entry, `race ${race}: ${driver} of #${row.number} was not entered`).toBeDefined();
            expect(
              [entry!.number, entry!.team, entry!.classId, entry!.manufacturer],
              `race ${race}: ${driver}`,
            ).toEqual([row.number, row.team, row.classId, row.manufacturer]);
          }
        }
      }
    });

    it('places every car once per race: starters on unique places 1..n, class places following the overall order', () => {
      for (const { race, classification } of season.results) {
        expect(duplicatesOf(classification.map((row) => row.number)), `race ${race}: car listed twice`).toEqual([]);
        const starters = classification.filter((row) => tookTheStart(row.status));
        if (starters.some((row) => row.position !== undefined)) {
          starters.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
          expect(
            starters.map((row) => row.position),
            `race ${race}: overall places`,
          ).toEqual(numbered(starters.length));
        } else {
          starters.sort((a, b) => (a.classPosition ?? 0) - (b.classPosition ?? 0));
        }
        for (const classId of new Set(starters.map((row) => row.classId))) {
          const inClass = starters.filter((row) => row.classId === classId);
          expect(
            inClass.map((row) => row.classPosition),
            `race ${race}, ${classId}`,
          ).toEqual(numbered(inClass.length));
        }
        for (const row of classification.filter((r) => !tookTheStart(r.status))) {
          expect([row.position, row.classPosition], `race ${race}: #${row.number} ${row.status}`).toEqual([
            undefined,
            undefined,
          ]);
        }
      }
    });

    it('publishes every championship, each table after a race that has a result and numbered 1..n', () => {
      expect([...new Set(published.tables.map((table) => table.championship))].sort()).toEqual(
        series.championships.map((c) => c.id).sort(),
      );
      for (const table of published.tables) {
        expect(table.afterRace, table.championship).toBeLessThanOrEqual(lastResult);
        expect(
          table.rows.map((row) => row.position),
          table.championship,
        ).toEqual(numbered(table.rows.length));
      }
    });

    it('names in each published table only competitors who appear in its scope by then', () => {
      for (const table of published.tables) {
        const competitors = competitorsInScope(data, championshipOf(table.championship)!, table.afterRace);
        for (const { competitor } of table.rows) {
          expect(
            competitors.has(competitor),
            `${table.championship} after race ${table.afterRace}: ${competitor}`,
          ).toBe(true);
        }
      }
    });

    it('adjusts only championships, competitors and races that exist', () => {
      for (const adjustment of season.adjustments) {
        const championship = championshipOf(adjustment.championship);
        expect(championship, adjustment.reason).toBeDefined();
        expect(competitorsInScope(data, championship!, lastResult).has(adjustment.competitor), adjustment.reason).toBe(
          true,
        );
        if (adjustment.race !== undefined) expect(raceNumbers, adjustment.reason).toContain(adjustment.race);
      }
    });
  });
}
