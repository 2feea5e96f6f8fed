import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { FeedUpdate, SessionDelta, SessionView } from '@pitwall/shared';
import { silentLogger } from '../log/logger';
import { startServer, type RunningServer } from '../server';

const SESSION = 'seek-test';

const updates: FeedUpdate[] = [
  {
    type: 'full',
    sessionId: SESSION,
    seq: 1,
    session: { seriesId: 'test', event: 'Road Atlanta', name: 'Race', status: 'running', flag: 'green' },
    cars: [
      { number: '6', classId: 'LMP3', driver: 'A', position: 1, laps: 0 },
      { number: '87', classId: 'LMP3', driver: 'B', position: 2, laps: 0 },
      { number: '59', classId: 'GSX', driver: 'C', position: 3, laps: 0 },
    ],
  },
  {
    type: 'patch',
    sessionId: SESSION,
    seq: 2,
    cars: [
      { number: '6', laps: 1, totalTimeMs: 90_000, lastLapMs: 90_000 },
      { number: '87', laps: 1, totalTimeMs: 91_000, lastLapMs: 91_000 },
      { number: '59', laps: 1, totalTimeMs: 95_000, lastLapMs: 95_000 },
    ],
  },
  {
    type: 'patch',
    sessionId: SESSION,
    seq: 3,
    cars: [
      { number: '87', position: 1, laps: 2, totalTimeMs: 180_000, lastLapMs: 89_000 },
      { number: '6', position: 2, laps: 2, totalTimeMs: 185_000, lastLapMs: 95_000 },
      { number: '59', laps: 2, totalTimeMs: 190_000, lastLapMs: 95_000 },
    ],
  },
];

describe('GET /api/sessions/:id/at: the session as it stood, for one viewer', () => {
  let dataDir: string;
  let server: RunningServer;
  const get = async (query: string, session = SESSION) => {
    const response = await fetch(`${server.pitwall.url}/api/sessions/${session}/at${query}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'pitwall-seek-'));
    server = await startServer({ port: 0, feedToken: 'f', raceControlToken: 'r', dataDir, log: silentLogger });
    for (const update of updates) expect(server.pitwall.hub.ingest(update, 'feed').status).toBe('accepted');
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the order at a lap and at a race time, and no viewer gets a delta for it', async () => {
    const viewer = connect(server.pitwall.url, { transports: ['websocket'] });
    const deltas: SessionDelta[] = [];
    viewer.on('delta', (delta: SessionDelta) => deltas.push(delta));
    await viewer.emitWithAck('join', { sessionId: SESSION });
    try {
      const lap1 = await get('?lap=1');
      expect(lap1.status).toBe(200);
      expect(lap1.body).toMatchObject({ sessionId: SESSION, lap: 1, raceTimeMs: 90_000 });
      expect((lap1.body.view as SessionView).order).toEqual(['6', '87', '59']);
      const later = await get('?raceTimeMs=186000');
      expect(later.body).toMatchObject({ lap: 2, raceTimeMs: 186_000 });
      const view = later.body.view as SessionView;
      expect(view.order).toEqual(['87', '6', '59']);
      expect(view.cars['6']).toMatchObject({ laps: 2, gap: { ms: 5_000 } });
      expect(view.cars['59']).toMatchObject({ laps: 1 });
      // A round trip on the viewer's socket: any delta the reads caused would have come before it.
      await viewer.emitWithAck('join', { sessionId: SESSION });
      expect(deltas).toEqual([]);
      const live = (await (await fetch(`${server.pitwall.url}/api/sessions/${SESSION}`)).json()) as {
        cars: { number: string; laps: number }[];
      };
      expect(live.cars.map((car) => [car.number, car.laps])).toEqual([
        ['87', 2],
        ['6', 2],
        ['59', 2],
      ]);
    } finally {
      viewer.close();
    }
  });

  it('refuses a moment that is not one, and an unknown session', async () => {
    for (const query of ['', '?lap=1&raceTimeMs=5', '?lap=-1', '?lap=abc', '?lap=1.5', '?raceTimeMs=1e99']) {
      const answer = await get(query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error, query).toEqual(expect.any(String));
    }
    expect((await get('?lap=1', 'nope')).status).toBe(404);
  });
});
