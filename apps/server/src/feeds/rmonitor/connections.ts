import { z } from 'zod';
import { describeIssues, sessionIdSchema, sessionMetaSchema } from '@pitwall/shared';
import type { Logger } from '../../log/logger';
import type { SessionHub } from '../../sessions/hub';
import type { FeedHealthTracker } from '../health/tracker';
import { connectRMonitor, type RMonitorClient, type RMonitorClientOptions, type RMonitorHealth } from './tcp-client';

/** Series id of a feed nobody named: shown, but with no championship to project. */
export const UNNAMED_SERIES = 'unspecified';

const meta = sessionMetaSchema.shape;

/**
 * What a connection is asked for, from the CLI flags or the HTTP API. The session fields use the
 * session model's own limits, so a connection that is accepted never produces updates the
 * session store refuses for its name.
 */
const rmonitorSettingsSchema = z
  .object({
    host: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9._:%-]+$/, 'a host name or IP address (letters, digits, dot, dash, colon)'),
    port: z.number().int().min(1).max(65_535),
    sessionId: sessionIdSchema,
    seriesId: meta.seriesId.default(UNNAMED_SERIES),
    event: meta.event.optional(),
    name: meta.name.default('Session'),
    race: meta.race,
  })
  .strict()
  .transform(({ event, race, ...settings }) => ({
    ...settings,
    event: event ?? `RMonitor ${settings.host}:${settings.port}`,
    ...(race !== undefined && { race }),
  }));

/** As sent: `seriesId`, `event`, `name` and `race` may be left out. */
export type RMonitorSettingsRequest = z.input<typeof rmonitorSettingsSchema>;
/** With the defaults filled in. */
export type RMonitorSettings = z.output<typeof rmonitorSettingsSchema>;

export interface RMonitorConnection {
  settings: RMonitorSettings;
  health: RMonitorHealth;
}

/** `invalid`: the settings were refused; `conflict`: the session cannot take this connection. */
export class RMonitorConnectionError extends Error {
  constructor(
    readonly reason: 'invalid' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

export function parseRMonitorSettings(input: unknown): RMonitorSettings {
  const parsed = rmonitorSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  // Named after the settings' own fields (an unknown field has an empty path), for the CLI and API alike.
  throw new RMonitorConnectionError(
    'invalid',
    `RMonitor connection settings refused: ${describeIssues(parsed.error.issues, 'settings')}`,
  );
}

interface OpenConnection {
  settings: RMonitorSettings;
  client: RMonitorClient;
  detachHealth: () => void;
}

export interface RMonitorConnectionsOptions {
  hub: SessionHub;
  tracker: FeedHealthTracker;
  log: Logger;
  /** Reconnect and flush timing passed on to every client (tests shorten them). */
  client?: Pick<RMonitorClientOptions, 'backoff' | 'quietFlushMs'>;
}

/**
 * The RMonitor connections this server runs, at most one per session: two timing feeds writing
 * one session would each keep refusing the other's sequence numbers. Each connection reports
 * to the feed health tracker while it is open.
 */
export class RMonitorConnections {
  private readonly connections = new Map<string, OpenConnection>();

  constructor(private readonly options: RMonitorConnectionsOptions) {}

  /** Connects (reconnecting on its own after drops) and returns the connection as it starts. */
  open(request: unknown): RMonitorConnection {
    const settings = parseRMonitorSettings(request);
    const { hub, tracker, log } = this.options;
    const { host, port, ...builderOptions } = settings;
    const existing = this.connections.get(settings.sessionId);
    if (existing) {
      const where = `${existing.settings.host}:${existing.settings.port}`;
      throw new RMonitorConnectionError(
        'conflict',
        `session "${settings.sessionId}" already has an RMonitor connection (${where}); close it first`,
      );
    }
    if (hub.state(settings.sessionId)?.info.demo) {
      throw new RMonitorConnectionError(
        'conflict',
        `session "${settings.sessionId}" belongs to the built-in demo; feeds cannot write it`,
      );
    }
    const client = connectRMonitor({
      ...this.options.client,
      host,
      port,
      builderOptions,
      ingest: (update) => hub.ingest(update, 'feed'),
      log,
    });
    const detachHealth = tracker.attachSource(settings.sessionId, {
      kind: 'rmonitor',
      label: `rmonitor ${host}:${port}`,
      health: client.health,
    });
    this.connections.set(settings.sessionId, { settings, client, detachHealth });
    log.info('rmonitor connection opened', { session: settings.sessionId, feed: `${host}:${port}` });
    return { settings, health: client.health() };
  }

  /** Stops the connection; the session keeps what it received. Undefined when there was none. */
  async close(sessionId: string): Promise<RMonitorConnection | undefined> {
    const connection = this.connections.get(sessionId);
    if (!connection) return undefined;
    this.connections.delete(sessionId);
    await connection.client.close();
    connection.detachHealth();
    this.options.log.info('rmonitor connection closed', { session: sessionId });
    return { settings: connection.settings, health: connection.client.health() };
  }

  list(): RMonitorConnection[] {
    return [...this.connections.values()].map(({ settings, client }) => ({ settings, health: client.health() }));
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.connections.keys()].map((sessionId) => this.close(sessionId)));
  }
}
