import type { LineCrossings } from './crossings';
import { z } from 'zod';
import { gapSchema } from './car-state';
import { FLAGS, type CarFeed, type Flag, type Gap } from './model';
import { gapBetween } from './derive';

/**
 * Every car's laps as they were completed, the raw material of lap charts, gap charts, stints and
 * race control's lap-by-lap review. Derived from the feed updates alone, so a restore that
 * replays the same updates rebuilds it exactly.
 */
export const lapRecordSchema = z.object({
  lap: z.number().int().positive(),
  /** Absent when the feed gave no lap time for it (a lap skipped by the feed has none). */
  lapMs: z.number().optional(),
  /** S1 first; only where the feed sends sector times. */
  sectorsMs: z.array(z.number()).optional(),
  /** Race time at the line. */
  raceTimeMs: z.number().optional(),
  /** Overall and class running position as the car crossed the line. */
  position: z.number().int().positive(),
  classPosition: z.number().int().positive(),
  /** To the overall leader, taken at the line; absent for the leader. */
  gapToLeader: gapSchema.optional(),
  /** The lap ended in the pit lane (in lap). */
  pitIn: z.boolean(),
  /** The lap started from the pit lane (out lap). */
  pitOut: z.boolean(),
  /** Pit lane time of the stop this lap started from (out laps only, when known). */
  pitLaneMs: z.number().optional(),
  flag: z.enum(FLAGS),
  driver: z.string(),
});
export type LapRecord = z.infer<typeof lapRecordSchema>;

export interface CarLapHistory {
  /** In lap order; at most MAX_LAPS_PER_CAR, the most recent kept. */
  laps: readonly LapRecord[];
  /** The car entered the pit lane since it last crossed the line. */
  pitSinceLine: boolean;
  /** The car was in the pit lane at the last update that named it. */
  inPit: boolean;
  /** Race time at which the car was last seen entering the pit lane, for the pit lane time. */
  pitEnteredAtMs?: number;
  /** Pit lane time of the stop the car has just left, waiting for its out lap to complete. */
  pitLaneMs?: number;
}

/** Keyed by car number: feed data, so a Map. */
export type LapHistory = ReadonlyMap<string, CarLapHistory>;

/**
 * Laps kept per car: a 24-hour race at Daytona is about 800 laps for the fastest class, so this
 * holds any race with room to spare; beyond it the oldest laps go, as a lap chart's window would.
 */
export const MAX_LAPS_PER_CAR = 1500;

/** What the update that brought the cars to this state said about each car it named. */
export interface LapUpdateContext {
  cars: ReadonlyMap<string, CarFeed>;
  /** The car as the update sent it (a patch has only what changed); absent when not named. */
  sent: ReadonlyMap<string, Partial<CarFeed>>;
  crossings: ReadonlyMap<string, LineCrossings>;
  flag: Flag;
  elapsedMs?: number;
  /** A full update forgets every car it does not name. */
  replaceAll: boolean;
}

/**
 * Adds the laps completed by one update to the history: every car whose lap count went up gets a
 * record for the lap it now shows (a car whose laps went down, a restarted session, loses the
 * laps it no longer has). Cars not touched keep their history object, so the copy is cheap.
 */
export function recordLaps(previous: LapHistory, context: LapUpdateContext): LapHistory {
  const history = new Map(context.replaceAll ? [] : previous);
  for (const number of history.keys()) if (!context.cars.has(number)) history.delete(number);
  let ranked: ReturnType<typeof rankAtLine> | undefined;
  for (const [number, sent] of context.sent) {
    const car = context.cars.get(number);
    if (!car) continue;
    const before = previous.get(number) ?? { laps: [], pitSinceLine: false, inPit: false };
    const atLine = () => {
      ranked ??= rankAtLine(context.cars);
      const { leader } = ranked;
      return {
        position: car.position,
        classPosition: ranked.classPosition.get(number) ?? 1,
        ...(leader && leader !== car ? withGap(gapBetween(car, leader, context.crossings.get(leader.number))) : {}),
      };
    };
    history.set(number, nextCarHistory(before, car, sent, context, atLine));
  }
  return history;
}

