import { describe, expect, it } from 'vitest';
import { describeSeasonDataChecks, loadSeasonData, readSeed } from '../test-support/season-data-checks';

/**
 * Porsche Carrera Cup North America 2024, transcribed from the seed (see
 * docs/seed-discrepancies.md): the files must be valid and agree with each other, so the
 * reproduction test compares standings, not typos.
 */

const data = loadSeasonData('carrera-cup-na', 2024);
const { series, season, published } = data;

describeSeasonDataChecks('Carrera Cup NA 2024', data);

describe('Carrera Cup NA 2024 data', () => {
  it('has the Pro, Pro-Am and Masters classes, each with its own colour', () => {
    const colours = series.classes.map((c) => c.color);
    expect(series.classes.map((c) => c.id)).toEqual(['PRO', 'PROAM', 'MASTERS']);
    expect(new Set(colours).size).toBe(colours.length);
  });

  it('has a result for each of the 16 races, the overall table covering them all', () => {
    expect(season.results.map((result) => result.race)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });
});

/** The standings use the short name; the data keeps the entry list's, as everywhere else. */
const ENTRY_LIST_NAMES: Record<string, string> = { 'Elias De La Torre': 'Elias De La Torre IV' };

interface SeedRow {
  position: number;
  competitor: string;
  /** The sixteen race cells. */
  cells: string[];
  points: number;
}

/**
 * The seed's one Driver's Championship table holds the overall, Pro-Am and Masters standings,
 * each under a heading row ("| Pro-Am | | ... |"): their ranked rows by heading (the unranked
 * "–" rows of the overall standings are not published rows).
 */
function seedStandings(seed: string): Map<string, SeedRow[]> {
  const start = seed.indexOf("===Driver's Championship===");
  if (start < 0) throw new Error("seed has no Driver's Championship table");
  const sections = new Map<string, SeedRow[]>();
  let section: SeedRow[] = [];
  for (const line of seed.slice(start).split('\n').slice(1)) {
    if (!line.startsWith('|')) break;
    const [first = '', named = '', ...rest] = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (/^\d+$/.test(first)) {
      const competitor = named.replace(/^[A-Z]{3} /, '');
      section.push({
        position: Number(first),
        competitor: ENTRY_LIST_NAMES[competitor] ?? competitor,
        cells: rest.slice(0, 16),
        points: Number(rest[16]),
      });
    } else if (named === '' && rest.every((cell) => cell === '')) {
      section = [];
      sections.set(first, section);
    }
  }
  return sections;
}

const seedText = readSeed('003_0e216cbb0fec1986.txt', 'Carrera Cup NA');

describe.skipIf(seedText === undefined)('Carrera Cup NA 2024 data against its seed', () => {
  it('gives each race the overall pole sitter and fastest lap the Results table names, and nothing more', () => {
    const section = (seedText ?? '').slice(
      (seedText ?? '').indexOf('== Results =='),
      (seedText ?? '').indexOf('==Championship standings=='),
    );
    // Odd races carry the circuit and date cells, even races start with the pole sitter.
    const named = section
      .split('\n')
      .map((line) => line.split('|').map((cell) => cell.trim().replace(/^[A-Z]{3} /, '')))
      .filter((cells) => /^\d+$/.test(cells[1] ?? ''))
      .map((cells) => (cells[1] !== undefined && Number(cells[1]) % 2 === 1 ? cells.slice(4, 6) : cells.slice(2, 4)));
    expect(named).toHaveLength(16);
    for (const result of season.results) {
      const driver = (number: string | undefined) =>
        result.classification.find((row) => row.number === number)?.drivers[0];
      expect([driver(result.grid?.[0]), driver(result.fastestLap)], `race ${result.race}`).toEqual(
        named[result.race - 1],
      );
      expect([result.grid?.length, result.mostLapsLed], `race ${result.race}`).toEqual([1, undefined]);
    }
  });

  it.each([
    ['Overall', 'drivers'],
    ['Pro-Am', 'pro-am-drivers'],
    ['Masters', 'masters-drivers'],
  ])('publishes the %s standings as %s, after its last filled race column', (section, championship) => {
    const rows = seedStandings(seedText ?? '').get(section) ?? [];
    expect(rows.length, `seed section ${section}`).toBeGreaterThan(0);
    const lastFilled = Math.max(...rows.map(({ cells }) => cells.findLastIndex((cell) => cell !== '') + 1));
    expect(published.tables.filter((table) => table.championship === championship)).toMatchObject([
      {
        afterRace: lastFilled,
        rows: rows.map(({ position, competitor, points }) => ({ position, competitor, points })),
      },
    ]);
  });
});
