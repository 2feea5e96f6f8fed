import { describe, expect, it } from 'vitest';
import { countMessage, latestRejections, messagesPerSecond, type RateWindow } from './rate';

const messagesAt = (...times: number[]): RateWindow =>
  times.reduce<RateWindow>((window, atMs) => countMessage(window, atMs), []);

describe('message rate over a sliding 10 s window', () => {
  it('counts the last ten complete seconds, not the second in progress', () => {
    // 20 messages in each of seconds 0..9, 7 so far in second 10.
    const times = [
      ...Array.from({ length: 200 }, (_, i) => Math.floor(i / 20) * 1000 + (i % 20) * 50),
      10_000,
      10_100,
      10_200,
      10_300,
      10_400,
      10_500,
      10_600,
    ];
    const window = messagesAt(...times);
    expect(messagesPerSecond(window, 10_700)).toBe(20);
    // A second later second 0 has left the window and second 10 (7 messages) has entered it.
    expect(messagesPerSecond(window, 11_000)).toBe((9 * 20 + 7) / 10);
  });

  it('falls to zero when the feed goes quiet', () => {
    const window = messagesAt(0, 100, 200);
    expect(messagesPerSecond(window, 1_000)).toBeCloseTo(0.3);
    expect(messagesPerSecond(window, 11_000)).toBe(0);
  });

  it('keeps one counter per second, however many messages arrive', () => {
    const window = messagesAt(...Array.from({ length: 50_000 }, (_, i) => i));
    expect(window.length).toBeLessThanOrEqual(12);
    expect(messagesPerSecond(window, 50_000)).toBe(1000);
  });
});

describe('latest rejections', () => {
  it('merges sources by time, newest last, and keeps ten', () => {
    const hub = Array.from({ length: 8 }, (_, i) => ({ atMs: i * 10, source: 'feed', reason: `update ${i}` }));
    const lines = Array.from({ length: 5 }, (_, i) => ({
      atMs: i * 10 + 5,
      source: 'rmonitor a:1',
      reason: `line ${i}`,
    }));
    const merged = latestRejections(hub, lines);
    expect(merged).toHaveLength(10);
    expect(merged.map((r) => r.reason)).toEqual([
      'line 1',
      'update 2',
      'line 2',
      'update 3',
      'line 3',
      'update 4',
      'line 4',
      'update 5',
      'update 6',
      'update 7',
    ]);
  });
});
