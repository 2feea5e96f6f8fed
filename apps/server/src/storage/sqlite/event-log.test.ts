import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedUpdate, RaceControlEntry } from '@pitwall/shared';
import { openDatabase, SCHEMA_VERSION } from './database';
import { openEventLog, type EventLog, type SkippedRow } from './event-log';

const start = (sessionId: string, seq = 1): FeedUpdate => ({
  type: 'full',
  sessionId,
  seq,
  session: { seriesId: 'mx5-cup', event: 'Road Atlanta', name: 'Race 1', status: 'running', flag: 'green' },
  cars: [{ number: '7', classId: 'MX5', driver: 'Gresham Wagner', position: 1, laps: 0 }],
});
const lap = (sessionId: string, seq: number): FeedUpdate => ({
  type: 'patch',
  sessionId,
  seq,
  cars: [{ number: '7', laps: seq - 1 }],
});

function replayAll(log: EventLog) {
  const skipped: SkippedRow[] = [];
  const entries = [...log.replay((row) => skipped.push(row))];
  return { entries, skipped };
}

describe('event log', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pitwall-log-'));
    file = path.join(dir, 'nested', 'pitwall.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replays interleaved sessions in append order, with their origin', () => {
    const log = openEventLog(file);
    const appended: [FeedUpdate, 'feed' | 'demo'][] = [
      [start('race-a'), 'feed'],
      [start('race-b'), 'feed'],
      [lap('race-a', 2), 'feed'],
      [start('demo-1'), 'demo'],
      [lap('race-b', 2), 'feed'],
      [lap('race-a', 3), 'feed'],
    ];
    for (const [update, origin] of appended) log.append(update, origin);
    const { entries, skipped } = replayAll(log);
    expect(entries).toEqual(appended.map(([update, origin]) => ({ update, origin })));
    expect(skipped).toEqual([]);
    log.close();
  });

  it('keeps race-control entries in the same log, in order, and skips one whose row disagrees', () => {
    const log = openEventLog(file);
    const decision: RaceControlEntry = {
      type: 'race-control',
      sessionId: 'race-a',
      id: 1,
      atMs: 1_724_522_400_000,
      author: 'Chief Steward',
      reason: 'contact in turn 1',
      action: { kind: 'time-penalty', car: '7', seconds: 30 },
    };
    log.append(start('race-a'), 'feed');
    log.append(decision, 'race-control');
    log.append(lap('race-a', 2), 'feed');
    log.append({ ...decision, id: 2 }, 'race-control');
    const db = new Database(file);
    db.prepare("UPDATE feed_updates SET seq = 5 WHERE origin = 'race-control' AND seq = 2").run();
    db.close();
    const { entries, skipped } = replayAll(log);
    expect(entries).toEqual([
      { update: start('race-a'), origin: 'feed' },
      { update: decision, origin: 'race-control' },
      { update: lap('race-a', 2), origin: 'feed' },
    ]);
    expect(skipped).toEqual([{ rowId: 4, reason: 'payload is race-a decision 2 but the row says race-a#5' }]);
    log.close();
  });

  it('keeps every update across a reopen and appends after them', () => {
    const first = openEventLog(file);
    first.append(start('race-a'), 'feed');
    first.close();
    const second = openEventLog(file);
    second.append(lap('race-a', 2), 'feed');
    expect(replayAll(second).entries.map((e) => (e.update as FeedUpdate).seq)).toEqual([1, 2]);
    second.close();
  });

  it('writes one row per update with session, seq, origin and receive time, in WAL mode', () => {
    const log = openEventLog(file);
    const before = Date.now();
    log.append(lap('race-a', 5), 'feed');
    log.close();
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT session_id, seq, origin, received_at, payload FROM feed_updates').all() as Record<
      string,
      unknown
    >[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ session_id: 'race-a', seq: 5, origin: 'feed' });
    expect(rows[0]!.received_at).toBeGreaterThanOrEqual(before);
    expect(JSON.parse(rows[0]!.payload as string)).toEqual(lap('race-a', 5));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('skips damaged rows with a reason and replays the rest', () => {
    const log = openEventLog(file);
    log.append(start('race-a'), 'feed');
    log.append(lap('race-a', 2), 'feed');
    log.append(lap('race-a', 3), 'feed');
    log.append(lap('race-a', 4), 'feed');
    log.append(lap('race-a', 5), 'feed');
    const db = new Database(file);
    db.prepare('UPDATE feed_updates SET payload = \'{"type":"patch","sess\' WHERE seq = 2').run();
    db.prepare('UPDATE feed_updates SET payload = ? WHERE seq = 3').run(
      JSON.stringify({ ...lap('race-a', 3), seq: -1 }),
    );
    db.prepare("UPDATE feed_updates SET origin = 'pirate' WHERE seq = 4").run();
    db.prepare("UPDATE feed_updates SET session_id = 'race-b' WHERE seq = 5").run();
    db.close();
    const { entries, skipped } = replayAll(log);
    expect(entries.map((e) => (e.update as FeedUpdate).seq)).toEqual([1]);
    expect(skipped).toEqual([
      { rowId: 2, reason: expect.stringMatching(/^payload is not JSON: /) },
      { rowId: 3, reason: 'payload is not a feed update: seq: Too small: expected number to be >=0' },
      { rowId: 4, reason: 'unknown origin "pirate"' },
      { rowId: 5, reason: 'payload is race-a#5 but the row says race-b#5' },
    ]);
    log.close();
  });
});

describe('schema version', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pitwall-schema-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the schema once and records its version', () => {
    const file = path.join(dir, 'pitwall.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(['archived_sessions', 'feed_updates', 'race_results']);
    db.close();
  });

  it('brings a database of schema version 1 up to date, keeping its log', () => {
    const file = path.join(dir, 'pitwall.db');
    const old = new Database(file);
    old.exec(
      `CREATE TABLE feed_updates (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, seq INTEGER NOT NULL,
         origin TEXT NOT NULL, received_at INTEGER NOT NULL, payload TEXT NOT NULL);
       INSERT INTO feed_updates (session_id, seq, origin, received_at, payload) VALUES ('race', 1, 'feed', 0, '{}');`,
    );
    old.pragma('user_version = 1');
    old.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) FROM feed_updates').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM archived_sessions').pluck().get()).toBe(0);
    db.close();
  });

  it('names the file when it is not a database', () => {
    const file = path.join(dir, 'pitwall.db');
    writeFileSync(file, 'lap chart, not a database'.repeat(100));
    expect(() => openEventLog(file)).toThrow(`cannot open ${file}: file is not a database`);
  });

  it('refuses a database written by a newer Pitwall and leaves it untouched', () => {
    const file = path.join(dir, 'pitwall.db');
    const newer = new Database(file);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => openEventLog(file)).toThrow(
      `has schema version ${SCHEMA_VERSION + 1}, newer than this Pitwall understands (${SCHEMA_VERSION})`,
    );
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(after.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
    after.close();
  });
});
