import { describe, expect, it } from 'vitest';
import { feedHealthSchema, replayStateSchema } from './health';

const health = {
  sessionId: 'sebring-r1',
  atMs: 1_700_000_000_000,
  messagesPerSecond: 4.2,
  accepted: 120,
  ignored: 2,
  rejected: 1,
  unavailable: 0,
  lastRejections: [{ atMs: 1_699_999_999_000, source: 'rmonitor 10.0.0.5:50000', reason: 'line 12: unknown record' }],
};

describe('feedHealthSchema', () => {
  it('describes the health of a TCP feed and of a replay', () => {
    const rmonitor = {
      ...health,
      lastMessageAgeMs: 250,
      source: {
        kind: 'rmonitor',
        label: 'rmonitor 10.0.0.5:50000',
        connection: 'connected',
        connects: 2,
        linesRejected: 1,
      },
    };
    expect(feedHealthSchema.parse(rmonitor)).toEqual(rmonitor);
    const replay = {
      ...health,
      source: { kind: 'replay', label: 'replay vir.csv' },
      replay: { paused: false, speed: 20, positionMs: 60_000, durationMs: 600_000, finished: false },
      orderAgainstRaceTimes: { count: 1, cars: [{ number: '27', ahead: '3', earlierMs: 488 }] },
    };
    expect(feedHealthSchema.parse(replay)).toEqual(replay);
  });

  it('refuses a connection state the TCP client never reports, and a health without its counts', () => {
    const source = { kind: 'rmonitor', label: 'x', connection: 'lost', connects: 1, linesRejected: 0 };
    expect(feedHealthSchema.safeParse({ ...health, source }).success).toBe(false);
    const { accepted: _accepted, ...withoutAccepted } = health;
    expect(feedHealthSchema.safeParse(withoutAccepted).success).toBe(false);
  });
});

describe('replayStateSchema', () => {
  it('needs a speed above 0', () => {
    const state = { paused: true, speed: 1, positionMs: 0, durationMs: 1_000, finished: false };
    expect(replayStateSchema.parse(state)).toEqual(state);
    expect(replayStateSchema.safeParse({ ...state, speed: 0 }).success).toBe(false);
  });
});
