import { describe, expect, it } from 'vitest';
import type { ResultRow, Season } from './schema';
import { describeSeasonDataChecks, loadSeasonData, readSeed } from '../test-support/season-data-checks';

const data = loadSeasonData('vp-sportscar-challenge', 2024);
const { season, published } = data;

describeSeasonDataChecks('VP Racing SportsCar Challenge 2024', data);

describe('VP Racing SportsCar Challenge 2024 data', () => {
  it('numbers the races two per round', () => {
    for (const race of season.races) expect(race.round, `race ${race.race}`).toBe(Math.ceil(race.race / 2));
  });
});

/**
 * Rows of one standings table of the seed: position, competitor (country code stripped), the
 * twelve per-race cells and the total. Wiki conversion left some header rows a cell longer, never
 * the data rows.
 */
function seedTable(
  seed: string,
  title: string,
): { position: number; competitor: string; cells: string[]; points: number }[] {
  const start = seed.indexOf(`===${title}===`);
  if (start < 0) throw new Error(`seed has no table "${title}"`);
  const end = seed.indexOf('\n==', start + title.length + 6);
  return seed
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => /^\d+$/.test(cells[0] ?? ''))
    .map((cells) => ({
      position: Number(cells[0]),
      competitor: (cells[1] ?? '').replace(/^[A-Z]{3} /, ''),
      cells: cells.slice(2, 14),
      points: Number(cells[14]),
    }));
}

/** A team table names a car "#87 Fast MD Racing with Remstar"; its championship names it "87". */
const carNumberOf = (team: string) => team.replace(/^#(\d+) .*$/, '$1');

/** The cell the seed would show for a car's row: its class position, or its status. */
function cellOf(season: Season, race: number, match: (row: ResultRow) => boolean): string {
  const row = season.results.find((r) => r.race === race)?.classification.find(match);
  if (!row) return '';
  return row.classPosition === undefined ? row.status.toUpperCase() : String(row.classPosition);
}

const seedText = readSeed('002_0307c524437b59ca.txt', 'VP Racing SportsCar Challenge');

describe.skipIf(seedText === undefined)('VP Racing SportsCar Challenge 2024 data against its seed', () => {
  const seed = seedText ?? '';

  it.each([
    ['LMP3', "LMP3 Driver's Championship"],
    ['GSX', "GSX Driver's Championship"],
  ])(
    'gives every %s driver the place or status of each cell of the seed, and no race the seed leaves empty',
    (classId, title) => {
      for (const { competitor, cells } of seedTable(seed, title)) {
        cells.forEach((cell, i) => {
          const found = cellOf(season, i + 1, (row) => row.classId === classId && row.drivers.includes(competitor));
          expect(found, `${competitor}, race ${i + 1}`).toBe(cell);
        });
      }
    },
  );

  it.each([
    ['LMP3', "LMP3 Team's Championship"],
    ['GSX', "GSX Team's Championship"],
  ])('gives every %s car the place or status of each filled cell of the seed team table', (classId, title) => {
    for (const { competitor, cells } of seedTable(seed, title)) {
      const number = carNumberOf(competitor);
      cells.forEach((cell, i) => {
        if (cell === '') return; // the LMP3 team table stops after race 10 (see docs/seed-discrepancies.md)
        expect(
          cellOf(season, i + 1, (row) => row.classId === classId && row.number === number),
          `#${number}, race ${i + 1}`,
        ).toBe(cell);
      });
    }
  });

  it.each([
    ['lmp3-drivers', "LMP3 Driver's Championship"],
    ['gsx-drivers', "GSX Driver's Championship"],
    ['lmp3-bronze-drivers', 'LMP3 Bronze Drivers Cup'],
    ['gsx-bronze-drivers', 'GSX Bronze Drivers Cup'],
    ['lmp3-teams', "LMP3 Team's Championship"],
    ['gsx-teams', "GSX Team's Championship"],
    ['gsx-manufacturers', "GSX Manufacturer's Championship"],
  ])('publishes %s as the seed shows it, after its last filled race column', (championship, title) => {
    const table = seedTable(seed, title);
    const byCar = data.series.championships.find((c) => c.id === championship)?.competitor === 'car';
    const lastFilled = Math.max(...table.map(({ cells }) => cells.findLastIndex((cell) => cell !== '') + 1));
    expect(published.tables.filter((t) => t.championship === championship)).toMatchObject([
      {
        afterRace: lastFilled,
        rows: table.map(({ position, competitor, points }) => ({
          position,
          competitor: byCar ? carNumberOf(competitor) : competitor,
          points,
        })),
      },
    ]);
  });
});
