import { z } from 'zod';
import type { LapRecord } from './lap-history';

/** A run of laps between pit stops, as engineers plan fuel and tyres and drivers share a car. */
export const stintSchema = z.object({
  /** 1-based. */
  stint: z.number().int().positive(),
  fromLap: z.number().int().positive(),
  toLap: z.number().int().positive(),
  laps: z.number().int().nonnegative(),
  /** Who drove it: the driver the feed named on its last lap (drivers change in the pit lane). */
  driver: z.string(),
  /** The stint ended with the car in the pit lane; false for the stint still running. */
  endedInPit: z.boolean(),
});
export type Stint = z.infer<typeof stintSchema>;

export const pitStopSchema = z.object({
  /** 1-based. */
  stop: z.number().int().positive(),
  /** The lap that ended in the pit lane. */
  inLap: z.number().int().positive(),
  /** The lap the car left on, once it has completed it. */
  outLap: z.number().int().positive().optional(),
  /** Time in the pit lane, when the feed gives it or the updates show entry and exit. */
  pitLaneMs: z.number().optional(),
});
export type PitStop = z.infer<typeof pitStopSchema>;

/**
 * Stints and stops from a car's lap history: a lap that ends in the pit lane ends a stint; the
 * next begins with the out lap. A gap in the history (laps the feed skipped) does not break one.
 */
export function stintsAndStops(laps: readonly LapRecord[]): { stints: Stint[]; stops: PitStop[] } {
  const stints: Stint[] = [];
  const stops: PitStop[] = [];
  let current: LapRecord[] = [];
  const close = (endedInPit: boolean) => {
    const first = current[0];
    const last = current.at(-1);
    if (!first || !last) return;
    stints.push({
      stint: stints.length + 1,
      fromLap: first.lap,
      toLap: last.lap,
      laps: last.lap - first.lap + 1,
      driver: last.driver,
      endedInPit,
    });
    current = [];
  };
  for (const record of laps) {
    const waiting = stops.at(-1);
    if (waiting && waiting.outLap === undefined && record.lap > waiting.inLap) {
      waiting.outLap = record.lap;
      if (record.pitLaneMs !== undefined) waiting.pitLaneMs = record.pitLaneMs;
    }
    current.push(record);
    if (record.pitIn) {
      close(true);
      stops.push({ stop: stops.length + 1, inLap: record.lap });
    }
  }
  close(false);
  return { stints, stops };
}

/** Where a car stands in its race of stints, as an engineer's tower shows it. */
export const carStintSchema = z.object({
  /** Laps completed since the car left the pit lane (since the start, before its first stop); 0 on an out lap. */
  lapsInStint: z.number().int().nonnegative(),
  stops: z.number().int().nonnegative(),
  /** The most recent stop: its in lap, the race time at the line that lap, and its pit lane time once known. */
  lastStop: z
    .object({
      lap: z.number().int().positive(),
      atMs: z.number().optional(),
      pitLaneMs: z.number().optional(),
    })
    .optional(),
});
export type CarStint = z.infer<typeof carStintSchema>;

/** The stint a car is on now, from its lap history; undefined before it completes a lap. */
export function currentStint(laps: readonly LapRecord[]): CarStint | undefined {
  if (laps.length === 0) return undefined;
  const { stints, stops } = stintsAndStops(laps);
  const running = stints.at(-1);
  const stop = stops.at(-1);
  const stint: CarStint = { lapsInStint: running && !running.endedInPit ? running.laps : 0, stops: stops.length };
  if (!stop) return stint;
  const atMs = laps.findLast((record) => record.lap === stop.inLap)?.raceTimeMs;
  return {
    ...stint,
    lastStop: {
      lap: stop.inLap,
      ...(atMs !== undefined && { atMs }),
      ...(stop.pitLaneMs !== undefined && { pitLaneMs: stop.pitLaneMs }),
    },
  };
}
