import type { FeedHealth } from '../feed/health';
import type { SessionDelta, SessionListChange, SessionListSnapshot, SessionSnapshot } from '../feed/protocol';
import type { FeedUpdate, IngestResult } from '../feed/update';

/**
 * The Socket.IO protocol, once for the server, the web app and the tests: a change to an event
 * here is a compile error wherever it is sent or received. Described in docs/protocol.md.
 */

/** Names a session in viewer requests. */
export interface SessionRef {
  sessionId: string;
}

/** A join: with `health`, the viewer also gets the session's feed health (it shows it). */
export interface JoinRequest extends SessionRef {
  health?: boolean;
}

/**
 * A viewer's handshake `auth`. Naming a session there joins it on connect, its snapshot sent in
 * the `snapshot` event: a round trip sooner than `join` after connecting, which each of thousands
 * of viewers reconnecting at once after a restart saves. Empty while the viewer follows none.
 */
export type ViewerAuth = Partial<JoinRequest>;

/** The answer to `join` and `resync`, and the `snapshot` event of a join on connect. */
export type SnapshotReply = { ok: true; snapshot: SessionSnapshot } | { ok: false; error: string };

/** Sent every 2 s to the viewers of a session that joined with `health: true`. */
export interface HealthEvent {
  sessionId: string;
  health: FeedHealth;
}

/** Viewers: the default namespace. They only read; nothing they send reaches a session. */
export interface ViewerServerEvents {
  /** The whole session list, once on connect (and as the answer to `sessionList`). */
  sessionList: (list: SessionListSnapshot) => void;
  /**
   * On connect, after the list, to a viewer that named a session in its `auth` (ViewerAuth): what
   * `join` would have answered, the viewer already in the session's room.
   */
  snapshot: (reply: SnapshotReply) => void;
  /**
   * To every viewer: the list's change from `seq - 1` to `seq`, when a session appears, goes
   * (archived or deleted) or its summary changes. A change that does not follow on means one was
   * missed: ask for the whole list with `sessionList`.
   */
  sessionListChange: (change: SessionListChange) => void;
  /** To the session's room: the change from `seq - 1` to `seq`. */
  delta: (delta: SessionDelta) => void;
  health: (event: HealthEvent) => void;
}

export interface ViewerClientEvents {
  /** Joins the session's room, then answers its snapshot: no delta can fall between the two. */
  join: (request: JoinRequest, ack: (reply: SnapshotReply) => void) => void;
  /** The same as join, asked when a delta does not follow on. */
  resync: (request: SessionRef, ack: (reply: SnapshotReply) => void) => void;
  leave: (request: SessionRef) => void;
  /** The whole session list again, after a list change did not follow on. */
  sessionList: (ack: (list: SessionListSnapshot) => void) => void;
}

export const FEED_NAMESPACE = '/feed';

/** Feeds: the `/feed` namespace, with `auth: { token }` in the handshake. */
export interface FeedClientEvents {
  update: (update: FeedUpdate, ack: (result: IngestResult) => void) => void;
}

/** The server sends feeds nothing unasked: every answer is an ack. */
export type FeedServerEvents = Record<string, never>;
