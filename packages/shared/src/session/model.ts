import { z } from 'zod';
import { boundedInt, colourSchema, displayText, identifier, LIMITS } from './limits';
import type { DecisionMark } from '../race-control/rulings';
import type { SectorTime } from './sector-marks';
import type { CarStint } from './stints';

/** Flag as shown to viewers. `none` is before the start or when the feed has not said. */
export const FLAGS = ['none', 'green', 'yellow', 'fcy', 'red', 'checkered'] as const;
export type Flag = (typeof FLAGS)[number];

export const SESSION_STATUSES = ['scheduled', 'running', 'finished'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const CAR_STATUSES = ['running', 'pit', 'retired', 'dns', 'excluded'] as const;
export type CarStatus = (typeof CAR_STATUSES)[number];

const sessionId = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'session id: letters, digits, dot, dash, underscore');

/** Objects are strict: a field this server does not know is refused by name, never stored unseen. */
export const classInfoSchema = z.strictObject({
  id: identifier(40),
  name: displayText(80),
  /** Colour of the class badge; the web app picks one when absent. */
  color: colourSchema.optional(),
});
export type ClassInfo = z.infer<typeof classInfoSchema>;

const raceTimeMs = boundedInt(0, LIMITS.raceTimeMs);
const lapTimeMs = boundedInt(1, LIMITS.lapTimeMs);
const laps = boundedInt(0, LIMITS.laps);
const position = boundedInt(1, LIMITS.cars);
const raceInSeason = boundedInt(1, LIMITS.racesInSeason);

/** Timing loops split a lap into at most this many sectors (Al Kamel: 3; long circuits: a few more). */
export const MAX_SECTORS = 10;

/** Session-level facts a feed may set. Optional fields are omitted, never null. */
export const sessionMetaSchema = z.strictObject({
  seriesId: identifier(60),
  event: displayText(120),
  name: displayText(120),
  round: raceInSeason.optional(),
  race: raceInSeason.optional(),
  status: z.enum(SESSION_STATUSES).optional(),
  flag: z.enum(FLAGS).optional(),
  timeRemainingMs: raceTimeMs.optional(),
  lapsRemaining: laps.optional(),
  elapsedMs: raceTimeMs.optional(),
  /** Race distance, when it is set in laps rather than time. */
  scheduledLaps: boundedInt(1, LIMITS.laps).optional(),
  /** Simulated sessions are marked so they never mix with real data. */
  demo: z.boolean().optional(),
});
export type SessionMeta = z.infer<typeof sessionMetaSchema>;

/** A car as a timing feed reports it. Everything derived (gaps, class positions) is computed. */
export const carFeedSchema = z.strictObject({
  number: identifier(8),
  classId: identifier(40),
  driver: displayText(120),
  team: displayText(120, { optional: true }).optional(),
  manufacturer: displayText(60, { optional: true }).optional(),
  /** Overall running position, 1-based. */
  position,
  laps,
  /** Race time at the car's last crossing of the line. */
  totalTimeMs: raceTimeMs.optional(),
  lastLapMs: lapTimeMs.optional(),
  bestLapMs: lapTimeMs.optional(),
  bestLapNumber: boundedInt(1, LIMITS.laps).optional(),
  inPit: z.boolean().optional(),
  pitStops: laps.optional(),
  status: z.enum(CAR_STATUSES).optional(),
  /** Grid position overall; positions gained are measured from it. */
  startPosition: position.optional(),
  lapsLed: laps.optional(),
  /**
   * What the feed knows of the lap completed by this very update: sector times (S1 first), whether
   * it ended in the pit lane (an in lap) or started there (an out lap), and the time the car spent
   * in the pit lane on the stop it left from. Read only from the update that raises `laps`, so a
   * value from an earlier lap is never taken for the new one.
   */
  lastLapSectorsMs: z.array(lapTimeMs).min(1).max(MAX_SECTORS).optional(),
  lastLapPitIn: z.boolean().optional(),
  lastLapPitOut: z.boolean().optional(),
  lastPitLaneMs: raceTimeMs.optional(),
});
export type CarFeed = z.infer<typeof carFeedSchema>;

export const sessionIdSchema = sessionId;

/** Gap to a car ahead: in time when on the same lap, in laps otherwise. */
export type Gap = { ms: number } | { laps: number };

/** Which best a lap is: the fastest of the session overall, of its class, or the car's own. */
export type LapMark = 'overall' | 'class' | 'personal';

/**
 * A car as viewers see it: what the feed said plus what the session model derives. The feed's
 * last-lap sectors become `lastSectors`, taken from the lap history so they are never an earlier lap's.
 */
export interface CarState extends Omit<CarFeed, 'lastLapSectorsMs'> {
  status: CarStatus;
  classPosition: number;
  /** To the overall leader (absent for the leader). */
  gap?: Gap;
  /** To the car directly ahead overall. */
  interval?: Gap;
  classGap?: Gap;
  classInterval?: Gap;
  /** Set when this car holds the overall or class best lap. */
  bestLapMark?: 'overall' | 'class';
  /** Set when the last lap was a best: overall, class or the car's own. */
  lastLapMark?: LapMark;
  positionsGained?: number;
  classPositionsGained?: number;
  /** Race control's decisions in force on this car, e.g. "+35s", "EXCL", for the tower. */
  decisionMarks?: DecisionMark[];
  /** From the lap history: laps in the current stint, stops, the last stop. */
  stint?: CarStint;
  /** Sector times of the lap shown as the last, each marked with the best it equals. */
  lastSectors?: SectorTime[];
}

export interface SessionInfo extends SessionMeta {
  id: string;
  status: SessionStatus;
  flag: Flag;
}
