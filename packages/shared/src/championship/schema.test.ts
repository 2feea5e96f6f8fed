import { describe, expect, it } from 'vitest';
import { pointsAdjustmentSchema, pointsTableSchema, raceResultSchema, seriesDefinitionSchema } from './schema';

const row = (number: string, position: number) => ({
  number,
  drivers: ['A Driver'],
  team: 'Team',
  classId: 'MX5',
  position,
  status: 'classified' as const,
});

describe('raceResultSchema', () => {
  it('accepts a result whose grid, fastest lap and most laps led name classified cars', () => {
    const result = {
      race: 4,
      classification: [row('7', 1), row('24', 2)],
      grid: ['24'],
      fastestLap: '7',
      mostLapsLed: '7',
    };
    expect(raceResultSchema.parse(result)).toEqual(result);
  });

  it('refuses a grid, fastest lap or most laps led naming a car not in the classification, at its path', () => {
    const parsed = raceResultSchema.safeParse({
      race: 4,
      classification: [row('7', 1)],
      grid: ['7', '99'],
      fastestLap: '98',
      mostLapsLed: '7',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ['grid', 1], message: 'car #99 is not in the classification of race 4' },
      { path: ['fastestLap'], message: 'car #98 is not in the classification of race 4' },
    ]);
  });

  it('refuses a race number that is not a positive whole number', () => {
    expect(raceResultSchema.safeParse({ race: 0, classification: [] }).success).toBe(false);
    expect(raceResultSchema.safeParse({ race: 1.5, classification: [] }).success).toBe(false);
  });
});

describe('pointsAdjustmentSchema', () => {
  it('needs a competitor and a reason, and whole points', () => {
    const adjustment = { championship: 'drivers', competitor: 'A Driver', points: -10, reason: 'contact' };
    expect(pointsAdjustmentSchema.parse(adjustment)).toEqual(adjustment);
    expect(pointsAdjustmentSchema.safeParse({ ...adjustment, reason: '' }).success).toBe(false);
    expect(pointsAdjustmentSchema.safeParse({ ...adjustment, competitor: '' }).success).toBe(false);
    expect(pointsAdjustmentSchema.safeParse({ ...adjustment, points: 2.5 }).success).toBe(false);
  });
});

describe('seriesDefinitionSchema', () => {
  it('refuses a series without its championships', () => {
    const parsed = seriesDefinitionSchema.safeParse({ id: 'mx5-cup', name: 'MX-5 Cup', shortName: 'MX5', classes: [] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.path.join('.'))).toContain('championships');
  });
});

describe('pointsTableSchema', () => {
  it('scores nothing beyond the table unless it says so, and refuses an empty or negative table', () => {
    expect(pointsTableSchema.parse({ points: [35, 32, 30] })).toEqual({ points: [35, 32, 30], beyond: 0 });
    expect(pointsTableSchema.parse({ points: [35], beyond: 10 }).beyond).toBe(10);
    expect(pointsTableSchema.safeParse({ points: [] }).success).toBe(false);
    expect(pointsTableSchema.safeParse({ points: [35, -1] }).success).toBe(false);
  });
});
