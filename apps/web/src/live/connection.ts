import { io, type Socket } from 'socket.io-client';
import type { SessionListSnapshot, ViewerClientEvents, ViewerServerEvents } from '@pitwall/shared';
import { useLive } from './store';

/** After this long without a link, the order on screen is flagged as stale. */
const STALE_AFTER_MS = 5_000;

/**
 * The one socket of the app: it follows the store's `sessionId`, joins its room, and keeps the
 * viewer copy in sequence, asking for a snapshot whenever a delta does not follow on.
 */
export function connectLive(url?: string): () => void {
  const socket: Socket<ViewerServerEvents, ViewerClientEvents> = url
    ? io(url, { transports: ['websocket'] })
    : io({ transports: ['websocket'] });
  const store = useLive;
  let staleTimer: ReturnType<typeof setTimeout> | undefined;
  let joined: string | undefined;

  const requestSnapshot = (sessionId: string) => {
    // The feed health badge is always on screen: ask for health along with the deltas.
    socket.emit('join', { sessionId, health: true }, (reply) => {
      if (store.getState().sessionId !== sessionId) return;
      if (reply.ok) store.getState().receiveSnapshot(reply.snapshot);
      else store.getState().failJoin(reply.error);
    });
  };
  const follow = (sessionId: string | undefined) => {
    if (joined && joined !== sessionId) socket.emit('leave', { sessionId: joined });
    joined = sessionId;
    if (sessionId && socket.connected) requestSnapshot(sessionId);
  };

  socket.on('connect', () => {
    clearTimeout(staleTimer);
    store.getState().setConnection('live');
    if (joined) requestSnapshot(joined);
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
