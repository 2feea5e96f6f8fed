/** A seeded source of numbers in [0, 1): simulations and generated tests replay identically for the same seed. */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough to scatter lap times; not for anything secret. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number in [-spread, spread). */
export function jitter(random: Random, spread: number): number {
  return (random() * 2 - 1) * spread;
}
