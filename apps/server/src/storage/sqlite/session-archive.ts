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
  const forgetUpdates = db.prepare<[string]>('DELETE FROM feed_updates WHERE session_id = ?');
  const all = db.prepare<[], { session_id: string; archived_at: number }>(
    'SELECT session_id, archived_at FROM archived_sessions',
  );
  // One transaction: a crash leaves the session either whole or gone, never half its log.
  const remove = db.transaction((sessionId: string) => {
    forgetUpdates.run(sessionId);
    unmark.run(sessionId);
  });
  return {
    archive: (sessionId, atMs) => void mark.run(sessionId, atMs),
    unarchive: (sessionId) => void unmark.run(sessionId),
    delete: (sessionId) => remove.immediate(sessionId),
    archived: () => new Map(all.all().map((row) => [row.session_id, row.archived_at])),
    close: () => db.close(),
  };
}
