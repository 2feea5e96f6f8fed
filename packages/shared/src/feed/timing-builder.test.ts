import { describe, expect, it } from 'vitest';
import type { CarFeed } from '../session/model';
import { carChanges, changedFields, TimingBuilder } from './timing-builder';

const grid = (): CarFeed[] => [
  { number: '6', classId: 'LMP3', driver: 'Steven Aghakhani', position: 1, laps: 0 },
  { number: '87', classId: 'LMP3', driver: 'Jagger Jones', position: 2, laps: 0 },
  { number: '59', classId: 'GSX', driver: 'Luca Mars', position: 3, laps: 0 },
];

describe('TimingBuilder', () => {
  it('turns crossings into lap, time, best lap and the running order, sending only what changed', () => {
    const builder = new TimingBuilder(grid(), { countLapsLed: true });
    expect(builder.moment([{ number: '87', lap: 1, atMs: 90_000, sectorsMs: [30_000, 60_000] }])).toEqual([
      {
        number: '87',
        position: 1,
        laps: 1,
        totalTimeMs: 90_000,
        lastLapMs: 90_000,
        bestLapMs: 90_000,
        bestLapNumber: 1,
        lastLapSectorsMs: [30_000, 60_000],
        lapsLed: 1,
      },
      { number: '6', position: 2 },
    ]);
    expect(builder.moment([{ number: '6', lap: 1, atMs: 90_500 }])).toEqual([
      { number: '6', laps: 1, totalTimeMs: 90_500, lastLapMs: 90_500, bestLapMs: 90_500, bestLapNumber: 1 },
    ]);
    // Lap 2 slower than lap 1: no new best; the leader crossing again leads another lap.
    expect(builder.moment([{ number: '87', lap: 2, atMs: 182_000 }])).toEqual([
      { number: '87', laps: 2, totalTimeMs: 182_000, lastLapMs: 92_000, lapsLed: 2 },
    ]);
  });

  it('a crossing into the pit lane counts a stop; the pit exit comes as a change', () => {
    const builder = new TimingBuilder(grid(), { pitStatus: true });
    builder.moment([{ number: '6', lap: 1, atMs: 95_000, inPit: true, driver: 'Steven Aghakhani' }]);
    expect(builder.cars.get('6')).toMatchObject({ inPit: true, status: 'pit', pitStops: 1 });
    expect(builder.moment([], [{ number: '6', inPit: false, status: 'running' }])).toEqual([
      { number: '6', inPit: false, status: 'running' },
    ]);
    builder.moment([{ number: '6', lap: 2, atMs: 200_000, inPit: false, pitLaneMs: 41_000 }]);
    expect(builder.cars.get('6')).toMatchObject({ pitStops: 1, lastPitLaneMs: 41_000, lastLapMs: 105_000 });
  });

  it('breaks a tie on laps and time by the starting order', () => {
    const builder = new TimingBuilder(grid());
    builder.moment([
      { number: '59', lap: 1, atMs: 90_000 },
      { number: '87', lap: 1, atMs: 90_000 },
    ]);
    expect([...builder.cars.values()].sort((a, b) => a.position - b.position).map((car) => car.number)).toEqual([
      '87',
      '59',
      '6',
    ]);
  });
});

describe('changedFields / carChanges', () => {
  it('gives the changed fields, nothing when equal, and says when a field was removed', () => {
    const car = grid()[0]!;
    expect(carChanges(car, { ...car, laps: 3 })).toEqual({ number: '6', laps: 3 });
    expect(carChanges(car, { ...car })).toBeUndefined();
    expect(changedFields({ a: 1, b: 2 } as { a: number; b?: number }, { a: 1 })).toBe('removed');
  });
});
