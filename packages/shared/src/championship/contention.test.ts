import { describe, expect, it } from 'vitest';
import { computeContention } from './contention';
import { car, championship, race, season, series } from '../test-support/championships';

// Table: 10, 8, 6, 5, 4, then 1 for every place below.
const drivers = championship({ id: 'drivers' });

describe('computeContention', () => {
  it('keeps everyone who can still reach the leader, with best and worst final totals', () => {
    // Two rounds of two races; race 1 run, races 2-4 left: 30 points still available.
    const s = season([race(1, [car('1', 1), car('2', 2), car('3', 3)])], 2);
    const [result] = computeContention(series([drivers]), s);
    expect(result!.racesRemaining).toEqual([2, 3, 4]);
    expect(result!.contenders.map((c) => [c.competitor, c.points, c.minPoints, c.maxPoints])).toEqual([
      ['Driver 1', 10, 10, 40],
      ['Driver 2', 8, 8, 38],
      ['Driver 3', 6, 6, 36],
    ]);
    expect(result!.champion).toBeUndefined();
  });

  it('declares the champion once nobody can catch up', () => {
    const s = season([race(1, [car('1', 1), car('2', 2)]), race(2, [car('1', 1)]), race(3, [car('1', 1)])], 2);
    // Driver 1 has 30, Driver 2 8: one race (10 points) left.
    const [result] = computeContention(series([drivers]), s);
    expect(result!.champion).toBe('Driver 1');
    expect(result!.contenders).toEqual([]);
  });

  it('says what each contender needs in the last race', () => {
    const s = season(
      [
        race(1, [car('1', 1), car('2', 2), car('3', 3)]),
        race(2, [car('1', 3), car('2', 1), car('3', 2)]),
        race(3, [car('1', 1), car('2', 4), car('3', 2)]),
      ],
      2,
    );
    // Race 3 has three cars, so the 4th placed car ranks 3rd. Before race 4: Driver 1 26, Driver 2 24, Driver 3 22.
    const [result] = computeContention(series([drivers]), s);
    expect(result!.contenders.map((c) => [c.competitor, c.points, c.needs])).toEqual([
      // P1 gives 36; P2 gives 34, which Driver 2 can equal by winning: a tie is not enough.
      ['Driver 1', 26, 'champion if P1'],
      // A win gives 34: Driver 1 must stay below, P3 (32) or lower; Driver 3 can reach 30 only.
      ['Driver 2', 24, 'needs P1 and Driver 1 P3 or lower'],
      // A win gives 32: Driver 1 P4 (31) or lower, Driver 2 P3 (30) or lower.
      ['Driver 3', 22, 'needs P1 and Driver 1 P4 or lower and Driver 2 P3 or lower'],
    ]);
  });

  it('counts bonuses and drops in the points still available', () => {
    const withBonus = championship({ id: 'drivers', bonuses: { pole: 2 } });
    const s = season(
      [race(1, [car('1', 1), car('2', 2)]), race(2, [car('1', 1), car('2', 2)]), race(3, [car('1', 1), car('2', 2)])],
      2,
    );
    // Driver 1: 30, Driver 2: 24. Race 4 is worth 12 with pole: Driver 2 can reach 36.
    const [bonus] = computeContention(series([withBonus]), s);
    expect(bonus!.contenders.map((c) => [c.competitor, c.maxPoints, c.needs])).toEqual([
      ['Driver 1', 42, 'champion if P2 or better'],
      // A win without pole gives 34, and Driver 1 might take pole: Driver 1 must score 1 (P6 or lower).
      ['Driver 2', 36, 'needs P1 and Driver 1 P6 or lower'],
    ]);
    // With one drop in the final round, races 1-2 (round 1) shed their lowest: Driver 1 keeps 20 + race 3.
    const dropping = championship({ id: 'drivers', drops: { count: 1, when: 'final-round' } });
    const [drops] = computeContention(series([dropping]), s);
    expect(drops!.contenders.map((c) => [c.competitor, c.points, c.minPoints, c.maxPoints])).toEqual([
      ['Driver 1', 20, 20, 30],
      ['Driver 2', 16, 16, 26],
    ]);
  });
});
