import { z } from 'zod';
import { carFeedSchema, classInfoSchema, sessionIdSchema, sessionMetaSchema } from '../session/model';
import { LIMITS } from '../session/limits';

/**
 * What any feed (socket, HTTP, RMonitor, replay, demo) sends into a session.
 * `seq` is the feed's own counter for the session: it must grow, so a repeated or late
 * update is recognised and ignored.
 */
const seqSchema = z
  .number()
  .int()
  .nonnegative()
  .max(
    LIMITS.seq,
    `must be at most 2^50 (${LIMITS.seq}); to start counting again, archive the session and open another`,
  );

export const fullUpdateSchema = z.strictObject({
  type: z.literal('full'),
  sessionId: sessionIdSchema,
  seq: seqSchema,
  session: sessionMetaSchema,
  classes: z.array(classInfoSchema).max(LIMITS.classes).optional(),
  cars: z.array(carFeedSchema).max(LIMITS.cars),
});

export const carPatchSchema = carFeedSchema.partial().extend({ number: carFeedSchema.shape.number });

export const patchUpdateSchema = z.strictObject({
  type: z.literal('patch'),
  sessionId: sessionIdSchema,
  seq: seqSchema,
  session: sessionMetaSchema.partial().optional(),
  classes: z.array(classInfoSchema).max(LIMITS.classes).optional(),
  cars: z.array(carPatchSchema).max(LIMITS.cars).optional(),
  /** Car numbers withdrawn from the session (entered by mistake). */
  removed: z.array(carFeedSchema.shape.number).max(LIMITS.cars).optional(),
});

export const feedUpdateSchema = z.discriminatedUnion('type', [fullUpdateSchema, patchUpdateSchema]);

export type FullUpdate = z.infer<typeof fullUpdateSchema>;
export type PatchUpdate = z.infer<typeof patchUpdateSchema>;
export type CarPatch = z.infer<typeof carPatchSchema>;
export type FeedUpdate = z.infer<typeof feedUpdateSchema>;

/**
 * What the session store answers to an update: feeds report it back to their source.
 * `rejected` is final: sending the same update again gets the same answer. `unavailable` is not
 * about the update at all (the store could not write it, or the session has too many updates
 * waiting): nothing was applied, and the same update may be sent again after a pause.
 */
export const ingestResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('accepted'), seq: seqSchema }),
  z.object({ status: z.literal('ignored'), reason: z.enum(['duplicate', 'out-of-order']), lastSeq: seqSchema }),
  z.object({ status: z.literal('rejected'), error: z.string() }),
  z.object({
    status: z.literal('unavailable'),
    retry: z.literal(true),
    reason: z.enum(['storage', 'busy']),
    error: z.string(),
  }),
]);
export type IngestResult = z.infer<typeof ingestResultSchema>;

/**
 * A failure that is not the sender's fault and may pass if the same request is sent again: storage
 * full or failing, a queue full. Adapters answer it as retryable (HTTP 503 with `retry: true`, the
 * same `retry` in a socket ack), never as a refusal the sender should drop.
 */
export class RetryableError extends Error {
  readonly retry = true;
}

/** A feed update placed on a replay timeline, `atMs` after the timeline's start. */
export interface TimedFeedUpdate {
  atMs: number;
  update: FeedUpdate;
}
