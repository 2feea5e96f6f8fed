import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, REPO, browserMissing, serverAndBrowser } from './harness';
import { finaleAsFeedUpdate, MX5_FINALE, replay } from './feeds';

const ALKAMEL = path.resolve(REPO, '../shared/data/alkamel');
const VIR_ANALYSIS = path.join(ALKAMEL, '2024-imsa-vir-race-analysis.csv');
const VIR_RESULTS = path.join(ALKAMEL, '2024-imsa-vir-race-results.csv');
const VIR = '2024-imsa-vir-race-analysis';
const RACE_CONTROL_TOKEN = 'e2e-race-control-token';

function sharedMissing(): boolean {
  if (existsSync(VIR_ANALYSIS)) return false;
  if (process.env.CI) throw new Error(`the race-control browser test is required in CI and needs ${ALKAMEL}`);
  console.warn(`skipping the race-control browser test: ${ALKAMEL} is absent`);
  return true;
}

/** The official classification, class by class: POSITION and NUMBER lead each row, CLASS is named. */
function officialByClass(): Map<string, string[]> {
  const [header, ...rows] = readFileSync(VIR_RESULTS, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const classColumn = header!.split(',').indexOf('CLASS');
  const byClass = new Map<string, string[]>();
  for (const fields of rows.map((row) => row.split(',')).sort((a, b) => Number(a[0]) - Number(b[0]))) {
    byClass.set(fields[classColumn]!, [...(byClass.get(fields[classColumn]!) ?? []), fields[1]!]);
  }
  return byClass;
}

/** The tower as shown, class by class, in the order of its rows' positions. */
async function towerByClass(page: Page): Promise<Map<string, string[]>> {
  const rows = await page.$$eval('.tower-row', (elements) =>
    elements.map((row) => ({
      car: row.getAttribute('data-car')!,
      position: Number(row.getAttribute('data-position')),
      classId: row.querySelector('.class-badge')!.getAttribute('title')!,
    })),
  );
  const byClass = new Map<string, string[]>();
  for (const row of rows.sort((a, b) => a.position - b.position)) {
    byClass.set(row.classId, [...(byClass.get(row.classId) ?? []), row.car]);
  }
  return byClass;
}

const towerOrder = async (page: Page) =>
  (
    await page.$$eval('.tower-row', (rows) =>
      rows.map((row) => ({ car: row.getAttribute('data-car')!, position: Number(row.getAttribute('data-position')) })),
    )
  )
    .sort((a, b) => a.position - b.position)
    .map((row) => row.car);

const markOf = (page: Page, car: string) =>
  page.$eval(`.tower-row[data-car="${car}"]`, (row) =>
    Array.from(row.querySelectorAll('.decision-mark'))
      .map((mark) => mark.textContent)
      .join(' '),
  );

async function signIn(page: Page, token: string) {
  await page.getByLabel('Race-control token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function openPage(browser: Browser, url: string, width = 1280, height = 720) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(url);
  await page.waitForSelector('.tower-row, .review-chart, .audit');
  return page;
}

describe.skipIf(browserMissing() || sharedMissing())('race control in the browser, on the 2024 VIR race', () => {
  const running = serverAndBrowser(['--no-demo', '--race-control-token', RACE_CONTROL_TOKEN]);
  const url = (query: string) => `${running.server.url}/?${query}`;

  it('without the credential the page shows the trail but no decision controls; a wrong token is told so', async () => {
    await replay(running.server, VIR_ANALYSIS, 20_000);
    const page = await openPage(running.browser, url(`session=${VIR}&page=race-control`));
    await page.waitForSelector('.audit');
    expect(await page.locator('form[aria-label="New decision"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Confirm result/ }).count()).toBe(0);
    expect(await page.textContent('.audit')).toContain('No decisions');
    await signIn(page, 'not-the-token');
    await expect.poll(() => page.locator('.rc-signin [role=alert]').textContent()).toContain('(401)');
    expect(await page.locator('form[aria-label="New decision"]').count()).toBe(0);
    // The feed's token may write timing but never decide.
    await page.getByRole('button', { name: 'Forget it' }).click();
    await signIn(page, running.server.feedToken);
    await expect.poll(() => page.locator('.rc-signin [role=alert]').textContent()).toContain('(403)');
    expect(page.url()).not.toContain(running.server.feedToken);
    await page.close();
  });

  it('#27 to the back of GTD from the page: the classification equals the official results class by class', async () => {
    const official = officialByClass();
    const page = await openPage(running.browser, url(`session=${VIR}&page=race-control`), 1920, 1080);
    expect(await towerByClass(page)).not.toEqual(official);
    await signIn(page, RACE_CONTROL_TOKEN);
    await page.waitForSelector('form[aria-label="New decision"]');
    expect(page.url()).not.toContain(RACE_CONTROL_TOKEN);
    expect(await page.locator('[data-result-status]').first().textContent()).toBe('PROVISIONAL CLASSIFICATION');

    // A refused decision says why, in the server's words, and changes nothing.
    await page.getByLabel('Decision', { exact: true }).selectOption('time-penalty');
    await page.getByLabel('Car', { exact: true }).selectOption('27');
    await page.getByLabel('Seconds added').fill('-5');
    await page.getByLabel('Reason').fill('test');
    await page.getByLabel('Official').fill('IMSA Race Control');
    await page.getByRole('button', { name: 'Apply decision' }).click();
    await expect.poll(() => page.locator('.decision-form [role=alert]').textContent()).toMatch(/\(400\).*seconds/);
    expect(await markOf(page, '27')).toBe('');

    await page.getByLabel('Decision', { exact: true }).selectOption('back-of-class');
    await page.getByLabel('Car', { exact: true }).selectOption('27');
    await page.getByLabel('Reason').fill('Avoidable contact (post-race review)');
    await page.getByRole('button', { name: 'Apply decision' }).click();
    await expect.poll(() => markOf(page, '27')).toBe('BACK');
    expect(await towerByClass(page)).toEqual(official);
    const entry = page.locator('.audit-entry[data-entry="1"]');
    expect(await entry.locator('.audit-what').textContent()).toBe('#27 to the back of its class');
    expect(await entry.locator('.audit-author').textContent()).toBe('IMSA Race Control');
    expect(await entry.locator('.audit-changes').textContent()).toContain('#27 P7 → P22 (class P2 → P14)');
    await page.screenshot({ path: path.join(ARTIFACTS, 'race-control-1920.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'race-control-1280.png') });

    // Every other viewer's tower follows, marks and all.
    const viewer = await openPage(running.browser, url(`session=${VIR}`));
    await expect.poll(() => markOf(viewer, '27')).toBe('BACK');
    expect(await towerByClass(viewer)).toEqual(official);
    await viewer.close();

    const csv = await (await fetch(`${running.server.url}/api/sessions/${VIR}/audit.csv`)).text();
    expect(await page.getAttribute('.csv-link', 'href')).toBe(`/api/sessions/${VIR}/audit.csv`);
    expect(csv).toContain('back-of-class,27,to the back of its class');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.audit').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'race-control-audit-390.png') });
    await page.close();
  });

  it('rescind and confirm from the page: the road order returns, then the result is official', async () => {
    const posted = await fetch(`${running.server.url}/api/feed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${running.server.feedToken}` },
      body: JSON.stringify(finaleAsFeedUpdate()),
    });
    expect(posted.status).toBe(200);
    const update = finaleAsFeedUpdate();
    const winner = update.cars[0]!;
    const timing = await openPage(running.browser, url(`session=${MX5_FINALE}&championship=drivers`), 1920, 1080);
    await timing.waitForSelector('.standings-row');
    const pointsOf = () =>
      timing.$$eval(
        '.standings-row',
        (rows, name) =>
          rows.find((row) => row.querySelector('.name')!.textContent === name)?.querySelector('.race-points')
            ?.textContent,
        winner.driver,
      );
    const before = await pointsOf();
    expect(before).toMatch(/^\+\d+$/);

    const page = await openPage(running.browser, url(`session=${MX5_FINALE}&page=race-control`));
    await signIn(page, RACE_CONTROL_TOKEN);
    await page.waitForSelector('form[aria-label="New decision"]');
    await page.getByLabel('Decision', { exact: true }).selectOption('exclusion');
    await page.getByLabel('Car', { exact: true }).selectOption(winner.number);
    await page.getByLabel('Reason').fill('Technical infringement: ride height');
    await page.getByLabel('Official').fill('Chief Steward');
    await page.getByRole('button', { name: 'Apply decision' }).click();
    await expect.poll(() => markOf(page, winner.number)).toBe('EXCL');
    // The championship panel follows the decision at once: the excluded winner scores nothing.
    await expect.poll(pointsOf).not.toBe(before);
    expect(await markOf(timing, winner.number)).toBe('EXCL');
    await timing.screenshot({ path: path.join(ARTIFACTS, 'race-control-championship.png') });

    await page.getByRole('button', { name: 'Rescind…' }).click();
    await page.getByLabel('Reason to rescind decision 1').fill('Appeal upheld');
    await page.getByRole('button', { name: 'Rescind decision 1' }).click();
    await expect.poll(() => markOf(page, winner.number)).toBe('');
    await expect.poll(pointsOf).toBe(before);
    expect(await page.locator('.audit-entry[data-entry="1"] .audit-rescinded').textContent()).toBe('RESCINDED by 2');

    await page.getByRole('button', { name: 'Confirm result…' }).click();
    await page.getByRole('button', { name: 'Yes, make it official' }).click();
    await expect.poll(() => page.locator('.rc-status [data-result-status]').textContent()).toBe('OFFICIAL');
    await expect.poll(() => timing.locator('.banner [data-result-status]').textContent()).toBe('OFFICIAL');
    // The status comes with the delta; where the result went comes with the answer, which may land later.
    await expect
      .poll(() => page.locator('.rc-status .rc-ok').textContent())
      .toContain('Stored as race 14 of the 2024 mx5-cup season');
    await timing.close();
    await page.close();
  });

  it('seek shows the order at a lap for this viewer only, and back to live returns', async () => {
    const { cars } = (await (await fetch(`${running.server.url}/api/sessions/${VIR}/laps`)).json()) as {
      cars: { number: string; laps: { lap: number; raceTimeMs?: number }[] }[];
    };
    // The order at the leader's lap 30, from the lap history: laps then, then who crossed first.
    const lap = 30;
    const at = Math.min(...cars.flatMap((car) => car.laps.filter((r) => r.lap === lap).map((r) => r.raceTimeMs!)));
    const expected = cars
      .map((car) => ({ number: car.number, last: car.laps.filter((r) => r.raceTimeMs! <= at).at(-1) }))
      .sort((a, b) => (b.last?.lap ?? 0) - (a.last?.lap ?? 0) || (a.last?.raceTimeMs ?? 0) - (b.last?.raceTimeMs ?? 0))
      .map((car) => car.number);

    const page = await openPage(running.browser, url(`session=${VIR}`));
    const other = await openPage(running.browser, url(`session=${VIR}`));
    const live = await towerOrder(other);
    await page.getByLabel('Lap', { exact: true }).fill(String(lap));
    await expect.poll(() => page.textContent('.seek-state')).toBe(`VIEWING LAP ${lap}`);
    await expect.poll(() => towerOrder(page)).toEqual(expected);
    expect(expected).not.toEqual(live);
    expect(await towerOrder(other)).toEqual(live);
    await page.getByRole('button', { name: 'Back to live' }).click();
    await expect.poll(() => towerOrder(page)).toEqual(live);
    expect(await page.textContent('.seek-state')).toBe('LIVE');
    await page.close();
    await other.close();
  });

  it('a delayed viewer sees a decision only once the delay is up, and the URL keeps the delay', async () => {
    const delayed = await running.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const opened = Date.now();
    await delayed.goto(url(`session=${VIR}&delay=4`));
    expect(await delayed.textContent('.delay-notice')).toContain('DELAYED 4 S');
    await delayed.waitForSelector('.tower-row');
    expect(Date.now() - opened).toBeGreaterThanOrEqual(3_500);
    expect(await delayed.getByLabel('Delay').inputValue()).toBe('4');
    const decided = Date.now();
    const response = await fetch(`${running.server.url}/api/sessions/${VIR}/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${RACE_CONTROL_TOKEN}` },
      body: JSON.stringify({
        author: 'IMSA Race Control',
        reason: 'Pit lane speeding',
        decision: { kind: 'time-penalty', car: '1', seconds: 35 },
      }),
    });
    expect(response.status).toBe(201);
    await expect.poll(() => markOf(delayed, '1'), { timeout: 15_000 }).toBe('+35s');
    expect(Date.now() - decided).toBeGreaterThanOrEqual(3_500);
    await delayed.getByLabel('Delay').selectOption('0');
    expect(delayed.url()).not.toContain('delay=');
    expect(await delayed.locator('.delay-notice').count()).toBe(0);
    await delayed.close();
  });

  it('draws the lap chart and the gap chart from the lap history', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ] as const) {
      const page = await running.browser.newPage({ viewport: { width, height } });
      await page.goto(url(`session=${VIR}&page=review&class=GTD`));
      await page.waitForSelector('figure[aria-label="Lap chart"] .recharts-line');
      const gtdCars = officialByClass().get('GTD')!.length;
      expect(await page.locator('figure[aria-label="Lap chart"] .recharts-line').count()).toBe(gtdCars);
      expect(await page.locator('figure[aria-label="Gap chart"] .recharts-line').count()).toBe(gtdCars);
      await page.getByLabel('Car to follow').selectOption('27');
      await page.getByLabel('Gap to').selectOption('focus');
      expect(await page.textContent('figure[aria-label="Gap chart"] figcaption')).toContain('#27');
      await page.screenshot({ path: path.join(ARTIFACTS, `review-lap-chart-${width}.png`) });
      await page.locator('figure[aria-label="Gap chart"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, `review-gap-chart-${width}.png`) });
      await page.close();
    }
  });

  it('archive, delete and review sessions from the page: other viewers\u2019 pickers lose them at once', async () => {
    const practice = { ...finaleAsFeedUpdate(), sessionId: 'e2e-practice' };
    const posted = await fetch(`${running.server.url}/api/feed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${running.server.feedToken}` },
      body: JSON.stringify(practice),
    });
    expect(posted.status).toBe(200);
    const picker = await openPage(running.browser, url(`session=${VIR}`));
    const offered = () =>
      picker.$$eval('select[aria-label="Session"] option', (options) => options.map((o) => o.getAttribute('value')));
    await expect.poll(offered).toContain('e2e-practice');

    const page = await openPage(running.browser, url(`session=${VIR}&page=race-control`), 1920, 1080);
    await page.getByLabel('Feed token').fill(running.server.feedToken);
    await page.getByRole('button', { name: 'Use feed token' }).click();
    const live = page.locator('ul[aria-label="Live sessions"] li', { hasText: 'e2e-practice' });
    await live.getByRole('button', { name: 'Archive' }).click();
    await expect.poll(offered).not.toContain('e2e-practice');
    const archived = page.locator('ul[aria-label="Archived sessions"] li', { hasText: 'e2e-practice' });
    await archived.waitFor();
    expect(await live.count()).toBe(0);
    for (const [width, height] of [
      [390, 844],
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.locator('.rc-sessions').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, `race-control-sessions-${width}.png`) });
    }

    await archived.getByRole('button', { name: 'Delete…' }).click();
    await archived.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => archived.count()).toBe(0);
    expect((await fetch(`${running.server.url}/api/sessions/e2e-practice`)).status).toBe(404);

    // An archived race still opens for review, its lap history and all (the last test: VIR stays archived).
    await page
      .locator('ul[aria-label="Live sessions"] li', { hasText: VIR })
      .getByRole('button', { name: 'Archive' })
      .click();
    await page
      .locator('ul[aria-label="Archived sessions"] li', { hasText: VIR })
      .getByRole('button', { name: 'Review' })
      .click();
    await page.waitForSelector('figure[aria-label="Lap chart"]');
    expect(page.url()).toContain('page=review');
    expect(page.url()).not.toContain(running.server.feedToken);
    await picker.close();
    await page.close();
  });
});
