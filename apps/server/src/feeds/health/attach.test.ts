import { describe, expect, it } from 'vitest';
import { feedHealthSchema } from '@pitwall/shared';
import { orderAgainstTimesUpdate } from '@pitwall/shared/test-support';
import { SessionHub } from '../../sessions/hub';
import { sessionHealth, summaryFields } from './attach';
import { FeedHealthTracker } from './tracker';

describe('sessionHealth', () => {
  it("reports where the feed's order contradicts its race times, until the order fits them", () => {
    const hub = new SessionHub();
    const tracker = new FeedHealthTracker({ now: () => 1_000 });
    hub.on('ingested', (outcome) => tracker.observe(outcome));
    hub.ingest(orderAgainstTimesUpdate(), 'feed');
    const health = sessionHealth(tracker, hub, 'vir');
    expect(health).toMatchObject({
      accepted: 1,
      orderAgainstRaceTimes: { count: 1, cars: [{ number: '27', ahead: '3', earlierMs: 488 }] },
    });
    expect(summaryFields(health)).toMatchObject({ orderAgainstRaceTimes: 1 });
    const reordered = [
      { number: '27', position: 2 },
      { number: '3', position: 3 },
    ];
    hub.ingest({ type: 'patch', sessionId: 'vir', seq: 2, cars: reordered }, 'feed');
    expect(sessionHealth(tracker, hub, 'vir').orderAgainstRaceTimes).toBeUndefined();
  });

  it('answers what GET /api/sessions/:id/health documents', () => {
    const hub = new SessionHub();
    const tracker = new FeedHealthTracker({ now: () => 1_000 });
    hub.on('ingested', (outcome) => tracker.observe(outcome));
    hub.ingest(orderAgainstTimesUpdate(), 'feed');
    hub.ingest({ type: 'patch', sessionId: 'vir', seq: 2, cars: [{ number: '404', position: 1 }] }, 'feed');
    const health = sessionHealth(tracker, hub, 'vir');
    expect(health.lastRejections).toHaveLength(1);
    expect(feedHealthSchema.parse(health)).toEqual(health);
  });
});
