import { describe, expect, it } from 'vitest';
import type { CarState } from '../session/model';
import { projectStandings, raceResultBuilder, raceResultFromCars, sameRaceResultInputs } from './projection';
import { car, championship, race, season, series } from '../test-support/championships';

function carState(number: string, position: number, extra: Partial<CarState> = {}): CarState {
  return {
    number,
    classId: 'pro',
    driver: `Driver ${number}`,
    team: `Team ${number}`,
    position,
    classPosition: position,
    laps: 10,
    status: 'running',
    ...extra,
  };
}

describe('raceResultFromCars', () => {
  it('classifies running and pit cars, keeps retired places, and builds the grid from start positions', () => {
    const result = raceResultFromCars(
      [
        carState('1', 1, { startPosition: 2, lapsLed: 7, bestLapMs: 91_000 }),
        carState('2', 2, { status: 'pit', startPosition: 1 }),
        carState('3', 3, { status: 'retired', startPosition: 3 }),
        carState('4', 4, { status: 'dns' }),
      ],
      5,
    );
    expect(result.race).toBe(5);
    expect(result.grid).toEqual(['2', '1', '3']);
    expect(result.classification.map((row) => [row.number, row.status, row.position])).toEqual([
      ['1', 'classified', 1],
      ['2', 'classified', 2],
      ['3', 'retired', 3],
      ['4', 'dns', 4],
    ]);
    expect(result.classification[0]).toMatchObject({
      drivers: ['Driver 1'],
      team: 'Team 1',
      bestLapMs: 91_000,
      lapsLed: 7,
    });
  });

  it('takes co-drivers, team and manufacturer from the season entry', () => {
    const entries = [
      {
        number: '7',
        team: 'Seven Racing',
        classId: 'pro',
        manufacturer: 'Ligier',
        drivers: [{ name: 'Ann' }, { name: 'Bob', races: [1] }, { name: 'Cid', races: [2] }],
      },
    ];
    const [row] = raceResultFromCars([carState('7', 1, { driver: 'Ann', team: undefined })], 2, entries).classification;
    expect(row).toMatchObject({ drivers: ['Ann', 'Cid'], team: 'Seven Racing', manufacturer: 'Ligier' });
  });

  it('refuses a car whose team nobody knows', () => {
    expect(() => raceResultFromCars([carState('9', 1, { team: undefined })], 1)).toThrow(/#9 has no team/);
  });
});

describe('projectStandings', () => {
  it('projects points, positions, movement and gaps as if the live race ended now', () => {
    const drivers = championship({ id: 'drivers' });
    const s = season([race(1, [car('1', 1), car('2', 2), car('3', 3)])]);
    const live = race(2, [car('3', 1), car('2', 2), car('1', 3, { status: 'retired' })]);
    const [projection] = projectStandings(series([drivers]), s, live);
    expect(
      projection!.standings.map((r) => [
        r.competitor,
        r.position,
        r.points,
        r.movement,
        r.racePoints,
        r.gapToLeader,
        r.gapToNext,
      ]),
    ).toEqual([
      // All on 16. Driver 1 and 3 both have a win and a 3rd: Driver 1 won first.
      ['Driver 1', 1, 16, 0, 6, 0, 0],
      ['Driver 3', 2, 16, 1, 10, 0, 0],
      ['Driver 2', 3, 16, -1, 8, 0, 0],
    ]);
  });

  it('ignores results stored for later races and shows newcomers without movement', () => {
    const drivers = championship({ id: 'drivers' });
    const s = season([race(1, [car('1', 1), car('2', 2)]), race(3, [car('2', 1)])]);
    const live = race(2, [car('9', 1), car('2', 2)]);
    const [projection] = projectStandings(series([drivers]), s, live);
    expect(
      projection!.standings.map((r) => [
        r.competitor,
        r.position,
        r.points,
        r.previousPosition,
        r.movement,
        r.gapToNext,
      ]),
    ).toEqual([
      ['Driver 2', 1, 16, 2, 1, 0],
      // Level on a win each: Driver 1 won first.
      ['Driver 1', 2, 10, 1, -1, 6],
      ['Driver 9', 3, 10, undefined, undefined, 0],
    ]);
  });
});

describe('sameRaceResultInputs', () => {
  const full: CarState = carState('7', 2, {
    manufacturer: 'Ligier',
    startPosition: 3,
    lapsLed: 4,
    bestLapMs: 91_000,
    totalTimeMs: 1_000_000,
    lastLapMs: 92_000,
    bestLapNumber: 5,
    inPit: false,
    pitStops: 1,
    gap: { ms: 1_200 },
    interval: { ms: 800 },
    classGap: { ms: 1_200 },
    classInterval: { ms: 800 },
    bestLapMark: 'class',
    lastLapMark: 'personal',
    positionsGained: 1,
    classPositionsGained: 1,
    lastSectors: [{ ms: 30_000, mark: 'personal' }, { ms: 31_000 }, { ms: 31_000 }],
    stint: { lapsInStint: 3, stops: 1, lastStop: { lap: 2, atMs: 180_000, pitLaneMs: 40_000 } },
    lastLapPitIn: false,
    lastLapPitOut: false,
    lastPitLaneMs: 40_000,
    decisionMarks: [],
  });
  const read = ['number', 'classId', 'driver', 'team', 'manufacturer', 'position', 'classPosition', 'status'];
  const settledOnly = [...read, 'startPosition'];
  const changed = (field: keyof CarState): CarState => {
    const value = full[field];
    return {
      ...full,
      [field]: typeof value === 'number' ? value + 2 : typeof value === 'string' ? `${value}x` : undefined,
    };
  };
  // A second car on the grid, so that a start position moves the grid.
  const resultOf = (car: CarState) => raceResultFromCars([car, carState('8', 3, { startPosition: 4 })], 16);

  it('says two orders give the same result exactly when the fields raceResultFromCars reads are equal', () => {
    for (const field of Object.keys(full) as (keyof CarState)[]) {
      const other = changed(field);
      const same = JSON.stringify(resultOf(other)) === JSON.stringify(resultOf(full));
      expect(sameRaceResultInputs([full], [other]), field).toBe(same);
      expect(same, field).toBe(!(settledOnly.includes(field) || field === 'bestLapMs' || field === 'lapsLed'));
    }
  });

  it('leaves best laps and laps led out for the settled race, and tells orders of different cars apart', () => {
    expect(sameRaceResultInputs([full], [changed('bestLapMs')], 'settled')).toBe(true);
    expect(sameRaceResultInputs([full], [changed('lapsLed')], 'settled')).toBe(true);
    expect(sameRaceResultInputs([full], [changed('startPosition')], 'settled')).toBe(false);
    expect(sameRaceResultInputs([full], [full, full])).toBe(false);
    expect(sameRaceResultInputs([full, carState('8', 3)], [carState('8', 3), full])).toBe(false);
  });
});

describe('raceResultBuilder', () => {
  it('answers as raceResultFromCars on every update, keeping rows of unchanged cars by identity', () => {
    const build = raceResultBuilder(3);
    const updates: CarState[][] = [
      [carState('1', 1, { startPosition: 2 }), carState('2', 2, { startPosition: 1 }), carState('3', 3)],
      // An overtake: the same grid, the rows of the cars that moved made again.
      [carState('2', 1, { startPosition: 1 }), carState('1', 2, { startPosition: 2 }), carState('3', 3)],
      // Start positions change, then two cars share one: the grid follows, in running order among equals.
      [
        carState('2', 1, { startPosition: 3 }),
        carState('1', 2, { startPosition: 2 }),
        carState('3', 3, { startPosition: 1 }),
      ],
      [
        carState('2', 1, { startPosition: 1 }),
        carState('1', 2, { startPosition: 1 }),
        carState('3', 3, { startPosition: 1 }),
      ],
      [
        carState('1', 1, { startPosition: 1 }),
        carState('2', 2, { startPosition: 1 }),
        carState('3', 3, { startPosition: 1 }),
      ],
    ];
    const results = updates.map((cars) => build(cars));
    results.forEach((result, i) => expect(result).toEqual(raceResultFromCars(updates[i]!, 3)));
    // Car 3 did not move in the overtake: its row is the same object; the two that swapped are new.
    expect(results[1]!.classification[2]).toBe(results[0]!.classification[2]);
    expect(results[1]!.classification[0]).not.toBe(results[0]!.classification[1]);
  });
});
