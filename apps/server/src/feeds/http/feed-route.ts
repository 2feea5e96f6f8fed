import { z } from 'zod';
import { errorAnswerSchema, ingestResultSchema } from '@pitwall/shared';
import type { RoutePlugin } from '../../http/app';
import type { Logger } from '../../log/logger';
import type { IngestQueue } from '../../sessions/ingest-queue';

/** A timing feed posting every crossing of a 60-car field stays well inside this. */
const FEED_LIMIT = { max: 2_000, timeWindow: 1_000 };

/**
 * POST /api/feed with `Authorization: Bearer <token>` and one FeedUpdate as the JSON body. The
 * hub validates the update, so a refusal is counted in the session's feed health like any other.
 */
/** A refused update is answered as one; a request refused before the hub saw it, as any refusal. */
const refusal = z.union([ingestResultSchema, errorAnswerSchema]);

/** Final answers are 200 (accepted, ignored) or 400 (rejected); "send it again" is 503 with Retry-After. */
const STATUS_OF = { accepted: 200, ignored: 200, rejected: 400, unavailable: 503 } as const;

export const httpFeedRoute: RoutePlugin<{ queue: IngestQueue; log: Logger }> = (app, { queue, log }) => {
  app.post(
    '/api/feed',
    {
      schema: {
        body: z.unknown(),
        response: { 200: ingestResultSchema, 400: refusal, 503: refusal },
      },
      config: { feedToken: true, rateLimit: FEED_LIMIT },
    },
    async (request, reply) => {
      const result = await queue.offer(request.body, 'feed');
      if (result.status === 'rejected') log.warn('feed update rejected', { via: 'http', error: result.error });
      if (result.status === 'unavailable') void reply.header('retry-after', '1');
      void reply.code(STATUS_OF[result.status]);
      return result;
    },
  );
};
