/**
 * How long a start takes with 1,000,000 logged updates: twenty 50,000-update races of a 40-car
 * field (each as long as a 24-hour race: 1,250 laps a car), interleaved, restored into a fresh hub (read, validate with the live bounds, apply, and
 * derive each session once). The baseline, in the same run, only reads every row and parses its
 * JSON: what any restore costs before it checks anything. Medians of 3 runs each.
 *
 *   pnpm run bench:restore            (UPDATES=100000 pnpm run bench:restore for a quick look)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SessionHub } from '../src/sessions/hub';
import { silentLogger } from '../src/log/logger';
import { openDatabase } from '../src/storage/sqlite/database';
import { DATABASE_FILE, sqliteStorage } from '../src/storage/sqlite/sqlite-storage';
import { raceUpdates } from '../src/test-support/race';

const UPDATES = Number(process.env.UPDATES ?? 1_000_000);
const SESSIONS = Array.from({ length: 20 }, (_, i) => `race-${i + 1}`);
const RUNS = 3;

const dir = mkdtempSync(path.join(tmpdir(), 'pitwall-restore-'));
const file = path.join(dir, DATABASE_FILE);

function fill(): void {
  const db = openDatabase(file);
  const insert = db.prepare(
    'INSERT INTO feed_updates (session_id, seq, origin, received_at, payload) VALUES (?, ?, ?, ?, ?)',
  );
  // One transaction: this measures reading the log back, not writing it.
  db.transaction(() => {
    const races = SESSIONS.map((id, i) => raceUpdates(id, UPDATES / SESSIONS.length, i + 1, 40));
    for (let lap = 0; lap < UPDATES / SESSIONS.length; lap++) {
      for (const race of races) {
        const update = race[lap]!;
        insert.run(update.sessionId, update.seq, 'feed', Date.now(), JSON.stringify(update));
      }
    }
  })();
  db.close();
}

function baseline(): void {
  const db = openDatabase(file);
  for (const row of db.prepare<[], { payload: string }>('SELECT payload FROM feed_updates ORDER BY id').iterate())
    JSON.parse(row.payload);
  db.close();
}

function restore(): void {
  const storage = sqliteStorage(dir, silentLogger);
  const report = storage.restore(new SessionHub());
  storage.close();
  if (report.replayed !== UPDATES)
    throw new Error(`restored ${report.replayed} of ${UPDATES}: ${JSON.stringify(report)}`);
}

function medianSeconds(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    times.push((performance.now() - started) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

try {
  const filling = performance.now();
  fill();
  console.log(
    `filled ${UPDATES.toLocaleString('en')} updates in ${((performance.now() - filling) / 1000).toFixed(1)} s`,
  );
  // Alternated, so a busy spell of a shared machine falls on both.
  const base = medianSeconds(baseline);
  const full = medianSeconds(restore);
  console.log(`baseline (read + JSON.parse): median ${base.toFixed(2)} s`);
  console.log(`restore into a fresh hub:     median ${full.toFixed(2)} s (${(full / base).toFixed(1)}x the baseline)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
