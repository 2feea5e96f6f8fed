import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionHub } from '../sessions/hub';
import { silentLogger } from '../log/logger';
import { openDatabase } from '../storage/sqlite/database';
import { DATABASE_FILE, sqliteStorage } from '../storage/sqlite/sqlite-storage';
import { startOf } from './inputs';

const SESSION = 'stored-before-the-bounds';
const lap = (seq: number, car: Record<string, unknown>) => ({ type: 'patch', sessionId: SESSION, seq, cars: [car] });

/** What a log written before the bounds existed can hold: every update the probes of issue 8 got stored. */
const HOSTILE_ROWS = [
  lap(2, { number: '1', laps: 999_999_999, totalTimeMs: 1 }),
  { type: 'patch', sessionId: SESSION, seq: 4, removed: ['valueOf'] },
  { type: 'patch', sessionId: SESSION, seq: 5, classes: [{ id: 'GSX', name: 'GSX', color: 'url(//host/x)' }] },
  lap(6, { number: '2', driver: '\u202e' }),
  { ...lap(7, { number: '3', laps: 1 }), pad: 'x'.repeat(900_000) },
  lap(Number.MAX_SAFE_INTEGER, { number: '4', laps: 1 }),
];

describe('restore from a log holding hostile updates', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pitwall-hostile-log-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses each, reports it, restores everything else, and takes no time doing it', () => {
    const db = openDatabase(path.join(dir, DATABASE_FILE));
    const insert = db.prepare(
      'INSERT INTO feed_updates (session_id, seq, origin, received_at, payload) VALUES (?, ?, ?, ?, ?)',
    );
    const rows = [
      startOf(SESSION),
      ...HOSTILE_ROWS,
      // A car numbered after a built-in property is an ordinary car, and once crashed the server.
      lap(3, { number: 'toString', classId: 'GSX', driver: 'X', position: 9, laps: 1 }),
      lap(8, { number: '1', laps: 1, totalTimeMs: 90_000 }),
    ];
    for (const row of rows) insert.run(row.sessionId, row.seq, 'feed', Date.now(), JSON.stringify(row));
    // Later updates of the car given 999,999,999 laps: each one once blocked the server for half a minute.
    for (let seq = 9; seq < 60; seq++) {
      const row = lap(seq, { number: '1', laps: seq - 7, totalTimeMs: (seq - 7) * 90_000 });
      insert.run(SESSION, seq, 'feed', Date.now(), JSON.stringify(row));
    }
    db.close();

    const storage = sqliteStorage(dir, silentLogger);
    const hub = new SessionHub();
    const began = performance.now();
    const report = storage.restore(hub);
    storage.close();
    expect(performance.now() - began).toBeLessThan(5_000);
    // Rows that are no feed update at all are skipped as they are read; the rest the hub refuses.
    expect(report).toMatchObject({ sessions: 1, replayed: 54 });
    expect(report.refused + report.skipped).toBe(HOSTILE_ROWS.length);
    const state = hub.state(SESSION)!;
    expect(state.lastSeq).toBe(59);
    expect([...state.cars.keys()].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', 'toString']);
    expect(state.cars.get('1')).toMatchObject({ laps: 52 });
    expect(state.classes.map((c) => c.color)).not.toContain('url(//host/x)');
  });
});
