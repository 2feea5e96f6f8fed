import { HttpError, readJsonBody, sendJson, type Route } from '../../http/router';
import { requireFeedToken } from '../socket/feed-namespace';
import { RMonitorConnectionError, type RMonitorConnections } from './connections';

const STATUS_OF: Record<RMonitorConnectionError['reason'], number> = { invalid: 400, conflict: 409 };

/**
 * GET /api/rmonitor lists the connections (read-only, open to all); POST /api/rmonitor opens one
 * and DELETE /api/rmonitor/:sessionId closes one, both with `Authorization: Bearer <feed token>`:
 * they decide what every viewer of the session sees.
 */
export function rmonitorRoutes(connections: RMonitorConnections, token: string): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/api\/rmonitor$/,
      handle: (_req, res) => sendJson(res, 200, { connections: connections.list() }),
    },
    {
      method: 'POST',
      path: /^\/api\/rmonitor$/,
      async handle(req, res) {
        requireFeedToken(req, token);
        const body = await readJsonBody(req);
        try {
          sendJson(res, 201, connections.open(body));
        } catch (error) {
          if (error instanceof RMonitorConnectionError) throw new HttpError(STATUS_OF[error.reason], error.message);
          throw error;
        }
      },
    },
    {
      method: 'DELETE',
      path: /^\/api\/rmonitor\/(?<sessionId>[^/]+)$/,
      async handle(req, res, { sessionId }) {
        requireFeedToken(req, token);
        const closed = await connections.close(sessionId!);
        if (!closed) throw new HttpError(404, `session "${sessionId}" has no RMonitor connection`);
        sendJson(res, 200, closed);
      },
    },
  ];
}
