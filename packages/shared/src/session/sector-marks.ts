import type { LapRecord } from './lap-history';
import type { LapMark, SectorTime } from './car-state';

/** The fastest time in each sector (S1 first) over some laps; a sector nobody timed is a hole. */
export type SectorBests = readonly (number | undefined)[];

/** A car's own best in each sector over its laps with sector times. */
export function personalBestSectors(laps: readonly LapRecord[]): SectorBests {
  return laps.reduce<SectorBests>(
    (bests, record) => (record.sectorsMs ? fasterOf(bests, record.sectorsMs) : bests),
    [],
  );
}

/** The faster of two sets of bests, sector by sector: how class and session bests are taken from the cars' own. */
export function fasterOf(a: SectorBests, b: SectorBests): SectorBests {
  // Taken over every car on every update, and mostly the bests already held: no new list then.
  if (holdsEveryBest(a, b)) return a;
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => {
    const x = a[i];
    const y = b[i];
    return x === undefined ? y : y === undefined ? x : Math.min(x, y);
  });
}

/** Whether `bests` are at least as fast as `other` in every sector `other` has a time for. */
export function holdsEveryBest(bests: SectorBests, other: SectorBests): boolean {
  if (other.length > bests.length) return false;
  for (let i = 0; i < other.length; i++) {
    const best = bests[i];
    const time = other[i];
    if (time !== undefined && (best === undefined || time < best)) return false;
  }
  return true;
}

/** Two marked laps alike sector by sector: a lap whose marks did not change keeps its list, and deltas skip it. */
export function sameSectorTimes(a: readonly SectorTime[], b: readonly SectorTime[]): boolean {
  return a.length === b.length && a.every((sector, i) => sector.ms === b[i]!.ms && sector.mark === b[i]!.mark);
}

/**
 * The sectors of a lap, each marked with the best it equals (overall before class before the
 * car's own), as a timing screen colours them. Bests are as they stand now, so a sector loses its
 * overall mark when someone goes faster.
 */
export function markSectors(
  sectorsMs: readonly number[],
  bests: { personal: SectorBests; inClass: SectorBests; overall: SectorBests },
): SectorTime[] {
  return sectorsMs.map((ms, i) => {
    const mark: LapMark | undefined =
      ms === bests.overall[i]
        ? 'overall'
        : ms === bests.inClass[i]
          ? 'class'
          : ms === bests.personal[i]
            ? 'personal'
            : undefined;
    return mark ? { ms, mark } : { ms };
  });
}
