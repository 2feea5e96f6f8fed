import { describe, expect, it } from 'vitest';
import { crossingAt, crossingsUpTo, lastLapCompletedBy, NO_CROSSINGS, recordCrossing } from './crossings';

const laps = (...entries: [number, number][]) =>
  entries.reduce((crossings, [lap, atMs]) => recordCrossing(crossings, lap, atMs), NO_CROSSINGS);

describe('line crossings', () => {
  it('keeps one entry per crossing seen, however high the lap number', () => {
    const crossings = laps([1, 90_000], [2, 180_000], [5_000, 270_000]);
    expect(crossings).toEqual({ laps: [1, 2, 5_000], atMs: [90_000, 180_000, 270_000] });
    expect(crossingAt(crossings, 5_000)).toBe(270_000);
    expect(crossingAt(crossings, 3)).toBeUndefined();
  });

  it('forgets crossings a later one contradicts, so laps and times always rise together', () => {
    expect(laps([1, 90_000], [2, 180_000], [3, 270_000], [2, 185_000])).toEqual({
      laps: [1, 2],
      atMs: [90_000, 185_000],
    });
    expect(laps([1, 90_000], [2, 180_000], [3, 100_000])).toEqual({ laps: [1, 3], atMs: [90_000, 100_000] });
  });

  it('returns the same history when a crossing is repeated', () => {
    const crossings = laps([1, 90_000], [2, 180_000]);
    expect(recordCrossing(crossings, 2, 180_000)).toBe(crossings);
  });

  it('drops the laps a car no longer has', () => {
    expect(crossingsUpTo(laps([1, 90_000], [2, 180_000], [3, 270_000]), 1)).toEqual({ laps: [1], atMs: [90_000] });
  });

  it('finds the last lap completed by a time, within a range of laps', () => {
    const crossings = laps([1, 90_000], [2, 180_000], [4, 360_000]);
    expect(lastLapCompletedBy(crossings, 200_000, 1, 4)).toBe(2);
    expect(lastLapCompletedBy(crossings, 400_000, 1, 4)).toBe(4);
    expect(lastLapCompletedBy(crossings, 400_000, 1, 3)).toBe(2);
    expect(lastLapCompletedBy(crossings, 50_000, 0, 4)).toBe(0);
    expect(lastLapCompletedBy(crossings, 400_000, 4, 4)).toBe(4);
  });
});
