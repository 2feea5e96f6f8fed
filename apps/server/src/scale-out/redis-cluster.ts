import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server } from 'socket.io';
import type { SessionDelta, SessionSnapshot, SessionSummary } from '@pitwall/shared';
import { SnapshotJson } from '../broadcast/snapshot-json';
import type { Logger } from '../log/logger';
import type { SessionHub } from '../sessions/hub';
import { SessionMirror } from './session-mirror';

/*
 * Nodes share sessions through Redis: the ingesting node writes each session's snapshot under
 * `<prefix>:view:<id>` and the list under `<prefix>:sessions`, then sends the delta to every node
 * over the Socket.IO Redis adapter (server-side events: one ordered channel). Written on the same
 * connection before the delta is sent, a snapshot is never older than the delta a node reads it
 * for. Each node delivers to its own viewers, so a join answered from its copy can never miss a
 * delta. The ingesting node's `epoch` changes when it restarts (its viewer seqs start again).
 */

const DELTA_EVENT = 'pitwall:delta';
const SESSIONS_EVENT = 'pitwall:sessions';

const viewKey = (link: RedisLink, sessionId: string) => `${link.prefix}:view:${sessionId}`;
const sessionsKey = (link: RedisLink) => `${link.prefix}:sessions`;

interface PublishedSessions {
  epoch: string;
  sessions: SessionSummary[];
}

export interface RedisLink {
  /** Where this cluster's keys and channels start. */
  prefix: string;
  /** For `new Server(http, { adapter })`. */
  adapter: ReturnType<typeof createAdapter>;
  /** The publishing connection, for the keys. */
  client: { get(key: string): Promise<string | null>; set(key: string, value: string): Promise<unknown> };
  /** Called when the subscriber connection is back after a loss (messages may have been missed). */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

/** Connects both Redis connections the adapter needs; refuses to start when Redis does not answer. */
export async function connectRedis(
  { url, prefix = 'pitwall' }: { url: string; prefix?: string },
  log: Logger,
): Promise<RedisLink> {
  let connected = false;
  // Keep trying once running; at start a Redis that does not answer stops the node at once.
  const reconnectStrategy = (retries: number, cause: Error) => (connected ? Math.min(100 * retries, 2_000) : cause);
  const client = createClient({ url, socket: { reconnectStrategy, connectTimeout: 3_000 } });
  const subscriber = client.duplicate();
  const reconnected: (() => void)[] = [];
  for (const [name, connection] of [
    ['publisher', client],
    ['subscriber', subscriber],
  ] as const) {
    connection.on('error', (error: Error) => {
      if (connected) log.warn('redis connection failed', { connection: name, url, error: error.message });
    });
  }
  subscriber.on('ready', () => {
    if (connected) reconnected.forEach((listener) => listener());
  });
  try {
    await Promise.all([client.connect(), subscriber.connect()]);
  } catch (error) {
    await Promise.allSettled([client.destroy(), subscriber.destroy()]);
    throw new Error(`no Redis at ${url}: ${(error as Error).message}`);
  }
  connected = true;
  log.info('redis connected', { url });
  return {
    prefix,
    adapter: createAdapter(client, subscriber, { key: prefix }),
    client,
    onReconnect: (listener) => reconnected.push(listener),
    close: async () => {
      connected = false;
      await Promise.allSettled([client.quit(), subscriber.quit()]);
    },
  };
}

/** The ingesting node's side: every session and every delta of its hub goes to the other nodes. */
export function publishSessions(io: Server, hub: SessionHub, link: RedisLink, log: Logger): () => void {
  const epoch = randomUUID();
  const snapshots = new SnapshotJson((sessionId) => hub.snapshot(sessionId));
  const report = (error: unknown) => log.warn('redis write failed', { error: (error as Error).message });
  const writeSnapshot = (sessionId: string) => {
    const snapshot = snapshots.get(sessionId);
    if (snapshot) link.client.set(viewKey(link, sessionId), snapshot.json).catch(report);
  };
  const onSessions = (sessions: SessionSummary[]) => {
    sessions.forEach((summary) => writeSnapshot(summary.id));
    const published: PublishedSessions = { epoch, sessions };
    link.client.set(sessionsKey(link), JSON.stringify(published)).catch(report);
    io.serverSideEmit(SESSIONS_EVENT, published);
  };
  const onDelta = (delta: SessionDelta) => {
    writeSnapshot(delta.sessionId);
    io.serverSideEmit(DELTA_EVENT, epoch, delta);
  };
  hub.on('sessions', onSessions);
  hub.on('delta', onDelta);
  onSessions(hub.list());
  // A viewer node that lost its link asks for the list again; answering is cheap.
  link.onReconnect(() => onSessions(hub.list()));
  return () => {
    hub.off('sessions', onSessions);
    hub.off('delta', onDelta);
  };
}

/** A viewer node's copy of the ingesting node's sessions, read from Redis (see followIngestingNode). */
export function sessionMirror(link: RedisLink, log: Logger): SessionMirror {
  const read = async (sessionId: string): Promise<SessionSnapshot | undefined> => {
    const json = await link.client.get(viewKey(link, sessionId));
    return json === null ? undefined : (JSON.parse(json) as SessionSnapshot);
  };
  return new SessionMirror(read, (sessionId, error) =>
    log.warn('redis read failed', { session: sessionId, error: (error as Error).message }),
  );
}

/**
 * Keeps a viewer node's mirror up with the ingesting node: caught up from Redis at start, after
 * a lost link, and when the ingesting node restarted. Then the node's viewers are disconnected
 * and join again, as they would on a single node: their seqs belong to the old run.
 */
export async function followIngestingNode(
  io: Server,
  link: RedisLink,
  mirror: SessionMirror,
  log: Logger,
): Promise<void> {
  let epoch: string | undefined;
  const follow = (published: PublishedSessions) => {
    if (epoch !== undefined && published.epoch !== epoch) {
      log.info('the ingesting node restarted: viewers join again');
      mirror.forget();
      // Closing the connection itself (not a Socket.IO disconnect) makes clients reconnect on their own.
      for (const socket of io.of('/').sockets.values()) socket.conn.close();
    }
    epoch = published.epoch;
    mirror.setSessions(published.sessions);
  };
  const viewers = io.of('/');
  viewers.on(SESSIONS_EVENT, follow);
  viewers.on(DELTA_EVENT, (from: string, delta: SessionDelta) => {
    // Until the list of a new run has come, its deltas would land on the old run's copies.
    if (from === epoch) mirror.receive(delta);
  });
  const load = async () => {
    const json = await link.client.get(sessionsKey(link));
    if (json !== null) follow(JSON.parse(json) as PublishedSessions);
  };
  link.onReconnect(() => {
    load()
      .then(() => mirror.refetchAll())
      .catch((error: unknown) => log.warn('redis read failed', { error: (error as Error).message }));
  });
  await load();
  await mirror.fetched();
}
