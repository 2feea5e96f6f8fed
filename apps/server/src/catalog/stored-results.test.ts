import { describe, expect, it } from 'vitest';
import type { RaceResult, Season } from '@pitwall/shared';
import { currentSeason, type Catalog } from './catalog';
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

  it('lays the stored results over the current season each time it is asked for, without changing the catalog given', () => {
    const season = { seriesId: 'vp', year: 2024, results: [result(1, '1')], adjustments: [] } as unknown as Season;
    const catalog: Catalog = { series: new Map(), seasons: new Map([['vp', [season]]]) };
    let stored = [result(1, '9')];
    let revision = 1;
    const asked: string[] = [];
    const live = withStoredResults(catalog, {
      raceResults: (seriesId, year) => {
        asked.push(`${seriesId} ${year}`);
        return stored;
      },
      revision: () => String(revision),
    });
    const first = currentSeason(live, 'vp')!;
    expect(first.results.map((r) => r.classification[0]!.number)).toEqual(['9']);
    // Unchanged store: the same season object, read once.
    expect(currentSeason(live, 'vp')).toBe(first);
    expect(asked).toEqual(['vp 2024']);
    // A result saved meanwhile (an import, a confirmed result) counts at once.
    stored = [result(1, '9'), result(2, '22')];
    revision = 2;
    expect(currentSeason(live, 'vp')!.results.map((r) => r.race)).toEqual([1, 2]);
    expect(season.results[0]!.classification[0]!.number).toBe('1');
    expect(currentSeason(catalog, 'vp')).toBe(season);
  });

  it("adds the points adjustments a stored result carries to the season's", () => {
    const adjustment = { championship: 'gsx-drivers', competitor: 'Driver 9', points: -5, reason: 'decision', race: 1 };
    const season = { seriesId: 'vp', year: 2024, results: [], adjustments: [] } as unknown as Season;
    const catalog: Catalog = { series: new Map(), seasons: new Map([['vp', [season]]]) };
    const merged = withStoredResults(catalog, {
      raceResults: () => [{ ...result(1, '9'), adjustments: [adjustment] }],
      revision: () => '1',
    });
    expect(currentSeason(merged, 'vp')!.adjustments).toEqual([adjustment]);
  });
});
