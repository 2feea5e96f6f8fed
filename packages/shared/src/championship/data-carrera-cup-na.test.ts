import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  seasonSchema,
  seriesDefinitionSchema,
  type CompetitorKind,
  type ResultRow,
  type Season,
  type SeasonEntry,
} from './schema';

/**
 * Porsche Carrera Cup North America 2024, transcribed from the seed (see
 * docs/seed-discrepancies.md): the files must be valid and agree with each other, so the
 * reproduction test compares standings, not typos.
 */

const DATA = path.resolve(__dirname, '../../data');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

const series = seriesDefinitionSchema.parse(readJson(path.join(DATA, 'series', 'carrera-cup-na.json')));
const season = seasonSchema.parse(readJson(path.join(DATA, 'seasons', 'carrera-cup-na-2024.json')));

const publishedTablesSchema = z.object({
  afterRace: z.number().int().positive(),
  championships: z.record(
    z.string(),
    z.array(z.object({ position: z.number().int().positive(), competitor: z.string(), points: z.number().int() })),
  ),
  knownDiscrepancies: z.array(
    z.object({ championship: z.string(), competitor: z.string(), published: z.number().int(), reason: z.string().min(1) }),
  ),
});
/** `earlierTables`: the class tables the seed stopped updating after round 4. */
const published = publishedTablesSchema
  .extend({ seriesId: z.string(), earlierTables: z.array(publishedTablesSchema).default([]) })
  .parse(readJson(path.join(__dirname, 'published', 'carrera-cup-na-2024.json')));

const raceNumbers = new Set(season.races.map((race) => race.race));
const driverNames = new Set(season.drivers.map((driver) => driver.name));
const startedTheRace = (row: ResultRow) => row.status === 'classified' || row.status === 'retired';

/** The entries that had this driver down for this race. */
function entriesOf(driver: string, race: number): SeasonEntry[] {
  return season.entries.filter((entry) =>
    entry.drivers.some((d) => d.name === driver && (d.races === undefined || d.races.includes(race))),
  );
}

function competitorNames(data: Season, kind: CompetitorKind): Set<string> {
  switch (kind) {
    case 'driver':
      return new Set(data.drivers.map((driver) => driver.name));
    case 'car':
      return new Set(data.entries.map((entry) => entry.number));
    case 'entrant':
      return new Set(data.entries.map((entry) => entry.team));
    case 'manufacturer':
      return new Set(data.entries.flatMap((entry) => (entry.manufacturer ? [entry.manufacturer] : [])));
  }
}

const duplicatesOf = (values: readonly (string | number)[]) => values.filter((value, i) => values.indexOf(value) !== i);

describe('Carrera Cup NA series definition', () => {
  it('has the Pro, Pro-Am and Masters classes, each with its own colour', () => {
    expect(series.classes.map((c) => c.id)).toEqual(['PRO', 'PROAM', 'MASTERS']);
    expect(duplicatesOf(series.classes.map((c) => c.color ?? ''))).toEqual([]);
  });

  it('scores every championship on a points table it defines and a class it has', () => {
    const classIds = new Set(series.classes.map((c) => c.id));
    for (const championship of series.championships) {
      expect(series.pointsTables[championship.pointsTable], championship.id).toBeDefined();
      if (championship.scope.classId !== undefined) expect(classIds.has(championship.scope.classId), championship.id).toBe(true);
    }
  });
});

