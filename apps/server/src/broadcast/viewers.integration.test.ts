import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import {
  copyFromSnapshot,
  receiveDelta,
  type SessionDelta,
  type SnapshotReply,
  type ViewerClientEvents,
  type ViewerAuth,
  type ViewerCopy,
  type ViewerServerEvents,
} from '@pitwall/shared';
import { startPitwall, type Pitwall } from '../app';
import { silentLogger } from '../log/logger';
import { raceUpdates } from '../test-support/race';
import { EncodedSnapshot } from './snapshot-json';

const SESSION = 'join-race';
type Viewer = Socket<ViewerServerEvents, ViewerClientEvents>;

/**
 * The join answer written straight to a viewer's WebSocket (a frame built once per seq) against
 * the one Engine.IO sends a viewer on HTTP long-polling, on a real server.
 */
describe('joining viewers', () => {
  let pitwall: Pitwall;
  const updates = raceUpdates(SESSION, 60, 5);
  const viewers: Viewer[] = [];
  const open = async (transport: 'websocket' | 'polling', auth: ViewerAuth = {}) => {
    const viewer: Viewer = connect(pitwall.url, { transports: [transport], reconnection: false, auth });
    viewers.push(viewer);
    await new Promise<void>((resolve) => viewer.once('connect', () => resolve()));
    return viewer;
  };

  beforeAll(async () => {
    pitwall = await startPitwall({
      port: 0,
      host: '127.0.0.1',
      feedToken: 't',
      webRoot: '/nonexistent',
      log: silentLogger,
    });
    updates.slice(0, 30).forEach((update) => pitwall.hub.ingest(update, 'feed'));
  });
  afterAll(async () => {
    viewers.forEach((viewer) => viewer.close());
    await pitwall.close();
  });

  it('answers a WebSocket viewer with the frame built once per seq: the snapshot a polling viewer gets', async () => {
    const frames = vi.spyOn(EncodedSnapshot.prototype, 'answerFrame');
    const [direct, again, polling] = await Promise.all([open('websocket'), open('websocket'), open('polling')]);
    const replies: SnapshotReply[] = [
      await direct.emitWithAck('join', { sessionId: SESSION }),
      await again.emitWithAck('resync', { sessionId: SESSION }),
      await polling.emitWithAck('join', { sessionId: SESSION }),
    ];
    expect(frames).toHaveBeenCalledTimes(2);
    frames.mockRestore();
    const expected = JSON.parse(JSON.stringify(pitwall.hub.snapshot(SESSION)));
    for (const reply of replies) expect(reply).toEqual({ ok: true, snapshot: expected });
  });

  it('then sends every delta in order, after the snapshot, keeping the viewer equal to the server', async () => {
    const viewer = await open('websocket');
    const deltas: SessionDelta[] = [];
    viewer.on('delta', (delta) => deltas.push(delta));
    // Updates keep coming while the viewer joins: no delta may overtake the answer or fall
    // between it and the next one.
    let next = 30;
    const feed = setInterval(() => next < updates.length && pitwall.hub.ingest(updates[next++]!, 'feed'), 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const reply = await viewer.emitWithAck('join', { sessionId: SESSION });
    if (!reply.ok) throw new Error(reply.error);
    await expect.poll(() => next).toBe(updates.length);
    clearInterval(feed);
    await expect.poll(() => deltas.at(-1)?.seq).toBe(pitwall.hub.snapshot(SESSION)!.seq);
    expect(deltas[0]!.seq).toBe(reply.snapshot.seq + 1);
    let copy: ViewerCopy | undefined = copyFromSnapshot(reply.snapshot);
    for (const delta of deltas) {
      const received = receiveDelta(copy, delta);
      expect(received.resync).toBe(false);
      copy = received.copy;
    }
    expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => deltas[0]!.seq + i));
    expect(copy).toEqual(JSON.parse(JSON.stringify(copyFromSnapshot(pitwall.hub.snapshot(SESSION)!))));
  });

  it('stops sending to a viewer that left or went away, and keeps sending to the others', async () => {
    const [staying, leaving, going] = await Promise.all([open('websocket'), open('websocket'), open('polling')]);
    const seqs = new Map<Viewer, number[]>();
    for (const viewer of [staying, leaving, going]) {
      seqs.set(viewer, []);
      viewer.on('delta', (delta) => seqs.get(viewer)!.push(delta.seq));
      await viewer.emitWithAck('join', { sessionId: SESSION });
    }
    const more = raceUpdates(SESSION, 70, 5).slice(60);
    pitwall.hub.ingest(more[0]!, 'feed');
    await expect.poll(() => [staying, leaving, going].map((viewer) => seqs.get(viewer)!.length)).toEqual([1, 1, 1]);
    const inRoom = () => pitwall.io.of('/').adapter.rooms.get(`session:${SESSION}`)?.size ?? 0;
    const before = inRoom();
    leaving.emit('leave', { sessionId: SESSION });
    going.close();
    await expect.poll(inRoom).toBe(before - 2);
    more.slice(1).forEach((update) => pitwall.hub.ingest(update, 'feed'));
    await expect.poll(() => seqs.get(staying)!.length).toBe(more.length);
    expect(seqs.get(leaving)).toEqual([61]);
    expect(seqs.get(going)).toEqual([61]);
  });

  it('answers an unknown session with an error, whatever the transport', async () => {
    for (const viewer of await Promise.all([open('websocket'), open('polling')])) {
      expect(await viewer.emitWithAck('join', { sessionId: 'nope' })).toEqual({
        ok: false,
        error: 'unknown session "nope"',
      });
    }
  });

  it('joins a viewer naming its session in the handshake, the snapshot sent behind the list, whatever the transport', async () => {
    const events = vi.spyOn(EncodedSnapshot.prototype, 'snapshotEvent');
    const order: string[] = [];
    const replies: SnapshotReply[] = [];
    const deltas = new Map<string, number[]>();
    const viewersOn = (['websocket', 'websocket', 'polling'] as const).map((transport, i) => {
      const viewer: Viewer = connect(pitwall.url, {
        transports: [transport],
        reconnection: false,
        auth: { sessionId: SESSION, health: false } satisfies ViewerAuth,
      });
      viewers.push(viewer);
      deltas.set(`${i}`, []);
      viewer.on('sessionList', () => order.push(`${i} list`));
      viewer.on('snapshot', (reply) => {
        order.push(`${i} snapshot`);
        replies.push(reply);
      });
      viewer.on('delta', (delta) => deltas.get(`${i}`)!.push(delta.seq));
      return viewer;
    });
    await expect.poll(() => replies.length).toBe(3);
    expect(events).toHaveBeenCalledTimes(3);
    expect(new Set(events.mock.results.map((result) => result.value))).toHaveProperty('size', 1);
    events.mockRestore();
    for (const i of ['0', '1', '2']) expect(order.indexOf(`${i} list`)).toBeLessThan(order.indexOf(`${i} snapshot`));
    const expected = JSON.parse(JSON.stringify(pitwall.hub.snapshot(SESSION)));
    for (const reply of replies) expect(reply).toEqual({ ok: true, snapshot: expected });
    // Already in the session's room: the next delta reaches each of them.
    const next = raceUpdates(SESSION, 80, 5).slice(70, 71);
    pitwall.hub.ingest(next[0]!, 'feed');
    await expect.poll(() => [...deltas.values()].map((seqs) => seqs.length)).toEqual([1, 1, 1]);
    for (const seqs of deltas.values()) expect(seqs).toEqual([expected.seq + 1]);
    viewersOn.forEach((viewer) => viewer.close());
  });

  it('answers a handshake naming an unknown session with an error, and one naming none with nothing', async () => {
    const refused: SnapshotReply[] = [];
    const viewer: Viewer = connect(pitwall.url, {
      transports: ['websocket'],
      reconnection: false,
      auth: { sessionId: 'nope' },
    });
    viewers.push(viewer);
    viewer.on('snapshot', (reply) => refused.push(reply));
    await expect.poll(() => refused).toEqual([{ ok: false, error: 'unknown session "nope"' }]);
    const quiet = await open('websocket');
    const unasked = vi.fn();
    quiet.on('snapshot', unasked);
    // The list comes on connect: a snapshot would have come right behind it.
    await quiet.emitWithAck('sessionList');
    expect(unasked).not.toHaveBeenCalled();
    const rooms = pitwall.io.of('/').sockets.get(quiet.id!)!.rooms;
    expect([...rooms]).toEqual([quiet.id]);
  });
});
