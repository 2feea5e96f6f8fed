import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import {
  receiveSessionListChange,
  type FeedUpdate,
  type SessionListChange,
  type SessionListSnapshot,
  type ViewerClientEvents,
  type ViewerServerEvents,
} from '@pitwall/shared';
import { startPitwall, type Pitwall } from '../app';
import { silentLogger } from '../log/logger';
import { startServer, type RunningServer } from '../server';
import { DATABASE_FILE } from '../storage/sqlite/sqlite-storage';

const FEED_TOKEN = 'feed-token-for-tests';

const race = (sessionId: string, seq = 1): FeedUpdate => ({
  type: 'full',
  sessionId,
  seq,
  session: { seriesId: 'imsa-vp', event: 'Sebring', name: `Race ${sessionId}`, status: 'running', flag: 'green' },
  cars: [
    { number: '17', classId: 'GSX', driver: 'Robert Noaker', position: 1, laps: seq },
    { number: '38', classId: 'LMP3', driver: 'Cameron Shields', position: 2, laps: seq },
  ],
});

type Viewer = Socket<ViewerServerEvents, ViewerClientEvents>;

/** A viewer that holds the session list as the web app does, and counts the bytes of each list frame. */
async function listViewer(url: string) {
  const viewer: Viewer = connect(url, { transports: ['websocket'] });
  const held: { list?: SessionListSnapshot; changes: SessionListChange[]; frames: { event: string; bytes: number }[] } =
    {
      changes: [],
      frames: [],
    };
  viewer.on('sessionListChange', (change) => {
    held.changes.push(change);
    held.list = receiveSessionListChange(held.list, change).copy;
  });
  await new Promise<void>((resolve) => {
    viewer.once('sessionList', (list) => {
      held.list = list;
      resolve();
    });
  });
  return { viewer, held };
}

async function call(url: string, method: 'GET' | 'POST' | 'DELETE', route: string, token?: string, body?: unknown) {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('archiving and deleting sessions, through the HTTP API, across restarts', () => {
  let dataDir: string;
  let server: RunningServer;
  const start = () => startServer({ port: 0, feedToken: FEED_TOKEN, dataDir, log: silentLogger });
  const url = () => server.pitwall.url;
  const listed = async (query = '') =>
    ((await call(url(), 'GET', `/api/sessions${query}`)).body.sessions as { id: string }[]).map((s) => s.id);

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'pitwall-lifecycle-'));
    server = await start();
    for (const id of ['keep', 'old', 'gone']) {
      expect((await call(url(), 'POST', '/api/feed', FEED_TOKEN, race(id))).status).toBe(200);
    }
  });
  afterEach(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('archive: viewers are sent `removed`, its feed is refused, and it stays archived and readable after a restart', async () => {
    const { viewer, held } = await listViewer(url());
    expect(held.list!.sessions.map((s) => s.id)).toEqual(['keep', 'old', 'gone']);
    expect(await call(url(), 'POST', '/api/sessions/old/archive', FEED_TOKEN)).toEqual({
      status: 200,
      body: { sessionId: 'old', state: 'archived' },
    });
    await settle();
    expect(held.changes).toEqual([{ seq: held.list!.seq, added: [], changed: [], removed: ['old'] }]);
    expect(held.list!.sessions.map((s) => s.id)).toEqual(['keep', 'gone']);
    viewer.close();

    const refused = await call(url(), 'POST', '/api/feed', FEED_TOKEN, race('old', 2));
    expect(refused).toEqual({
      status: 400,
      body: {
        status: 'rejected',
        error: 'session "old" is archived: it takes no more updates or decisions (unarchive it first)',
      },
    });

    await server.close();
    server = await start();
    expect(await listed()).toEqual(['keep', 'gone']);
    expect(await listed('?archived=true')).toEqual(['old']);
    // Still open by id: the review page and the read API reach it.
    expect((await call(url(), 'GET', '/api/sessions/old')).body).toMatchObject({ seq: 1, session: { id: 'old' } });
    expect((await call(url(), 'POST', '/api/feed', FEED_TOKEN, race('old', 2))).status).toBe(400);

    expect((await call(url(), 'POST', '/api/sessions/old/unarchive', FEED_TOKEN)).body).toEqual({
      sessionId: 'old',
      state: 'live',
    });
    expect((await call(url(), 'POST', '/api/feed', FEED_TOKEN, race('old', 2))).status).toBe(200);
    expect(await listed()).toEqual(['keep', 'gone', 'old']);
  });

  it('delete: gone from memory and from the store, and still gone after a restart', async () => {
    expect((await call(url(), 'POST', '/api/sessions/gone/archive', FEED_TOKEN)).status).toBe(200);
    expect(await call(url(), 'DELETE', '/api/sessions/gone', FEED_TOKEN)).toEqual({
      status: 200,
      body: { sessionId: 'gone', state: 'deleted' },
    });
    expect((await call(url(), 'GET', '/api/sessions/gone')).status).toBe(404);
    await server.close();
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    const rows = (table: string) => db.prepare(`SELECT count(*) FROM ${table} WHERE session_id = 'gone'`).pluck().get();
    expect([rows('feed_updates'), rows('archived_sessions')]).toEqual([0, 0]);
    db.close();
    server = await start();
    expect(await listed()).toEqual(['keep', 'old']);
    expect(await listed('?archived=true')).toEqual([]);
  });

  it('answers 401 without the feed token, 404 for an unknown session, 400 for a bad query', async () => {
    for (const [method, route] of [
      ['POST', '/api/sessions/old/archive'],
      ['POST', '/api/sessions/old/unarchive'],
      ['DELETE', '/api/sessions/old'],
    ] as const) {
      expect((await call(url(), method, route)).status, route).toBe(401);
      expect((await call(url(), method, route, 'wrong-token')).status, route).toBe(401);
    }
    expect(await call(url(), 'POST', '/api/sessions/nope/archive', FEED_TOKEN)).toEqual({
      status: 404,
      body: { error: 'unknown session "nope"' },
    });
    expect((await call(url(), 'DELETE', '/api/sessions/nope', FEED_TOKEN)).status).toBe(404);
    expect((await call(url(), 'GET', '/api/sessions?archived=maybe')).status).toBe(400);
    expect(await listed()).toEqual(['keep', 'old', 'gone']);
  });
});

