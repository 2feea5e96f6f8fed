import { describe, expect, it } from 'vitest';
import { maxRacePoints, pointsForPosition } from './points';
import type { ChampionshipDefinition } from './schema';

const imsa = { points: [350, 320, 300, 280, 260, 250, 240], beyond: 10 };
const porsche = { points: [25, 20, 17, 14, 12, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], beyond: 0 };

describe('pointsForPosition', () => {
  it('reads the table by finishing place', () => {
    expect(pointsForPosition(imsa, 1)).toBe(350);
    expect(pointsForPosition(imsa, 7)).toBe(240);
    expect(pointsForPosition(porsche, 15)).toBe(1);
  });
  it('pays `beyond` to every place below the table', () => {
    expect(pointsForPosition(imsa, 8)).toBe(10);
    expect(pointsForPosition(imsa, 60)).toBe(10);
    expect(pointsForPosition(porsche, 16)).toBe(0);
  });
  it('rejects a position that is not a place', () => {
    expect(() => pointsForPosition(imsa, 0)).toThrow(/from 1/);
    expect(() => pointsForPosition(imsa, 1.5)).toThrow(/whole number/);
  });
});

describe('maxRacePoints', () => {
  it('adds every bonus to a win', () => {
    const championship = {
      id: 'drivers',
      name: 'Drivers',
      competitor: 'driver',
      scope: {},
      positionBasis: 'rank-in-scope',
      pointsTable: 'porsche',
      bonuses: { pole: 2, fastestLap: 1 },
    } satisfies ChampionshipDefinition;
    expect(maxRacePoints(porsche, championship)).toBe(28);
  });
});
