import type { LapRecord } from './lap-history';

/** A run of laps between pit stops, as engineers plan fuel and tyres and drivers share a car. */
export interface Stint {
  /** 1-based. */
  stint: number;
  fromLap: number;
  toLap: number;
  laps: number;
  /** Who drove it: the driver the feed named on its last lap (drivers change in the pit lane). */
  driver: string;
  /** The stint ended with the car in the pit lane; false for the stint still running. */
  endedInPit: boolean;
}

export interface PitStop {
  /** 1-based. */
  stop: number;
  /** The lap that ended in the pit lane. */
  inLap: number;
  /** The lap the car left on, once it has completed it. */
  outLap?: number;
  /** Time in the pit lane, when the feed gives it or the updates show entry and exit. */
  pitLaneMs?: number;
}

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
export interface CarStint {
  /** Laps completed since the car left the pit lane (since the start, before its first stop); 0 on an out lap. */
  lapsInStint: number;
  stops: number;
  /** The most recent stop: its in lap, the race time at the line that lap, and its pit lane time once known. */
  lastStop?: { lap: number; atMs?: number; pitLaneMs?: number };
}

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
