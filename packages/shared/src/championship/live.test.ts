import { describe, expect, it } from 'vitest';
import type { CarState } from '../session/model';
import { liveChampionships } from './live';
import { car, championship, race, season, series } from '../test-support/championships';

// Table: 10, 8, 6, 5, 4, then 1 for every place below. Two rounds of two races.
const drivers = championship({ id: 'drivers' });
// Before race 4: Driver 1 26, Driver 2 24, Driver 3 22 (see contention.test.ts).
const threeRaces = season(
  [
    race(1, [car('1', 1), car('2', 2), car('3', 3)]),
    race(2, [car('1', 3), car('2', 1), car('3', 2)]),
    race(3, [car('1', 1), car('2', 4), car('3', 2)]),
  ],
  2,
);

function running(order: string[]): CarState[] {
  return order.map((number, i) => ({
    number,
    classId: 'pro',
    driver: `Driver ${number}`,
    team: `Team ${number}`,
    position: i + 1,
    classPosition: i + 1,
    laps: 10,
    status: 'running',
  }));
}

describe('liveChampionships', () => {
  it('projects the final race and says what each contender needs in it', () => {
    const [live] = liveChampionships(series([drivers]), threeRaces, 4, running(['2', '3', '1']));
    expect(live!.racesRemaining).toBe(0);
    expect(live!.order).toEqual(['Driver 2', 'Driver 1', 'Driver 3']);
    expect(live!.rows['Driver 2']).toMatchObject({
      position: 1,
      points: 34,
      movement: 1,
      racePoints: 10,
      gapToLeader: 0,
      inContention: true,
    });
    expect(live!.rows['Driver 1']).toMatchObject({
      position: 2,
      points: 32,
      movement: -1,
      racePoints: 6,
      gapToLeader: 2,
      gapToNext: 2,
    });
    expect(live!.rows['Driver 1']!.needs).toBe('champion if P1');
    expect(live!.rows['Driver 2']!.needs).toBe('needs P1 and Driver 1 P3 or lower');
    // In the final race the projected leader is the projected champion.
    expect(live!.champion).toBe('Driver 2');
  });

  it('moves with the order: the same race in another order gives another champion', () => {
    const [live] = liveChampionships(series([drivers]), threeRaces, 4, running(['1', '2', '3']));
    expect(live!.order[0]).toBe('Driver 1');
    expect(live!.champion).toBe('Driver 1');
  });

  it('names no champion while races remain after this one', () => {
    const early = season([race(1, [car('1', 1), car('2', 2), car('3', 3)])], 2);
    const [live] = liveChampionships(series([drivers]), early, 2, running(['3', '2', '1']));
    expect(live!.racesRemaining).toBe(2);
    expect(live!.champion).toBeUndefined();
    expect(Object.values(live!.rows).every((row) => row.inContention && row.needs === undefined)).toBe(true);
  });
});
