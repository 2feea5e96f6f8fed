import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import {
  copyFromSnapshot,
  mulberry32,
  receiveDelta,
  type CarFeed,
  type FeedUpdate,
  type IngestResult,
  type ViewerCopy,
  type ViewerClientEvents,
  type ViewerServerEvents,
  type FeedClientEvents,
  type FeedServerEvents,
} from '@pitwall/shared';
import { startPitwall, type Pitwall } from './app';
import { silentLogger } from './log/logger';

const TOKEN = 'test-token';
const SESSION = 'integration-race';

function randomUpdates(count: number, seed: number): FeedUpdate[] {
  const rand = mulberry32(seed);
  const classes = ['LMP3', 'GSX', 'PRO'];
  let cars: CarFeed[] = Array.from({ length: 20 }, (_, i) => ({
    number: String(i + 1),
    classId: classes[i % 3]!,
    driver: `Driver ${i + 1}`,
    position: i + 1,
    laps: 0,
    totalTimeMs: 0,
    startPosition: i + 1,
  }));
  const updates: FeedUpdate[] = [
    {
      type: 'full',
      sessionId: SESSION,
      seq: 1,
      session: { seriesId: 'test', event: 'Test', name: 'Race', status: 'running', flag: 'green' },
      cars: structuredClone(cars),
    },
  ];
  for (let seq = 2; updates.length < count; seq++) {
    const byPosition = [...cars].sort((a, b) => a.position - b.position);
    const changed = new Map<string, Partial<CarFeed> & { number: string }>();
    const touch = (car: CarFeed, change: Partial<CarFeed>) => {
      Object.assign(car, change);
      changed.set(car.number, { ...(changed.get(car.number) ?? { number: car.number }), ...change });
    };
    const crossing = byPosition[Math.floor(rand() * byPosition.length)]!;
    const lapMs = 90_000 + Math.floor(rand() * 8_000);
    touch(crossing, {
      laps: crossing.laps + 1,
      totalTimeMs: (crossing.totalTimeMs ?? 0) + lapMs,
      lastLapMs: lapMs,
      bestLapMs: Math.min(crossing.bestLapMs ?? Infinity, lapMs),
    });
    if (rand() < 0.3 && crossing.position > 1) {
      const ahead = byPosition[crossing.position - 2]!;
      touch(ahead, { position: crossing.position });
      touch(crossing, { position: crossing.position - 1 });
    }
    if (rand() < 0.05)
      touch(crossing, { inPit: !crossing.inPit, pitStops: (crossing.pitStops ?? 0) + (crossing.inPit ? 0 : 1) });
    const session =
      rand() < 0.02 ? { flag: (['green', 'yellow', 'fcy'] as const)[Math.floor(rand() * 3)]! } : undefined;
    updates.push({
      type: 'patch',
      sessionId: SESSION,
      seq,
      cars: [...changed.values()],
      ...(session ? { session } : {}),
    });
    cars = byPosition;
  }
  return updates;
}

describe('feed to viewer over Socket.IO', () => {
  let pitwall: Pitwall;
  beforeAll(async () => {
    pitwall = await startPitwall({
      port: 0,
      host: '127.0.0.1',
      feedToken: TOKEN,
      webRoot: '/nonexistent',
      log: silentLogger,
    });
  });
  afterAll(() => pitwall.close());

  it('refuses a feed without the token', async () => {
    const feed = connect(`${pitwall.url}/feed`, {
      auth: { token: 'wrong' },
      reconnection: false,
      transports: ['websocket'],
    });
    const error = await new Promise<Error>((resolve) => feed.once('connect_error', resolve));
    expect(error.message).toBe('feed token missing or wrong');
    feed.close();
  });

  it('gives viewers no way to write', async () => {
    const viewer = connect(pitwall.url, { transports: ['websocket'] });
    await new Promise<void>((resolve) => viewer.once('connect', () => resolve()));
    viewer.emit('update', randomUpdates(1, 1)[0]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pitwall.hub.snapshot(SESSION)).toBeUndefined();
    viewer.close();
  });

  it('keeps a viewer equal to the server through 1,000 updates and a forced disconnect', async () => {
    const updates = randomUpdates(1000, 42);
    const feed: Socket<FeedServerEvents, FeedClientEvents> = connect(`${pitwall.url}/feed`, {
      auth: { token: TOKEN },
      transports: ['websocket'],
    });
    const viewer: Socket<ViewerServerEvents, ViewerClientEvents> = connect(pitwall.url, { transports: ['websocket'] });
    let copy: ViewerCopy | undefined;
    let resyncs = 0;
    let snapshots = 0;
    const requestSnapshot = async (event: 'join' | 'resync') => {
      snapshots++;
      const reply = await viewer.emitWithAck(event, { sessionId: SESSION });
      if (reply.ok) copy = copyFromSnapshot(reply.snapshot);
    };
    viewer.on('delta', (delta) => {
      const received = receiveDelta(copy, delta);
      copy = received.copy;
      if (received.resync) {
        resyncs++;
        void requestSnapshot('resync');
      }
    });
    viewer.on('connect', () => {
      if (copy || resyncs > 0) void requestSnapshot('join');
    });

    const results: IngestResult[] = [];
    for (const [i, update] of updates.entries()) {
      results.push(await feed.emitWithAck('update', update));
      if (i === 0) await requestSnapshot('join');
      if (i === 500) {
        // Duplicates and a bad update in the middle must change nothing.
        results.push(await feed.emitWithAck('update', updates[400]!));
        results.push(
          // Position 0 is what makes it bad; the cast only lets the spread of a union through.
          await feed.emitWithAck('update', {
            ...update,
            seq: 10_000,
            cars: [{ number: '1', position: 0 }],
          } as FeedUpdate),
        );
        viewer.io.engine.close();
        resyncs++;
      }
    }
    const serverSeq = () => pitwall.hub.snapshot(SESSION)!.seq;
    await expect.poll(() => copy?.seq, { timeout: 10_000 }).toBe(serverSeq());
    expect(copy!.view).toEqual(pitwall.hub.snapshot(SESSION)!.view);
    expect(snapshots).toBeGreaterThanOrEqual(2);
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(1000);
    expect(results.filter((r) => r.status === 'ignored')).toEqual([
      { status: 'ignored', reason: 'out-of-order', lastSeq: 501 },
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([
      { status: 'rejected', error: 'cars.0.position: Too small: expected number to be >=1' },
    ]);
    feed.close();
    viewer.close();
  });
});
