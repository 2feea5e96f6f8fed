import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { SessionHub } from '../../sessions/hub';
import { silentLogger } from '../../log/logger';
import { sqliteStorage } from './sqlite-storage';
import { raceUpdates } from './test-race';

/**
 * Append throughput and restore time for 10,000 updates: four 2,500-update races of a 40-car
 * field, interleaved as a race weekend's feeds would be. Run with
 * `npx vitest bench --run --project server` (docs/storage.md); not part of the test run.
 */
const UPDATES = 10_000;
const SESSIONS = ['mx5-r1', 'mx5-r2', 'vp-r1', 'pccna-r1'];
const weekend = SESSIONS.map((id, i) => raceUpdates(id, UPDATES / SESSIONS.length, i + 1, 40));
const interleaved = weekend[0]!.flatMap((_, lap) => weekend.map((race) => race[lap]!));

const dir = mkdtempSync(path.join(tmpdir(), 'pitwall-bench-'));
let run = 0;

describe('event log, 10,000 updates', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  bench(
    'append (one transaction per update, as the hub journals)',
    () => {
      const storage = sqliteStorage(path.join(dir, `append-${run++}`), silentLogger);
      for (const update of interleaved) storage.journal(update, 'feed');
      storage.close();
    },
    { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 },
  );

  const filled = sqliteStorage(path.join(dir, 'restore'), silentLogger);
  for (const update of interleaved) filled.journal(update, 'feed');
  bench('restore into a fresh hub', () => void filled.restore(new SessionHub()), { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 });
});
