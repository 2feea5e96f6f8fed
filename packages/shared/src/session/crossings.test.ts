import { describe, expect, it } from 'vitest';
import {
  crossingAt,
  crossingList,
  crossingsUpTo,
  lastLapCompletedBy,
  NO_CROSSINGS,
  recordCrossing,
  type LineCrossings,
} from './crossings';

const laps = (...entries: [number, number][]) =>
  entries.reduce((crossings, [lap, atMs]) => recordCrossing(crossings, lap, atMs), NO_CROSSINGS);

describe('line crossings', () => {
  it('keeps one entry per crossing seen, however high the lap number', () => {
    const crossings = laps([1, 90_000], [2, 180_000], [5_000, 270_000]);
    expect(crossingList(crossings)).toEqual([
      [1, 90_000],
      [2, 180_000],
      [5_000, 270_000],
    ]);
    expect(crossingAt(crossings, 5_000)).toBe(270_000);
    expect(crossingAt(crossings, 3)).toBeUndefined();
  });

  it('forgets crossings a later one contradicts, so laps and times always rise together', () => {
    expect(crossingList(laps([1, 90_000], [2, 180_000], [3, 270_000], [2, 185_000]))).toEqual([
      [1, 90_000],
      [2, 185_000],
    ]);
    expect(crossingList(laps([1, 90_000], [2, 180_000], [3, 100_000]))).toEqual([
      [1, 90_000],
      [3, 100_000],
    ]);
  });

  it('returns the same history when a crossing is repeated', () => {
    const crossings = laps([1, 90_000], [2, 180_000]);
    expect(recordCrossing(crossings, 2, 180_000)).toBe(crossings);
  });

  it('leaves every older version as it was, whichever version is extended', () => {
    const older = laps([1, 90_000], [2, 180_000]);
    const newer = recordCrossing(older, 3, 270_000);
    const branch = recordCrossing(older, 3, 275_000);
    const restarted = recordCrossing(crossingsUpTo(newer, 1), 2, 200_000);
    expect(crossingList(older)).toEqual([
      [1, 90_000],
      [2, 180_000],
    ]);
    expect(crossingList(newer)).toEqual([...crossingList(older), [3, 270_000]]);
    expect(crossingList(branch)).toEqual([...crossingList(older), [3, 275_000]]);
    expect(crossingList(restarted)).toEqual([
      [1, 90_000],
      [2, 200_000],
    ]);
    expect(crossingList(NO_CROSSINGS)).toEqual([]);
  });

  it('records lap after lap in constant time', () => {
    let crossings: LineCrossings = NO_CROSSINGS;
    const began = performance.now();
    for (let lap = 1; lap <= 100_000; lap++) crossings = recordCrossing(crossings, lap, lap * 90_000);
    expect(performance.now() - began).toBeLessThan(1_000);
    expect(crossings.count).toBe(100_000);
  });

  it('drops the laps a car no longer has', () => {
    expect(crossingList(crossingsUpTo(laps([1, 90_000], [2, 180_000], [3, 270_000]), 1))).toEqual([[1, 90_000]]);
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
