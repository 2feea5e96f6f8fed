import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFromSnapshot,
  receiveDelta,
  receiveSessionListChange,
  type SessionDelta,
  type SessionListChange,
  type SessionListSnapshot,
  type SessionView,
  type SnapshotReply,
  type ViewerCopy,
} from '@pitwall/shared';
import { silentLogger } from '../log/logger';
import { startServer, type RunningServer } from '../server';
import { raceUpdates } from '../test-support/race';

/**
 * Two nodes and a real Redis: the race is ingested on A, viewers watch it on A and on B, and B is
 * restarted mid-race. Needs Redis at $PITWALL_TEST_REDIS (default redis://127.0.0.1:6379); CI
 * must have it (.ci/run starts one), elsewhere the test is skipped with a message.
 */
const REDIS = process.env.PITWALL_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const SESSION = 'cluster-race';

async function redisAnswers(): Promise<boolean> {
  const probe = createClient({ url: REDIS, socket: { reconnectStrategy: false, connectTimeout: 1_000 } });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    await probe.quit();
    return true;
  } catch {
    return false;
  }
}

const available = await redisAnswers();
if (!available && process.env.CI === 'true') throw new Error(`CI needs Redis at ${REDIS} (.ci/run starts it)`);
if (!available) console.warn(`skipping the two-node test: no Redis answers at ${REDIS}`);

