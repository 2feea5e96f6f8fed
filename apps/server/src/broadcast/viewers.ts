import type { SessionDelta, SessionSummary, SnapshotReply } from '@pitwall/shared';
import type { SessionHub } from '../sessions/hub';
import type { SocketServer } from './socket-server';

const room = (sessionId: string) => `session:${sessionId}`;

/**
 * The viewer side of Socket.IO (the default namespace). Viewers only read: the events they can
 * send are join, resync and leave; there is no path from here into a session.
 */
export function attachViewers(io: SocketServer, hub: SessionHub): () => void {
  const viewers = io.of('/');
  viewers.on('connection', (socket) => {
    socket.emit('sessions', hub.list());
    // What a viewer sends is typed by the protocol but checked here as anything it might be.
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
  const onDelta = (delta: SessionDelta) => viewers.to(room(delta.sessionId)).emit('delta', delta);
  const onSessions = (list: SessionSummary[]) => viewers.emit('sessions', list);
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
