/**
 * The hostile-feed checks of `src/hostile/fuzz.test.ts`, longer: FUZZ_COUNT updates per path
 * (default 5,000) for each of FUZZ_SEEDS seeds (default 1..5). Prints one report per seed and
 * exits 1 when a property fails.
 *
 *   pnpm run fuzz                      FUZZ_COUNT=20000 FUZZ_SEEDS=7,8 pnpm run fuzz
 */
import { fuzzFailures, fuzzFeeds } from '../src/hostile/fuzz';

const count = Number(process.env.FUZZ_COUNT ?? 5_000);
const seeds = (process.env.FUZZ_SEEDS ?? '1,2,3,4,5').split(',').map(Number);

async function main(): Promise<void> {
  let failed = false;
  for (const seed of seeds) {
    const report = await fuzzFeeds(seed, count);
    const problems = fuzzFailures(report);
    failed ||= problems.length > 0;
    console.log(JSON.stringify(report));
    if (problems.length > 0) console.error(`seed ${seed}: ${problems.join('; ')}`);
  }
  process.exit(failed ? 1 : 0);
}

void main();
