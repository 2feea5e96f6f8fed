import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, type RunningServer } from './harness';

/** Feeds for browser tests: real files replayed by the CLI, and a finished race posted by a feed. */

export const MX5_FINALE = 'mx5-atlanta-race-2';

/** Real timing files, from the shared data folder beside the repository. */
export const SHARED = path.resolve(REPO, '../shared/data');
export const CTMP_ANALYSIS = path.join(SHARED, 'alkamel/2024-imsa-ctmp-race-analysis.csv');
export const CTMP_RESULTS = path.join(SHARED, 'alkamel/2024-imsa-ctmp-race-results.csv');
/** The session a replay of CTMP_ANALYSIS opens. */
export const CTMP_SESSION = '2024-imsa-ctmp-race-analysis';

/** Tests of real files skip with a message without the shared data folder, except in CI, where they must run. */
export function sharedMissing(test: string): boolean {
  if (existsSync(SHARED)) return false;
  if (process.env.CI) throw new Error(`${test} is required in CI and needs ${SHARED}`);
  console.warn(`skipping ${test}: ${SHARED} is absent`);
  return true;
}

/** CTMP's official order: POSITION and NUMBER, the first two columns, never quoted. */
export function ctmpOfficialOrder(): { number: string; classId: string }[] {
  const [header, ...rows] = readFileSync(CTMP_RESULTS, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const classColumn = header!.split(',').indexOf('CLASS');
  return rows
    .map((row) => row.split(','))
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map((fields) => ({ number: fields[1]!, classId: fields[classColumn]! }));
}

/** Replays a timing file into the running server through the CLI, as an operator would. */
export function replay(server: RunningServer, file: string, speed: number): Promise<string> {
  const cli = path.join(REPO, 'apps/server/dist/cli.cjs');
  const child = spawn(
    process.execPath,
    [cli, 'replay', file, '--server', server.url, '--feed-token', server.feedToken, '--speed', String(speed)],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`replay exited with ${code}:\n${output}`)),
    ),
  );
}

const STATUS = { classified: 'running', retired: 'retired', dns: 'dns', excluded: 'excluded' } as const;

interface ResultRow {
  number: string;
  drivers: string[];
  team: string;
  classId: string;
  position?: number;
  status: keyof typeof STATUS | 'withdrawn';
}

interface FinaleResult {
  grid: string[];
  fastestLap: string;
  mostLapsLed: string;
  classification: ResultRow[];
}

/** The 2024 finale's official order, sent as a finished running order by a feed. */
export function finaleAsFeedUpdate() {
  const season = JSON.parse(readFileSync(path.join(REPO, 'packages/shared/data/seasons/mx5-cup-2024.json'), 'utf8'));
  const finale: FinaleResult = season.results.find((r: { race: number }) => r.race === 14);
  const starters = finale.classification
    .filter((row) => row.status !== 'withdrawn')
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
  // A live race replaces the stored one bonuses included, so the feed says who had pole, the
  // fastest lap and the most laps led, as the timing would.
  const grid = [...finale.grid, ...starters.map((row) => row.number).filter((n) => !finale.grid.includes(n))];
  const cars = starters.map((row, i) => ({
    number: row.number,
    classId: row.classId,
    driver: row.drivers[0]!,
    team: row.team,
    position: i + 1,
    laps: row.status === 'dns' ? 0 : 20,
    status: STATUS[row.status as keyof typeof STATUS],
    startPosition: grid.indexOf(row.number) + 1,
    ...(row.status !== 'dns' && { bestLapMs: row.number === finale.fastestLap ? 90_000 : 91_000 + i }),
    lapsLed: row.number === finale.mostLapsLed ? 20 : 0,
  }));
  return {
    type: 'full',
    sessionId: MX5_FINALE,
    seq: 1,
    session: {
      seriesId: 'mx5-cup',
      event: 'Road Atlanta',
      name: 'Race 2',
      race: 14,
      round: 7,
      status: 'finished',
      flag: 'checkered',
    },
    cars,
  };
}
