import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liveStandings } from './live-standings';
import type { PointsAdjustment, RaceResult, ResultRow, SeriesDefinition, TieBreak } from './schema';
import { adjustmentsInForce, computeStandings, countedResults } from './standings';
import { championship, race, season, series } from '../test-support/championships';

/** Seven cars, two classes; names that share family names, so identical records are ranked by name. */
const CARS = [
  { number: '1', driver: 'Ann Zeller', classId: 'pro' },
  { number: '2', driver: 'Bob Young', classId: 'pro' },
  { number: '3', driver: 'Cid Young', classId: 'am' },
  { number: '4', driver: 'Dee Abbott', classId: 'am' },
  { number: '5', driver: 'Eve Moss', classId: 'pro' },
  { number: '6', driver: 'Fay Moss IV', classId: 'am' },
  { number: '7', driver: 'Gus Lee', classId: 'pro' },
];

/** A race of some of the cars in a random order, with random statuses, grid, best laps and laps led. */
const raceArb = (raceNumber: number): fc.Arbitrary<RaceResult> =>
  fc
    .record({
      order: fc.shuffledSubarray(CARS, { minLength: 1 }),
      statuses: fc.array(fc.constantFrom('classified', 'classified', 'retired', 'dns', 'excluded'), {
        minLength: CARS.length,
        maxLength: CARS.length,
      }),
      bestLaps: fc.array(fc.integer({ min: 90_000, max: 90_004 }), { minLength: CARS.length, maxLength: CARS.length }),
      lapsLed: fc.array(fc.nat(3), { minLength: CARS.length, maxLength: CARS.length }),
      gridKeys: fc.option(fc.array(fc.nat(100), { minLength: CARS.length, maxLength: CARS.length }), {
        nil: undefined,
      }),
    })
    .map(({ order, statuses, bestLaps, lapsLed, gridKeys }) => {
      const classPlaces = new Map<string, number>();
      const classification = order.map((entry, i): ResultRow => {
        const classPosition = (classPlaces.get(entry.classId) ?? 0) + 1;
        classPlaces.set(entry.classId, classPosition);
        return {
          number: entry.number,
          drivers: [entry.driver],
          team: `Team ${entry.number}`,
          classId: entry.classId,
          manufacturer: Number(entry.number) % 2 === 0 ? 'Porsche' : 'Mazda',
          position: i + 1,
          classPosition,
          status: statuses[i] as ResultRow['status'],
          bestLapMs: bestLaps[i],
          lapsLed: lapsLed[i],
        };
      });
      // The grid names cars of this race only, in an order of its own.
      const grid =
        gridKeys &&
        [...order].sort((a, b) => gridKeys[CARS.indexOf(a)]! - gridKeys[CARS.indexOf(b)]!).map((entry) => entry.number);
      return race(raceNumber, classification, grid);
    });

/** Every kind of championship: overall with bonuses, a class with drops, cars and manufacturers. */
const seriesArb: fc.Arbitrary<SeriesDefinition> = fc
  .record({
    tieBreak: fc.record({
      afterCountback: fc.constantFrom<TieBreak['afterCountback']>('first-achieved', 'latest-race'),
      identicalRecords: fc.constantFrom<TieBreak['identicalRecords']>('by-name', 'shared'),
    }),
    drops: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ tieBreak, drops }) => ({
    ...series([
      championship({ id: 'drivers', bonuses: { pole: 2, fastestLap: 1, mostLapsLed: 1 } }),
      championship({
        id: 'am',
        scope: { classId: 'am' },
        pointsTable: 'porsche',
        drops: { count: drops, when: 'final-round' },
        bonuses: { fastestLap: 1 },
      }),
      championship({ id: 'cars', competitor: 'car', drops: { count: 1, when: 'final-round' } }),
      championship({ id: 'makes', competitor: 'manufacturer', positionBasis: 'class-position' }),
    ]),
    tieBreak,
  }));

const seasonArb = fc
  .record({
    definition: seriesArb,
    liveRace: fc.integer({ min: 1, max: 6 }),
    // Rounds that do not follow the race numbers make the live race droppable in some seasons.
    rounds: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 6, maxLength: 6 }),
    adjustment: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
  })
  .chain(({ definition, liveRace, rounds, adjustment }) =>
    fc
      .record({
        stored: fc.tuple(...[1, 2, 3, 4, 5, 6].map(raceArb)),
        updates: fc.array(raceArb(liveRace), { minLength: 1, maxLength: 5 }),
      })
      .map(({ stored, updates }) => {
        const base = season(stored, 3);
        const adjustments: PointsAdjustment[] =
          adjustment === undefined || liveRace === 1
            ? []
            : [
                {
                  championship: 'cars',
                  competitor: stored[0]!.classification[0]!.number,
                  points: adjustment,
                  reason: 'test',
                  race: 1,
                },
              ];
        return {
          definition,
          liveRace,
          year: { ...base, races: base.races.map((r, i) => ({ ...r, round: rounds[i]! })) },
          adjustments,
          updates,
        };
      }),
  );

describe('liveStandings', () => {
  it('equals computeStandings with the live race, update after update, on random seasons', () => {
    fc.assert(
      fc.property(seasonArb, ({ definition, liveRace, year, adjustments, updates }) => {
        const stored = countedResults(year, { afterRace: liveRace - 1 });
        const inForce = adjustmentsInForce(year, { adjustments }, [...stored, { race: liveRace, classification: [] }]);
        const live = definition.championships.map((c) => liveStandings(c, definition, year, stored, liveRace, inForce));
        for (const update of [...updates, updates[0]!]) {
          const expected = computeStandings(definition, year, { afterRace: liveRace, liveRace: update, adjustments });
          live.forEach((standings, i) => expect(standings.standingsFor(update)).toEqual(expected[i]));
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('answers the same object when the live race moves nothing in scope, and keeps unchanged rows', () => {
    const definition = series([championship({ id: 'am', scope: { classId: 'am' } })]);
    const row = (number: string, position: number, classId: string, classPosition: number): ResultRow => ({
      number,
      drivers: [`Driver ${number}`],
      team: `Team ${number}`,
      classId,
      position,
      classPosition,
      status: 'classified',
    });
    const year = season([race(1, [row('3', 1, 'am', 1), row('4', 2, 'am', 2), row('5', 3, 'am', 3)])], 3);
    const live = liveStandings(definition.championships[0]!, definition, year, year.results, 2, []);
    const first = live.standingsFor(race(2, [row('1', 1, 'pro', 1), row('3', 2, 'am', 1), row('4', 3, 'am', 2)]));
    // Pro cars swap: nothing the Am championship reads.
    const proSwap = live.standingsFor(race(2, [row('3', 1, 'am', 1), row('1', 2, 'pro', 1), row('4', 3, 'am', 2)]));
    expect(proSwap).toBe(first);
    const amSwap = live.standingsFor(race(2, [row('1', 1, 'pro', 1), row('4', 2, 'am', 1), row('3', 3, 'am', 2)]));
    expect(amSwap).not.toBe(first);
    // Level on 18 points with a win and a second each: Driver 3 won first.
    expect(amSwap.standings.map((r) => [r.competitor, r.points])).toEqual([
      ['Driver 3', 18],
      ['Driver 4', 18],
      ['Driver 5', 6],
    ]);
    // Driver 5 is not in this race and stays third: the same row.
    expect(amSwap.standings[2]).toBe(first.standings[2]);
  });
});
