import { performance } from 'node:perf_hooks';
import type { FeedUpdate, IngestResult, TimedFeedUpdate } from '@pitwall/shared';
import type { Logger } from '../log/logger';
import { simulateRace, type DemoPlan } from './simulation';

export interface DemoOptions {
  plans: DemoPlan[];
  /** The server's way in for every feed: the demo goes through it like any other. */
  ingest: (update: FeedUpdate) => IngestResult;
  /** Race time per real time: at 1 a 45-minute race takes 45 minutes, at 10 it takes 4.5. */
  speed: number;
  /** Plan n is simulated with seed + n. */
  seed: number;
  log: Logger;
  /** Race time the final classification stays up before the race starts again. */
  pauseMs?: number;
}

export interface DemoHandle {
  stop(): void;
  /** Changes the pace from now on; throws on anything but a positive number, changing nothing. */
  setSpeed(speed: number): void;
}

const DEFAULT_PAUSE_MS = 3 * 60_000;

/**
 * Plays every plan's simulated race in scaled real time, each on its own loop: after the flag and
 * the pause, the race starts again with a full update. `seq` keeps growing across loops.
 */
export function startDemo(options: DemoOptions): DemoHandle {
  const { ingest, log, pauseMs = DEFAULT_PAUSE_MS } = options;
  let speed = checkedSpeed(options.speed);
  let clock = { wallMs: Date.now(), raceMs: 0 };
  const raceNow = () => clock.raceMs + (Date.now() - clock.wallMs) * speed;

  const players = options.plans.map((plan, index) => {
    const startedMs = performance.now();
    const timeline = simulateRace(plan, options.seed + index);
    const lastMs = timeline.at(-1)?.atMs ?? 0;
    log.info('demo race simulated', {
      session: plan.sessionId,
      updates: timeline.length,
      raceMinutes: Math.round(lastMs / 60_000),
      simulatedInMs: Math.round(performance.now() - startedMs),
    });
    return loopTimeline(timeline, lastMs + pauseMs, { ingest, log, raceNow, speedNow: () => speed });
  });
  players.forEach((player) => player.catchUp());

  return {
    stop: () => players.forEach((player) => player.stop()),
    setSpeed(next) {
      const checked = checkedSpeed(next);
      clock = { wallMs: Date.now(), raceMs: raceNow() };
      speed = checked;
      players.forEach((player) => player.schedule());
    },
  };
}

function checkedSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`demo speed must be a positive number, got ${speed}`);
  return speed;
}

interface PlayerContext {
  ingest: (update: FeedUpdate) => IngestResult;
  log: Logger;
  raceNow: () => number;
  speedNow: () => number;
}

/** One race on repeat: sends whatever is due, then sleeps until the next update is. */
function loopTimeline(timeline: TimedFeedUpdate[], loopMs: number, context: PlayerContext) {
  const { ingest, log, raceNow, speedNow } = context;
  let loop = 0;
  let index = 0;
  let nextSeq = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const dueAt = () => loop * loopMs + (timeline[index] as TimedFeedUpdate).atMs;
  const nextLoop = () => {
    index = 0;
    loop += 1;
  };

  function send(update: FeedUpdate): boolean {
    let result = ingest({ ...update, seq: nextSeq });
    if (result.status === 'ignored') {
      // The session already holds later updates (the server ran the demo before): carry on after them.
      nextSeq = result.lastSeq + 1;
      result = ingest({ ...update, seq: nextSeq });
    }
    if (result.status !== 'accepted') {
      log.error('demo update not accepted; the race restarts on its next loop', {
        session: update.sessionId,
        seq: nextSeq,
        result: JSON.stringify(result),
      });
      return false;
    }
    nextSeq = result.seq + 1;
    return true;
  }

  function schedule(): void {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(catchUp, Math.max(0, Math.ceil((dueAt() - raceNow()) / speedNow())));
    timer.unref();
  }

  function catchUp(): void {
    const now = raceNow();
    while (!stopped && dueAt() <= now) {
      const sent = send((timeline[index] as TimedFeedUpdate).update);
      index += 1;
      if (!sent || index === timeline.length) nextLoop();
    }
    schedule();
  }

  return {
    catchUp,
    schedule,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
