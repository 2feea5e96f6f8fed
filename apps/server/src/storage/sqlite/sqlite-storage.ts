import path from 'node:path';
import type { Journal, SessionHub } from '../../sessions/hub';
import type { Logger } from '../../log/logger';
import { openEventLog } from './event-log';
import { restoreSessions, type RestoreReport } from './restore';
import { openResultsStore, type ResultsStore } from './results-store';

/** The one database file under a data directory; `*.db` is git-ignored wherever it lands. */
export const DATABASE_FILE = 'pitwall.db';

export interface SqliteStorage {
  /** Pass as `journal` to startPitwall / SessionHub. */
  journal: Journal;
  /** Replays the log into `hub`; call once, before any feed is connected. */
  restore(hub: SessionHub): RestoreReport;
  results: ResultsStore;
  close(): void;
}

/** Durable sessions and race results in `<dataDir>/pitwall.db`. */
export function sqliteStorage(dataDir: string, logger: Logger): SqliteStorage {
  const file = path.join(dataDir, DATABASE_FILE);
  const log = openEventLog(file);
  const results = openResultsStore(file);
  return {
    journal(update, origin) {
      // The demo regenerates deterministically on every start and must never leak into real
      // data, so its sessions are not kept.
      if (origin === 'demo') return;
      if (update.type === 'race-control') {
        if (origin === 'race-control') log.append(update, origin);
      } else if (origin !== 'race-control') log.append(update, origin);
    },
    restore: (hub) => restoreSessions(hub, log, logger),
    results,
    close() {
      log.close();
      results.close();
    },
  };
}