/** A viewer as the web app is one: joins on every connect, applies deltas in order, resyncs on a gap. */
function viewer(url: string) {
  const socket: Socket = connect(url, { transports: ['websocket'], reconnectionDelay: 100 });
  let copy: ViewerCopy | undefined;
  let resyncs = 0;
  let deltas = 0;
  const join = () =>
    socket.emit('join', { sessionId: SESSION }, (reply: SnapshotReply) => {
      if (reply.ok) copy = copyFromSnapshot(reply.snapshot);
    });
  socket.on('connect', join);
  socket.on('delta', (delta: SessionDelta) => {
    deltas += 1;
    const next = receiveDelta(copy, delta);
    copy = next.copy;
    if (next.resync) {
      resyncs += 1;
      join();
    }
  });
  return {
    get seq() {
      return copy?.seq;
    },
    get view(): SessionView | undefined {
      return copy?.view;
    },
    get resyncs() {
      return resyncs;
    },
    get deltas() {
      return deltas;
    },
    close: () => socket.close(),
  };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!available)('two nodes over Redis', () => {
  const prefix = `pitwall-test-${randomUUID()}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pitwall-cluster-'));
  const redis = { url: REDIS, prefix };
  let a: RunningServer;
  let b: RunningServer;
  let bPort: number;
  const startB = (port: number) =>
    startServer({ port, feedToken: 't', dataDir, log: silentLogger, redis, viewerOnly: true });

  beforeAll(async () => {
    a = await startServer({ port: 0, feedToken: 't', dataDir, log: silentLogger, redis });
    b = await startB(0);
    bPort = Number(new URL(b.pitwall.url).port);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    rmSync(dataDir, { recursive: true, force: true });
    const cleanup = createClient({ url: REDIS });
    await cleanup.connect();
    const keys = await cleanup.keys(`${prefix}*`);
    if (keys.length > 0) await cleanup.del(keys);
    await cleanup.quit();
  });

  it('serves the race ingested on A to viewers on A and B, equal at the end, across a restart of B', async () => {
    const updates = raceUpdates(SESSION, 240, 11, 16);
    const hub = a.pitwall.hub;
    expect(hub.ingest(updates[0], 'feed')).toMatchObject({ status: 'accepted' });
    // B knows the session once it has read it from Redis.
    let known = false;
    await until(() => {
      void fetch(`${b.pitwall.url}/api/sessions/${SESSION}`).then((res) => (known = res.ok));
      return known;
    }, 'B to know the session');
    const onA = viewer(a.pitwall.url);
    const onB = viewer(b.pitwall.url);
    await until(() => onA.seq !== undefined && onB.seq !== undefined, 'both viewers to join');

    let afterRestart = { seq: 0, deltas: 0, resyncs: 0 };
    for (const [i, update] of updates.slice(1).entries()) {
      expect(hub.ingest(update, 'feed').status).toBe('accepted');
      if (i === 100) {
        // B goes away mid-race and comes back on the same port: its viewer reconnects and joins again.
        await b.close();
        await new Promise((resolve) => setTimeout(resolve, 200));
        b = await startB(bPort);
        const seq = hub.snapshot(SESSION)!.seq;
        await until(() => onB.seq === seq, 'the viewer on B to join again');
        afterRestart = { seq, deltas: onB.deltas, resyncs: onB.resyncs };
      }
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const last = hub.snapshot(SESSION)!;
    await until(() => onA.seq === last.seq && onB.seq === last.seq, `both viewers at seq ${last.seq}`);
    // After joining the restarted B, its viewer got every delta, in order, without a resync.
    expect(onB.deltas - afterRestart.deltas).toBe(last.seq - afterRestart.seq);
    expect(onB.resyncs).toBe(afterRestart.resyncs);
    expect(onA.resyncs).toBe(0);
    expect(onB.view).toEqual(onA.view);
    expect(onA.view).toEqual(JSON.parse(JSON.stringify(last.view)));
    // A viewer joining B late gets the same snapshot.
    const late = viewer(b.pitwall.url);
    await until(() => late.seq === last.seq, 'a late viewer on B');
    expect(late.view).toEqual(onA.view);
    [onA, onB, late].forEach((v) => v.close());
  });

  it('sends the viewers on B to join again when A restarts (its seqs start again) and keeps them equal', async () => {
    const onA = viewer(a.pitwall.url);
    const onB = viewer(b.pitwall.url);
    const before = a.pitwall.hub.snapshot(SESSION)!;
    await until(() => onA.seq === before.seq && onB.seq === before.seq, 'both viewers to join');
    const aPort = Number(new URL(a.pitwall.url).port);
    await a.close();
    a = await startServer({ port: aPort, feedToken: 't', dataDir, log: silentLogger, redis });
    // Restored from A's event log: same race, viewer seq from 1 again.
    const restored = a.pitwall.hub.snapshot(SESSION)!;
    expect(restored.seq).toBeLessThan(before.seq);
    const more = raceUpdates(SESSION, 300, 11, 16).slice(240);
    for (const update of more) expect(a.pitwall.hub.ingest(update, 'feed').status).toBe('accepted');
    const last = a.pitwall.hub.snapshot(SESSION)!;
    await until(() => onA.seq === last.seq && onB.seq === last.seq, `both viewers at seq ${last.seq}`);
    expect(onB.view).toEqual(onA.view);
    expect(onA.view).toEqual(JSON.parse(JSON.stringify(last.view)));
    [onA, onB].forEach((v) => v.close());
  });

  it('sends viewers on B the list as changes: a session appears, then goes when A archives it', async () => {
    const socket: Socket = connect(b.pitwall.url, { transports: ['websocket'] });
    let list: SessionListSnapshot | undefined;
    const changes: SessionListChange[] = [];
    socket.on('sessionList', (whole: SessionListSnapshot) => (list = whole));
    socket.on('sessionListChange', (change: SessionListChange) => {
      changes.push(change);
      list = receiveSessionListChange(list, change).copy;
    });
    await until(() => list?.sessions.some((s) => s.id === SESSION) === true, 'the list on B');
    const practice = raceUpdates('cluster-practice', 1, 3, 4)[0]!;
    expect(a.pitwall.hub.ingest(practice, 'feed').status).toBe('accepted');
    await until(() => list!.sessions.some((s) => s.id === 'cluster-practice'), 'the new session on B');
    expect(a.pitwall.hub.archive('cluster-practice')).toEqual({ status: 'done' });
    await until(() => !list!.sessions.some((s) => s.id === 'cluster-practice'), 'the archived session to go on B');
    expect(changes.map(({ added, removed }) => [added.map((s) => s.id), removed])).toEqual([
      [['cluster-practice'], []],
      [[], ['cluster-practice']],
    ]);
    expect(list!.sessions).toEqual(a.pitwall.hub.list());
    socket.close();
  });
});
