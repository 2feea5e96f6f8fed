import net from 'node:net';
import type { FeedUpdate, IngestResult } from '@pitwall/shared';
import type { Logger } from '../../log/logger';
import { LineSplitter, MAX_LINE_LENGTH } from './line-splitter';
import { parseLine } from './parser';
import { createSessionBuilder, type SessionBuilderOptions } from './session-builder';

export type RMonitorConnectionState = 'connecting' | 'connected' | 'waiting' | 'closed';

export interface RMonitorRejection {
  atMs: number;
  reason: string;
  line: string;
}

export interface RMonitorHealth {
  state: RMonitorConnectionState;
  /** Records parsed (known or ignored), over all connections. */
  messagesReceived: number;
  linesRejected: number;
  /** The last 10 rejected lines or refused updates, newest last. */
  lastRejections: RMonitorRejection[];
  /** Epoch ms of the last line received. */
  lastMessageAtMs?: number;
  connects: number;
  updatesAccepted: number;
  updatesRefused: number;
}

export interface RMonitorClientOptions {
  host: string;
  port: number;
  builderOptions: SessionBuilderOptions;
  ingest: (update: FeedUpdate) => IngestResult;
  log: Logger;
  onState?: (state: RMonitorConnectionState) => void;
  /** Reconnect delays: doubling from `initialMs` up to `maxMs`, each with jitter. */
  backoff?: { initialMs: number; maxMs: number };
  /**
   * Emit what arrived when the line goes quiet this long without a heartbeat; timing systems send
   * $F every second, so this only matters for a feed without heartbeats or at the end of a stream.
   */
  quietFlushMs?: number;
  /** For tests: the jitter's random source. */
  random?: () => number;
}

export interface RMonitorClient {
  health(): RMonitorHealth;
  /** Stops reconnecting and closes the connection. */
  close(): Promise<void>;
}

const REJECTIONS_KEPT = 10;
/** What is kept of a rejected line and of a reason: enough to diagnose, never a feed's megabytes. */
export const REJECTED_LINE_KEPT = 200;
const REASON_KEPT = 300;
/** A live feed sends $F every second: this long without a byte means the link is dead. */
const SILENCE_TIMEOUT_MS = 15_000;

/**
 * Connects to an RMonitor timing feed (Orbits / IMSA, usually port 50000) and keeps one session
 * up to date. The session builder outlives connections: after a drop the client reconnects
 * with exponential backoff and carries on, and the timing system's next 30 s refresh fills in
 * what was missed while disconnected.
 */
export function connectRMonitor(options: RMonitorClientOptions): RMonitorClient {
  const { host, port, ingest, log } = options;
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 10_000 };
  const quietFlushMs = options.quietFlushMs ?? 2_000;
  const random = options.random ?? Math.random;
  const builder = createSessionBuilder(options.builderOptions);
  const splitter = new LineSplitter({
    onOverlong: (head) => {
      health.linesRejected += 1;
      remember(`line longer than ${MAX_LINE_LENGTH} characters: dropped`, head);
    },
  });
  const health: RMonitorHealth = {
    state: 'connecting',
    messagesReceived: 0,
    linesRejected: 0,
    lastRejections: [],
    connects: 0,
    updatesAccepted: 0,
    updatesRefused: 0,
  };
  let socket: net.Socket | undefined;
  let failures = 0;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let quietTimer: NodeJS.Timeout | undefined;
  const where = `${host}:${port}`;

  const setState = (state: RMonitorConnectionState) => {
    if (health.state === state) return;
    health.state = state;
    options.onState?.(state);
  };

  const remember = (reason: string, line: string) => {
    const kept = { atMs: Date.now(), reason: reason.slice(0, REASON_KEPT), line: line.slice(0, REJECTED_LINE_KEPT) };
    health.lastRejections = [...health.lastRejections, kept].slice(-REJECTIONS_KEPT);
  };

  const send = (update: FeedUpdate | undefined) => {
    if (!update) return;
    const result = ingest(update);
    if (result.status === 'accepted') {
      health.updatesAccepted += 1;
      return;
    }
    // The store and the builder disagree about what the session holds: start again from a full update.
    health.updatesRefused += 1;
    const reason = result.status === 'rejected' ? result.error : `${result.reason} (store is at seq ${result.lastSeq})`;
    remember(`update ${update.seq} refused: ${reason}`, '');
    log.warn('rmonitor update refused', { feed: where, seq: update.seq, reason });
    builder.resync(result.status === 'ignored' ? result.lastSeq : undefined);
  };

  const receive = (line: string) => {
    for (const record of parseLine(line)) {
      if (record.kind === 'rejected') {
        health.linesRejected += 1;
        remember(record.reason, record.line);
        continue;
      }
      health.messagesReceived += 1;
      const { update, problem } = builder.push(record);
      if (problem) {
        health.linesRejected += 1;
        remember(problem, line);
      }
      send(update);
    }
  };

  const connect = () => {
    if (closed) return;
    setState('connecting');
    const connection = net.createConnection({ host, port });
    socket = connection;
    connection.setTimeout(SILENCE_TIMEOUT_MS, () =>
      connection.destroy(new Error(`no data for ${SILENCE_TIMEOUT_MS / 1000} s`)),
    );
    connection.on('connect', () => {
      health.connects += 1;
      setState('connected');
      log.info('rmonitor connected', { feed: where });
    });
    connection.on('data', (chunk: Buffer) => {
      failures = 0;
      health.lastMessageAtMs = Date.now();
      for (const line of splitter.push(chunk)) receive(line);
      clearTimeout(quietTimer);
      quietTimer = setTimeout(() => send(builder.flush()), quietFlushMs);
    });
    connection.on('error', (error) => log.warn('rmonitor connection error', { feed: where, error: error.message }));
    connection.on('close', () => {
      const tail = splitter.reset();
      if (tail.trim() !== '') {
        health.linesRejected += 1;
        remember('connection dropped in the middle of this line', tail);
      }
      if (closed) return;
      const delay = retryDelay(failures++, backoff, random);
      log.warn('rmonitor disconnected, reconnecting', { feed: where, inMs: delay });
      setState('waiting');
      retryTimer = setTimeout(connect, delay);
    });
  };

  connect();

  return {
    health: () => ({ ...health, lastRejections: [...health.lastRejections] }),
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        clearTimeout(retryTimer);
        clearTimeout(quietTimer);
        setState('closed');
        if (!socket || socket.destroyed) return resolve();
        socket.once('close', () => resolve());
        socket.destroy();
      }),
  };
}

/**
 * Exponential backoff with jitter: attempt n waits between half and all of initial * 2^n
 * (capped), so many clients dropped by the same timing-system restart do not reconnect in step.
 */
export function retryDelay(
  attempt: number,
  backoff: { initialMs: number; maxMs: number },
  random: () => number,
): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
