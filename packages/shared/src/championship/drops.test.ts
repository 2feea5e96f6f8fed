import { describe, expect, it } from 'vitest';
import { applyDrops, droppableRaces, totalOf } from './drops';
import type { RaceScore } from './race-score';
import { championship, season } from '../test-support/championships';

const score = (race: number, points: number, bonus = 0): RaceScore => ({
  race,
  position: 1,
  points,
  bonus,
  dropped: false,
  status: 'classified',
});
const calendar = season([], 3).races; // rounds 1-3, races 1-6
const dropping = championship({ id: 'pro-am', drops: { count: 2, when: 'final-round' } });

describe('droppableRaces', () => {
  it('drops nothing until a race of the final round is counted', () => {
    expect(droppableRaces(dropping, calendar, [1, 2, 3, 4])).toEqual([]);
    expect(droppableRaces(dropping, calendar, [1, 2, 3, 4, 5])).toEqual([1, 2, 3, 4]);
  });
  it('drops nothing for a championship without drops', () => {
    expect(droppableRaces(championship({ id: 'overall' }), calendar, [1, 2, 3, 4, 5, 6])).toEqual([]);
  });
});

describe('applyDrops', () => {
  it('drops the two lowest race results, keeping their bonus', () => {
    const scores = [score(1, 25), score(2, 6, 2), score(3, 17), score(4, 9), score(5, 20)];
    const after = applyDrops(scores, [1, 2, 3, 4], 2);
    expect(after.map((s) => s.dropped)).toEqual([false, true, false, true, false]);
    expect(totalOf(after)).toBe(25 + 2 + 17 + 20);
  });
  it('drops a race not started (0) first', () => {
    const scores = [
      score(1, 25),
      { race: 2, points: 0, bonus: 0, dropped: false, status: 'dns' as const },
      score(3, 17),
      score(4, 9),
    ];
    expect(applyDrops(scores, [1, 2, 3, 4], 2).map((s) => s.dropped)).toEqual([false, true, false, true]);
  });
  it('drops a race not entered, which has no score to mark', () => {
    const after = applyDrops([score(1, 25), score(3, 17), score(4, 9)], [1, 2, 3, 4], 2);
    expect(after.map((s) => s.dropped)).toEqual([false, false, true]);
    expect(totalOf(after)).toBe(42);
  });
});
