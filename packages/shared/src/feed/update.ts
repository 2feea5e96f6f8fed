import { z } from 'zod';
import { carFeedSchema, classInfoSchema, sessionIdSchema, sessionMetaSchema } from '../session/model';

/**
 * What any feed (socket, HTTP, RMonitor, replay, demo) sends into a session.
 * `seq` is the feed's own counter for the session: it must grow, so a repeated or late
 * update is recognised and ignored.
 */
export const fullUpdateSchema = z.object({
  type: z.literal('full'),
  sessionId: sessionIdSchema,
  seq: z.number().int().nonnegative(),
  session: sessionMetaSchema,
  classes: z.array(classInfoSchema).max(20).optional(),
  cars: z.array(carFeedSchema).max(250),
});

export const carPatchSchema = carFeedSchema.partial().extend({ number: carFeedSchema.shape.number });

export const patchUpdateSchema = z.object({
  type: z.literal('patch'),
  sessionId: sessionIdSchema,
  seq: z.number().int().nonnegative(),
  session: sessionMetaSchema.partial().optional(),
  classes: z.array(classInfoSchema).max(20).optional(),
  cars: z.array(carPatchSchema).max(250).optional(),
  /** Car numbers withdrawn from the session (entered by mistake). */
  removed: z.array(carFeedSchema.shape.number).max(250).optional(),
});

export const feedUpdateSchema = z.discriminatedUnion('type', [fullUpdateSchema, patchUpdateSchema]);

export type FullUpdate = z.infer<typeof fullUpdateSchema>;
export type PatchUpdate = z.infer<typeof patchUpdateSchema>;
export type CarPatch = z.infer<typeof carPatchSchema>;
export type FeedUpdate = z.infer<typeof feedUpdateSchema>;

/** What the session store answers to an update: feeds report it back to their source. */
export type IngestResult =
  | { status: 'accepted'; seq: number }
  | { status: 'ignored'; reason: 'duplicate' | 'out-of-order'; lastSeq: number }
  /** `retry`: the update was not at fault (storage failed or is busy); the same update may pass later. */
  | { status: 'rejected'; error: string; retry?: true };

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
