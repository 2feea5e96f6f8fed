import { describe, expect, it } from 'vitest';
import { lapRecord } from '../test-support/sessions';
import { fasterOf, markSectors, personalBestSectors, sameSectorTimes } from './sector-marks';

const lap = (n: number, sectorsMs?: number[]) => lapRecord(n, sectorsMs && { sectorsMs });

describe('personalBestSectors', () => {
  it('takes the best of each sector over the laps that have sector times', () => {
    expect(personalBestSectors([lap(1, [31_000, 40_000, 29_000]), lap(2), lap(3, [30_500, 40_200, 28_900])])).toEqual([
      30_500, 40_000, 28_900,
    ]);
  });

  it('has no bests without sector times', () => {
    expect(personalBestSectors([lap(1), lap(2)])).toEqual([]);
  });
});

describe('fasterOf', () => {
  it('keeps the faster time of each sector, and a sector only one side timed', () => {
    expect(fasterOf([30_000, undefined, 29_000], [30_500, 40_000])).toEqual([30_000, 40_000, 29_000]);
  });

  it('answers the bests it was given when they already hold every sector', () => {
    const bests = [30_000, 40_000, 29_000];
    expect(fasterOf(bests, [30_500, undefined, 29_000])).toBe(bests);
    expect(fasterOf(bests, [30_500, 40_000, 29_000, 20_000])).toEqual([30_000, 40_000, 29_000, 20_000]);
  });
});

describe('sameSectorTimes', () => {
  it('compares times and marks sector by sector', () => {
    const lap = [{ ms: 30_000, mark: 'overall' as const }, { ms: 31_000 }];
    expect(sameSectorTimes(lap, [{ ms: 30_000, mark: 'overall' }, { ms: 31_000 }])).toBe(true);
    expect(sameSectorTimes(lap, [{ ms: 30_000 }, { ms: 31_000 }])).toBe(false);
    expect(sameSectorTimes(lap, lap.slice(0, 1))).toBe(false);
  });
});

describe('markSectors', () => {
  const bests = { personal: [30_500, 40_000, 28_900], inClass: [30_500, 39_800], overall: [30_100, 39_000, 28_900] };

  it('marks overall before class before personal, and leaves a slower sector unmarked', () => {
    expect(markSectors([30_500, 40_000, 28_900], bests)).toEqual([
      { ms: 30_500, mark: 'class' },
      { ms: 40_000, mark: 'personal' },
      { ms: 28_900, mark: 'overall' },
    ]);
    expect(markSectors([31_000, 40_500], bests)).toEqual([{ ms: 31_000 }, { ms: 40_500 }]);
  });
});
