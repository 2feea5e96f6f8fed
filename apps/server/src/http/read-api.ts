import { z } from 'zod';
import { healthAnswerSchema, sessionAnswerSchema, sessionListAnswerSchema } from '@pitwall/shared';
import type { ViewSource } from '../broadcast/viewers';
import type { RoutePlugin } from './app';
import { HttpError } from './errors';

export const idParams = z.object({ id: z.string().min(1) });

/** Read-only session API: documented in docs/http-api.md. */
export const readApiRoutes: RoutePlugin<{ hub: ViewSource }> = (app, { hub }) => {
  app.get('/api/health', { schema: { response: { 200: healthAnswerSchema } } }, () => ({ ok: true }) as const);
  app.get('/api/sessions', { schema: { response: { 200: sessionListAnswerSchema } } }, () => ({
    sessions: hub.list(),
  }));
  app.get('/api/sessions/:id', { schema: { params: idParams, response: { 200: sessionAnswerSchema } } }, (request) => {
    const { id } = request.params;
    const snapshot = hub.snapshot(id);
    if (!snapshot) throw new HttpError(404, `unknown session "${id}"`);
    const { view } = snapshot;
    return {
      seq: snapshot.seq,
      session: view.info,
      classes: view.classes,
      cars: view.order.map((number) => view.cars[number]!),
    };
  });
};
