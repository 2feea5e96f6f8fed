import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorAnswer, FeedUpdate, IngestResult } from '@pitwall/shared';
import { TokenAuth } from '../../auth/tokens';
import { createHttpApp, type HttpApp } from '../../http/app';
import { silentLogger } from '../../log/logger';
import { SessionHub } from '../../sessions/hub';
import { httpFeedRoute } from './feed-route';

const TOKEN = 'feed-route-token';
let diskFull = false;
const hub = new SessionHub({
  journal: () => {
    if (diskFull) throw new Error('disk full');
  },
});
let app: HttpApp;

beforeAll(async () => {
  app = await createHttpApp({ log: silentLogger, auth: new TokenAuth(TOKEN), webRoot: '/nonexistent' });
  httpFeedRoute(app, { hub, log: silentLogger });
  await app.ready();
});
afterAll(() => app.close());

const update = (seq: number): FeedUpdate => ({
  type: 'full',
  sessionId: 'http-feed',
  seq,
  session: { seriesId: 'test', event: 'Test', name: 'Race' },
  cars: [{ number: '7', classId: 'GSX', driver: 'A. Driver', position: 1, laps: seq }],
});

const post = async (body: unknown) => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/feed',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  return { status: response.statusCode, body: response.json<IngestResult | ErrorAnswer>() };
};

describe('POST /api/feed', () => {
  it('answers 200 accepted, 400 for an update at fault, 503 with retry when storage fails', async () => {
    expect(await post(update(1))).toEqual({ status: 200, body: { status: 'accepted', seq: 1 } });
    expect((await post({ ...update(2), seq: -1 })).status).toBe(400);
    diskFull = true;
    expect(await post(update(2))).toEqual({
      status: 503,
      body: { status: 'rejected', error: 'could not be stored: disk full', retry: true },
    });
    diskFull = false;
    expect(await post(update(2))).toEqual({ status: 200, body: { status: 'accepted', seq: 2 } });
  });
});
