import { z } from 'zod';
import { boundedInt, colourSchema, displayText, identifier, LIMITS } from './limits';

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

// A car as viewers see it is in car-state.ts: it takes race control's marks, whose schemas need this file.
export type { CarState, Gap, LapMark } from './car-state';

/** A session as viewers see it: the feed's facts, with the status and flag always set. */
export const sessionInfoSchema = sessionMetaSchema.extend({
  id: sessionId,
  status: z.enum(SESSION_STATUSES),
  flag: z.enum(FLAGS),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
