import { describe, expect, it } from 'vitest';
import { publishedStandingsSchema, publishedTableSchema, reproductionMismatches } from './published';
import { computeStandings } from './standings';
import { car, championship, race, season, series } from '../test-support/championships';

// Points 10, 8, 6: Driver 1 wins both races (20), Driver 2 is second twice (16), Driver 3 third twice (12).
const computed = computeStandings(
  series([championship({ id: 'drivers' })]),
  season([race(1, [car('1', 1), car('2', 2), car('3', 3)]), race(2, [car('1', 1), car('2', 2), car('3', 3)])]),
)[0]!.standings;

const rows = [
  { position: 1, competitor: 'Driver 1', points: 20 },
  { position: 2, competitor: 'Driver 2', points: 16 },
  { position: 3, competitor: 'Driver 3', points: 12 },
];
const table = (extra: object = {}) =>
  publishedTableSchema.parse({ championship: 'drivers', afterRace: 2, rows, ...extra });
const issuesOf = (value: unknown) =>
  publishedTableSchema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

describe('publishedTableSchema', () => {
  it('accepts a table without discrepancies and defaults the list to empty', () => {
    expect(table().knownDiscrepancies).toEqual([]);
  });

  it('rejects a competitor with two rows', () => {
    expect(
      issuesOf({
        championship: 'drivers',
        afterRace: 2,
        rows: [...rows, { position: 4, competitor: 'Driver 3', points: 0 }],
      }),
    ).toEqual(['drivers after race 2: Driver 3 has two rows']);
  });

  it('rejects a discrepancy without a row, listed twice, quoting another total, or equal to its row', () => {
    const known = (competitor: string, published: number, computedPoints: number, computedPosition?: number) => ({
      competitor,
      published,
      computed: computedPoints,
      computedPosition,
      reason: 'test',
    });
    expect(
      issuesOf({
        championship: 'drivers',
        afterRace: 2,
        rows,
        knownDiscrepancies: [
          known('Driver 9', 5, 6),
          known('Driver 1', 21, 20),
          known('Driver 2', 16, 16, 2),
          known('Driver 3', 12, 11),
          known('Driver 3', 12, 11),
        ],
      }),
    ).toEqual([
      'drivers after race 2: discrepancy names Driver 9, who has no row',
      'drivers after race 2: discrepancy quotes 21 points for Driver 1, the row has 20',
      'drivers after race 2: discrepancy for Driver 2 expects exactly the published row: remove it',
      'drivers after race 2: Driver 3 is listed twice as a discrepancy',
    ]);
  });
});

describe('publishedStandingsSchema', () => {
  it('rejects the same championship published twice after the same race, not after different races', () => {
    const twice = { seriesId: 'test-cup', tables: [table(), table()] };
    expect(publishedStandingsSchema.safeParse(twice).error?.issues.map((issue) => issue.message)).toEqual([
      'drivers after race 2 is published twice',
    ]);
    expect(
      publishedStandingsSchema.safeParse({ seriesId: 'test-cup', tables: [table(), table({ afterRace: 1 })] }).success,
    ).toBe(true);
  });
});

describe('reproductionMismatches', () => {
  it('is empty when every row is reproduced', () => {
    expect(reproductionMismatches(table(), computed)).toEqual([]);
  });

  it('reports a published row that differs in points or position, or is not computed at all', () => {
    const misread = [
      { position: 1, competitor: 'Driver 1', points: 21 },
      { position: 3, competitor: 'Driver 2', points: 16 },
      { position: 4, competitor: 'Driver 4', points: 2 },
    ];
    expect(reproductionMismatches(table({ rows: misread }), computed)).toEqual([
      'Driver 1: published P1 on 21 points, computed P1 on 20',
      'Driver 2: published P3 on 16 points, computed P2 on 16',
      'Driver 4: published P4, not in the computed standings',
    ]);
  });

  it('accepts a known discrepancy only where the engine computes exactly what it records', () => {
    const published = [
      { position: 1, competitor: 'Driver 1', points: 25 },
      { position: 2, competitor: 'Driver 3', points: 12 },
      { position: 3, competitor: 'Driver 2', points: 16 },
    ];
    const known = [
      { competitor: 'Driver 1', published: 25, computed: 20, reason: 'total includes a bonus the data lacks' },
      { competitor: 'Driver 3', published: 12, computed: 12, computedPosition: 3, reason: 'out of order' },
      {
        competitor: 'Driver 2',
        published: 16,
        computed: 15,
        computedPosition: 2,
        reason: 'stale: the engine has him on 16',
      },
    ];
    expect(reproductionMismatches(table({ rows: published, knownDiscrepancies: known }), computed)).toEqual([
      'Driver 2: known discrepancy expects P2 on 15 points, computed P2 on 16',
    ]);
  });
});
