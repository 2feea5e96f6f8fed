import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log/logger';
import { SessionHub } from '../../sessions/hub';
import { FeedHealthTracker } from '../health/tracker';
import { HostAllowList } from './allow-list';
import { RMonitorConnectionError, RMonitorConnections } from './connections';
import { fakeTimingServer, SHORT_RACE, until } from '../../test-support/rmonitor';

let timing: Awaited<ReturnType<typeof fakeTimingServer>>;
let hub: SessionHub;
let tracker: FeedHealthTracker;
let connections: RMonitorConnections;

beforeEach(async () => {
  timing = await fakeTimingServer(SHORT_RACE);
  hub = new SessionHub();
  tracker = new FeedHealthTracker();
  connections = new RMonitorConnections({
    hub,
    tracker,
    log: silentLogger,
    allow: HostAllowList.parse('127.0.0.1,10.0.0.0/8,timing.local'),
  });
});

afterEach(async () => {
  await connections.closeAll();
  await timing.close();
});

const carsOf = (sessionId: string) => hub.snapshot(sessionId)?.view.order ?? [];

/** Runs `action` and returns the RMonitorConnectionError it throws. */
function refusal(action: () => unknown): RMonitorConnectionError {
  try {
    action();
  } catch (error) {
    if (error instanceof RMonitorConnectionError) return error;
    throw error;
  }
  throw new Error('expected the connection to be refused');
}

describe('RMonitorConnections', () => {
  it('opens a connection that fills its session, lists it with defaults and health, and reports to the tracker', async () => {
    const opened = connections.open({ host: '127.0.0.1', port: timing.port, sessionId: 'mx5-r1' });
    expect(opened.settings).toEqual({
      host: '127.0.0.1',
      port: timing.port,
      sessionId: 'mx5-r1',
      seriesId: 'unspecified',
      event: `RMonitor 127.0.0.1:${timing.port}`,
      name: 'Session',
    });
    expect(opened.health.state).toBe('connecting');

    await until(() => carsOf('mx5-r1').length === 3);
    expect(carsOf('mx5-r1')).toEqual(['8', '7', '9']);
    expect(hub.snapshot('mx5-r1')!.view.info).toMatchObject({ seriesId: 'unspecified', name: 'Race 1', flag: 'green' });

    const [listed] = connections.list();
    expect(listed!.settings).toEqual(opened.settings);
    expect(listed!.health).toMatchObject({
      state: 'connected',
      connects: 1,
      messagesReceived: 9,
      linesRejected: 0,
      updatesAccepted: 1,
    });
    expect(tracker.health('mx5-r1').source).toEqual({
      kind: 'rmonitor',
      label: `rmonitor 127.0.0.1:${timing.port}`,
      connection: 'connected',
      connects: 1,
      linesRejected: 0,
    });
  });

  it('keeps the series, event, name and race it is given', () => {
    const given = {
      host: 'timing.local',
      port: 50_000,
      sessionId: 's',
      seriesId: 'mx5-cup',
      event: 'Sebring',
      name: 'Race 2',
      race: 2,
    };
    expect(connections.open({ ...given }).settings).toEqual(given);
  });

  it('refuses a second connection for the same session and leaves the first one running', async () => {
    connections.open({ host: '127.0.0.1', port: timing.port, sessionId: 'mx5-r1' });
    await until(() => carsOf('mx5-r1').length === 3);
    const error = refusal(() => connections.open({ host: '10.0.0.5', port: 50_000, sessionId: 'mx5-r1' }));
    expect(error.reason).toBe('conflict');
    expect(error.message).toBe(
      `session "mx5-r1" already has an RMonitor connection (127.0.0.1:${timing.port}); close it first`,
    );
    expect(connections.list().map((c) => [c.settings.host, c.health.state])).toEqual([['127.0.0.1', 'connected']]);
    expect(timing.connections()).toBe(1);
  });

  it('refuses a session of the built-in demo', () => {
    hub.ingest(
      {
        type: 'full',
        sessionId: 'demo-race',
        seq: 1,
        session: { seriesId: 'mx5-cup', event: 'Demo', name: 'Race', demo: true },
        cars: [],
      },
      'demo',
    );
    const error = refusal(() => connections.open({ host: '127.0.0.1', port: timing.port, sessionId: 'demo-race' }));
    expect(error.reason).toBe('conflict');
    expect(error.message).toBe('session "demo-race" belongs to the built-in demo; feeds cannot write it');
    expect(connections.list()).toEqual([]);
  });

  it.each([
    [{ port: 50_000, sessionId: 's' }, 'host: '],
    [{ host: 'timing host', port: 50_000, sessionId: 's' }, 'host: a host name or IP address'],
    [{ host: 'h', port: 0, sessionId: 's' }, 'port: '],
    [{ host: 'h', port: 70_000, sessionId: 's' }, 'port: '],
    [{ host: 'h', port: '50000', sessionId: 's' }, 'port: '],
    [{ host: 'h', port: 50_000 }, 'sessionId: '],
    [{ host: 'h', port: 50_000, sessionId: 'no spaces' }, 'sessionId: session id: letters, digits'],
    [{ host: 'h', port: 50_000, sessionId: 's', race: 0 }, 'race: '],
    [{ host: 'h', port: 50_000, sessionId: 's', event: '' }, 'event: '],
    [{ host: 'h', port: 50_000, sessionId: 's', seriesId: 'x'.repeat(61) }, 'seriesId: '],
    [{ host: 'h', port: 50_000, sessionId: 's', round: 3 }, 'settings: Unrecognized key: "round"'],
    ['h:50000', 'settings: '],
  ])('refuses %j, naming the field, and opens nothing', (settings, naming) => {
    const error = refusal(() => connections.open(settings));
    expect(error.reason).toBe('invalid');
    expect(error.message).toContain(`RMonitor connection settings refused: ${naming}`);
    expect(connections.list()).toEqual([]);
    expect(tracker.sessionIds()).toEqual([]);
    expect(timing.connections()).toBe(0);
  });

  it('closes a connection: the session keeps its cars, the tracker drops the source, and it can be opened again', async () => {
    connections.open({ host: '127.0.0.1', port: timing.port, sessionId: 'mx5-r1' });
    await until(() => carsOf('mx5-r1').length === 3 && timing.openConnections() === 1);

    const closed = await connections.close('mx5-r1');
    expect(closed?.settings.sessionId).toBe('mx5-r1');
    expect(closed?.health.state).toBe('closed');
    await until(() => timing.openConnections() === 0);
    expect(connections.list()).toEqual([]);
    expect(tracker.health('mx5-r1').source).toBeUndefined();
    expect(carsOf('mx5-r1')).toEqual(['8', '7', '9']);
    expect(await connections.close('mx5-r1')).toBeUndefined();

    connections.open({ host: '127.0.0.1', port: timing.port, sessionId: 'mx5-r1' });
    await until(() => timing.connections() === 2 && connections.list()[0]?.health.state === 'connected');
  });

  it('closeAll closes every connection', async () => {
    connections.open({ host: '127.0.0.1', port: timing.port, sessionId: 'mx5-r1' });
    connections.open({ host: '127.0.0.1', port: timing.port, sessionId: 'mx5-r2' });
    await until(() => carsOf('mx5-r1').length === 3 && carsOf('mx5-r2').length === 3);
    await connections.closeAll();
    expect(connections.list()).toEqual([]);
    await until(() => timing.openConnections() === 0);
    expect(carsOf('mx5-r2')).toEqual(['8', '7', '9']);
  });
});
