import { describe, expect, it } from 'vitest';
import { fuzzFailures, fuzzFeeds } from './fuzz';

/** Bounded for CI; `pnpm run fuzz` runs the same checks longer and over more seeds. */
const UPDATES_PER_PATH = Number(process.env.FUZZ_COUNT ?? 300);

describe('hostile feeds over Socket.IO, HTTP and RMonitor TCP', () => {
  it.each([1, 2])(
    'seed %i: every update answered, orders 1..N, no update over 50 ms, memory bounded, restore equal',
    async (seed) => {
      const report = await fuzzFeeds(seed, UPDATES_PER_PATH);
      expect(fuzzFailures(report)).toEqual([]);
      // Both kinds really were sent: a run of only refusals would prove nothing.
      expect(report.answers.accepted).toBeGreaterThan(UPDATES_PER_PATH / 4);
      expect(report.answers.rejected).toBeGreaterThan(UPDATES_PER_PATH / 4);
      // RMonitor updates are accepted too, but answered to the TCP client, not counted above.
      expect(report.restore.replayed).toBeGreaterThanOrEqual(report.answers.accepted);
    },
  );
});
