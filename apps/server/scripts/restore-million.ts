/**
 * How long a start takes with 1,000,000 logged updates: twenty 50,000-update races of a 40-car
 * field (each as long as a 24-hour race: 1,250 laps a car), interleaved. Measured four ways, in
 * the same run, medians of 3:
 *
 * - baseline: only read every row and parse its JSON, what any restore from the log costs first;
 * - the whole log: restore with no snapshots (validate with the live bounds, apply, derive once);
 * - after a crash: each session's snapshot, then the updates written after it, as many as a
 *   crash can leave (one fewer than the snapshot interval, in every session);
 * - after a clean shutdown: every session from its snapshot, nothing to replay.
 *
 *   pnpm run bench:restore            (UPDATES=100000 pnpm run bench:restore for a quick look;
 *                                      WHOLE_LOG=0 leaves out the slow whole-log restore)
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FeedUpdate } from '@pitwall/shared';
import { SessionHub } from '../src/sessions/hub';
import { silentLogger } from '../src/log/logger';
import { openDatabase } from '../src/storage/sqlite/database';
import { DATABASE_FILE, DEFAULT_SNAPSHOT_EVERY, sqliteStorage } from '../src/storage/sqlite/sqlite-storage';
import { raceUpdates } from '../src/test-support/race';

const UPDATES = Number(process.env.UPDATES ?? 1_000_000);
const SESSIONS = Array.from({ length: 20 }, (_, i) => `race-${i + 1}`);
const PER_SESSION = UPDATES / SESSIONS.length;
/** The most a crash leaves after a session's snapshot. */
const TAIL = DEFAULT_SNAPSHOT_EVERY - 1;
const RUNS = 3;
const WHOLE_LOG = process.env.WHOLE_LOG !== '0';

const root = mkdtempSync(path.join(tmpdir(), 'pitwall-restore-'));
const dirOf = (name: string) => {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const logDir = dirOf('log');
const crashDir = dirOf('crash');
const cleanDir = dirOf('clean');
const scratchDir = dirOf('scratch');

/** Appends laps [from, to) of every race, interleaved; one transaction, so this measures reading back. */
function fill(dir: string, races: FeedUpdate[][], from: number, to: number): void {
  const db = openDatabase(path.join(dir, DATABASE_FILE));
  const insert = db.prepare(
    'INSERT INTO feed_updates (session_id, seq, origin, received_at, payload) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let lap = from; lap < to; lap++) {
      for (const race of races) {
        const update = race[lap]!;
        insert.run(update.sessionId, update.seq, 'feed', Date.now(), JSON.stringify(update));
      }
    }
  })();
  db.close();
}

/** Restores `dir` and closes it: the close writes the snapshots of whatever the restore replayed. */
function snapshotAll(dir: string): void {
  const storage = sqliteStorage(dir, silentLogger);
  storage.restore(new SessionHub());
  storage.close();
}

function copyDatabase(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to);
  copyFileSync(path.join(from, DATABASE_FILE), path.join(to, DATABASE_FILE));
}

function baseline(): void {
  const db = openDatabase(path.join(logDir, DATABASE_FILE));
  for (const row of db.prepare<[], { payload: string }>('SELECT payload FROM feed_updates ORDER BY id').iterate())
    JSON.parse(row.payload);
  db.close();
}

function restore(dir: string, snapshotEvery?: number, expected?: { replayed: number; fromSnapshots: number }) {
  return () => {
    const storage = sqliteStorage(dir, silentLogger, snapshotEvery === undefined ? {} : { snapshotEvery });
    const report = storage.restore(new SessionHub());
    if (
      report.sessions !== SESSIONS.length ||
      (expected && (report.replayed !== expected.replayed || report.fromSnapshots !== expected.fromSnapshots))
    ) {
      throw new Error(`restored ${JSON.stringify(report)}, expected ${JSON.stringify(expected)}`);
    }
    // Not closed here: closing would snapshot the tail, and the next run must find it again.
    return storage;
  };
}

function medianSeconds(prepare: () => void, run: () => { close(): void } | void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    prepare();
    const started = performance.now();
    const opened = run();
    times.push((performance.now() - started) / 1000);
    if (opened) {
      // Closing writes the tail's snapshots: outside the measured time, and on a scratch copy.
      opened.close();
    }
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

/**
 * The log up to each session's last snapshot, snapshotted; then the tail a crash would leave. The
 * races are dropped afterwards, so the restores measured do not carry a million update objects.
 */
function fillAll(): void {
  const races = SESSIONS.map((id, i) => raceUpdates(id, PER_SESSION, i + 1, 40));
  fill(crashDir, races, 0, PER_SESSION - TAIL);
  snapshotAll(crashDir);
  fill(crashDir, races, PER_SESSION - TAIL, PER_SESSION);
}

try {
  const filling = performance.now();
  fillAll();
  copyDatabase(crashDir, logDir);
  copyDatabase(crashDir, cleanDir);
  snapshotAll(cleanDir);
  console.log(
    `filled ${UPDATES.toLocaleString('en')} updates (snapshots of ${SESSIONS.length} sessions, ${TAIL} updates after each) in ${((performance.now() - filling) / 1000).toFixed(1)} s`,
  );
  const nothing = () => {};
  const base = medianSeconds(nothing, baseline);
  console.log(`baseline done: ${base.toFixed(2)} s`);
  const full = WHOLE_LOG
    ? medianSeconds(nothing, restore(logDir, 0, { replayed: UPDATES, fromSnapshots: 0 }))
    : undefined;
  const crash = medianSeconds(
    () => copyDatabase(crashDir, scratchDir),
    restore(scratchDir, undefined, { replayed: TAIL * SESSIONS.length, fromSnapshots: SESSIONS.length }),
  );
  const clean = medianSeconds(nothing, restore(cleanDir, undefined, { replayed: 0, fromSnapshots: SESSIONS.length }));
  const line = (name: string, seconds: number) =>
    console.log(`${name.padEnd(48)} median ${seconds.toFixed(2)} s (${(seconds / base).toFixed(2)}x the baseline)`);
  line('baseline (read + JSON.parse of every row):', base);
  if (full !== undefined) line('restore from the whole log:', full);
  line(`restore after a crash (snapshots + ${TAIL * SESSIONS.length} updates):`, crash);
  line('restore after a clean shutdown (snapshots only):', clean);
} finally {
  rmSync(root, { recursive: true, force: true });
}
