import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedUpdate } from '@pitwall/shared';
import { SessionHub } from '../../sessions/hub';
import { silentLogger, type Logger } from '../../log/logger';
import { DATABASE_FILE, sqliteStorage, type SqliteStorage } from './sqlite-storage';

const start = (sessionId: string, demo = false): FeedUpdate => ({
  type: 'full',
  sessionId,
  seq: 1,
  session: {
    seriesId: 'imsa-vp',
    event: 'Sebring',
    name: 'Race',
    status: 'running',
    flag: 'green',
    ...(demo ? { demo } : {}),
  },
  cars: [
    { number: '17', classId: 'GSX', driver: 'Robert Noaker', position: 1, laps: 0 },
    { number: '38', classId: 'LMP3', driver: 'Cameron Shields', position: 2, laps: 0 },
  ],
});
const lap = (sessionId: string, seq: number): FeedUpdate => ({
  type: 'patch',
  sessionId,
  seq,
  cars: [
    { number: '17', laps: seq - 1, position: seq % 2 ? 1 : 2, totalTimeMs: seq * 120_000 },
    { number: '38', laps: seq - 1, position: seq % 2 ? 2 : 1, totalTimeMs: seq * 120_000 + 800 },
  ],
});

function recordingLogger() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push({ level, message, fields });
  const logger: Logger = { ...silentLogger, info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

describe('sqlite storage', () => {
  let dir: string;
  let storage: SqliteStorage;
  const rowCount = () => {
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    const count = db.prepare('SELECT count(*) FROM feed_updates').pluck().get();
    db.close();
    return count;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pitwall-storage-'));
    storage = sqliteStorage(dir, recordingLogger().logger);
  });
  afterEach(() => {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('brings every feed session back exactly, in a hub that journals again afterwards', () => {
    const live = new SessionHub({ journal: storage.journal });
    for (const id of ['sebring-r1', 'sebring-r2']) {
      live.ingest(start(id), 'feed');
      for (let seq = 2; seq <= 30; seq++) live.ingest(lap(id, seq), 'feed');
    }
    storage.close();

    const { logger, lines } = recordingLogger();
    storage = sqliteStorage(dir, logger);
    const restored = new SessionHub({ journal: storage.journal });
    const report = storage.restore(restored);
    expect(report).toMatchObject({ sessions: 2, replayed: 60, refused: 0, skipped: 0 });
    expect(lines).toEqual([{ level: 'info', message: 'sessions restored', fields: report }]);
    for (const id of ['sebring-r1', 'sebring-r2']) {
      expect(restored.state(id)).toEqual(live.state(id));
      expect(restored.snapshot(id)!.view).toEqual(live.snapshot(id)!.view);
    }
    expect(rowCount()).toBe(60);

    expect(restored.ingest(lap('sebring-r1', 31), 'feed')).toEqual({ status: 'accepted', seq: 31 });
    expect(rowCount()).toBe(61);
  });

  it('keeps demo sessions out of the log', () => {
    const hub = new SessionHub({ journal: storage.journal });
    expect(hub.ingest(start('demo-mx5', true), 'demo')).toEqual({ status: 'accepted', seq: 1 });
    expect(hub.ingest(lap('demo-mx5', 2), 'demo')).toEqual({ status: 'accepted', seq: 2 });
    expect(rowCount()).toBe(0);
    expect(storage.restore(new SessionHub()).sessions).toBe(0);
  });

  it('reports damaged rows and updates the hub now refuses, and restores everything else', () => {
    const hub = new SessionHub({ journal: storage.journal });
    hub.ingest(start('sebring-r1'), 'feed');
    hub.ingest(lap('sebring-r1', 2), 'feed');
    hub.ingest(start('sebring-r2'), 'feed');
    storage.close();
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.prepare("UPDATE feed_updates SET payload = 'garbage' WHERE session_id = 'sebring-r1' AND seq = 1").run();
    db.close();

    const { logger, lines } = recordingLogger();
    storage = sqliteStorage(dir, logger);
    const restored = new SessionHub();
    const report = storage.restore(restored);
    expect(report).toMatchObject({ sessions: 1, replayed: 1, refused: 1, skipped: 1 });
    expect(lines.filter((line) => line.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: 'event log row skipped',
        fields: { row: 1, reason: expect.stringMatching(/^payload is not JSON/) },
      },
      {
        level: 'warn',
        message: 'logged update refused on restore',
        fields: { session: 'sebring-r1', seq: 2, reason: 'unknown session "sebring-r1": send a full update first' },
      },
    ]);
    expect(restored.state('sebring-r2')).toEqual(hub.state('sebring-r2'));
    expect(restored.state('sebring-r1')).toBeUndefined();
  });
});
