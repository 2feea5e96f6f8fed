import { performance } from 'node:perf_hooks';
import type { FeedUpdate, RaceControlEntry } from '@pitwall/shared';
import type { SessionHub } from '../../sessions/hub';
import type { Logger } from '../../log/logger';
import type { EventLog, LoggedUpdate } from './event-log';
import type { SnapshotStore } from './snapshots';

export interface RestoreReport {
  /** Sessions brought back. */
  sessions: number;
  /** Of those, sessions that started from their snapshot (the rest from their first update). */
  fromSnapshots: number;
  /** Snapshots that could not be used: their sessions were replayed from the whole log. */
  snapshotsIgnored: number;
  /** Logged updates the hub accepted again (after each session's snapshot). */
  replayed: number;
  /** Logged updates the hub now refuses (rejected or ignored), e.g. after a rule became stricter. */
  refused: number;
  /** Rows that could not be read at all. */
  skipped: number;
  ms: number;
}

/** Enough lines to diagnose a damaged log without burying the rest of the start-up output. */
const DETAILED_WARNINGS = 20;

/** Where a restored session's log stands: its last row, the row its snapshot holds up to, rows read after it. */
export interface LogPosition {
  lastRowId: number;
  throughId: number;
  tail: number;
}

/**
 * Rebuilds every logged session in `hub`: from its latest snapshot when one decodes, then the
 * log rows after it (all of them otherwise), through the same validation as live updates
 * (`hub.restore` journals nothing and derives each session's view once).
 */
export function restoreSessions(
  hub: SessionHub,
  log: EventLog,
  snapshots: SnapshotStore | undefined,
  logger: Logger,
): { summary: RestoreReport; positions: Map<string, LogPosition> } {
  const started = performance.now();
  const report = { replayed: 0, refused: 0, skipped: 0, snapshotsIgnored: 0 };
  const sessions = new Set<string>();
  const warn = (message: string, fields: Record<string, unknown>) => {
    if (report.refused + report.skipped + report.snapshotsIgnored <= DETAILED_WARNINGS) logger.warn(message, fields);
  };
  const stored = snapshots?.load((ignored) => {
    report.snapshotsIgnored++;
    warn('session snapshot ignored, replaying its whole log', { session: ignored.sessionId, reason: ignored.reason });
  });
  const positions = new Map<string, LogPosition>();
  for (const [sessionId, { throughId }] of stored ?? []) {
    positions.set(sessionId, { lastRowId: throughId, throughId, tail: 0 });
    sessions.add(sessionId);
  }
  const throughIds = new Map([...positions].map(([sessionId, { throughId }]) => [sessionId, throughId]));
  const rows = log.replay((row) => {
    report.skipped++;
    warn('event log row skipped', { row: row.rowId, reason: row.reason });
  }, throughIds);
  const entries = tracked(rows, positions);
  const from = new Map([...(stored ?? [])].map(([sessionId, { record }]) => [sessionId, record]));
  hub.restore(
    entries,
    (result, update) => {
      const logged = update as FeedUpdate | RaceControlEntry;
      const { sessionId } = logged;
      const seq = logged.type === 'race-control' ? `decision ${logged.id}` : logged.seq;
      if (result.status === 'accepted') {
        report.replayed++;
        sessions.add(sessionId);
        return;
      }
      report.refused++;
      warn('logged update refused on restore', {
        session: sessionId,
        seq,
        reason: result.status === 'rejected' ? result.error : result.reason,
      });
    },
    from,
  );
  const summary: RestoreReport = {
    sessions: sessions.size,
    fromSnapshots: from.size,
    ...report,
    ms: Math.round(performance.now() - started),
  };
  logger.info('sessions restored', { ...summary });
  return { summary, positions };
}

/** Notes, as the rows stream past, where each session's log ends. */
function* tracked(rows: Iterable<LoggedUpdate>, positions: Map<string, LogPosition>): Iterable<LoggedUpdate> {
  for (const row of rows) {
    const { sessionId } = row.update;
    const position = positions.get(sessionId) ?? { lastRowId: 0, throughId: 0, tail: 0 };
    positions.set(sessionId, position);
    position.lastRowId = row.rowId;
    position.tail++;
    yield row;
  }
}
