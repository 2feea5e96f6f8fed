import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bench, describe } from 'vitest';
import { SessionHub } from '../../sessions/hub';
import { silentLogger } from '../../log/logger';
import { sqliteStorage } from './sqlite-storage';
import { raceUpdates } from '../../test-support/race';

/**
 * Append throughput and restore time for 10,000 updates: four 2,500-update races of a 40-car
 * field, interleaved as a race weekend's feeds would be. Run with
 * `npx vitest bench --run --project server` (docs/storage.md); not part of the test run.
 */
const UPDATES = 10_000;
const SESSIONS = ['mx5-r1', 'mx5-r2', 'vp-r1', 'pccna-r1'];
const weekend = SESSIONS.map((id, i) => raceUpdates(id, UPDATES / SESSIONS.length, i + 1, 40));
const interleaved = weekend[0]!.flatMap((_, lap) => weekend.map((race) => race[lap]!));

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

describe('event log, 10,000 updates', () => {
  const appendDir = scratch();
  let run = 0;
  bench(
    'append (one transaction per update, as the hub journals)',
    () => {
      const storage = sqliteStorage(path.join(appendDir, String(run++)), silentLogger);
      for (const update of interleaved) storage.journal(update, 'feed');
      storage.close();
    },
    { ...RUN, ...removeAfterRun(appendDir) },
  );

  const restoreDir = scratch();
  const filled = sqliteStorage(restoreDir, silentLogger);
  for (const update of interleaved) filled.journal(update, 'feed');
  bench('restore into a fresh hub', () => void filled.restore(new SessionHub()), {
    ...RUN,
    ...removeAfterRun(restoreDir, filled.close),
  });
});
