import { z } from 'zod';
import {
  archivedSessionListAnswerSchema,
  healthAnswerSchema,
  sessionAnswerSchema,
  sessionListAnswerSchema,
} from '@pitwall/shared';
import type { ViewSource } from '../broadcast/viewers';
import type { RoutePlugin } from './app';
import { HttpError } from './errors';

export const idParams = z.object({ id: z.string().min(1) });

/** Read-only session API: documented in docs/http-api.md. */
export const readApiRoutes: RoutePlugin<{ hub: ViewSource }> = (app, { hub }) => {
  app.get('/api/health', { schema: { response: { 200: healthAnswerSchema } } }, () => ({ ok: true }) as const);
  app.get(
    '/api/sessions',
    {
      schema: {
        querystring: z.object({ archived: z.stringbool().optional() }),
        response: { 200: z.union([sessionListAnswerSchema, archivedSessionListAnswerSchema]) },
      },
    },
    ({ query }) => {
      if (!query.archived) return { sessions: hub.list() };
      // A viewer node mirrors only the live list: archived sessions are listed where they are kept.
      if (!hub.archivedList) throw new HttpError(404, 'archived sessions are listed by the ingesting node');
      return { sessions: hub.archivedList() };
    },
  );
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
