import type { SessionHub } from '../../sessions/hub';
import { requireFeedToken } from '../socket/feed-namespace';
import { readJsonBody, sendJson, type Route } from '../../http/router';
import type { Logger } from '../../log/logger';

/** POST /api/feed with `Authorization: Bearer <token>` and one FeedUpdate as the JSON body. */
export function httpFeedRoute(hub: SessionHub, options: { token: string; log: Logger }): Route {
  return {
    method: 'POST',
    path: /^\/api\/feed$/,
    async handle(req, res) {
      requireFeedToken(req, options.token);
      const result = hub.ingest(await readJsonBody(req), 'feed');
      if (result.status === 'rejected') options.log.warn('feed update rejected', { via: 'http', error: result.error });
      sendJson(res, result.status === 'rejected' ? 400 : 200, result);
    },
  };
}
