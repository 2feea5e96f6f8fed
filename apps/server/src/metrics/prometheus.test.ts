import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import type { FeedUpdate } from '@pitwall/shared';
import { TokenAuth } from '../auth/tokens';
import type { SocketServer } from '../broadcast/socket-server';
import { createHttpApp, type HttpApp } from '../http/app';
import { silentLogger } from '../log/logger';
import { SessionHub } from '../sessions/hub';
import { metricsRoutes } from './prometheus';

const hub = new SessionHub({ journal: () => {} });
const io: SocketServer = new Server();
let app: HttpApp;

beforeAll(async () => {
  app = await createHttpApp({ log: silentLogger, auth: new TokenAuth('t'), webRoot: '/nonexistent' });
  metricsRoutes(app, { hub, io });
  await app.ready();
});
// Never attached to an HTTP server: there is nothing of it to close.
afterAll(() => app.close());

const full = (seq: number, laps: number): FeedUpdate => ({
  type: 'full',
  sessionId: 'metrics-race',
  seq,
  session: { seriesId: 'test', event: 'Test', name: 'Race' },
  cars: [{ number: '7', classId: 'GSX', driver: 'A. Driver', position: 1, laps }],
});

describe('GET /metrics', () => {
  it('counts updates per session by result, and times deltas and event-log appends', async () => {
    hub.ingest(full(1, 1), 'feed');
    hub.ingest(full(2, 2), 'feed');
    hub.ingest(full(2, 2), 'feed');
    hub.ingest({ type: 'patch', sessionId: 'invented-by-a-feed', seq: 1, cars: [] }, 'feed');
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(text).toContain('pitwall_feed_updates_total{session="metrics-race",result="accepted"} 2');
    expect(text).toContain('pitwall_feed_updates_total{session="metrics-race",result="ignored"} 1');
    expect(text).toContain('pitwall_feed_updates_total{session="(unknown)",result="rejected"} 1');
    expect(text).toContain('pitwall_viewers_connected 0');
    expect(text).toMatch(/pitwall_delta_bytes_count 1\b/);
    expect(text).toMatch(/pitwall_ingest_to_emit_seconds_count 2\b/);
    expect(text).toMatch(/pitwall_event_log_append_seconds_count 2\b/);
    expect(text).toContain('pitwall_process_cpu_user_seconds_total');
  });
});

describe('GET /api/docs', () => {
  it('is an OpenAPI document generated from the routes', async () => {
    const docsApp = await createHttpApp({ log: silentLogger, auth: new TokenAuth('t'), webRoot: '/nonexistent' });
    const { readApiRoutes } = await import('../http/read-api');
    const { httpFeedRoute } = await import('../feeds/http/feed-route');
    readApiRoutes(docsApp, { hub });
    httpFeedRoute(docsApp, { hub, log: silentLogger });
    await docsApp.ready();
    const docs = (await docsApp.inject({ method: 'GET', url: '/api/docs' })).json<{
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; security?: unknown[] }>>;
    }>();
    expect(docs.openapi).toMatch(/^3\./);
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/sessions', '/api/sessions/{id}', '/api/feed']),
    );
    expect(docs.paths['/api/sessions/{id}']!.get!.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path' }),
    ]);
    expect(docs.paths['/api/feed']!.post!.security).toEqual([{ feedToken: [] }]);
    expect(Object.keys(docs.paths)).not.toContain('/metrics');
    await docsApp.close();
  });
});
