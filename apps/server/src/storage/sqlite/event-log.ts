import { feedUpdateSchema, raceControlEntrySchema, type FeedUpdate, type RaceControlEntry } from '@pitwall/shared';
import { describeIssues } from '@pitwall/shared';
import type { JournalEntry } from '../../sessions/hub';
import { openDatabase } from './database';

/**
 * A feed update, or a race-control entry (origin `race-control`): one log, in the order accepted.
 * `checked`: parsed with the schema live updates pass, so the hub need not parse it again.
 */
export type LoggedUpdate = JournalEntry & { rowId: number; checked: true };

/** A row replay could not use; the rest of the log is still replayed. */
export interface SkippedRow {
  rowId: number;
  reason: string;
}

/** Every accepted feed update and race-control entry, in the order the hub accepted it. */
export interface EventLog {
  /**
   * Synchronous: when it returns, the entry survives a crash of this process. Returns the entry's
   * row id: its place in the log.
   */
  append(...entry: [FeedUpdate, 'feed' | 'demo'] | [RaceControlEntry, 'race-control']): number;
  /**
   * Updates in append order; rows that cannot be read are passed to `onSkipped` instead. With
   * `after`, a session's rows up to the row id given for it are left out (a snapshot holds them).
   */
  replay(onSkipped: (row: SkippedRow) => void, after?: ReadonlyMap<string, number>): Iterable<LoggedUpdate>;
  close(): void;
}

interface UpdateRow {
  id: number;
  session_id: string;
  seq: number;
  origin: string;
  payload: string;
}

export function openEventLog(file: string): EventLog {
  const db = openDatabase(file);
  const insert = db.prepare<[string, number, string, number, string]>(
    'INSERT INTO feed_updates (session_id, seq, origin, received_at, payload) VALUES (?, ?, ?, ?, ?)',
  );
  // The rows a snapshot holds are left out here, in SQLite, so they are never copied into
  // JavaScript: a start after a snapshot reads only the tail of each session.
  db.exec(
    'CREATE TEMP TABLE IF NOT EXISTS replay_after (session_id TEXT PRIMARY KEY, row_id INTEGER NOT NULL) WITHOUT ROWID',
  );
  const clearAfter = db.prepare('DELETE FROM temp.replay_after');
  const setAfter = db.prepare<[string, number]>('INSERT INTO temp.replay_after (session_id, row_id) VALUES (?, ?)');
  const inOrder = db.prepare<[], UpdateRow>(
    `SELECT id, session_id, seq, origin, payload FROM feed_updates
     WHERE id > coalesce((SELECT row_id FROM temp.replay_after WHERE session_id = feed_updates.session_id), 0)
     ORDER BY id`,
  );
  return {
    append(update, origin) {
      // A race-control entry's number within its session goes in the seq column.
      const seq = update.type === 'race-control' ? update.id : update.seq;
      return Number(insert.run(update.sessionId, seq, origin, Date.now(), JSON.stringify(update)).lastInsertRowid);
    },
    *replay(onSkipped, after = new Map()) {
      db.transaction(() => {
        clearAfter.run();
        for (const [sessionId, rowId] of after) setAfter.run(sessionId, rowId);
      })();
      for (const row of inOrder.iterate()) {
        const read = readRow(row);
        if (typeof read === 'string') onSkipped({ rowId: row.id, reason: read });
        else yield read;
      }
    },
    close: () => db.close(),
  };
}

/** The payload is the source of truth; the columns beside it only index it, so they must agree. */
function readRow(row: UpdateRow): LoggedUpdate | string {
  if (row.origin !== 'feed' && row.origin !== 'demo' && row.origin !== 'race-control') {
    return `unknown origin ${JSON.stringify(row.origin)}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(row.payload);
  } catch (error) {
    return `payload is not JSON: ${(error as Error).message}`;
  }
  if (row.origin === 'race-control') {
    const parsed = raceControlEntrySchema.safeParse(json);
    if (!parsed.success) return `payload is not a race-control entry: ${describeIssues(parsed.error.issues)}`;
    const entry = parsed.data;
    if (entry.sessionId !== row.session_id || entry.id !== row.seq) {
      return `payload is ${entry.sessionId} decision ${entry.id} but the row says ${row.session_id}#${row.seq}`;
    }
    return { update: entry, origin: row.origin, rowId: row.id, checked: true };
  }
  const parsed = feedUpdateSchema.safeParse(json);
  if (!parsed.success) return `payload is not a feed update: ${describeIssues(parsed.error.issues)}`;
  const update = parsed.data;
  if (update.sessionId !== row.session_id || update.seq !== row.seq) {
    return `payload is ${update.sessionId}#${update.seq} but the row says ${row.session_id}#${row.seq}`;
  }
  return { update, origin: row.origin, rowId: row.id, checked: true };
}
