import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserMissing, serverAndBrowser } from './harness';

const MX5 = 'demo-mx5-cup-r14';
const VP = 'demo-vp-sportscar-challenge-r12';
const PORSCHE = 'demo-carrera-cup-na-r16';

/** Car numbers in the order the tower shows them, with the position each row displays. */
async function towerRows(page: Page) {
  return page.$$eval('.tower-row', (rows) =>
    rows
      .map((row) => ({
        car: row.getAttribute('data-car')!,
        position: Number(row.getAttribute('data-position')),
        classId: row.getAttribute('data-class')!,
        text: row.textContent ?? '',
      }))
      .sort((a, b) => a.position - b.position),
  );
}

describe.skipIf(browserMissing())('the live tower in Chromium', () => {
  const running = serverAndBrowser(['--demo-speed', '10']);

  it('shows the demo race and its order moving', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${running.server.url}/?session=${MX5}`);
    await page.waitForSelector('.tower-row');
    await expect.poll(() => page.textContent('[data-connection]')).toBe('LIVE');
    expect(await page.textContent('.banner')).toContain('Road Atlanta');
    // A race still running has no result to call provisional yet.
    expect(await page.locator('.banner [data-result-status]').count()).toBe(0);
    const before = (await towerRows(page)).map((row) => row.text).join('|');
    await expect
      .poll(async () => (await towerRows(page)).map((row) => row.text).join('|'), { timeout: 30_000, interval: 500 })
      .not.toBe(before);
    const rows = await towerRows(page);
    expect(rows.map((row) => row.position)).toEqual(rows.map((_, i) => i + 1));
    await page.screenshot({ path: path.join(ARTIFACTS, 'overall-mx5.png') });
    await page.close();
  });

  it('shows class positions on a class tab and puts the class in the URL', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${running.server.url}/?session=${VP}`);
    await page.waitForSelector('.tower-row');
    const overall = await towerRows(page);
    expect(new Set(overall.map((row) => row.classId))).toEqual(new Set(['LMP3', 'GSX']));
    await page.getByRole('tab', { name: 'GSX' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('class')).toBe('GSX');
    await expect.poll(async () => (await towerRows(page)).every((row) => row.classId === 'GSX')).toBe(true);
    const gsx = await towerRows(page);
    expect(gsx.length).toBe(overall.filter((row) => row.classId === 'GSX').length);
    expect(gsx.map((row) => row.position)).toEqual(gsx.map((_, i) => i + 1));
    expect(await page.textContent('.tower-head')).toContain('CLASS GAP');
    await page.screenshot({ path: path.join(ARTIFACTS, 'class-gsx.png') });
    await page.close();
  });

  it('opens the right session and class from a deep link', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${running.server.url}/?session=${PORSCHE}&class=PROAM`);
    await page.waitForSelector('.tower-row');
    expect(await page.getByRole('combobox', { name: 'Session' }).inputValue()).toBe(PORSCHE);
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('Pro-Am');
    const rows = await towerRows(page);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((row) => row.classId === 'PROAM')).toBe(true);
    await page.close();
  });

  it('moves the projected standings while the race runs', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${running.server.url}/?session=${MX5}`);
    await page.waitForSelector('.standings-row');
    expect(await page.getByRole('combobox', { name: 'Championship' }).inputValue()).toBe('drivers');
    const standings = () => page.$$eval('.standings-row', (rows) => rows.map((row) => row.textContent).join('|'));
    const before = await standings();
    await expect.poll(standings, { timeout: 30_000, interval: 500 }).not.toBe(before);
    expect(await page.textContent('.leader-line')).toMatch(/PROJECTED LEADER|CHAMPION/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'standings-mx5.png') });
    await page.close();
  });
});
