import { create } from 'zustand';
import {
  type FeedHealth,
  copyFromSnapshot,
  receiveDelta,
  type SessionDelta,
  type SessionSnapshot,
  type SessionSummary,
  type ViewerCopy,
} from '@pitwall/shared';

/**
 * live: connected and in sequence. reconnecting: the link dropped, the last known order is shown.
 * stale: the link has been down long enough that the order on screen may be wrong.
 */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'stale';

export interface LiveState {
  connection: ConnectionState;
  sessions: SessionSummary[] | undefined;
  /** The session the screen follows, and the viewer's copy of it once a snapshot arrived. */
  sessionId: string | undefined;
  copy: ViewerCopy | undefined;
  joinError: string | undefined;
  /** How the followed session's feed is doing, as the server last measured it. */
  health: FeedHealth | undefined;
  /** Browser clock when the last snapshot or delta and the last health report arrived. */
  dataAt: number | undefined;
  healthAt: number | undefined;
  setConnection(connection: ConnectionState): void;
  setSessions(sessions: SessionSummary[]): void;
  follow(sessionId: string | undefined): void;
  receiveSnapshot(snapshot: SessionSnapshot): void;
  /** Returns true when the delta did not follow on and a snapshot is needed. */
  receiveDelta(delta: SessionDelta): boolean;
  failJoin(error: string): void;
  receiveHealth(sessionId: string, health: FeedHealth): void;
}

export const useLive = create<LiveState>()((set, get) => ({
  connection: 'connecting',
  sessions: undefined,
  sessionId: undefined,
  copy: undefined,
  joinError: undefined,
  health: undefined,
  dataAt: undefined,
  healthAt: undefined,
  setConnection: (connection) => set({ connection }),
  setSessions: (sessions) => set({ sessions }),
  follow: (sessionId) => {
    if (sessionId !== get().sessionId)
      set({
        sessionId,
        copy: undefined,
        joinError: undefined,
        health: undefined,
        dataAt: undefined,
        healthAt: undefined,
      });
  },
  receiveSnapshot: (snapshot) => {
    if (snapshot.sessionId === get().sessionId)
      set({ copy: copyFromSnapshot(snapshot), joinError: undefined, dataAt: Date.now() });
  },
  receiveDelta: (delta) => {
    const { sessionId, copy } = get();
    if (delta.sessionId !== sessionId) return false;
    const received = receiveDelta(copy, delta);
    if (received.copy !== copy) set({ copy: received.copy, dataAt: Date.now() });
    return received.resync;
  },
  failJoin: (joinError) => set({ joinError, copy: undefined }),
  receiveHealth: (sessionId, health) => {
    if (sessionId === get().sessionId) set({ health, healthAt: Date.now() });
  },
}));
