import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSummary } from '@pitwall/shared';
import { startPitwall, type Pitwall } from '../../app';
import { silentLogger } from '../../log/logger';
import { FeedHealthTracker } from '../health/tracker';
import { RMonitorConnections, type RMonitorConnection } from './connections';
import { rmonitorRoutes } from './routes';
import { fakeTimingServer, SHORT_RACE, until } from '../../test-support/rmonitor';

const TOKEN = 'rmonitor-test-token';

let timing: Awaited<ReturnType<typeof fakeTimingServer>>;
let pitwall: Pitwall;
let connections: RMonitorConnections;

beforeAll(async () => {
  timing = await fakeTimingServer(SHORT_RACE);
  pitwall = await startPitwall({
    port: 0,
    host: '127.0.0.1',
    feedToken: TOKEN,
    webRoot: '/nonexistent',
    log: silentLogger,
    routes: (app, hub) => {
      connections = new RMonitorConnections({ hub, tracker: new FeedHealthTracker(), log: silentLogger });
      rmonitorRoutes(app, { connections });
    },
  });
});

afterAll(async () => {
  await connections.closeAll();
  await pitwall.close();
  await timing.close();
});

async function call(method: string, path: string, options: { body?: unknown; token?: string | null } = {}) {
  const token = options.token === undefined ? TOKEN : options.token;
  const response = await fetch(`${pitwall.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token !== null && { authorization: `Bearer ${token}` }) },
    ...(options.body !== undefined && {
      body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const sessionsListed = async () =>
  ((await call('GET', '/api/sessions')).body as { sessions: SessionSummary[] }).sessions;

describe('RMonitor connections over HTTP', () => {
  it("POST opens a connection whose session appears with the timing feed's cars; GET lists it", async () => {
    const request = {
      host: '127.0.0.1',
      port: timing.port,
      sessionId: 'http-r1',
      seriesId: 'mx5-cup',
      event: 'Sebring',
      race: 1,
    };
    const opened = await call('POST', '/api/rmonitor', { body: request });
    expect(opened.status).toBe(201);
    expect((opened.body as unknown as RMonitorConnection).settings).toEqual({ ...request, name: 'Session' });

    await until(() => pitwall.hub.snapshot('http-r1')?.view.order.length === 3);
    const summary = (await sessionsListed()).find((session) => session.id === 'http-r1');
    expect(summary).toMatchObject({
      id: 'http-r1',
      seriesId: 'mx5-cup',
      event: 'Sebring',
      name: 'Race 1',
      carCount: 3,
    });
    const detail = await call('GET', '/api/sessions/http-r1');
    expect(
      (detail.body.cars as { number: string; driver: string }[]).map((car) => `${car.number} ${car.driver}`),
    ).toEqual(['8 Anthony Nicolosi', '7 Joel Feinberg', '9 Jarrett Boon']);

    const listed = await call('GET', '/api/rmonitor', { token: null });
    expect(listed.status).toBe(200);
    const [connection] = listed.body.connections as RMonitorConnection[];
    expect(connection!.settings.sessionId).toBe('http-r1');
    expect(connection!.health).toMatchObject({ state: 'connected', connects: 1, updatesAccepted: 1 });
  });

  it('answers 409 to a second POST for the same session', async () => {
    const second = await call('POST', '/api/rmonitor', {
      body: { host: '10.0.0.5', port: 50_000, sessionId: 'http-r1' },
    });
    expect(second).toEqual({
      status: 409,
      body: {
        error: `session "http-r1" already has an RMonitor connection (127.0.0.1:${timing.port}); close it first`,
      },
    });
    expect(timing.connections()).toBe(1);
  });

  it.each([
    [{ host: '127.0.0.1', sessionId: 'http-r2' }, 'port: '],
    [{ host: '127.0.0.1', port: 'fifty thousand', sessionId: 'http-r2' }, 'port: '],
    [{ host: '127.0.0.1', port: 50_000, sessionId: '../etc' }, 'sessionId: '],
    [{ host: '127.0.0.1', port: 50_000, sessionId: 'http-r2', race: 'one' }, 'race: '],
    [{ host: '127.0.0.1', port: 50_000, sessionId: 'http-r2', token: TOKEN }, 'settings: Unrecognized key: "token"'],
    [[], 'settings: '],
  ])('answers 400 naming the field for %j', async (body, naming) => {
    const refused = await call('POST', '/api/rmonitor', { body });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain(`RMonitor connection settings refused: ${naming}`);
    expect(connections.list().map((c) => c.settings.sessionId)).toEqual(['http-r1']);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const refused = await call('POST', '/api/rmonitor', { body: '{"host":' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/^body is not valid JSON/);
  });

  it('answers 401 without the feed token or with a wrong one, and opens or closes nothing', async () => {
    const body = { host: '127.0.0.1', port: timing.port, sessionId: 'http-r2' };
    expect(await call('POST', '/api/rmonitor', { body, token: null })).toEqual({
      status: 401,
      body: { error: 'feed token missing or wrong' },
    });
    expect((await call('POST', '/api/rmonitor', { body, token: 'guess' })).status).toBe(401);
    expect((await call('DELETE', '/api/rmonitor/http-r1', { token: null })).status).toBe(401);
    expect(connections.list().map((c) => c.settings.sessionId)).toEqual(['http-r1']);
  });

  it('DELETE closes the connection and keeps the session; 404 once it is gone', async () => {
    const closed = await call('DELETE', '/api/rmonitor/http-r1');
    expect(closed.status).toBe(200);
    expect((closed.body as unknown as RMonitorConnection).health.state).toBe('closed');
    await until(() => timing.openConnections() === 0);
    expect((await call('GET', '/api/rmonitor')).body).toEqual({ connections: [] });
    expect((await sessionsListed()).find((session) => session.id === 'http-r1')?.carCount).toBe(3);
    expect(await call('DELETE', '/api/rmonitor/http-r1')).toEqual({
      status: 404,
      body: { error: 'session "http-r1" has no RMonitor connection' },
    });
  });

  it('answers 405 to a method the endpoint does not have', async () => {
    const refused = await call('DELETE', '/api/rmonitor');
    expect(refused.status).toBe(405);
  });
});
