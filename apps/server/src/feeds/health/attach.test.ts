import { describe, expect, it } from 'vitest';
import { SessionHub } from '../../sessions/hub';
import { sessionHealth, summaryFields } from './attach';
import { FeedHealthTracker } from './tracker';

describe('sessionHealth', () => {
  it("reports where the feed's order contradicts its race times, which the view shows as a negative gap", () => {
    const hub = new SessionHub();
    const tracker = new FeedHealthTracker({ now: () => 1_000 });
    hub.on('ingested', (outcome) => tracker.observe(outcome));
    const car = (number: string, position: number, totalTimeMs: number) => ({
      number,
      classId: 'GTD',
      driver: `Driver ${number}`,
      position,
      laps: 86,
      totalTimeMs,
    });
    hub.ingest(
      {
        type: 'full',
        sessionId: 'vir',
        seq: 1,
        session: { seriesId: 'imsa', event: 'VIR', name: 'Race', status: 'finished', flag: 'checkered' },
        cars: [car('9', 1, 9_665_516), car('3', 2, 9_666_600), car('27', 3, 9_666_112)],
      },
      'feed',
    );
    expect(hub.snapshot('vir')?.view.cars['27']?.interval).toEqual({ ms: -488 });
    const health = sessionHealth(tracker, hub, 'vir');
    expect(health).toMatchObject({
      accepted: 1,
      orderAgainstRaceTimes: { count: 1, cars: [{ number: '27', ahead: '3', earlierMs: 488 }] },
    });
    expect(summaryFields(health)).toMatchObject({ orderAgainstRaceTimes: 1 });
    hub.ingest(
      {
        type: 'patch',
        sessionId: 'vir',
        seq: 2,
        cars: [
          { number: '27', position: 2 },
          { number: '3', position: 3 },
        ],
      },
      'feed',
    );
    expect(sessionHealth(tracker, hub, 'vir').orderAgainstRaceTimes).toBeUndefined();
  });
});
