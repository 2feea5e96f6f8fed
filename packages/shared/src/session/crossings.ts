/**
 * A car's race time at the line for the laps it was seen to complete, oldest first. Laps and times
 * both strictly rise, so the history is as long as the crossings actually seen, never as long as
 * a lap number a feed sends, and every lookup is a binary search.
 */
export interface LineCrossings {
  readonly laps: readonly number[];
  readonly atMs: readonly number[];
}

export const NO_CROSSINGS: LineCrossings = { laps: [], atMs: [] };

/**
 * Notes that the car completed `lap` at race time `atMs`. Crossings it contradicts (the same lap
 * or later, the same time or later: a restarted session, a corrected time) are forgotten.
 */
export function recordCrossing(crossings: LineCrossings, lap: number, atMs: number): LineCrossings {
  const { laps, atMs: times } = crossings;
  let keep = laps.length;
  while (keep > 0 && (laps[keep - 1]! >= lap || times[keep - 1]! >= atMs)) keep--;
  if (keep === laps.length - 1 && laps[keep] === lap && times[keep] === atMs) return crossings;
  return { laps: [...laps.slice(0, keep), lap], atMs: [...times.slice(0, keep), atMs] };
}

/** Forgets the crossings after lap `laps`: the car's lap count went down. */
export function crossingsUpTo(crossings: LineCrossings, laps: number): LineCrossings {
  const keep = firstIndexAbove(crossings.laps, laps);
  if (keep === crossings.laps.length) return crossings;
  return { laps: crossings.laps.slice(0, keep), atMs: crossings.atMs.slice(0, keep) };
}

/** Race time at the end of `lap`, when that crossing was seen. */
export function crossingAt(crossings: LineCrossings, lap: number): number | undefined {
  const index = firstIndexAbove(crossings.laps, lap) - 1;
  return index >= 0 && crossings.laps[index] === lap ? crossings.atMs[index] : undefined;
}

/**
 * The last lap after `afterLap` and up to `upToLap` the car had completed by race time `atMs`, or
 * `afterLap` when none. Times rise with laps, so a lap completed by then means every lap before it
 * was too, even one whose crossing was not seen.
 */
export function lastLapCompletedBy(crossings: LineCrossings, atMs: number, afterLap: number, upToLap: number): number {
  const from = firstIndexAbove(crossings.laps, afterLap);
  const to = firstIndexAbove(crossings.laps, upToLap);
  const completed = firstIndexAbove(crossings.atMs, atMs, from, to) - 1;
  return completed >= from ? crossings.laps[completed]! : afterLap;
}

/** The first index in `[from, to)` of the rising `values` holding more than `value` (`to` when none). */
function firstIndexAbove(values: readonly number[], value: number, from = 0, to = values.length): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
