import { describe, expect, it } from 'vitest';
import { changeClock, checkedSpeed, positionAt, startClock, waitFor } from './clock';

describe('replay clock', () => {
  const DURATION = 60_000;

  it('runs at its speed from the start and stops at the end of the timeline', () => {
    const clock = startClock(1_000, 10);
    expect(positionAt(clock, 1_000, DURATION)).toBe(0);
    expect(positionAt(clock, 2_500, DURATION)).toBe(15_000);
    expect(positionAt(clock, 100_000, DURATION)).toBe(DURATION);
  });

  it('pause holds the position, resume and a new speed carry on from it without a jump', () => {
    let clock = startClock(0, 10);
    clock = changeClock(clock, 1_000, DURATION, { paused: true });
    expect(positionAt(clock, 5_000, DURATION)).toBe(10_000);
    expect(waitFor(clock, 20_000, 5_000, DURATION)).toBeUndefined();
    clock = changeClock(clock, 5_000, DURATION, { paused: false, speed: 2 });
    expect(positionAt(clock, 5_000, DURATION)).toBe(10_000);
    expect(positionAt(clock, 6_000, DURATION)).toBe(12_000);
    expect(waitFor(clock, 20_000, 6_000, DURATION)).toBe(4_000);
    expect(waitFor(clock, 11_000, 6_000, DURATION)).toBe(0);
  });

  it('a bad speed is refused and the clock is left as it was', () => {
    const clock = startClock(0, 4);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '2']) {
      expect(() => changeClock(clock, 10, DURATION, { speed: bad as number })).toThrow(
        /speed must be a positive number/,
      );
      expect(() => checkedSpeed(bad)).toThrow(RangeError);
    }
    expect(clock.speed).toBe(4);
  });
});
