import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedUpdate, IngestResult, TimedFeedUpdate } from '@pitwall/shared';
import { silentLogger } from '../../log/logger';
import { startReplay } from './runner';
import { replaySender } from './send';

const patchAt = (atMs: number, seq: number): TimedFeedUpdate => ({
  atMs,
  update: { type: 'patch', sessionId: 'r', seq },
});
/** One update every 10 s of timeline, 0..100 s. */
const TIMELINE = Array.from({ length: 11 }, (_, i) => patchAt(i * 10_000, i + 1));

describe('ReplayRunner', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  function recording() {
    const sent: number[] = [];
    const ingest = (update: FeedUpdate): IngestResult => {
      sent.push(update.seq);
      return { status: 'accepted', seq: update.seq };
    };
    return { sent, ingest };
  }

  it('sends each update when the scaled clock reaches it, and finishes', async () => {
    const { sent, ingest } = recording();
    const runner = startReplay({ timeline: TIMELINE, ingest, speed: 10 });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([1]);
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(sent).toHaveLength(11);
    await expect(runner.done).resolves.toBeUndefined();
    expect(runner.state()).toEqual({
      paused: false,
      speed: 10,
      positionMs: 100_000,
      durationMs: 100_000,
      finished: true,
    });
  });

  it('pause stops sending, resume carries on from the same place, a new speed changes the pace', async () => {
    const { sent, ingest } = recording();
    const runner = startReplay({ timeline: TIMELINE, ingest, speed: 10 });
    await vi.advanceTimersByTimeAsync(2_500);
    expect(runner.pause()).toEqual({
      paused: true,
      speed: 10,
      positionMs: 25_000,
      durationMs: 100_000,
      finished: false,
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual([1, 2, 3]);
    expect(runner.setSpeed(1)).toMatchObject({ paused: true, speed: 1, positionMs: 25_000 });
    expect(runner.resume()).toMatchObject({ paused: false, positionMs: 25_000 });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sent).toEqual([1, 2, 3]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([1, 2, 3, 4]);
    expect(() => runner.setSpeed(0)).toThrow(/positive number/);
    expect(runner.state()).toMatchObject({ speed: 1, paused: false });
    runner.stop();
    await vi.advanceTimersByTimeAsync(200_000);
    expect(sent).toEqual([1, 2, 3, 4]);
    await expect(runner.done).resolves.toBeUndefined();
  });

  it('waits for an asynchronous ingest (a server ack) before the next update', async () => {
    const answered: ((result: IngestResult) => void)[] = [];
    const runner = startReplay({
      timeline: [patchAt(0, 1), patchAt(0, 2)],
      ingest: () => new Promise<IngestResult>((resolve) => answered.push(resolve)),
      speed: 1,
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(answered).toHaveLength(1);
    answered[0]!({ status: 'accepted', seq: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(answered).toHaveLength(2);
    answered[1]!({ status: 'accepted', seq: 2 });
    await expect(runner.done).resolves.toBeUndefined();
  });

  it('stops with the error when ingest fails', async () => {
    const runner = startReplay({
      timeline: TIMELINE,
      ingest: () => Promise.reject(new Error('server did not answer')),
      speed: 1,
    });
    await expect(runner.done).rejects.toThrow('server did not answer');
  });
});

describe('replaySender', () => {
  it('renumbers the timeline after the seq a session already holds', async () => {
    let lastSeq = 40;
    const offered: number[] = [];
    const ingest = (update: FeedUpdate): IngestResult => {
      offered.push(update.seq);
      if (update.seq <= lastSeq) return { status: 'ignored', reason: 'out-of-order', lastSeq };
      lastSeq = update.seq;
      return { status: 'accepted', seq: update.seq };
    };
    const sender = replaySender(ingest, silentLogger, 'replay test');
    for (const { update } of TIMELINE.slice(0, 3)) await sender.send(update);
    expect(offered).toEqual([1, 41, 42, 43]);
    expect(sender.tally()).toEqual({ accepted: 3, ignored: 0, rejected: 0, unavailable: 0 });
  });

  it('counts and logs refusals', async () => {
    const warnings: unknown[] = [];
    const log = {
      ...silentLogger,
      warn: (message: string, fields?: Record<string, unknown>) => warnings.push({ message, ...fields }),
    };
    const sender = replaySender(() => ({ status: 'rejected', error: 'positions are not 1..N' }), log, 'replay test');
    await sender.send(TIMELINE[0]!.update);
    expect(sender.tally()).toEqual({ accepted: 0, ignored: 0, rejected: 1, unavailable: 0 });
    expect(warnings).toEqual([
      {
        message: 'replay update rejected',
        replay: 'replay test',
        session: 'r',
        seq: 1,
        error: 'positions are not 1..N',
      },
    ]);
  });
});
