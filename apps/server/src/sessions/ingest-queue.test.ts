import { describe, expect, it } from 'vitest';
import type { FeedUpdate, IngestResult } from '@pitwall/shared';
import { SessionHub, type IngestOutcome } from './hub';
import { IngestQueue } from './ingest-queue';

const start = (sessionId: string): FeedUpdate => ({
  type: 'full',
  sessionId,
  seq: 1,
  session: { seriesId: 'x', event: 'Road Atlanta', name: 'Race' },
  cars: [{ number: '1', classId: 'A', driver: 'One', position: 1, laps: 0 }],
});
const lap = (sessionId: string, seq: number): FeedUpdate => ({
  type: 'patch',
  sessionId,
  seq,
  cars: [{ number: '1', laps: seq - 1 }],
});

describe('IngestQueue', () => {
  it('applies a session’s updates in order and answers each', async () => {
    const hub = new SessionHub();
    const queue = new IngestQueue(hub);
    const answers = await Promise.all([
      queue.offer(start('a'), 'feed'),
      ...[2, 3, 4].map((seq) => queue.offer(lap('a', seq), 'feed')),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(hub.state('a')?.cars.get('1')?.laps).toBe(3);
  });

  it('answers "busy, retry" past the bound, at once, without applying or queueing it', async () => {
    const hub = new SessionHub();
    const outcomes: IngestOutcome[] = [];
    hub.on('ingested', (outcome: IngestOutcome) => outcomes.push(outcome));
    const queue = new IngestQueue(hub, { maxWaiting: 3 });
    const pending = [
      queue.offer(start('a'), 'feed'),
      queue.offer(lap('a', 2), 'feed'),
      queue.offer(lap('a', 3), 'feed'),
    ];
    const refused = await queue.offer(lap('a', 4), 'feed');
    expect(refused).toEqual({
      status: 'unavailable',
      retry: true,
      reason: 'busy',
      error: 'session "a" has 3 updates waiting: send this one again shortly',
    });
    expect(queue.waiting()).toBe(3);
    // Another session has its own queue.
    const other = queue.offer(start('b'), 'feed');
    expect((await Promise.all(pending)).map((answer) => answer.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await other).toMatchObject({ status: 'accepted' });
    expect(await queue.offer(lap('a', 4), 'feed')).toEqual({ status: 'accepted', seq: 4 });
    expect(outcomes.filter((outcome) => outcome.result.status === 'unavailable')).toHaveLength(1);
  });

  it('keeps the server answering while a feed floods: busy answers, bounded waiting, no update lost that was accepted', async () => {
    const hub = new SessionHub();
    const queue = new IngestQueue(hub, { maxWaiting: 16 });
    await queue.offer(start('flood'), 'feed');
    const answers: Promise<IngestResult>[] = [];
    for (let seq = 2; seq < 2_002; seq++) answers.push(queue.offer(lap('flood', seq), 'feed'));
    expect(queue.waiting()).toBeLessThanOrEqual(16);
    const results = await Promise.all(answers);
    const accepted = results.filter((result) => result.status === 'accepted');
    expect(accepted.length).toBeGreaterThan(0);
    expect(results.filter((result) => result.status === 'unavailable').length).toBe(2_000 - accepted.length);
    expect(hub.state('flood')?.lastSeq).toBe(Math.max(...accepted.map((result) => (result as { seq: number }).seq)));
  });
});
