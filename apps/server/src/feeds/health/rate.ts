import type { FeedRejection } from '@pitwall/shared';

/**
 * Message counts per whole second, oldest first. A replay at high speed offers thousands of
 * updates a second, so the window keeps one counter per second rather than one time per message.
 */
export type RateWindow = readonly { second: number; count: number }[];

export const RATE_WINDOW_SECONDS = 10;
export const REJECTIONS_KEPT = 10;

const secondOf = (ms: number) => Math.floor(ms / 1000);

/** The window with one more message at `atMs`; seconds that can no longer be counted are dropped. */
export function countMessage(window: RateWindow, atMs: number): RateWindow {
  const second = secondOf(atMs);
  const kept = window.filter((bucket) => bucket.second > second - RATE_WINDOW_SECONDS - 1);
  const last = kept.at(-1);
  if (last?.second === second) return [...kept.slice(0, -1), { second, count: last.count + 1 }];
  return [...kept, { second, count: 1 }];
}

/**
 * Messages per second over the last complete seconds: the second in progress is left out, so a
 * steady feed reads steady instead of dipping at the start of every second.
 */
export function messagesPerSecond(window: RateWindow, nowMs: number): number {
  const current = secondOf(nowMs);
  const counted = window
    .filter((bucket) => bucket.second < current && bucket.second >= current - RATE_WINDOW_SECONDS)
    .reduce((sum, bucket) => sum + bucket.count, 0);
  return counted / RATE_WINDOW_SECONDS;
}

/** Rejections from several sources as one list: by time, newest last, the last ten kept. */
export function latestRejections(...lists: readonly (readonly FeedRejection[])[]): FeedRejection[] {
  return lists
    .flat()
    .sort((a, b) => a.atMs - b.atMs)
    .slice(-REJECTIONS_KEPT);
}
