import type { FeedUpdate } from '@pitwall/shared';
import type { UpdateOrigin } from '../../sessions/hub';
import { openDatabase } from './database';

export interface LoggedUpdate {
  /** As stored: the hub validates it on replay, like any update offered to it. */
  update: unknown;
  origin: UpdateOrigin;
}

/** A row replay could not use; the rest of the log is still replayed. */
export interface SkippedRow {
  rowId: number;
  reason: string;
}

/** Every accepted feed update, in the order the hub accepted it. */
export interface EventLog {
  /** Synchronous: when it returns, the update survives a crash of this process. */
  append(update: FeedUpdate, origin: UpdateOrigin): void;
  /** Updates in append order; rows that cannot be read are passed to `onSkipped` instead. */
  replay(onSkipped: (row: SkippedRow) => void): Iterable<LoggedUpdate>;
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
  const inOrder = db.prepare<[], UpdateRow>(
    'SELECT id, session_id, seq, origin, payload FROM feed_updates ORDER BY id',
  );
  return {
    append(update, origin) {
      insert.run(update.sessionId, update.seq, origin, Date.now(), JSON.stringify(update));
    },
    *replay(onSkipped) {
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
  if (row.origin !== 'feed' && row.origin !== 'demo') return `unknown origin ${JSON.stringify(row.origin)}`;
  let json: unknown;
  try {
    json = JSON.parse(row.payload);
  } catch (error) {
    return `payload is not JSON: ${(error as Error).message}`;
  }
  // Only the columns are checked here: the hub validates the update itself when it replays it,
  // with the same rules as a live one, and reports what no longer passes.
  const { sessionId, seq } = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (sessionId !== row.session_id || seq !== row.seq) {
    return `payload is ${String(sessionId)}#${String(seq)} but the row says ${row.session_id}#${row.seq}`;
  }
  return { update: json, origin: row.origin };
}
