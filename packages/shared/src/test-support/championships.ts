import type { ChampionshipDefinition, RaceResult, ResultRow, Season, SeriesDefinition } from '../championship/schema';

/** Small hand-made series and seasons for the scoring tests: every number here is checkable by hand. */

export function championship(
  overrides: Partial<ChampionshipDefinition> & Pick<ChampionshipDefinition, 'id'>,
): ChampionshipDefinition {
  return {
    name: overrides.id,
    competitor: 'driver',
    scope: {},
    positionBasis: 'rank-in-scope',
    pointsTable: 'short',
    ...overrides,
  };
}

export function series(championships: ChampionshipDefinition[]): SeriesDefinition {
  return {
    id: 'test-cup',
    name: 'Test Cup',
    shortName: 'TC',
    classes: [
      { id: 'pro', name: 'Pro' },
      { id: 'am', name: 'Am' },
    ],
    pointsTables: {
      // 10, 8, 6, 5, 4 then 1 for every place below: small enough to add up in one's head.
      short: { points: [10, 8, 6, 5, 4], beyond: 1 },
      porsche: { points: [25, 20, 17, 14, 12, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], beyond: 0 },
    },
    championships,
  };
}

/** A classified car; drivers default to one named after the number ("Driver 7"). */
export function car(number: string, position: number, extra: Partial<ResultRow> = {}): ResultRow {
  return {
    number,
    drivers: [`Driver ${number}`],
    team: `Team ${number}`,
    classId: 'pro',
    position,
    status: 'classified',
    ...extra,
  };
}

export function race(raceNumber: number, classification: ResultRow[], grid?: string[]): RaceResult {
  return { race: raceNumber, classification, ...(grid ? { grid } : {}) };
}

/** A season of `rounds` double-header weekends (races 1-2 are round 1, ...). */
export function season(results: RaceResult[], rounds = 3, extra: Partial<Season> = {}): Season {
  return {
    seriesId: 'test-cup',
    year: 2024,
    races: Array.from({ length: rounds * 2 }, (_, i) => ({
      race: i + 1,
      round: Math.floor(i / 2) + 1,
      event: `Round ${Math.floor(i / 2) + 1}`,
      circuit: 'Test Circuit',
      code: `T${Math.floor(i / 2) + 1}`,
    })),
    drivers: [],
    entries: [],
    results,
    adjustments: [],
    ...extra,
  };
}
