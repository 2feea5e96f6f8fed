import { describe, expect, it } from 'vitest';
import { jitter, mulberry32 } from './random';

describe('mulberry32', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = mulberry32(2024);
    const b = mulberry32(2024);
    const c = mulberry32(2025);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
  });

  it('stays in [0, 1), and jitter in [-spread, spread)', () => {
    const random = mulberry32(7);
    for (let i = 0; i < 10_000; i++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      expect(Math.abs(jitter(random, 3))).toBeLessThanOrEqual(3);
    }
  });
});
