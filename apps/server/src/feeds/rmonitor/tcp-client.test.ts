import { silentLogger } from '../../log/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { rmonitorTimeline } from './replay';
import { connectRMonitor, retryDelay, type RMonitorClient, type RMonitorConnectionState } from './tcp-client';
import {
  ORBITS_MOCK,
  capturesAvailable,
  createMapIngest,
  fakeTimingServer,
  readCapture,
  until,
} from '../../test-support/rmonitor';

const BUILDER = { sessionId: 'tcp', seriesId: 'test', event: 'TCP', name: 'Session' };

let client: RMonitorClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe.skipIf(!capturesAvailable())('connectRMonitor against a fake timing server', () => {
  it('reconnects after the link drops mid-line and ends in the same state as a run without the drop', async () => {
    const text = readCapture(ORBITS_MOCK);
    const dropAfterBytes = Math.floor(text.length * 0.55) + 7;
    expect(text.slice(0, dropAfterBytes).endsWith('\n')).toBe(false);
    const server = await fakeTimingServer(text, dropAfterBytes);
    const states: RMonitorConnectionState[] = [];
    const { ingest, sessions } = createMapIngest();
    client = connectRMonitor({
      host: '127.0.0.1',
      port: server.port,
      builderOptions: BUILDER,
      ingest,
      log: silentLogger,
      onState: (state) => states.push(state),
      backoff: { initialMs: 20, maxMs: 100 },
      quietFlushMs: 50,
    });
    const recordCount = text.split('\n').filter((line) => line.startsWith('$')).length;
    await until(() => client!.health().messagesReceived >= recordCount && client!.health().state === 'connected');
    await until(() => sessions.get('tcp')?.session.lapsRemaining === 0);

    const noDrop = createMapIngest();
    for (const { update } of rmonitorTimeline(text, BUILDER)) noDrop.ingest(update);
    const live = sessions.get('tcp')!;
    const reference = noDrop.sessions.get('tcp')!;
    expect(live.session).toEqual(reference.session);
    expect(live.classes).toEqual(reference.classes);
    expect([...live.cars.values()].sort((a, b) => a.position - b.position)).toEqual(
      [...reference.cars.values()].sort((a, b) => a.position - b.position),
    );

    const health = client.health();
    expect(server.connections()).toBe(2);
    expect(health.connects).toBe(2);
    expect(states).toEqual(['connected', 'waiting', 'connecting', 'connected']);
    expect(health.linesRejected).toBe(1);
    expect(health.lastRejections[0]?.reason).toBe('connection dropped in the middle of this line');
    expect(health.updatesRefused).toBe(0);
    expect(health.lastMessageAtMs).toBeGreaterThan(Date.now() - 10_000);
    await client.close();
    expect(client.health().state).toBe('closed');
    await server.close();
  });
});

describe('retryDelay', () => {
  const backoff = { initialMs: 500, maxMs: 10_000 };
  it('doubles from the initial delay, stays under the cap, and jitters between half and all of it', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((attempt) => retryDelay(attempt, backoff, () => 1))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(retryDelay(2, backoff, () => 0)).toBe(1000);
    expect(retryDelay(1000, backoff, () => 0.5)).toBe(7500);
  });
});
