import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSessionArchive, type StoredSessionArchive } from './session-archive';

describe('session archive in SQLite', () => {
  let dir: string;
  let file: string;
  let archive: StoredSessionArchive;
  const count = (table: string, sessionId: string) => {
    const db = new Database(file, { readonly: true });
    const rows = db.prepare(`SELECT count(*) FROM ${table} WHERE session_id = ?`).pluck().get(sessionId);
    db.close();
    return rows;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pitwall-archive-'));
    file = path.join(dir, 'pitwall.db');
    archive = openSessionArchive(file);
  });
  afterEach(() => {
    archive.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps archive marks across a reopen, the first time of archiving kept', () => {
    archive.archive('race', 1_000);
    archive.archive('race', 2_000);
    archive.archive('practice', 3_000);
    archive.unarchive('practice');
    archive.close();
    archive = openSessionArchive(file);
    expect(archive.archived()).toEqual(new Map([['race', 1_000]]));
  });

  it('deletes the session from every table keyed by session, other sessions untouched', () => {
    const db = new Database(file);
    // A table a later schema step might add (session snapshots): deleting must clear it too.
    db.exec('CREATE TABLE later_by_session (session_id TEXT, payload TEXT)');
    const log = db.prepare(
      "INSERT INTO feed_updates (session_id, seq, origin, received_at, payload) VALUES (?, 1, 'feed', 0, '{}')",
    );
    for (const id of ['race', 'other']) {
      log.run(id);
      db.prepare("INSERT INTO later_by_session VALUES (?, '{}')").run(id);
    }
    db.close();
    archive.archive('race', 1_000);
    archive.delete('race');
    for (const table of ['feed_updates', 'later_by_session', 'archived_sessions']) {
      expect(count(table, 'race'), table).toBe(0);
    }
    expect([count('feed_updates', 'other'), count('later_by_session', 'other')]).toEqual([1, 1]);
  });
});
