import { z } from 'zod';
import type { RoutePlugin } from '../../http/app';
import { HttpError } from '../../http/errors';
import { RMonitorConnectionError, type RMonitorConnections } from './connections';

const STATUS_OF: Record<RMonitorConnectionError['reason'], number> = { invalid: 400, conflict: 409 };

/**
 * GET /api/rmonitor lists the connections (read-only, open to all); POST /api/rmonitor opens one
 * and DELETE /api/rmonitor/:sessionId closes one, both with `Authorization: Bearer <feed token>`:
 * they decide what every viewer of the session sees.
 */
export const rmonitorRoutes: RoutePlugin<{ connections: RMonitorConnections }> = (app, { connections }) => {
  app.get('/api/rmonitor', () => ({ connections: connections.list() }));
  // The settings are checked by connections.open, which names the refused field in its own words.
  app.post('/api/rmonitor', { schema: { body: z.unknown() }, config: { feedToken: true } }, (request, reply) => {
    try {
      const opened = connections.open(request.body);
      void reply.code(201);
      return opened;
    } catch (error) {
      if (error instanceof RMonitorConnectionError) throw new HttpError(STATUS_OF[error.reason], error.message);
      throw error;
    }
  });
  app.delete(
    '/api/rmonitor/:sessionId',
    { schema: { params: z.object({ sessionId: z.string().min(1) }) }, config: { feedToken: true } },
    async (request) => {
      const { sessionId } = request.params;
      const closed = await connections.close(sessionId);
      if (!closed) throw new HttpError(404, `session "${sessionId}" has no RMonitor connection`);
      return closed;
    },
  );
};
