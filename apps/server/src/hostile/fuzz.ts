import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import type { IngestResult, SessionState } from '@pitwall/shared';
import { startPitwall } from '../app';
import { silentLogger } from '../log/logger';
import { connectRMonitor } from '../feeds/rmonitor/tcp-client';
import { fakeTimingServer, until } from '../test-support/rmonitor';
import { SessionHub } from '../sessions/hub';
import { sqliteStorage } from '../storage/sqlite/sqlite-storage';
import { hostileLines, hostileUpdates } from './inputs';

export interface FuzzReport {
  seed: number;
  sent: { socket: number; http: number; rmonitorLines: number };
  /** Answers by status, over Socket.IO and HTTP. */
  answers: Record<IngestResult['status'], number>;
  /** HTTP answers of 500 or more: there must be none. */
  serverErrors: number;
  /** CPU time of the slowest update the hub took (ms): the server's own time, not the machine's queue. */
  slowestUpdateMs: number;
  /** Sessions whose positions do not run 1..N: there must be none. */
  brokenOrders: string[];
  heapUsedMb: number;
  /** Sessions brought back from the log of everything accepted, and whether each equals the live one. */
  restore: { replayed: number; refused: number; skipped: number; unequal: string[] };
}

const TOKEN = 'fuzz-token';

function orderProblem(state: SessionState): boolean {
  const positions = [...state.cars.values()].map((car) => car.position).sort((a, b) => a - b);
  return positions.some((position, i) => position !== i + 1);
}

const take = <T>(items: Iterator<T>, count: number): T[] =>
  Array.from({ length: count }, () => items.next().value as T);

/**
 * Sends `count` hostile updates over Socket.IO and over HTTP (each to its own session) and as
 * many RMonitor lines over TCP to a server with real storage, then restores a second hub from the
 * same log. Everything a property check needs is in the report.
 */
export async function fuzzFeeds(seed: number, count: number): Promise<FuzzReport> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pitwall-fuzz-'));
  const storage = sqliteStorage(dataDir, silentLogger);
  const pitwall = await startPitwall({
    port: 0,
    host: '127.0.0.1',
    feedToken: TOKEN,
    webRoot: '/nonexistent',
    log: silentLogger,
    journal: storage.journal,
  });
  const { hub } = pitwall;
  let slowestUpdateMs = 0;
  const ingest = hub.ingest.bind(hub);
  hub.ingest = (input, origin) => {
    const before = process.cpuUsage();
    const result = ingest(input, origin);
    const used = process.cpuUsage(before);
    slowestUpdateMs = Math.max(slowestUpdateMs, (used.user + used.system) / 1000);
    return result;
  };
  const answers: FuzzReport['answers'] = { accepted: 0, ignored: 0, rejected: 0, unavailable: 0 };
  let serverErrors = 0;
  const timing = await fakeTimingServer(take(hostileLines(seed), count).join('\r\n') + '\r\n');
  const feed = connect(`${pitwall.url}/feed`, { auth: { token: TOKEN }, transports: ['websocket'] });
  try {
    for (const update of take(hostileUpdates(`fuzz-socket-${seed}`, seed), count)) {
      const result = (await feed.timeout(10_000).emitWithAck('update', update)) as IngestResult;
      answers[result.status] += 1;
    }
    for (const update of take(hostileUpdates(`fuzz-http-${seed}`, seed + 1), count)) {
      const response = await fetch(`${pitwall.url}/api/feed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(update) ?? 'null',
      });
      if (response.status >= 500 && response.status !== 503) serverErrors += 1;
      const body = (await response.json()) as Partial<IngestResult>;
      if (body.status) answers[body.status] += 1;
    }
    const rmonitor = connectRMonitor({
      host: '127.0.0.1',
      port: timing.port,
      builderOptions: { sessionId: `fuzz-rmonitor-${seed}`, seriesId: 'fuzz', event: 'Fuzz', name: 'TCP' },
      ingest: (update) => hub.ingest(update, 'feed'),
      log: silentLogger,
      quietFlushMs: 50,
    });
    // Every line is read once the client has taken the whole stream and gone quiet.
    await until(() => (rmonitor.health().lastMessageAtMs ?? Infinity) < Date.now() - 500, 60_000);
    await rmonitor.close();

    const sessions = hub.list().map((summary) => summary.id);
    const brokenOrders = sessions.filter((id) => orderProblem(hub.state(id)!));
    const restored = new SessionHub();
    const report = storage.restore(restored);
    const unequal = sessions.filter(
      (id) => JSON.stringify(restored.snapshot(id)?.view) !== JSON.stringify(hub.snapshot(id)?.view),
    );
    return {
      seed,
      sent: { socket: count, http: count, rmonitorLines: count },
      answers,
      serverErrors,
      slowestUpdateMs: Math.round(slowestUpdateMs * 10) / 10,
      brokenOrders,
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
      restore: { replayed: report.replayed, refused: report.refused, skipped: report.skipped, unequal },
    };
  } finally {
    feed.close();
    await timing.close();
    await pitwall.close();
    storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The properties every run must keep, as readable failures (none when all hold). */
export function fuzzFailures(report: FuzzReport): string[] {
  const answered = Object.values(report.answers).reduce((a, b) => a + b, 0);
  return [
    answered !== report.sent.socket + report.sent.http &&
      `${answered} answers to ${report.sent.socket + report.sent.http} updates`,
    report.serverErrors > 0 && `${report.serverErrors} HTTP 5xx`,
    report.brokenOrders.length > 0 && `positions not 1..N in ${report.brokenOrders.join(', ')}`,
    report.slowestUpdateMs >= 50 && `an update took ${report.slowestUpdateMs} ms`,
    report.heapUsedMb >= 500 && `heap ${report.heapUsedMb} MB`,
    (report.restore.refused > 0 || report.restore.skipped > 0 || report.restore.unequal.length > 0) &&
      `restore ${JSON.stringify(report.restore)}`,
  ].filter((failure): failure is string => typeof failure === 'string');
}