describe('Carrera Cup NA 2024 season', () => {
  it('numbers its races 1..N in round order', () => {
    expect(season.seriesId).toBe(series.id);
    expect(season.races.map((race) => race.race)).toEqual(season.races.map((_, i) => i + 1));
    const rounds = season.races.map((race) => race.round);
    expect(rounds).toEqual([...rounds].sort((a, b) => a - b));
  });

  it('names only known drivers and races in its entries, one entry per driver and race', () => {
    const classIds = series.classes.map((c) => c.id);
    for (const entry of season.entries) {
      expect(classIds, `#${entry.number} ${entry.team}`).toContain(entry.classId);
      for (const driver of entry.drivers) {
        expect(driverNames.has(driver.name), driver.name).toBe(true);
        for (const race of driver.races ?? []) expect(raceNumbers.has(race), `${driver.name}: race ${race}`).toBe(true);
      }
    }
    for (const race of raceNumbers) {
      for (const driver of driverNames) expect(entriesOf(driver, race).length, `${driver}, race ${race}`).toBeLessThanOrEqual(1);
      const numbers = season.entries.filter((entry) => entry.drivers.some((d) => d.races === undefined || d.races.includes(race)));
      expect(duplicatesOf(numbers.map((entry) => entry.number)), `race ${race}`).toEqual([]);
    }
  });

  it('has one result per race on the calendar, each car entered as it is classified', () => {
    expect(season.results.map((result) => result.race)).toEqual([...raceNumbers]);
    for (const { race, classification } of season.results) {
      expect(duplicatesOf(classification.map((row) => row.number)), `race ${race}: car listed twice`).toEqual([]);
      for (const row of classification) {
        for (const driver of row.drivers) {
          const [entry] = entriesOf(driver, race);
          expect(entry, `race ${race}: ${driver} was not entered`).toBeDefined();
          expect([entry!.number, entry!.team, entry!.classId], `race ${race}: ${driver}`).toEqual([row.number, row.team, row.classId]);
        }
      }
    }
  });

  it('gives every starter a unique overall position and a class position that follows from it', () => {
    for (const { race, classification } of season.results) {
      const starters = classification.filter(startedTheRace).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
      expect(starters.map((row) => row.position), `race ${race}`).toEqual(starters.map((_, i) => i + 1));
      for (const classId of new Set(starters.map((row) => row.classId))) {
        const inClass = starters.filter((row) => row.classId === classId);
        expect(inClass.map((row) => row.classPosition), `race ${race}, ${classId}`).toEqual(inClass.map((_, i) => i + 1));
      }
      for (const row of classification.filter((r) => !startedTheRace(r))) {
        expect([row.position, row.classPosition], `race ${race}: #${row.number} ${row.status}`).toEqual([undefined, undefined]);
      }
    }
  });

  it('adjusts only championships, competitors and races that exist', () => {
    for (const adjustment of season.adjustments) {
      const championship = series.championships.find((c) => c.id === adjustment.championship);
      expect(championship, adjustment.reason).toBeDefined();
      expect(competitorNames(season, championship!.competitor).has(adjustment.competitor), adjustment.reason).toBe(true);
      if (adjustment.race !== undefined) expect(raceNumbers.has(adjustment.race), adjustment.reason).toBe(true);
    }
  });
});

describe('Carrera Cup NA 2024 published tables', () => {
  const tables = [published, ...published.earlierTables];

  it.each(tables)('after race $afterRace: names championships and competitors of the data', (table) => {
    expect(published.seriesId).toBe(series.id);
    expect(raceNumbers.has(table.afterRace)).toBe(true);
    for (const [championshipId, rows] of Object.entries(table.championships)) {
      const championship = series.championships.find((c) => c.id === championshipId);
      expect(championship, championshipId).toBeDefined();
      const names = competitorNames(season, championship!.competitor);
      for (const row of rows) expect(names.has(row.competitor), `${championshipId}: ${row.competitor}`).toBe(true);
      expect(rows.map((row) => row.position), championshipId).toEqual(rows.map((_, i) => i + 1));
    }
  });

  it.each(tables)('after race $afterRace: quotes each discrepancy from its published row', (table) => {
    for (const d of table.knownDiscrepancies) {
      const row = table.championships[d.championship]?.find((r) => r.competitor === d.competitor);
      expect(row?.points, `${d.championship}: ${d.competitor}`).toBe(d.published);
    }
  });
});
