import path from 'node:path';
import type { Journal, SessionArchive, SessionHub } from '../../sessions/hub';
import type { Logger } from '../../log/logger';
import { openEventLog } from './event-log';
import { restoreSessions, type RestoreReport } from './restore';
import { openResultsStore, type ResultsStore } from './results-store';
import { openSessionArchive } from './session-archive';

/** The one database file under a data directory; `*.db` is git-ignored wherever it lands. */
export const DATABASE_FILE = 'pitwall.db';

export interface SqliteStorage {
  /** Pass as `journal` to startPitwall / SessionHub. */
  journal: Journal;
  /** Pass as `archive` to startPitwall / SessionHub. */
  archive: SessionArchive;
  /** Replays the log into `hub`, then marks the archived sessions; call once, before any feed is connected. */
  restore(hub: SessionHub): RestoreReport;
  results: ResultsStore;
  close(): void;
}

/** Durable sessions and race results in `<dataDir>/pitwall.db`. */
export function sqliteStorage(dataDir: string, logger: Logger): SqliteStorage {
  const file = path.join(dataDir, DATABASE_FILE);
  const log = openEventLog(file);
  const results = openResultsStore(file);
  const archive = openSessionArchive(file);
  return {
    journal(update, origin) {
      // The demo regenerates deterministically on every start and must never leak into real
      // data, so its sessions are not kept.
      if (origin === 'demo') return;
      if (update.type === 'race-control') {
        if (origin === 'race-control') log.append(update, origin);
      } else if (origin !== 'race-control') log.append(update, origin);
    },
    archive,
    restore(hub) {
      const report = restoreSessions(hub, log, logger);
      hub.restoreArchived(archive.archived());
      return report;
    },
    results,
    close() {
      log.close();
      archive.close();
      results.close();
    },
  };
}
