import { RetryableError, type SessionLifecycleAnswer } from '@pitwall/shared';
import type { RoutePlugin } from '../http/app';
import { HttpError } from '../http/errors';
import { idParams } from '../http/read-api';
import type { LifecycleResult, SessionHub } from './hub';

/** A few a race weekend: far fewer than feed writes, and a flood is refused sooner. */
const LIFECYCLE_LIMIT = { max: 60, timeWindow: 10_000 };

const STATUS_OF_REFUSAL = { 'not-found': 404, demo: 409 } as const;

/**
 * Archiving and deleting sessions (docs/http-api.md), with `Authorization: Bearer <feed token>`:
 * whoever may write timing decides which sessions viewers are offered.
 */
export const sessionLifecycleRoutes: RoutePlugin<{ hub: SessionHub }> = (app, { hub }) => {
  const writes = { schema: { params: idParams }, config: { feedToken: true, rateLimit: LIFECYCLE_LIMIT } };
  const answer = (sessionId: string, result: LifecycleResult, state: SessionLifecycleAnswer['state']) => {
    if (result.status === 'done') return { sessionId, state };
    if (result.reason === 'storage') throw new RetryableError(result.error);
    throw new HttpError(STATUS_OF_REFUSAL[result.reason], result.error);
  };
  app.post('/api/sessions/:id/archive', writes, ({ params: { id } }): SessionLifecycleAnswer =>
    answer(id, hub.archive(id), 'archived'),
  );
  app.post('/api/sessions/:id/unarchive', writes, ({ params: { id } }): SessionLifecycleAnswer =>
    answer(id, hub.unarchive(id), 'live'),
  );
  app.delete('/api/sessions/:id', writes, ({ params: { id } }): SessionLifecycleAnswer =>
    answer(id, hub.delete(id), 'deleted'),
  );
};