describe('the session list to viewers: changes, not the whole list', () => {
  let pitwall: Pitwall;
  const SESSIONS = 1000;

  beforeAll(async () => {
    pitwall = await startPitwall({ port: 0, feedToken: FEED_TOKEN, webRoot: '/nonexistent', log: silentLogger });
    for (let i = 0; i < SESSIONS; i++) pitwall.hub.ingest(race(`imsa-2024-race-${i}`), 'feed');
  }, 60_000);
  afterAll(() => pitwall.close());

  it('sends one summary, under 1 kB, for one session’s change among 1,000, and nothing when no summary changed', async () => {
    const { viewer, held } = await listViewer(pitwall.url);
    const frames: number[] = [];
    viewer.io.engine.on('packet', ({ data }) => {
      if (typeof data === 'string' && data.includes('"sessionListChange"')) frames.push(Buffer.byteLength(data));
    });
    const wholeList = Buffer.byteLength(JSON.stringify(held.list));
    // A lap that moves no summary field sends nothing; a flag change sends that one summary.
    pitwall.hub.ingest(
      { type: 'patch', sessionId: 'imsa-2024-race-7', seq: 2, cars: [{ number: '17', laps: 2 }] },
      'feed',
    );
    pitwall.hub.ingest({ type: 'patch', sessionId: 'imsa-2024-race-7', seq: 3, session: { flag: 'fcy' } }, 'feed');
    await settle();
    expect(frames).toHaveLength(1);
    expect(held.changes).toMatchObject([
      { added: [], removed: [], changed: [{ id: 'imsa-2024-race-7', flag: 'fcy' }] },
    ]);
    expect(held.list!.sessions).toEqual(pitwall.hub.list());
    expect(frames[0]).toBeLessThan(1_000);
    expect(wholeList).toBeGreaterThan(100 * frames[0]!);
    console.info(`session list of ${SESSIONS}: ${wholeList} bytes whole, ${frames[0]} bytes for one change`);
    viewer.close();
  });

  it('answers the whole list when a viewer asks for it again', async () => {
    const { viewer } = await listViewer(pitwall.url);
    const list = await viewer.emitWithAck('sessionList');
    expect(list.sessions).toHaveLength(SESSIONS);
    expect(list.sessions).toEqual(pitwall.hub.list());
    viewer.close();
  });
});
