import { describe, expect, it } from 'vitest';
import type { LapRecord } from './lap-history';
import { gapChartRows, lapChartRows, sampledLaps, type CarLaps } from './lap-chart';

const record = (lap: number, position: number, classPosition: number, raceTimeMs?: number): LapRecord => ({
  lap,
  position,
  classPosition,
  ...(raceTimeMs !== undefined && { raceTimeMs }),
  pitIn: false,
  pitOut: false,
  flag: 'green',
  driver: 'D',
});

const cars: CarLaps[] = [
  { number: '1', classId: 'A', laps: [record(1, 1, 1, 90_000), record(2, 2, 2, 181_000), record(3, 2, 2, 272_500)] },
  { number: '2', classId: 'A', laps: [record(1, 2, 2, 91_000), record(2, 1, 1, 180_500), record(3, 1, 1, 270_000)] },
  { number: '3', classId: 'B', laps: [record(1, 3, 1, 95_000), record(2, 3, 1, 200_000)] },
];

describe('lap and gap charts', () => {
  it('samples every lap up to the limit, else an exact stride that keeps the last lap', () => {
    expect(sampledLaps(0, 100)).toEqual([]);
    expect(sampledLaps(5, 100)).toEqual([1, 2, 3, 4, 5]);
    expect(sampledLaps(300, 100)).toHaveLength(101);
    expect(sampledLaps(300, 100).slice(0, 3)).toEqual([1, 4, 7]);
    expect(sampledLaps(300, 100).at(-1)).toBe(300);
    expect(sampledLaps(300, 150).length).toBeLessThanOrEqual(151);
  });

  it('position by lap, overall or in class, with nothing for a lap a car has not done', () => {
    expect(lapChartRows(cars, false, 100)).toEqual([
      { lap: 1, '1': 1, '2': 2, '3': 3 },
      { lap: 2, '1': 2, '2': 1, '3': 3 },
      { lap: 3, '1': 2, '2': 1 },
    ]);
    expect(lapChartRows(cars.slice(2), true, 100)).toEqual([
      { lap: 1, '3': 1 },
      { lap: 2, '3': 1 },
    ]);
  });

  it('gap to the first car to complete each lap, or to a chosen car', () => {
    expect(gapChartRows(cars, undefined, 100)).toEqual([
      { lap: 1, '1': 0, '2': 1, '3': 5 },
      { lap: 2, '1': 0.5, '2': 0, '3': 19.5 },
      { lap: 3, '1': 2.5, '2': 0 },
    ]);
    expect(gapChartRows(cars, '1', 100)).toEqual([
      { lap: 1, '1': 0, '2': 1, '3': 5 },
      { lap: 2, '1': 0, '2': -0.5, '3': 19 },
      { lap: 3, '1': 0, '2': -2.5 },
    ]);
    expect(gapChartRows(cars, '99', 100)).toEqual([]);
  });

  it('60 cars x 300 laps come down to about 150 rows', () => {
    const many: CarLaps[] = Array.from({ length: 60 }, (_, car) => ({
      number: String(car + 1),
      classId: 'A',
      laps: Array.from({ length: 300 }, (_, lap) => record(lap + 1, car + 1, car + 1, (lap + 1) * 90_000 + car * 500)),
    }));
    const rows = gapChartRows(many, undefined, 150);
    expect(rows.length).toBeLessThanOrEqual(151);
    expect(rows.at(-1)).toMatchObject({ lap: 300, '1': 0, '60': 29.5 });
  });
});
