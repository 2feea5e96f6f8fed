import { z } from 'zod';
import { carFeedSchema, sessionIdSchema } from '../session/model';

/**
 * Race control's decisions on a session, as requested over HTTP and as journaled in the event
 * log. A decision never changes what the timing said; the classification applies it on top.
 */

const car = carFeedSchema.shape.number;

export const timePenaltySchema = z.object({
  kind: z.literal('time-penalty'),
  car,
  /** Added to the car's race time; a 24-hour race is the longest anyone would add. */
  seconds: z.number().positive().max(86_400),
});

export const lapPenaltySchema = z.object({
  kind: z.literal('lap-penalty'),
  car,
  laps: z.number().int().positive().max(10_000),
});

/** Down N places within the car's class: behind the N-th car of its class that was behind it. */
export const dropPositionsSchema = z.object({
  kind: z.literal('drop-positions'),
  car,
  positions: z.number().int().positive().max(250),
});

export const backOfClassSchema = z.object({ kind: z.literal('back-of-class'), car });

export const exclusionSchema = z.object({ kind: z.literal('exclusion'), car });

/** A timing error put right: what the car is shown with instead of what the feed says. */
export const correctionSchema = z.object({
  kind: z.literal('correction'),
  car,
  laps: carFeedSchema.shape.laps.optional(),
  classId: carFeedSchema.shape.classId.optional(),
  driver: carFeedSchema.shape.driver.optional(),
  number: carFeedSchema.shape.number.optional(),
});

/** Points added (+) or taken (-) in one championship, for this race. */
export const pointsAdjustmentDecisionSchema = z.object({
  kind: z.literal('points-adjustment'),
  championship: z.string().min(1).max(60),
  /** As the championship names competitors: driver name, car number, entrant or manufacturer. */
  competitor: z.string().min(1).max(120),
  points: z
    .number()
    .int()
    .min(-1000)
    .max(1000)
    .refine((points) => points !== 0, 'points must not be 0'),
});

/** The decisions about one car's place or timing: the ones the classification applies. */
export const carDecisionSchema = z.discriminatedUnion('kind', [
  timePenaltySchema,
  lapPenaltySchema,
  dropPositionsSchema,
  backOfClassSchema,
  exclusionSchema,
  correctionSchema,
]);
export type CarDecision = z.infer<typeof carDecisionSchema>;

export const decisionSchema = z.discriminatedUnion('kind', [
  ...carDecisionSchema.options,
  pointsAdjustmentDecisionSchema,
]);
export type Decision = z.infer<typeof decisionSchema>;
export type DecisionKind = Decision['kind'];

export const rescindSchema = z.object({ kind: z.literal('rescind'), decisionId: z.number().int().positive() });
export const confirmSchema = z.object({ kind: z.literal('confirm') });

/** Everything race control can do to a session. */
export const raceControlActionSchema = z.discriminatedUnion('kind', [
  ...decisionSchema.options,
  rescindSchema,
  confirmSchema,
]);
export type RaceControlAction = z.infer<typeof raceControlActionSchema>;

const author = z.string().trim().min(1, 'name the official deciding').max(80);
const reason = z.string().trim().min(1, 'give the reason').max(500);

/** Body of POST /api/sessions/:id/decisions. */
export const decisionRequestSchema = z.object({ author, reason, decision: decisionSchema });
/** Body of POST /api/sessions/:id/decisions/:decisionId/rescind. */
export const rescindRequestSchema = z.object({ author, reason });
/** Body of POST /api/sessions/:id/confirm: the reason is optional ("results confirmed"). */
export const confirmRequestSchema = z.object({ author, reason: reason.optional() });

export type DecisionRequest = z.infer<typeof decisionRequestSchema>;
export type RescindRequest = z.infer<typeof rescindRequestSchema>;
export type ConfirmRequest = z.infer<typeof confirmRequestSchema>;

/** A session holds at most this many race-control entries (decisions, rescinds, confirmations). */
export const MAX_RACE_CONTROL_ENTRIES = 1000;

/** One race-control entry as the event log keeps it: numbered per session, stamped by the server. */
export const raceControlEntrySchema = z.object({
  type: z.literal('race-control'),
  sessionId: sessionIdSchema,
  /** 1, 2, 3... per session, in the order race control acted. */
  id: z.number().int().positive().max(MAX_RACE_CONTROL_ENTRIES),
  /** Epoch ms the server accepted it. */
  atMs: z.number().int().nonnegative(),
  author,
  reason,
  action: raceControlActionSchema,
});
export type RaceControlEntry = z.infer<typeof raceControlEntrySchema>;
