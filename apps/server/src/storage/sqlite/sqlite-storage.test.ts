import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crossingList, type FeedUpdate, type SessionState } from '@pitwall/shared';
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

/** Restoring from the whole log: what the snapshots are checked against. */
const NO_SNAPSHOTS = { snapshotEvery: 0 };

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
    storage = sqliteStorage(dir, recordingLogger().logger, NO_SNAPSHOTS);
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
    storage = sqliteStorage(dir, logger, NO_SNAPSHOTS);
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
    storage = sqliteStorage(dir, logger, NO_SNAPSHOTS);
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

/** Crossings share buffers between versions; compared by the crossings each version holds. */
function comparable(state: SessionState | undefined) {
  if (!state) return state;
  const { crossings, ...rest } = state;
  return { ...rest, crossings: [...crossings].map(([car, held]) => [car, crossingList(held)]) };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('sqlite storage with state snapshots', () => {
  const SESSIONS = ['sebring-r1', 'sebring-r2'];
  /** What liveRace journals: 45 updates of each session and two decisions. */
  const ROWS = 92;
  let dir: string;
  const opened: SqliteStorage[] = [];
  const open = (options = {}, logger = silentLogger) => {
    const storage = sqliteStorage(dir, logger, options);
    opened.push(storage);
    return storage;
  };
  const snapshotRows = () => {
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    const rows = db.prepare('SELECT session_id, through_id FROM session_snapshots ORDER BY session_id').all();
    db.close();
    return rows;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pitwall-snapshots-'));
  });
  afterEach(() => {
    opened.splice(0).forEach((storage) => storage.close());
    rmSync(dir, { recursive: true, force: true });
  });

  /** Two sessions of 45 updates with race control's decisions among them; snapshots every 10 updates. */
  async function liveRace(storage: SqliteStorage, upTo = 45) {
    const live = new SessionHub({ journal: storage.journal });
    for (const id of SESSIONS) live.ingest(start(id), 'feed');
    for (let seq = 2; seq <= upTo; seq++) {
      for (const id of SESSIONS) expect(live.ingest(lap(id, seq), 'feed')).toEqual({ status: 'accepted', seq });
      if (seq === 12) {
        const decided = live.raceControl('sebring-r1', {
          author: 'Chief Steward',
          reason: 'avoidable contact',
          action: { kind: 'time-penalty', car: '17', seconds: 30 },
        });
        expect(decided.status).toBe('accepted');
      }
      if (seq === 28) {
        live.raceControl('sebring-r1', {
          author: 'Chief Steward',
          reason: 'on review',
          action: { kind: 'rescind', decisionId: 1 },
        });
      }
      // Snapshots are written once the updates' answers have gone out.
      if (seq % 5 === 0) await settled();
    }
    return live;
  }

  function expectSameSessions(restored: SessionHub, expected: SessionHub) {
    for (const id of SESSIONS) {
      expect(comparable(restored.state(id))).toEqual(comparable(expected.state(id)));
      expect(restored.state(id)!.lapHistory).toEqual(expected.state(id)!.lapHistory);
      expect(restored.raceControlState(id)).toEqual(expected.raceControlState(id));
      // The viewer sequence starts again after a restart; what viewers see must not.
      expect(restored.snapshot(id)!.view).toEqual(expected.snapshot(id)!.view);
    }
  }

  it("restores from each session's snapshot and the updates after it, to what the whole log gives", async () => {
    const writer = open({ snapshotEvery: 10 });
    const live = await liveRace(writer);
    // Both sessions have a snapshot part way; the updates after it are only in the log (a crash now).
    const snapshots = snapshotRows() as { session_id: string; through_id: number }[];
    expect(snapshots.map((row) => row.session_id)).toEqual(SESSIONS);
    expect(Math.max(...snapshots.map((row) => row.through_id))).toBeLessThan(ROWS);

    const { logger, lines } = recordingLogger();
    const fromSnapshots = new SessionHub();
    const report = open({ snapshotEvery: 10 }, logger).restore(fromSnapshots);
    expect(report).toMatchObject({ sessions: 2, fromSnapshots: 2, snapshotsIgnored: 0, refused: 0, skipped: 0 });
    // Only the updates after each session's snapshot: fewer than ten a session (and a decision).
    expect(report.replayed).toBeGreaterThan(0);
    expect(report.replayed).toBeLessThan(2 * 10 + 2);
    expect(lines.filter((line) => line.level !== 'info')).toEqual([]);

    const fromLog = new SessionHub();
    expect(open(NO_SNAPSHOTS).restore(fromLog)).toMatchObject({ sessions: 2, fromSnapshots: 0, replayed: ROWS });
    expectSameSessions(fromSnapshots, fromLog);
    expectSameSessions(fromLog, live);
  });

  it('writes a last snapshot on a clean shutdown, so the next start replays nothing', async () => {
    const writer = open();
    const live = await liveRace(writer);
    expect(snapshotRows()).toEqual([]);
    writer.close();
    opened.splice(opened.indexOf(writer), 1);
    const restored = new SessionHub();
    expect(open().restore(restored)).toMatchObject({ sessions: 2, fromSnapshots: 2, replayed: 0 });
    expectSameSessions(restored, live);
  });

  it('snapshots a session as soon as it finishes', async () => {
    const writer = open({ snapshotEvery: 1_000 });
    const live = new SessionHub({ journal: writer.journal });
    live.ingest(start('sebring-r1'), 'feed');
    live.ingest({ ...lap('sebring-r1', 2), session: { status: 'finished', flag: 'checkered' } }, 'feed');
    await settled();
    expect(snapshotRows()).toEqual([{ session_id: 'sebring-r1', through_id: 2 }]);
  });

  it('ignores a damaged or foreign snapshot with a warning and replays that session from its whole log', async () => {
    const live = await liveRace(open({ snapshotEvery: 10 }));
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.prepare("UPDATE session_snapshots SET payload = substr(payload, 1, 100) WHERE session_id = 'sebring-r1'").run();
    db.prepare(
      "UPDATE session_snapshots SET payload = json_set(payload, '$.version', 99) WHERE session_id = 'sebring-r2'",
    ).run();
    db.close();

    const { logger, lines } = recordingLogger();
    const restored = new SessionHub();
    const report = open({ snapshotEvery: 10 }, logger).restore(restored);
    expect(report).toMatchObject({ sessions: 2, fromSnapshots: 0, snapshotsIgnored: 2, replayed: ROWS });
    expect(lines.filter((line) => line.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: 'session snapshot ignored, replaying its whole log',
        fields: { session: 'sebring-r1', reason: expect.stringMatching(/^not JSON/) },
      },
      {
        level: 'warn',
        message: 'session snapshot ignored, replaying its whole log',
        fields: { session: 'sebring-r2', reason: 'version 99, this Pitwall reads 1' },
      },
    ]);
    expectSameSessions(restored, live);
  });

  it("deletes a session's snapshot with its log, and writes none for it on shutdown", async () => {
    const writer = open({ snapshotEvery: 10 });
    await liveRace(writer);
    writer.archive.delete('sebring-r2');
    writer.close();
    opened.splice(opened.indexOf(writer), 1);
    expect(snapshotRows()).toEqual([{ session_id: 'sebring-r1', through_id: expect.any(Number) }]);
    const { logger, lines } = recordingLogger();
    const restored = new SessionHub();
    expect(open({}, logger).restore(restored)).toMatchObject({ sessions: 1, fromSnapshots: 1, snapshotsIgnored: 0 });
    expect(lines.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('does not bring back from its snapshot a session whose log was removed', async () => {
    await liveRace(open({ snapshotEvery: 10 }));
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.prepare("DELETE FROM feed_updates WHERE session_id = 'sebring-r2'").run();
    db.close();
    const { logger, lines } = recordingLogger();
    const restored = new SessionHub();
    expect(open({ snapshotEvery: 10 }, logger).restore(restored)).toMatchObject({
      sessions: 1,
      fromSnapshots: 1,
      snapshotsIgnored: 1,
    });
    expect(restored.state('sebring-r2')).toBeUndefined();
    expect(lines.find((line) => line.level === 'warn')?.fields).toEqual({
      session: 'sebring-r2',
      reason: expect.stringMatching(/^it was taken after log row \d+, which the log does not hold for this session$/),
    });
  });

  it('accepts and keeps every update when a snapshot cannot be written', async () => {
    const db = new Database(path.join(dir, DATABASE_FILE));
    const { logger, lines } = recordingLogger();
    const writer = open({ snapshotEvery: 10 }, logger);
    db.exec("CREATE TRIGGER full_disk BEFORE INSERT ON session_snapshots BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    db.close();
    const live = await liveRace(writer);
    expect(lines.filter((line) => line.level === 'warn')[0]).toEqual({
      level: 'warn',
      message: 'session snapshot not written',
      fields: { session: 'sebring-r1', error: 'disk full' },
    });
    expect(snapshotRows()).toEqual([]);
    const restored = new SessionHub();
    expect(open().restore(restored)).toMatchObject({ sessions: 2, fromSnapshots: 0, replayed: ROWS });
    expectSameSessions(restored, live);
  });
});
