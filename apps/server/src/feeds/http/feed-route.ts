import { z } from 'zod';
import type { RoutePlugin } from '../../http/app';
import type { Logger } from '../../log/logger';
import type { SessionHub } from '../../sessions/hub';

/** A timing feed posting every crossing of a 60-car field stays well inside this. */
const FEED_LIMIT = { max: 2_000, timeWindow: 1_000 };

/**
 * POST /api/feed with `Authorization: Bearer <token>` and one FeedUpdate as the JSON body. The
 * hub validates the update, so a refusal is counted in the session's feed health like any other.
 */
export const httpFeedRoute: RoutePlugin<{ hub: SessionHub; log: Logger }> = (app, { hub, log }) => {
  app.post(
    '/api/feed',
    { schema: { body: z.unknown() }, config: { feedToken: true, rateLimit: FEED_LIMIT } },
    (request, reply) => {
      const result = hub.ingest(request.body, 'feed');
      if (result.status === 'rejected') log.warn('feed update rejected', { via: 'http', error: result.error });
      // A rejection the feed should retry is a 503: a client reading only the status must not drop it.
      if (result.status === 'rejected') void reply.code(result.retry ? 503 : 400);
      return result;
    },
  );
};
