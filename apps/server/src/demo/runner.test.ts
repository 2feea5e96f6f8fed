import { applyFeedUpdate, type FeedUpdate, type IngestResult, type SessionState } from '@pitwall/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger, type Logger } from '../log/logger';
import { startDemo, type DemoHandle } from './runner';
import { simulateRace } from './simulation';
import { MINUTE, multiClass, oneClass } from '../test-support/demo-plans';

/** A one-session store on the real core, recording what reached it. */
function store(initial?: SessionState) {
  let state = initial;
  const received: FeedUpdate[] = [];
  const ingest = (update: FeedUpdate): IngestResult => {
    const outcome = applyFeedUpdate(state, update);
    if (outcome.kind === 'rejected') return { status: 'rejected', error: outcome.error };
    if (outcome.kind === 'ignored') return { status: 'ignored', reason: outcome.reason, lastSeq: outcome.lastSeq };
    state = outcome.state;
    received.push(update);
    return { status: 'accepted', seq: update.seq };
  };
  return { ingest, received, state: () => state };
}

const timeline = simulateRace(multiClass, 7);
const raceMs = timeline.at(-1)?.atMs ?? 0;
const PAUSE_MS = 2 * MINUTE;

/** Lets `raceMs` of race time pass at `speed`, with a millisecond for timer rounding. */
function advanceRace(raceTimeMs: number, speed: number): void {
  vi.advanceTimersByTime(Math.ceil(raceTimeMs / speed) + 1);
}

describe('startDemo', () => {
  let demo: DemoHandle | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    demo?.stop();
    vi.useRealTimers();
  });

  it('plays the race in scaled time, then restarts it with a full update and a growing seq', () => {
    const session = store();
    demo = startDemo({
      plans: [multiClass],
      ingest: session.ingest,
      speed: 100,
      seed: 7,
      log: silentLogger,
      pauseMs: PAUSE_MS,
    });
    expect(session.received.map((update) => update.type)).toEqual(['full']);

    vi.advanceTimersByTime(raceMs / 100 / 2);
    const halfway = session.received.length;
    expect(halfway).toBeGreaterThan(1);
    expect(halfway).toBeLessThan(timeline.length);

    advanceRace(raceMs / 2, 100);
    expect(session.received).toEqual(timeline.map((entry) => entry.update));
    expect(session.state()?.info).toMatchObject({ status: 'finished', demo: true });

    advanceRace(PAUSE_MS, 100);
    const restart = session.received[timeline.length];
    expect(restart).toMatchObject({ type: 'full', seq: timeline.length });
    expect(session.state()?.info).toMatchObject({ status: 'running', flag: 'green', elapsedMs: 0 });
  });

  it('changes speed mid-race, refuses a speed that is not positive, and stops', () => {
    const session = store();
    demo = startDemo({
      plans: [multiClass],
      ingest: session.ingest,
      speed: 10,
      seed: 7,
      log: silentLogger,
      pauseMs: PAUSE_MS,
    });
    vi.advanceTimersByTime(raceMs / 10 / 4);
    const quarter = session.received.length;
    demo.setSpeed(1_000);
    expect(() => demo?.setSpeed(0)).toThrow(/positive number, got 0/);
    expect(() => demo?.setSpeed(Number.NaN)).toThrow(/positive number/);
    advanceRace((raceMs * 3) / 4, 1_000);
    expect(session.received.length).toBe(timeline.length);
    expect(quarter).toBeLessThan(timeline.length / 2);

    demo.stop();
    vi.advanceTimersByTime(10 * PAUSE_MS);
    expect(session.received.length).toBe(timeline.length);
  });

  it('runs every plan as its own session', () => {
    const first = store();
    const second = store();
    const ingest = (update: FeedUpdate) => (update.sessionId === multiClass.sessionId ? first : second).ingest(update);
    demo = startDemo({ plans: [multiClass, oneClass], ingest, speed: 1_000, seed: 7, log: silentLogger });
    advanceRace(raceMs, 1_000);
    expect(first.state()?.info.status).toBe('finished');
    expect(second.received[0]).toMatchObject({ type: 'full', sessionId: oneClass.sessionId });
    expect(second.received).toEqual(
      simulateRace(oneClass, 8)
        .slice(0, second.received.length)
        .map((entry) => entry.update),
    );
  });

  it('carries on after the seq a session already holds from an earlier run', () => {
    const earlier = applyFeedUpdate(undefined, { ...(timeline[0]?.update as FeedUpdate), seq: 500 });
    if (earlier.kind !== 'accepted') throw new Error('setup');
    const session = store(earlier.state);
    demo = startDemo({ plans: [multiClass], ingest: session.ingest, speed: 100, seed: 7, log: silentLogger });
    advanceRace(raceMs, 100);
    expect(session.received.map((update) => update.seq)).toEqual(timeline.map((_, index) => 501 + index));
  });

  it('logs a rejected update and waits for the next loop rather than sending the rest of a broken race', () => {
    const session = store();
    let calls = 0;
    const ingest = (update: FeedUpdate): IngestResult =>
      ++calls === 3 ? { status: 'rejected', error: 'store is full' } : session.ingest(update);
    const errors: string[] = [];
    const log: Logger = {
      ...silentLogger,
      error: (message, fields) => errors.push(`${message} ${JSON.stringify(fields)}`),
    };
    demo = startDemo({ plans: [multiClass], ingest, speed: 100, seed: 7, log, pauseMs: PAUSE_MS });
    advanceRace(raceMs, 100);
    expect(session.received).toHaveLength(2);
    expect(errors).toEqual([expect.stringContaining('store is full')]);
    advanceRace(PAUSE_MS, 100);
    expect(session.received[2]).toMatchObject({ type: 'full', seq: 2 });
  });
});
