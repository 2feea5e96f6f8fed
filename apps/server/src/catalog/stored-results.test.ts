import { describe, expect, it } from 'vitest';
import type { RaceResult, Season } from '@pitwall/shared';
import type { Catalog } from './catalog';
import { mergeRaceResults, withStoredResults } from './stored-results';

const result = (race: number, winner: string): RaceResult => ({
  race,
  classification: [
    { number: winner, drivers: [`Driver ${winner}`], team: 'Team', classId: 'GSX', position: 1, status: 'classified' },
  ],
});

describe('stored results over the season file', () => {
  it('a stored race replaces the file race of the same number; others are kept, in race order', () => {
    const merged = mergeRaceResults([result(1, '1'), result(2, '2')], [result(3, '33'), result(2, '22')]);
    expect(merged.map((r) => [r.race, r.classification[0]!.number])).toEqual([
      [1, '1'],
      [2, '22'],
      [3, '33'],
    ]);
  });

  it('merges into every season of the catalog without changing the catalog given', () => {
    const season = { seriesId: 'vp', year: 2024, results: [result(1, '1')], adjustments: [] } as unknown as Season;
    const catalog: Catalog = { series: new Map(), seasons: new Map([['vp', [season]]]) };
    const asked: string[] = [];
    const merged = withStoredResults(catalog, {
      raceResults: (seriesId, year) => {
        asked.push(`${seriesId} ${year}`);
        return [result(1, '9')];
      },
    });
    expect(asked).toEqual(['vp 2024']);
    expect(merged.seasons.get('vp')![0]!.results[0]!.classification[0]!.number).toBe('9');
    expect(season.results[0]!.classification[0]!.number).toBe('1');
  });

  it("adds the points adjustments a stored result carries to the season's", () => {
    const adjustment = { championship: 'gsx-drivers', competitor: 'Driver 9', points: -5, reason: 'decision', race: 1 };
    const season = { seriesId: 'vp', year: 2024, results: [], adjustments: [] } as unknown as Season;
    const catalog: Catalog = { series: new Map(), seasons: new Map([['vp', [season]]]) };
    const merged = withStoredResults(catalog, {
      raceResults: () => [{ ...result(1, '9'), adjustments: [adjustment] }],
    });
    expect(merged.seasons.get('vp')![0]!.adjustments).toEqual([adjustment]);
  });
});
