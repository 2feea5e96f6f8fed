import { decodeStateSnapshot, encodeStateSnapshot, type SessionRecord } from '@pitwall/shared';
import { openDatabase } from './database';

/** A session as it stood after log row `throughId`. */
export interface StoredSnapshot {
  throughId: number;
  record: SessionRecord;
}

/** A snapshot restore cannot use: the session is replayed from its whole log instead. */
export interface IgnoredSnapshot {
  sessionId: string;
  reason: string;
}

/** The latest state snapshot of each session, beside the event log in the same database. */
export interface SnapshotStore {
  /** Replaces the session's snapshot. */
  save(sessionId: string, snapshot: StoredSnapshot): void;
  /** Every snapshot that decodes; the others are passed to `onIgnored`. */
  load(onIgnored: (snapshot: IgnoredSnapshot) => void): Map<string, StoredSnapshot>;
  close(): void;
}

interface SnapshotRow {
  session_id: string;
  through_id: number;
  payload: string;
  /** The session of log row through_id, when there is such a row. */
  logged_as: string | null;
}

export function openSnapshotStore(file: string): SnapshotStore {
  const db = openDatabase(file);
  const upsert = db.prepare<[string, number, number, string]>(
    `INSERT INTO session_snapshots (session_id, through_id, saved_at, payload) VALUES (?, ?, ?, ?)
     ON CONFLICT (session_id) DO UPDATE SET through_id = excluded.through_id, saved_at = excluded.saved_at,
       payload = excluded.payload`,
  );
  const all = db.prepare<[], SnapshotRow>(
    `SELECT s.session_id, s.through_id, s.payload, f.session_id AS logged_as
     FROM session_snapshots s LEFT JOIN feed_updates f ON f.id = s.through_id`,
  );
  return {
    save(sessionId, { throughId, record }) {
      upsert.run(sessionId, throughId, Date.now(), encodeStateSnapshot(record));
    },
    load(onIgnored) {
      const snapshots = new Map<string, StoredSnapshot>();
      for (const row of all.iterate()) {
        const decoded = decodeStateSnapshot(row.payload);
        const reason = decoded.ok ? mismatch(row, decoded.record) : decoded.error;
        if (reason !== undefined) onIgnored({ sessionId: row.session_id, reason });
        else if (decoded.ok) snapshots.set(row.session_id, { throughId: row.through_id, record: decoded.record });
      }
      return snapshots;
    },
    close: () => db.close(),
  };
}

/**
 * The payload is the truth, as in the event log: the columns beside it must agree with it, and
 * the log must still hold the session's row the snapshot was taken after (a session whose log
 * was removed must not come back from its snapshot).
 */
function mismatch(row: SnapshotRow, record: SessionRecord): string | undefined {
  if (record.state.info.id !== row.session_id) {
    return `snapshot is of session ${record.state.info.id} but the row says ${row.session_id}`;
  }
  if (row.logged_as !== row.session_id) {
    return `it was taken after log row ${row.through_id}, which the log does not hold for this session`;
  }
  return undefined;
}
