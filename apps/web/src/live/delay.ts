import type { ViewerCopy } from '@pitwall/shared';

/** A viewer can hold the picture back by up to this long (a TV broadcast runs well under it). */
export const MAX_DELAY_S = 300;

/**
 * Copies are kept per delta; at the busiest a feed sends a few a second, so this covers the
 * longest delay. Beyond it the oldest go, and the picture skips ahead rather than grow without end.
 */
export const MAX_HELD_COPIES = 5_000;

/** A live copy held back until it is due on screen. */
export interface HeldCopy {
  dueMs: number;
  copy: ViewerCopy;
}

/** `?delay=30` -> 30_000; anything that is not a whole number of seconds in range means no delay. */
export function delayFromParam(param: string | null): number {
  if (param === null || !/^\d{1,3}$/.test(param)) return 0;
  const seconds = Number(param);
  return seconds <= MAX_DELAY_S ? seconds * 1000 : 0;
}

/** Holds a new live copy until `nowMs + delayMs`. Copies share structure, so holding them is cheap. */
export function hold(held: readonly HeldCopy[], copy: ViewerCopy, nowMs: number, delayMs: number): HeldCopy[] {
  const next = [...held, { dueMs: nowMs + delayMs, copy }];
  return next.length > MAX_HELD_COPIES ? next.slice(next.length - MAX_HELD_COPIES) : next;
}

/** The latest held copy that is due, and those still waiting; `due` is undefined when none is. */
export function release(
  held: readonly HeldCopy[],
  nowMs: number,
): { due: ViewerCopy | undefined; waiting: readonly HeldCopy[] } {
  let count = 0;
  while (count < held.length && held[count]!.dueMs <= nowMs) count++;
  return { due: count > 0 ? held[count - 1]!.copy : undefined, waiting: count > 0 ? held.slice(count) : held };
}
