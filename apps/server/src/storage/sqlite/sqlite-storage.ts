import path from 'node:path';
import type { SessionRecord } from '@pitwall/shared';
import type { Journal, SessionArchive, SessionHub } from '../../sessions/hub';
import type { Logger } from '../../log/logger';
import { openEventLog } from './event-log';
import { restoreSessions, type RestoreReport } from './restore';
import { openResultsStore, type ResultsStore } from './results-store';
import { openSessionArchive } from './session-archive';
import { openSnapshotStore } from './snapshots';

/** The one database file under a data directory; `*.db` is git-ignored wherever it lands. */
export const DATABASE_FILE = 'pitwall.db';

/**
 * A session's snapshot is rewritten after this many of its updates (and when it finishes, and on
 * a clean shutdown), so a start after a crash replays at most this many updates per session.
 * Each snapshot costs about as much as the session's lap history, so more often costs more.
 */
export const DEFAULT_SNAPSHOT_EVERY = 1_000;

export interface SqliteStorageOptions {
  /** Updates of a session between two of its snapshots; 0 keeps no snapshots (restore reads the whole log). */
  snapshotEvery?: number;
}

export interface SqliteStorage {
  /** Pass as `journal` to startPitwall / SessionHub. */
  journal: Journal;
  /** Pass as `archive` to startPitwall / SessionHub. */
  archive: SessionArchive;
  /**
   * Replays the log into `hub`, from each session's snapshot on, then marks the archived sessions;
   * call once, before any feed is connected.
   */
  restore(hub: SessionHub): RestoreReport;
  results: ResultsStore;
  /** Writes the snapshots still due, then closes the database. */
  close(): void;
}

/** What the storage knows of a session it journals: where its log ends and where its snapshot does. */
interface Kept {
  lastRowId: number;
  snapshotThroughId: number;
  /** Rows of the session after its snapshot. */
  sinceSnapshot: number;
  latest?: SessionRecord;
  finished: boolean;
}

/** Durable sessions and race results in `<dataDir>/pitwall.db`. */
export function sqliteStorage(dataDir: string, logger: Logger, options: SqliteStorageOptions = {}): SqliteStorage {
  const file = path.join(dataDir, DATABASE_FILE);
  const every = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
  const log = openEventLog(file);
  const snapshots = openSnapshotStore(file);
  const results = openResultsStore(file);
  const archive = openSessionArchive(file);
  const kept = new Map<string, Kept>();
  const due = new Set<string>();
  let flushing: NodeJS.Immediate | undefined;

  /**
   * A snapshot is an optimisation: failing to write one loses nothing (the log has every update),
   * so it is logged and the session stays due.
   */
  const writeSnapshot = (sessionId: string) => {
    const session = kept.get(sessionId);
    if (!session?.latest || session.lastRowId <= session.snapshotThroughId) return;
    try {
      snapshots.save(sessionId, { throughId: session.lastRowId, record: session.latest });
      session.snapshotThroughId = session.lastRowId;
      session.sinceSnapshot = 0;
    } catch (error) {
      logger.warn('session snapshot not written', { session: sessionId, error: (error as Error).message });
    }
  };
  const flush = () => {
    flushing = undefined;
    for (const sessionId of due) writeSnapshot(sessionId);
    due.clear();
  };
  // Written after the update's answer and delta have gone out, never inside the update's own write.
  const schedule = (sessionId: string) => {
    due.add(sessionId);
    flushing ??= setImmediate(flush);
  };

  const journaled = (sessionId: string, rowId: number, after: SessionRecord) => {
    const session = kept.get(sessionId) ?? { lastRowId: 0, snapshotThroughId: 0, sinceSnapshot: 0, finished: false };
    kept.set(sessionId, session);
    session.lastRowId = rowId;
    session.latest = after;
    session.sinceSnapshot++;
    const finished = after.state.info.status === 'finished';
    const justFinished = finished && !session.finished;
    session.finished = finished;
    if (every > 0 && (session.sinceSnapshot >= every || justFinished)) schedule(sessionId);
  };

  return {
    journal(update, origin, after) {
      // The demo regenerates deterministically on every start and must never leak into real
      // data, so its sessions are not kept.
      if (origin === 'demo') return;
      if (update.type === 'race-control') {
        if (origin === 'race-control') journaled(update.sessionId, log.append(update, origin), after);
      } else if (origin !== 'race-control') journaled(update.sessionId, log.append(update, origin), after);
    },
    restore(hub) {
      const report = restoreSessions(hub, log, every > 0 ? snapshots : undefined, logger);
      for (const [sessionId, { lastRowId, throughId, tail }] of report.positions) {
        const state = hub.state(sessionId);
        // Every row of it refused: nothing of the session came back to snapshot.
        if (!state) continue;
        const latest = { state, raceControl: hub.raceControlState(sessionId)! };
        kept.set(sessionId, {
          lastRowId,
          snapshotThroughId: throughId,
          sinceSnapshot: tail,
          latest,
          finished: latest.state.info.status === 'finished',
        });
        // The next start should not have to replay this tail again.
        if (every > 0 && tail > 0) schedule(sessionId);
      }
      hub.restoreArchived(archive.archived());
      return report.summary;
    },
    archive: {
      ...archive,
      // Deleting removes the session's snapshot with its log; nothing of it may be written again.
      delete(sessionId) {
        archive.delete(sessionId);
        kept.delete(sessionId);
        due.delete(sessionId);
      },
    },
    results,
    close() {
      if (flushing) clearImmediate(flushing);
      if (every > 0) {
        for (const sessionId of kept.keys()) due.add(sessionId);
        flush();
      }
      log.close();
      snapshots.close();
      archive.close();
      results.close();
    },
  };
}
