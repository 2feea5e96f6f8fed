import { io, type Socket } from 'socket.io-client';
import type {
  SessionListSnapshot,
  SnapshotReply,
  ViewerAuth,
  ViewerClientEvents,
  ViewerServerEvents,
} from '@pitwall/shared';
import { useLive } from './store';

/** After this long without a link, the order on screen is flagged as stale. */
const STALE_AFTER_MS = 5_000;

/**
 * The one socket of the app: it follows the store's `sessionId`, joins its room, and keeps the
 * viewer copy in sequence, asking for a snapshot whenever a delta does not follow on.
 */
export function connectLive(url?: string): () => void {
  let staleTimer: ReturnType<typeof setTimeout> | undefined;
  let joined: string | undefined;
  // The session named in the last handshake: the server joined it on connect (`snapshot` event).
  let joinedOnConnect: string | undefined;
  // Asked on every connect and reconnect, so that each joins its session in the handshake: a
  // round trip fewer for each of thousands of viewers reconnecting at once after a restart.
  // The feed health badge is always on screen: ask for health along with the deltas.
  const auth = (send: (auth: ViewerAuth) => void) => {
    joinedOnConnect = joined;
    send(joined ? { sessionId: joined, health: true } : {});
  };
  const options = { transports: ['websocket'], auth };
  const socket: Socket<ViewerServerEvents, ViewerClientEvents> = url ? io(url, options) : io(options);
  const store = useLive;

  const receive = (sessionId: string, reply: SnapshotReply) => {
    if (store.getState().sessionId !== sessionId) return;
    if (reply.ok) store.getState().receiveSnapshot(reply.snapshot);
    else store.getState().failJoin(reply.error);
  };
  const requestSnapshot = (sessionId: string) => {
    socket.emit('join', { sessionId, health: true }, (reply) => receive(sessionId, reply));
  };
  const follow = (sessionId: string | undefined) => {
    // Only a connected viewer is in a room: each connection starts in none but the one it names.
    if (joined && joined !== sessionId && socket.connected) socket.emit('leave', { sessionId: joined });
    joined = sessionId;
    if (sessionId && socket.connected) requestSnapshot(sessionId);
  };

  socket.on('connect', () => {
    clearTimeout(staleTimer);
    store.getState().setConnection('live');
    // Another session chosen while the handshake was under way: leave the one it joined, join this.
    if (joined === joinedOnConnect) return;
    if (joinedOnConnect) socket.emit('leave', { sessionId: joinedOnConnect });
    if (joined) requestSnapshot(joined);
  });
  socket.on('snapshot', (reply) => {
    if (joinedOnConnect) receive(joinedOnConnect, reply);
  });
  socket.on('disconnect', () => {
    store.getState().setConnection('reconnecting');
    clearTimeout(staleTimer);
    staleTimer = setTimeout(() => store.getState().setConnection('stale'), STALE_AFTER_MS);
  });
  const receiveSessionList = (list: SessionListSnapshot) => store.getState().receiveSessionList(list);
  socket.on('sessionList', receiveSessionList);
  socket.on('sessionListChange', (change) => {
    if (store.getState().receiveSessionListChange(change)) socket.emit('sessionList', receiveSessionList);
  });
  socket.on('health', ({ sessionId, health }) => store.getState().receiveHealth(sessionId, health));
  socket.on('delta', (delta) => {
    if (store.getState().receiveDelta(delta)) requestSnapshot(delta.sessionId);
  });

  follow(store.getState().sessionId);
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.sessionId !== previous.sessionId) follow(state.sessionId);
  });
  return () => {
    unsubscribe();
    clearTimeout(staleTimer);
    socket.close();
  };
}
