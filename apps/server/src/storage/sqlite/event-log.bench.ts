import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bench, describe } from 'vitest';
import { SessionHub } from '../../sessions/hub';
import { silentLogger } from '../../log/logger';
import { sqliteStorage, type SqliteStorageOptions } from './sqlite-storage';
import { journaledRace, raceUpdates } from '../../test-support/race';

/**
 * Append throughput and restore time for 10,000 updates: four 2,500-update races of a 40-car
 * field, interleaved as a race weekend's feeds would be, with and without state snapshots. Run with
 * `npx vitest bench --run --project server` (docs/storage.md); not part of the test run.
 */
const UPDATES = 10_000;
const SESSIONS = ['mx5-r1', 'mx5-r2', 'vp-r1', 'pccna-r1'];
const weekend = SESSIONS.map((id, i) => raceUpdates(id, UPDATES / SESSIONS.length, i + 1, 40));
const interleaved = journaledRace(weekend[0]!.flatMap((_, lap) => weekend.map((race) => race[lap]!)));

const RUN = { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 };
const scratch = () => mkdtempSync(path.join(tmpdir(), 'pitwall-bench-'));
/** Bench hooks run after the warm-up and after the measured run; afterAll does not run for benches. */
const removeAfterRun = (dir: string, before?: () => void) => ({
  teardown: (_task: unknown, mode?: 'warmup' | 'run') => {
    if (mode !== 'run') return;
    before?.();
    rmSync(dir, { recursive: true, force: true });
  },
});

const NO_SNAPSHOTS: SqliteStorageOptions = { snapshotEvery: 0 };

describe('event log, 10,000 updates', () => {
  for (const [name, options] of [
    ['append (one transaction per update, as the hub journals), no snapshots', NO_SNAPSHOTS],
    ['append, with snapshots (every 1,000 updates of a session and on close)', {}],
  ] as const) {
    const appendDir = scratch();
    let run = 0;
    bench(
      name,
      () => {
        const storage = sqliteStorage(path.join(appendDir, String(run++)), silentLogger, options);
        for (const [update, after] of interleaved) storage.journal(update, 'feed', after);
        storage.close();
      },
      { ...RUN, ...removeAfterRun(appendDir) },
    );
  }

  const restoreDir = scratch();
  const filled = sqliteStorage(restoreDir, silentLogger);
  for (const [update, after] of interleaved) filled.journal(update, 'feed', after);
  filled.close();
  const fromLog = sqliteStorage(restoreDir, silentLogger, NO_SNAPSHOTS);
  bench('restore into a fresh hub, from the whole log', () => void fromLog.restore(new SessionHub()), {
    ...RUN,
    ...removeAfterRun(restoreDir, fromLog.close),
  });
  const fromSnapshotsDir = scratch();
  const snapshotted = sqliteStorage(fromSnapshotsDir, silentLogger);
  for (const [update, after] of interleaved) snapshotted.journal(update, 'feed', after);
  snapshotted.close();
  const fromSnapshots = sqliteStorage(fromSnapshotsDir, silentLogger);
  bench('restore into a fresh hub, from snapshots', () => void fromSnapshots.restore(new SessionHub()), {
    ...RUN,
    ...removeAfterRun(fromSnapshotsDir, fromSnapshots.close),
  });
});
