import { z } from 'zod';
import { decisionMarkSchema } from '../race-control/rulings';
import { CAR_STATUSES, carFeedSchema } from './model';
import { carStintSchema } from './stints';

/** Gap to a car ahead: in time when on the same lap, in laps otherwise. */
export const gapSchema = z.union([z.object({ ms: z.number() }), z.object({ laps: z.number() })]);
export type Gap = z.infer<typeof gapSchema>;

/** Which best a lap is: the fastest of the session overall, of its class, or the car's own. */
export const lapMarkSchema = z.enum(['overall', 'class', 'personal']);
export type LapMark = z.infer<typeof lapMarkSchema>;

/** One sector of a car's last lap, marked when it equals a best: the session's, its class's or the car's own. */
export const sectorTimeSchema = z.object({ ms: z.number(), mark: lapMarkSchema.optional() });
export type SectorTime = z.infer<typeof sectorTimeSchema>;

/**
 * A car as viewers see it: what the feed said plus what the session model derives. The feed's
 * last-lap sectors become `lastSectors`, taken from the lap history so they are never an earlier lap's.
 */
export const carStateSchema = carFeedSchema.omit({ lastLapSectorsMs: true }).extend({
  status: z.enum(CAR_STATUSES),
  classPosition: z.number().int().positive(),
  /** To the overall leader (absent for the leader). */
  gap: gapSchema.optional(),
  /** To the car directly ahead overall. */
  interval: gapSchema.optional(),
  classGap: gapSchema.optional(),
  classInterval: gapSchema.optional(),
  /** Set when this car holds the overall or class best lap. */
  bestLapMark: lapMarkSchema.exclude(['personal']).optional(),
  /** Set when the last lap was a best: overall, class or the car's own. */
  lastLapMark: lapMarkSchema.optional(),
  positionsGained: z.number().int().optional(),
  classPositionsGained: z.number().int().optional(),
  /** Race control's decisions in force on this car, e.g. "+35s", "EXCL", for the tower. */
  decisionMarks: z.array(decisionMarkSchema).optional(),
  /** From the lap history: laps in the current stint, stops, the last stop. */
  stint: carStintSchema.optional(),
  /** Sector times of the lap shown as the last, each marked with the best it equals. */
  lastSectors: z.array(sectorTimeSchema).optional(),
});
export type CarState = z.infer<typeof carStateSchema>;
