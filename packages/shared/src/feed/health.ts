import { z } from 'zod';
import { orderAgainstRaceTimeSchema } from '../session/order-check';

export const feedRejectionSchema = z.object({
  atMs: z.number(),
  /** Which feed said it: `feed` (Socket.IO or HTTP), `demo`, `replay <file>`, `rmonitor <host:port>`. */
  source: z.string(),
  reason: z.string(),
});
export type FeedRejection = z.infer<typeof feedRejectionSchema>;

export const feedSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('replay'), label: z.string() }),
  z.object({
    kind: z.literal('rmonitor'),
    label: z.string(),
    connection: z.enum(['connecting', 'connected', 'waiting', 'closed']),
    connects: z.number().int().nonnegative(),
    linesRejected: z.number().int().nonnegative(),
  }),
]);
export type FeedSource = z.infer<typeof feedSourceSchema>;

/** A file replay: where it is in the file's own time, and how fast it plays. */
export const replayStateSchema = z.object({
  paused: z.boolean(),
  /** Timeline time per real time: 1 is real time. */
  speed: z.number().positive(),
  positionMs: z.number().nonnegative(),
  durationMs: z.number().nonnegative(),
  /** Every update has been sent. */
  finished: z.boolean(),
});
export type ReplayState = z.infer<typeof replayStateSchema>;

/**
 * How the feed of one session is doing, as the server measures it: what race control looks at
 * when the tower stops moving. Sent to viewers as the `health` event and by
 * `GET /api/sessions/:id/health`.
 */
export const feedHealthSchema = z.object({
  sessionId: z.string(),
  /** Epoch ms the figures were taken at. */
  atMs: z.number(),
  /** Updates offered per second, over the last 10 complete seconds. */
  messagesPerSecond: z.number().nonnegative(),
  /** Since the last update offered; absent before the first. */
  lastMessageAgeMs: z.number().nonnegative().optional(),
  /** Updates offered to the session, by what became of them. */
  accepted: z.number().int().nonnegative(),
  ignored: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  /** Answered "retry": the store could not write it, or the session had too many updates waiting. */
  unavailable: z.number().int().nonnegative(),
  /** The last 10 rejections (refused updates and, for a TCP feed, unreadable lines), newest last. */
  lastRejections: z.array(feedRejectionSchema),
  /** Where the updates come from when the server itself reads them: a TCP feed or a file replay. */
  source: feedSourceSchema.optional(),
  replay: replayStateSchema.optional(),
  /** Cars the feed orders behind a car that completed the same lap later (first 10 named). */
  orderAgainstRaceTimes: z
    .object({ count: z.number().int().nonnegative(), cars: z.array(orderAgainstRaceTimeSchema) })
    .optional(),
});
export type FeedHealth = z.infer<typeof feedHealthSchema>;
