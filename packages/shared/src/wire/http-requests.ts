import { z } from 'zod';

/** The body of POST /api/sessions/:id/replay. */
export const replayControlSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pause') }).strict(),
  z.object({ action: z.literal('resume') }).strict(),
  z.object({ action: z.literal('speed'), speed: z.number().positive().finite() }).strict(),
]);
export type ReplayControl = z.infer<typeof replayControlSchema>;
