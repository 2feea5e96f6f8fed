import type { FeedUpdate, IngestResult, ReplayState, TimedFeedUpdate } from '@pitwall/shared';
import { changeClock, positionAt, startClock, waitFor, type ReplayClock } from './clock';

export interface ReplayOptions {
  timeline: readonly TimedFeedUpdate[];
  /** In-process: the hub; against a running server: a Socket.IO emit that resolves with the ack. */
  ingest: (update: FeedUpdate) => IngestResult | Promise<IngestResult>;
  /** Timeline time per real time: 1 plays the file at its own pace. */
  speed: number;
  /** For tests: the wall clock. */
  now?: () => number;
}

export interface ReplayRunner {
  state(): ReplayState;
  /** Each answers the state after the change; setSpeed throws on a bad speed, changing nothing. */
  pause(): ReplayState;
  resume(): ReplayState;
  setSpeed(speed: number): ReplayState;
  /** Sends nothing more. */
  stop(): void;
  /** Settles once every update is sent or the replay is stopped; rejects when ingest throws. */
  done: Promise<void>;
}

/**
 * Updates sent back to back before the event loop gets a turn: at a high speed a whole race is
 * due at once, and the server must keep answering viewers and replay controls meanwhile.
 */
const BURST = 200;

/** Plays a timeline into `ingest` in scaled real time, one update at a time, in order. */
export function startReplay(options: ReplayOptions): ReplayRunner {
  const { timeline, ingest } = options;
  const now = options.now ?? Date.now;
  const durationMs = timeline.at(-1)?.atMs ?? 0;
  let clock: ReplayClock = startClock(now(), options.speed);
  let next = 0;
  let stopped = false;
  let sending = false;
  let timer: NodeJS.Timeout | undefined;
  let settle: { resolve: () => void; reject: (error: unknown) => void };
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));

  const finished = () => next >= timeline.length;

  const send = async () => {
    if (sending || stopped) return;
    sending = true;
    try {
      let burst = 0;
      while (!stopped && !finished()) {
        const due = timeline[next]!;
        const wait = waitFor(clock, due.atMs, now(), durationMs);
        if (wait === undefined) return;
        if (wait > 0 || burst === BURST) {
          timer = setTimeout(() => void send(), wait);
          return;
        }
        await ingest(due.update);
        next += 1;
        burst += 1;
      }
      settle.resolve();
    } catch (error) {
      stopped = true;
      settle.reject(error);
    } finally {
      sending = false;
    }
  };

  const state = (): ReplayState => ({
    paused: clock.paused,
    speed: clock.speed,
    positionMs: finished() ? durationMs : Math.round(positionAt(clock, now(), durationMs)),
    durationMs,
    finished: finished(),
  });

  const change = (to: { paused?: boolean; speed?: number }): ReplayState => {
    clock = changeClock(clock, now(), durationMs, to);
    clearTimeout(timer);
    void send();
    return state();
  };

  void send();
  return {
    state,
    pause: () => change({ paused: true }),
    resume: () => change({ paused: false }),
    setSpeed: (speed) => change({ speed }),
    stop() {
      stopped = true;
      clearTimeout(timer);
      settle.resolve();
    },
    done,
  };
}
