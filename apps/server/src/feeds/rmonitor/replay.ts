import type { TimedFeedUpdate } from '@pitwall/shared';
import { LineSplitter } from './line-splitter';
import { parseLine } from './parser';
import { createSessionBuilder, type SessionBuilderOptions } from './session-builder';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A capture as a timeline of updates, for replay in (scaled) real time.
 *
 * Timestamps come from the $F heartbeat's time of day: the timing system sends it every second
 * whatever the session is doing, so it keeps the real pace of the capture through the pre-start,
 * red flags and the cool-down, where race time stands still or is a placeholder. Updates are
 * emitted on heartbeats, so each one is stamped with the time its heartbeat carries; records
 * before the first heartbeat go out with it at 0. Time of day wraps at midnight, and a clock that
 * steps back (a repeated second) never moves the timeline backwards. A capture without any $F
 * yields a single update at 0 with everything it said.
 */
export function rmonitorTimeline(text: string, options: SessionBuilderOptions): TimedFeedUpdate[] {
  const builder = createSessionBuilder(options);
  const timeline: TimedFeedUpdate[] = [];
  const splitter = new LineSplitter();
  const lines = splitter.push(text);
  lines.push(splitter.reset());
  let firstTimeOfDay: number | undefined;
  let days = 0;
  let lastTimeOfDay = 0;
  let atMs = 0;
  for (const line of lines) {
    for (const record of parseLine(line)) {
      if (record.kind === 'rejected') continue;
      if (record.kind === 'heartbeat') {
        if (firstTimeOfDay === undefined) firstTimeOfDay = record.timeOfDayMs;
        else if (record.timeOfDayMs < lastTimeOfDay - DAY_MS / 2) days += 1;
        lastTimeOfDay = record.timeOfDayMs;
        atMs = Math.max(atMs, record.timeOfDayMs + days * DAY_MS - firstTimeOfDay);
      }
      const { update } = builder.push(record);
      if (update) timeline.push({ atMs, update });
    }
  }
  const last = builder.flush();
  if (last) timeline.push({ atMs, update: last });
  return timeline;
}
