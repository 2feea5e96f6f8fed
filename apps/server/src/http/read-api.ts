import type { ViewSource } from '../broadcast/viewers';
import { HttpError, sendJson, type Route } from './router';

/** Read-only session API: documented in docs/http-api.md. */
export function readApiRoutes(hub: ViewSource): Route[] {
  return [
    { method: 'GET', path: /^\/api\/health$/, handle: (_req, res) => sendJson(res, 200, { ok: true }) },
    { method: 'GET', path: /^\/api\/sessions$/, handle: (_req, res) => sendJson(res, 200, { sessions: hub.list() }) },
    {
      method: 'GET',
      path: /^\/api\/sessions\/(?<id>[^/]+)$/,
      handle: (_req, res, { id }) => {
        const snapshot = hub.snapshot(id!);
        if (!snapshot) throw new HttpError(404, `unknown session "${id}"`);
        const { view } = snapshot;
        sendJson(res, 200, {
          seq: snapshot.seq,
          session: view.info,
          classes: view.classes,
          cars: view.order.map((number) => view.cars[number]),
        });
      },
    },
  ];
}
