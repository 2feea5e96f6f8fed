import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Schema steps, applied in order; `PRAGMA user_version` records how many have run. A released
 * step is never edited: a change to the schema is a new step appended here.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE feed_updates (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     session_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     origin TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     payload TEXT NOT NULL
   );
   CREATE TABLE race_results (
     series_id TEXT NOT NULL,
     year INTEGER NOT NULL,
     race INTEGER NOT NULL,
     source TEXT NOT NULL,
     saved_at INTEGER NOT NULL,
     payload TEXT NOT NULL,
     PRIMARY KEY (series_id, year, race)
   );`,
  // Archive marks, and the index that lets deleting a session find its rows without a scan.
  `CREATE TABLE archived_sessions (
     session_id TEXT PRIMARY KEY,
     archived_at INTEGER NOT NULL
   );
   CREATE INDEX feed_updates_by_session ON feed_updates (session_id);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class StorageError extends Error {
  override name = 'StorageError';
}

/** Opens (creating it and its folder if needed) a Pitwall database and brings its schema up to date. */
export function openDatabase(file: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new Database(file);
    // WAL lets a reader (the restore, a standings query) run beside the appender, and turns each
    // append into one sequential write to the -wal file instead of a rewrite of database pages.
    db.pragma('journal_mode = WAL');
    // NORMAL, not FULL: in WAL mode a commit is complete once it is in the -wal file, which the
    // kernel holds even if this process is killed (kill -9, OOM, crash): nothing acknowledged is
    // lost. Only a power cut or kernel panic can lose the commits made since the last checkpoint
    // (SQLite checkpoints, with an fsync, every 1000 pages: at most ~1000 updates); the database stays
    // consistent, just behind. FULL would fsync on every update: a disk flush per timing line
    // against a risk the feed covers, as timing systems resend the running order on reconnect.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db, file);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof StorageError) throw error;
    throw new StorageError(`cannot open ${file}: ${(error as Error).message}`);
  }
}

function migrate(db: Database.Database, file: string): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new StorageError(
        `${file} has schema version ${version}, newer than this Pitwall understands (${SCHEMA_VERSION}): upgrade Pitwall or use another --data-dir`,
      );
    }
    for (const step of MIGRATIONS.slice(version)) db.exec(step);
    // PRAGMA takes no bound parameters; SCHEMA_VERSION is a number from this file.
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
