import type { Socket } from 'socket.io';
import {
  diffSessionList,
  type ArchivedSessionSummary,
  type SessionDelta,
  type SessionListSnapshot,
  type SessionSnapshot,
  type SessionSummary,
  type SnapshotReply,
  type ViewerClientEvents,
  type ViewerServerEvents,
} from '@pitwall/shared';
import { DeltaFanout, encodeEvent, sendEncoded, type EncodedEvent } from './delta-frames';
import { ackIdOf, PreEncoded } from './pre-encoded';
import { SnapshotJson, type EncodedSnapshot } from './snapshot-json';
import type { SocketServer } from './socket-server';
import { straightWriter } from './ws-frames';

/** Where viewers read sessions from: the hub, or on a viewer node the mirror of the ingesting node's. */
export interface ViewSource {
  snapshot(sessionId: string): SessionSnapshot | undefined;
  list(): SessionSummary[];
  /** Sessions out of the live list but still kept; absent where none are kept (a viewer node). */
  archivedList?(): ArchivedSessionSummary[];
  on(event: 'delta', listener: (delta: SessionDelta) => void): unknown;
  on(event: 'sessions', listener: (list: SessionSummary[]) => void): unknown;
  off(event: 'delta', listener: (delta: SessionDelta) => void): unknown;
  off(event: 'sessions', listener: (list: SessionSummary[]) => void): unknown;
}

const room = (sessionId: string) => `session:${sessionId}`;
/** Viewers that show feed health join this room as well (`health: true` in join). */
export const healthRoom = (sessionId: string) => `health:${sessionId}`;

/**
 * The viewer side of Socket.IO (the default namespace). Viewers only read: the events they can
 * send are join, resync and leave; there is no path from here into a session. The server must use
 * `preEncodingParser`: a snapshot is serialised once per seq, and its answer built once as
 * WebSocket frame bytes, however many viewers join at it.
 */
export function attachViewers(io: SocketServer, hub: ViewSource): () => void {
  const viewers = io.of('/');
  const snapshots = new SnapshotJson((sessionId) => hub.snapshot(sessionId));
  // The list as this node's viewers hold it: each of them gets it once, then only its changes.
  let list: SessionListSnapshot = { seq: 1, sessions: hub.list() };
  // Serialised once per list seq, and sent on connect as an event encoded once: a reconnect
  // storm asks for the same list thousands of times.
  let encoded: { seq: number; json: PreEncoded; event: EncodedEvent } | undefined;
  const encodedList = () => {
    if (encoded?.seq !== list.seq) {
      const json = JSON.stringify(list);
      encoded = { seq: list.seq, json: new PreEncoded(json), event: encodeEvent('sessionList', json) };
    }
    return encoded;
  };
  // The same bytes as the SessionListSnapshot itself.
  const wholeList = () => encodedList().json as unknown as SessionListSnapshot;
  /**
   * Joins a viewer to the session a join names (and to its feed health if asked) and gives its
   * snapshot, in the same tick so that no delta can fall between the two; or the refusal.
   */
  const enter = (
    socket: Socket<ViewerClientEvents, ViewerServerEvents>,
    payload: unknown,
  ): { snapshot: EncodedSnapshot } | { refusal: SnapshotReply } => {
    const sessionId = sessionIdOf(payload);
    const snapshot = sessionId === undefined ? undefined : snapshots.get(sessionId);
    if (!sessionId || !snapshot) {
      return { refusal: { ok: false, error: `unknown session ${JSON.stringify(sessionId ?? payload)}` } };
    }
    void socket.join(room(sessionId));
    if (wantsHealth(payload)) void socket.join(healthRoom(sessionId));
    return { snapshot };
  };
  viewers.on('connection', (socket) => {
    // Encoded once per list seq, and written straight to a WebSocket viewer (the connect answer
    // is all Engine.IO held, and it has handed that on), so the snapshot behind it can be too.
    sendEncoded(socket, encodedList().event);
    // A viewer naming its session in the handshake (ViewerAuth) is joined now, its snapshot sent
    // behind the list: a round trip fewer than a join after connecting, for each of the thousands
    // reconnecting at once after a restart. Encoded once per seq, as the join answer is.
    const auth: unknown = socket.handshake.auth;
    if (typeof auth === 'object' && auth !== null && 'sessionId' in auth) {
      const entered = enter(socket, auth);
      if ('refusal' in entered) socket.emit('snapshot', entered.refusal);
      else sendEncoded(socket, entered.snapshot.snapshotEvent());
    }
    socket.on('sessionList', (ack: unknown) => {
      if (typeof ack === 'function') (ack as (list: SessionListSnapshot) => void)(wholeList());
    });
    // What a viewer sends is typed by the protocol but checked here as anything it might be.
    const answer = (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const entered = enter(socket, payload);
      if ('refusal' in entered) return (ack as (reply: SnapshotReply) => void)(entered.refusal);
      // Written straight to the viewer's WebSocket as a frame built once per seq when it can be;
      // otherwise the same bytes through Engine.IO: `{ ok: true, snapshot }` (SnapshotReply).
      const ackId = ackIdOf(payload);
      const writer = ackId === undefined ? undefined : straightWriter(socket);
      if (writer) return writer.sendFrame(entered.snapshot.answerFrame(ackId!));
      (ack as (reply: { ok: true; snapshot: PreEncoded }) => void)({
        ok: true,
        snapshot: new PreEncoded(entered.snapshot.json),
      });
    };
    socket.on('join', answer);
    socket.on('resync', answer);
    socket.on('leave', (payload: unknown) => {
      const sessionId = sessionIdOf(payload);
      if (sessionId) void socket.leave(room(sessionId));
      if (sessionId) void socket.leave(healthRoom(sessionId));
    });
  });
  // Each node delivers to its own viewers (see scale-out): a delta never crosses to the other
  // nodes, which deliver the same delta themselves.
  const fanout = new DeltaFanout(viewers);
  const onDelta = (delta: SessionDelta) => fanout.send(room(delta.sessionId), delta);
  const onSessions = (sessions: SessionSummary[]) => {
    const change = diffSessionList(list.sessions, sessions);
    // A change that alters no summary a viewer sees sends nothing.
    if (!change) return;
    list = { seq: list.seq + 1, sessions };
    viewers.local.emit('sessionListChange', { seq: list.seq, ...change });
  };
  hub.on('delta', onDelta);
  hub.on('sessions', onSessions);
  return () => {
    hub.off('delta', onDelta);
    hub.off('sessions', onSessions);
  };
}

function wantsHealth(payload: unknown): boolean {
  return (payload as { health?: unknown }).health === true;
}

function sessionIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const id = (payload as { sessionId?: unknown }).sessionId;
  return typeof id === 'string' && id.length > 0 && id.length <= 120 ? id : undefined;
}
