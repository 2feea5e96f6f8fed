import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { SeasonStandingsAnswer, SessionStandingsAnswer } from '@pitwall/shared';
import { ARTIFACTS, REPO, browserMissing, serverAndBrowser } from './harness';
import { finaleAsFeedUpdate, MX5_FINALE as SESSION } from './feeds';

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
