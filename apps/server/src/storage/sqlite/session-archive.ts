import type { SessionArchive } from '../../sessions/hub';
import { openDatabase } from './database';

/** Archive marks and deletions in the database; each call has committed when it returns. */
export interface StoredSessionArchive extends SessionArchive {
  /** Archived sessions with when they were archived (ms since epoch), for the restore. */
  archived(): Map<string, number>;
  close(): void;
}

export function openSessionArchive(file: string): StoredSessionArchive {
  const db = openDatabase(file);
  const mark = db.prepare<[string, number]>(
    'INSERT INTO archived_sessions (session_id, archived_at) VALUES (?, ?) ON CONFLICT (session_id) DO NOTHING',
  );
  const unmark = db.prepare<[string]>('DELETE FROM archived_sessions WHERE session_id = ?');
  const all = db.prepare<[], { session_id: string; archived_at: number }>(
    'SELECT session_id, archived_at FROM archived_sessions',
  );
  // Every table with a session_id column holds something of the session (its log, its archive
  // mark, and whatever later schema steps key by session): deleting clears them all, so a table
  // added later cannot bring a deleted session back on restore.
  const sessionTables = () =>
    db
      .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all()
      .filter((table) =>
        db.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck().all(table).includes('session_id'),
      );
  // One transaction: a crash leaves the session either whole or gone, never half its log.
  const remove = db.transaction((sessionId: string) => {
    // Table names come from the schema itself, never from a request.
    for (const table of sessionTables()) db.prepare(`DELETE FROM "${table}" WHERE session_id = ?`).run(sessionId);
  });
  return {
    archive: (sessionId, atMs) => void mark.run(sessionId, atMs),
    unarchive: (sessionId) => void unmark.run(sessionId),
    delete: (sessionId) => remove.immediate(sessionId),
    archived: () => new Map(all.all().map((row) => [row.session_id, row.archived_at])),
    close: () => db.close(),
  };
}