const withGap = (gap: Gap | undefined) => (gap ? { gapToLeader: gap } : {});

function nextCarHistory(
  before: CarLapHistory,
  car: CarFeed,
  sent: Partial<CarFeed>,
  context: LapUpdateContext,
  atLine: () => Pick<LapRecord, 'position' | 'classPosition' | 'gapToLeader'>,
): CarLapHistory {
  const lastLap = before.laps.at(-1)?.lap ?? 0;
  const kept = car.laps < lastLap ? before.laps.filter((record) => record.lap <= car.laps) : before.laps;
  const inPit = car.inPit === true || car.status === 'pit';
  const pit = pitLane(before, inPit, car.laps > lastLap ? car.totalTimeMs : undefined, context.elapsedMs);

  if (car.laps <= lastLap || car.laps === 0) {
    return { ...pit, laps: kept, pitSinceLine: before.pitSinceLine || (inPit && !before.inPit), inPit };
  }
  const previousLap = kept.at(-1);
  const pitOut = sent.lastLapPitOut ?? (previousLap?.lap === car.laps - 1 && previousLap.pitIn);
  const pitLaneMs = sent.lastPitLaneMs ?? (pitOut ? pit.pitLaneMs : undefined);
  const record: LapRecord = {
    lap: car.laps,
    ...(sent.lastLapMs !== undefined && { lapMs: sent.lastLapMs }),
    ...(sent.lastLapSectorsMs !== undefined && { sectorsMs: sent.lastLapSectorsMs }),
    ...(car.totalTimeMs !== undefined && { raceTimeMs: car.totalTimeMs }),
    ...atLine(),
    pitIn: sent.lastLapPitIn ?? (inPit || before.pitSinceLine),
    pitOut,
    ...(pitLaneMs !== undefined && { pitLaneMs }),
    flag: context.flag,
    driver: car.driver,
  };
  const laps = [...kept, record];
  const { pitLaneMs: _used, ...stillInPit } = pit;
  return {
    ...(pitOut ? stillInPit : pit),
    laps: laps.length > MAX_LAPS_PER_CAR ? laps.slice(laps.length - MAX_LAPS_PER_CAR) : laps,
    pitSinceLine: false,
    inPit,
  };
}

/**
 * Pit lane time measured from the updates: entry when the car is first seen in the pit lane (at
 * the line when it crossed in this update, else at the session clock), exit when it is no longer.
 */
function pitLane(
  before: CarLapHistory,
  inPit: boolean,
  crossedAtMs: number | undefined,
  elapsedMs: number | undefined,
): Pick<CarLapHistory, 'pitEnteredAtMs' | 'pitLaneMs'> {
  const nowMs = crossedAtMs ?? elapsedMs;
  if (inPit && !before.inPit) return nowMs === undefined ? {} : { pitEnteredAtMs: nowMs };
  if (inPit) return before.pitEnteredAtMs === undefined ? {} : { pitEnteredAtMs: before.pitEnteredAtMs };
  if (before.pitEnteredAtMs !== undefined && nowMs !== undefined && nowMs > before.pitEnteredAtMs) {
    return { pitLaneMs: nowMs - before.pitEnteredAtMs! };
  }
  return before.pitLaneMs === undefined ? {} : { pitLaneMs: before.pitLaneMs };
}

/** Class positions from the feed's overall positions, and the overall leader. */
function rankAtLine(cars: ReadonlyMap<string, CarFeed>): {
  leader?: CarFeed;
  classPosition: Map<string, number>;
} {
  const order = [...cars.values()].sort((a, b) => a.position - b.position);
  const counts = new Map<string, number>();
  const classPosition = new Map<string, number>();
  for (const car of order) {
    const place = (counts.get(car.classId) ?? 0) + 1;
    counts.set(car.classId, place);
    classPosition.set(car.number, place);
  }
  return { leader: order[0], classPosition };
}
