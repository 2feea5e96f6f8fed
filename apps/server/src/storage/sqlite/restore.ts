import { performance } from 'node:perf_hooks';
import type { FeedUpdate, RaceControlEntry } from '@pitwall/shared';
import type { SessionHub } from '../../sessions/hub';
import type { Logger } from '../../log/logger';
import type { EventLog } from './event-log';

export interface RestoreReport {
  /** Sessions brought back. */
  sessions: number;
  /** Logged updates the hub accepted again. */
  replayed: number;
  /** Logged updates the hub now refuses (rejected or ignored), e.g. after a rule became stricter. */
  refused: number;
  /** Rows that could not be read at all. */
  skipped: number;
  ms: number;
}

/** Enough lines to diagnose a damaged log without burying the rest of the start-up output. */
const DETAILED_WARNINGS = 20;

/**
 * Rebuilds every logged session in `hub` from the log, through the same validation as live
 * updates (`hub.restore` journals nothing and derives each session's view once).
 */
export function restoreSessions(hub: SessionHub, log: EventLog, logger: Logger): RestoreReport {
  const started = performance.now();
  const report = { replayed: 0, refused: 0, skipped: 0 };
  const sessions = new Set<string>();
  const warn = (message: string, fields: Record<string, unknown>) => {
    if (report.refused + report.skipped <= DETAILED_WARNINGS) logger.warn(message, fields);
  };
  const entries = log.replay((row) => {
    report.skipped++;
    warn('event log row skipped', { row: row.rowId, reason: row.reason });
  });
  hub.restore(entries, (result, update) => {
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
  });
  const restored: RestoreReport = { sessions: sessions.size, ...report, ms: Math.round(performance.now() - started) };
  logger.info('sessions restored', { ...restored });
  return restored;
}
