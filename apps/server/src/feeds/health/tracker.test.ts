import { describe, expect, it } from 'vitest';
import type { RMonitorHealth } from '../rmonitor/tcp-client';
import { FeedHealthTracker, LINE_REFUSED } from './tracker';

function trackerAt(startMs: number) {
  const clock = { nowMs: startMs };
  return { clock, tracker: new FeedHealthTracker({ now: () => clock.nowMs }) };
}

describe('FeedHealthTracker', () => {
  it('counts outcomes per session, with rate, age and the rejections by source', () => {
    const { clock, tracker } = trackerAt(100_000);
    for (let i = 0; i < 30; i++) {
      clock.nowMs = 100_000 + i * 100;
      tracker.observe({ sessionId: 'race', origin: 'feed', result: { status: 'accepted', seq: i + 1 } });
    }
    tracker.observe({
      sessionId: 'race',
      origin: 'feed',
      result: { status: 'ignored', reason: 'duplicate', lastSeq: 30 },
    });
    tracker.observe({
      sessionId: 'race',
      origin: 'feed',
      result: { status: 'rejected', error: 'cars.0.position: Too small' },
    });
    tracker.observe({ sessionId: 'other', origin: 'demo', result: { status: 'accepted', seq: 1 } });
    clock.nowMs = 104_000;
    expect(tracker.health('race')).toEqual({
      sessionId: 'race',
      atMs: 104_000,
      messagesPerSecond: 3.2,
      lastMessageAgeMs: 1_100,
      accepted: 30,
      ignored: 1,
      rejected: 1,
      unavailable: 0,
      lastRejections: [{ atMs: 102_900, source: 'feed', reason: 'cars.0.position: Too small' }],
    });
    expect(tracker.offered('race')).toBe(32);
    expect(tracker.sessionIds().sort()).toEqual(['other', 'race']);
  });

  it('an update naming no session is not counted anywhere', () => {
    const { tracker } = trackerAt(0);
    tracker.observe({
      sessionId: undefined,
      origin: 'feed',
      result: { status: 'rejected', error: 'sessionId: required' },
    });
    expect(tracker.sessionIds()).toEqual([]);
  });

  it('a session never seen reads as zeros without an age', () => {
    const { tracker } = trackerAt(5_000);
    expect(tracker.health('quiet')).toEqual({
      sessionId: 'quiet',
      atMs: 5_000,
      messagesPerSecond: 0,
      accepted: 0,
      ignored: 0,
      rejected: 0,
      unavailable: 0,
      lastRejections: [],
    });
    expect(tracker.knows('quiet')).toBe(false);
  });

  it('a replay source names the rejections and adds its state', () => {
    const { tracker } = trackerAt(1_000);
    const state = { paused: true, speed: 20, positionMs: 60_000, durationMs: 90_000, finished: false };
    tracker.attachSource('race', { kind: 'replay', label: 'replay race.csv', state: () => state });
    tracker.observe({ sessionId: 'race', origin: 'feed', result: { status: 'rejected', error: 'bad' } });
    expect(tracker.health('race')).toMatchObject({
      source: { kind: 'replay', label: 'replay race.csv' },
      replay: state,
      lastRejections: [{ atMs: 1_000, source: 'replay race.csv', reason: 'bad' }],
    });
  });

  it('an RMonitor source adds its unreadable lines, not the refused updates the hub counted already', () => {
    const { clock, tracker } = trackerAt(50_000);
    const rmonitor: RMonitorHealth = {
      state: 'connected',
      messagesReceived: 120,
      linesRejected: 2,
      lastRejections: [
        { atMs: 40_000, reason: 'unterminated quote', line: '$A,"12' },
        { atMs: 45_000, reason: 'update 9 refused: positions are not 1..N', line: '' },
      ],
      lastMessageAtMs: 49_500,
      connects: 2,
      updatesAccepted: 8,
      updatesRefused: 1,
    };
    const detach = tracker.attachSource('live', {
      kind: 'rmonitor',
      label: 'rmonitor 10.0.0.5:50000',
      health: () => rmonitor,
    });
    clock.nowMs = 45_000;
    tracker.observe({
      sessionId: 'live',
      origin: 'feed',
      result: { status: 'rejected', error: 'positions are not 1..N' },
    });
    clock.nowMs = 50_000;
    expect(tracker.health('live')).toMatchObject({
      lastMessageAgeMs: 500,
      rejected: 1,
      source: {
        kind: 'rmonitor',
        label: 'rmonitor 10.0.0.5:50000',
        connection: 'connected',
        connects: 2,
        linesRejected: 2,
      },
      lastRejections: [
        { atMs: 40_000, source: 'rmonitor 10.0.0.5:50000', reason: LINE_REFUSED },
        { atMs: 45_000, source: 'rmonitor 10.0.0.5:50000', reason: 'positions are not 1..N' },
      ],
    });
    detach();
    expect(tracker.health('live').source).toBeUndefined();
  });
});
