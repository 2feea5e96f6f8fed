import type { Server, Socket } from 'socket.io';
import type { SessionDelta, SessionSnapshot, SessionSummary } from '@pitwall/shared';

/** Where viewers read sessions from: the hub, or on a viewer node the mirror of the ingesting node's. */
export interface ViewSource {
  snapshot(sessionId: string): SessionSnapshot | undefined;
  list(): SessionSummary[];
  on(event: 'delta', listener: (delta: SessionDelta) => void): unknown;
  on(event: 'sessions', listener: (list: SessionSummary[]) => void): unknown;
  off(event: 'delta', listener: (delta: SessionDelta) => void): unknown;
  off(event: 'sessions', listener: (list: SessionSummary[]) => void): unknown;
}

export type SnapshotReply = { ok: true; snapshot: SessionSnapshot } | { ok: false; error: string };

const room = (sessionId: string) => `session:${sessionId}`;

/**
 * The viewer side of Socket.IO (the default namespace). Viewers only read: the events they can
 * send are join, resync and leave; there is no path from here into a session.
 */
export function attachViewers(io: Server, hub: ViewSource): () => void {
  const viewers = io.of('/');
  viewers.on('connection', (socket: Socket) => {
    socket.emit('sessions', hub.list());
    const sendSnapshot = (payload: unknown, ack: unknown, join: boolean) => {
      if (typeof ack !== 'function') return;
      const sessionId = sessionIdOf(payload);
      const snapshot = sessionId === undefined ? undefined : hub.snapshot(sessionId);
      if (!sessionId || !snapshot) {
        (ack as (reply: SnapshotReply) => void)({
          ok: false,
          error: `unknown session ${JSON.stringify(sessionId ?? payload)}`,
        });
        return;
      }
      // Joining before taking the snapshot means no delta can fall between the two.
      if (join) void socket.join(room(sessionId));
      (ack as (reply: SnapshotReply) => void)({ ok: true, snapshot });
    };
    socket.on('join', (payload: unknown, ack: unknown) => sendSnapshot(payload, ack, true));
    socket.on('resync', (payload: unknown, ack: unknown) => sendSnapshot(payload, ack, true));
    socket.on('leave', (payload: unknown) => {
      const sessionId = sessionIdOf(payload);
      if (sessionId) void socket.leave(room(sessionId));
    });
  });
  // Each node delivers to its own viewers (see scale-out): with a Redis adapter, `local` keeps a
  // broadcast from crossing to the other nodes, which deliver the same delta themselves.
  const onDelta = (delta: SessionDelta) => viewers.local.to(room(delta.sessionId)).emit('delta', delta);
  const onSessions = (list: SessionSummary[]) => viewers.local.emit('sessions', list);
  hub.on('delta', onDelta);
  hub.on('sessions', onSessions);
  return () => {
    hub.off('delta', onDelta);
    hub.off('sessions', onSessions);
  };
}

function sessionIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const id = (payload as { sessionId?: unknown }).sessionId;
  return typeof id === 'string' && id.length > 0 && id.length <= 120 ? id : undefined;
}
