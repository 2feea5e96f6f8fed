import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserMissing, serverAndBrowser } from './harness';
import { CTMP_ANALYSIS, CTMP_SESSION, SHARED, ctmpOfficialOrder, replay, sharedMissing } from './feeds';

const SEBRING = path.join(SHARED, 'rmonitor/2009_Sebring_ALMS_Session_4.txt');

/** The capture's own last word: each car's last $G position since the last $I reset. */
function lastGOrder(): string[] {
  const position = new Map<string, number>();
  const number = new Map<string, string>();
  for (const line of readFileSync(SEBRING, 'utf8').split(/\r?\n/)) {
    const fields = line.replace(/"/g, '').split(',');
    if (fields[0] === '$I') position.clear();
    if (fields[0] === '$G') position.set(fields[2]!, Number(fields[1]));
    if (fields[0] === '$A' || fields[0] === '$COMP') number.set(fields[1]!, fields[2]!);
  }
  return [...position].sort((a, b) => a[1] - b[1]).map(([registration]) => number.get(registration)!);
}

async function towerOrder(page: Page): Promise<string[]> {
  return page.$$eval('.tower-row', (rows) =>
    rows
      .map((row) => ({ car: row.getAttribute('data-car')!, position: Number(row.getAttribute('data-position')) }))
      .sort((a, b) => a.position - b.position)
      .map((row) => row.car),
  );
}

describe.skipIf(browserMissing() || sharedMissing('the replay browser test'))(
  'real timing files replayed into the browser',
  () => {
    const running = serverAndBrowser(['--no-demo']);

    it('an Al Kamel race analysis ends in the official order, class by class', async () => {
      await replay(running.server, CTMP_ANALYSIS, 20_000);
      const official = ctmpOfficialOrder();
      const page = await running.browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(`${running.server.url}/?session=${CTMP_SESSION}`);
      await page.waitForSelector('.tower-row');
      expect(await towerOrder(page)).toEqual(official.map((car) => car.number));
      expect(await page.textContent('.banner')).toContain('CHECKERED');
      const classes = [...new Set(official.map((car) => car.classId))];
      expect(await page.$$eval('[role=tab]', (tabs) => tabs.map((tab) => tab.textContent))).toEqual([
        'Overall',
        ...classes,
      ]);
      await page.getByRole('tab', { name: 'GTD', exact: true }).click();
      await expect
        .poll(() => towerOrder(page))
        .toEqual(official.filter((car) => car.classId === 'GTD').map((car) => car.number));
      await page.screenshot({ path: path.join(ARTIFACTS, 'replay-ctmp-gtd.png') });
      await page.close();
    });

    it('an RMonitor capture ends in its last $G order, with its classes', async () => {
      await replay(running.server, SEBRING, 20_000);
      const page = await running.browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(`${running.server.url}/?session=2009_Sebring_ALMS_Session_4`);
      await page.waitForSelector('.tower-row');
      expect(await towerOrder(page)).toEqual(lastGOrder());
      const tabs = await page.$$eval('[role=tab]', (elements) => elements.map((tab) => tab.textContent));
      expect(tabs.length).toBeGreaterThanOrEqual(3);
      await page.screenshot({ path: path.join(ARTIFACTS, 'replay-sebring.png') });
      await page.close();
    });
  },
);
