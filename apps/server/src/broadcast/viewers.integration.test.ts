import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import {
  copyFromSnapshot,
  receiveDelta,
  type SessionDelta,
  type SnapshotReply,
  type ViewerClientEvents,
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
  const open = async (transport: 'websocket' | 'polling') => {
    const viewer: Viewer = connect(pitwall.url, { transports: [transport], reconnection: false });
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
});
