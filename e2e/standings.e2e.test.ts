import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { SeasonStandingsAnswer, SessionStandingsAnswer } from '@pitwall/shared';
import { ARTIFACTS, REPO, browserMissing, serverAndBrowser } from './harness';

const SESSION = 'mx5-atlanta-race-2';
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
function finaleAsFeedUpdate() {
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
    sessionId: SESSION,
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

describe.skipIf(browserMissing())('the same championship numbers on the screen, over HTTP and from the CLI', () => {
  const running = serverAndBrowser(['--no-demo']);

  it('agree row by row on the MX-5 Cup drivers after the finale', async () => {
    const posted = await fetch(`${running.server.url}/api/feed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${running.server.feedToken}` },
      body: JSON.stringify(finaleAsFeedUpdate()),
    });
    expect(await posted.json()).toEqual({ status: 'accepted', seq: 1 });

    const page = await running.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${running.server.url}/?session=${SESSION}&championship=drivers`);
    await page.waitForSelector('.standings-row');
    const screen = await page.$$eval('.standings-row', (rows) =>
      rows.map((row) => ({
        position: Number(row.getAttribute('data-position')),
        name: row.querySelector('.name')!.textContent,
        points: Number(row.querySelector('.points')!.textContent),
      })),
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'standings-final.png') });
    await page.close();

    const http = (await (
      await fetch(`${running.server.url}/api/sessions/${SESSION}/standings`)
    ).json()) as SessionStandingsAnswer;
    const overHttp = http.championships
      .find((c) => c.id === 'drivers')!
      .standings.map(({ position, name, points }) => ({ position, name, points }));

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(REPO, 'apps/server/dist/cli.cjs'), 'standings', '--series', 'mx5-cup', '--after', '14', '--json'],
      { cwd: REPO },
    );
    const cli = (JSON.parse(stdout) as Pick<SeasonStandingsAnswer, 'championships'>).championships.find(
      (c) => c.id === 'drivers',
    )!.standings;
    const fromCli = cli.map(({ position, name, points }) => ({ position, name, points }));

    expect(screen.length).toBeGreaterThan(40);
    expect(screen).toEqual(overHttp);
    expect(screen).toEqual(fromCli);
    expect(screen[0]).toEqual({ position: 1, name: 'Gresham Wagner', points: 3770 });
  });
});
