import { create } from 'zustand';
import {
  type FeedHealth,
  copyFromSnapshot,
  receiveDelta,
  receiveSessionListChange,
  type SessionDelta,
  type SessionListChange,
  type SessionListSnapshot,
  type SessionSnapshot,
  type SessionView,
  type ViewerCopy,
} from '@pitwall/shared';
import { hold, release, type HeldCopy } from './delay';

/**
 * live: connected and in sequence. reconnecting: the link dropped, the last known order is shown.
 * stale: the link has been down long enough that the order on screen may be wrong.
 */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'stale';

/** The session as it stood at a chosen moment, fetched for this viewer only. */
export interface SeekView {
  /** What the viewer asked for, e.g. "lap 42" or "race time 1:02:03". */
  label: string;
  view: SessionView;
}

export interface LiveState {
  connection: ConnectionState;
  /** Every listed session, as of the list's seq (a change that does not follow on is noticed). */
  sessionList: SessionListSnapshot | undefined;
  /** The session the screen follows. */
  sessionId: string | undefined;
  /** The viewer's copy, kept in sequence with the server as deltas arrive. */
  live: ViewerCopy | undefined;
  /** The live copy as this viewer's delay lets it on screen (the live copy itself without a delay). */
  onAir: ViewerCopy | undefined;
  /** What the screen shows: `onAir`, or a seek's view while the viewer looks back. */
  copy: ViewerCopy | undefined;
  /** This viewer's delay behind live (0: none), and the live copies waiting to be shown. */
  delayMs: number;
  held: readonly HeldCopy[];
  seek: SeekView | undefined;
  joinError: string | undefined;
  /** How the followed session's feed is doing, as the server last measured it. */
  health: FeedHealth | undefined;
  /** Browser clock when the last snapshot or delta and the last health report arrived. */
  dataAt: number | undefined;
  healthAt: number | undefined;
  setConnection(connection: ConnectionState): void;
  receiveSessionList(list: SessionListSnapshot): void;
  /** Returns true when the change did not follow on and the whole list is needed. */
  receiveSessionListChange(change: SessionListChange): boolean;
  follow(sessionId: string | undefined): void;
  receiveSnapshot(snapshot: SessionSnapshot): void;
  /** Returns true when the delta did not follow on and a snapshot is needed. */
  receiveDelta(delta: SessionDelta): boolean;
  failJoin(error: string): void;
  receiveHealth(sessionId: string, health: FeedHealth): void;
  setDelay(delayMs: number): void;
  /** Shows the held copies that are due; the delay clock calls it. */
  tick(nowMs?: number): void;
  showSeek(seek: SeekView | undefined): void;
}

/** While a delay is set, a clock releases held copies as they fall due. */
let delayClock: ReturnType<typeof setInterval> | undefined;
const DELAY_TICK_MS = 200;

export const useLive = create<LiveState>()((set, get) => {
  /** Puts a copy on air; the screen shows it unless the viewer is looking back (a seek). */
  const onAir = (copy: ViewerCopy | undefined) => ({ onAir: copy, ...(!get().seek && { copy }) });
  /** The live copy changed: on air now, or once this viewer's delay is up. */
  const advance = (live: ViewerCopy | undefined) => {
    const { delayMs, held } = get();
    if (delayMs > 0 && live) set({ live, held: hold(held, live, Date.now(), delayMs) });
    else set({ live, ...onAir(live) });
  };
  return {
    connection: 'connecting',
    sessionList: undefined,
    sessionId: undefined,
    live: undefined,
    onAir: undefined,
    copy: undefined,
    delayMs: 0,
    held: [],
    seek: undefined,
    joinError: undefined,
    health: undefined,
    dataAt: undefined,
    healthAt: undefined,
    setConnection: (connection) => set({ connection }),
    receiveSessionList: (sessionList) => set({ sessionList }),
    receiveSessionListChange: (change) => {
      const received = receiveSessionListChange(get().sessionList, change);
      if (received.copy !== get().sessionList) set({ sessionList: received.copy });
      return received.resync;
    },
    follow: (sessionId) => {
      if (sessionId !== get().sessionId)
        set({
          sessionId,
          live: undefined,
          onAir: undefined,
          copy: undefined,
          held: [],
          seek: undefined,
          joinError: undefined,
          health: undefined,
          dataAt: undefined,
          healthAt: undefined,
        });
    },
    receiveSnapshot: (snapshot) => {
      if (snapshot.sessionId !== get().sessionId) return;
      set({ joinError: undefined, dataAt: Date.now() });
      advance(copyFromSnapshot(snapshot));
    },
    receiveDelta: (delta) => {
      const { sessionId, live } = get();
      if (delta.sessionId !== sessionId) return false;
      const received = receiveDelta(live, delta);
      if (received.copy !== live) {
        set({ dataAt: Date.now() });
        advance(received.copy);
      }
      return received.resync;
    },
    failJoin: (joinError) => set({ joinError, live: undefined, onAir: undefined, copy: undefined, held: [] }),
    receiveHealth: (sessionId, health) => {
      if (sessionId === get().sessionId) set({ health, healthAt: Date.now() });
    },
    setDelay: (delayMs) => {
      if (delayMs === get().delayMs) return;
      // Going back to live shows live at once; a new delay holds the screen until its copies are due.
      set({ delayMs, held: [], ...(delayMs === 0 && onAir(get().live)) });
      startDelayClock(delayMs > 0);
    },
    tick: (nowMs = Date.now()) => {
      const { held } = get();
      if (held.length === 0) return;
      const { due, waiting } = release(held, nowMs);
      if (due) set({ held: waiting, ...onAir(due) });
    },
    showSeek: (seek) => {
      if (seek) set({ seek, copy: { seq: get().onAir?.seq ?? 0, view: seek.view } });
      else set({ seek: undefined, copy: get().onAir });
    },
  };
});

function startDelayClock(running: boolean): void {
  if (running && !delayClock) delayClock = setInterval(() => useLive.getState().tick(), DELAY_TICK_MS);
  if (!running && delayClock) {
    clearInterval(delayClock);
    delayClock = undefined;
  }
}
