import type { SessionHub } from '../../sessions/hub';
import { tokenMatches } from '../socket/feed-namespace';
import { HttpError, readJsonBody, sendJson, type Route } from '../../http/router';
import type { Logger } from '../../log/logger';

/** POST /api/feed with `Authorization: Bearer <token>` and one FeedUpdate as the JSON body. */
export function httpFeedRoute(hub: SessionHub, options: { token: string; log: Logger }): Route {
  return {
    method: 'POST',
    path: /^\/api\/feed$/,
    async handle(req, res) {
      const header = req.headers.authorization ?? '';
      const offered = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
      if (!tokenMatches(offered, options.token)) throw new HttpError(401, 'feed token missing or wrong');
      const result = hub.ingest(await readJsonBody(req), 'feed');
      if (result.status === 'rejected') options.log.warn('feed update rejected', { via: 'http', error: result.error });
      sendJson(res, result.status === 'rejected' ? 400 : 200, result);
    },
  };
}
