import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, REPO, browserMissing, serverAndBrowser, type RunningServer } from './harness';
import { CTMP_ANALYSIS, CTMP_SESSION, ctmpOfficialOrder, replay, sharedMissing } from './feeds';

const PORSCHE = 'demo-carrera-cup-na-r16';
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];
const MODES = [
  { name: 'desk', query: '' },
  { name: 'tv', query: '&mode=tv' },
  { name: 'overlay-tower', query: '&mode=overlay&view=tower' },
  { name: 'overlay-standings', query: '&mode=overlay&view=standings' },
  { name: 'overlay-battle', query: '&mode=overlay&view=battle' },
];

/** The smallest font of any visible text on the page, and where it is. */
function smallestText(page: Page) {
  return page.evaluate(() => {
    let smallest = { px: Infinity, where: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode;
      const element = text.parentElement;
      if (!element || !text.textContent?.trim()) continue;
      if (element.closest('[aria-hidden="true"], .off-page, .visually-hidden, select, details:not([open]) > div'))
        continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility === 'hidden' || box.width === 0 || box.height === 0) continue;
      const px = parseFloat(style.fontSize);
      if (px < smallest.px) smallest = { px, where: `${element.className}: ${text.textContent.trim().slice(0, 24)}` };
    }
    return smallest;
  });
}

/**
 * Rows of the tower's first page, with their boxes: a paged tower turns every 8 s, and on a loaded
 * machine a test can reach this after the turn, so it waits for the first page to come round.
 */
async function visibleRows(page: Page) {
  await page.waitForSelector('.tower[data-page="0"]', { timeout: 20_000 });
  return page.$$eval('.tower-row:not(.off-page)', (rows) =>
    rows.map((row) => {
      const box = row.getBoundingClientRect();
      return { car: row.getAttribute('data-car')!, top: box.top, bottom: box.bottom, left: box.left, right: box.right };
    }),
  );
}

/** No sideways scrolling, and no text under the mode's minimum (TV and overlay scale with the screen). */
async function expectReadable(page: Page, mode: string, width: number, height: number) {
  const scroll = await page.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }));
  expect(scroll.content, 'no horizontal scroll').toBeLessThanOrEqual(scroll.viewport);
  // TV and overlay type is 32 px at 1080p, in proportion to the screen, never below 14 px.
  const scale = Math.min(height / 1080, width / 1920);
  const minimum = mode === 'desk' ? 12 : Math.max(14, 32 * scale) - 0.5;
  const smallest = await smallestText(page);
  expect(smallest.px, `smallest text (${smallest.where})`).toBeGreaterThanOrEqual(minimum);
}

/** An OBS source: transparent all the way down, nothing to click. */
async function expectOverlay(page: Page) {
  const backgrounds = await page.evaluate(() =>
    [document.documentElement, document.body, document.querySelector('.app')!].map(
      (element) => getComputedStyle(element).backgroundColor,
    ),
  );
  expect(backgrounds).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
  expect(await page.locator('select, input, button').count(), 'no controls').toBe(0);
}

function towerHeader(page: Page) {
  return page.$$eval('.tower-head [role=columnheader]', (cells) => cells.map((cell) => cell.textContent));
}

/**
 * A phone: the compact tower, starting in the first screen with delay, replay and seek folded.
 * 1280 px and wider: the engineer's sectors (once a lap has been timed), stint and stops.
 */
async function expectDeskColumns(page: Page, width: number) {
  if (width <= 640) {
    expect(await towerHeader(page)).toEqual(['POS', 'NO', 'DRIVER', 'GAP', 'LAST']);
    expect(await page.$eval('details.time-fold', (fold) => (fold as HTMLDetailsElement).open)).toBe(false);
    const towerTop = await page.$eval('.tower', (tower) => tower.getBoundingClientRect().top);
    expect(towerTop, 'the tower starts in the top half of the first screen').toBeLessThan(844 / 2);
    return;
  }
  if (width < 1280) return;
  await page.waitForSelector('.tower-head [role=columnheader]:text-is("S1")', { timeout: 60_000 });
  expect(await towerHeader(page)).toEqual(expect.arrayContaining(['S1', 'S2', 'S3', 'STINT', 'PIT', 'LAST STOP']));
  // Bests are told by shape as well as colour: overall a filled chip, class a box, personal an underline.
  const shapes = await page.$$eval('.tower-row .lap[class*="mark-"]:not(.mark-none)', (times) =>
    times.map((time) => {
      const style = getComputedStyle(time);
      return {
        mark: time.className.replace(/.*mark-/, ''),
        filled: style.backgroundColor !== 'rgba(0, 0, 0, 0)',
        boxed: style.boxShadow !== 'none',
        underlined: style.textDecorationLine.includes('underline'),
        title: time.getAttribute('title'),
      };
    }),
  );
  expect(shapes.length, 'some best is marked').toBeGreaterThan(0);
  for (const shape of shapes) {
    expect(shape).toEqual({
      mark: shape.mark,
      filled: shape.mark === 'overall',
      boxed: shape.mark === 'class',
      underlined: shape.mark === 'personal',
      title: `${shape.mark} best`,
    });
  }
}

describe.skipIf(browserMissing())('every screen at every size', () => {
  const running = serverAndBrowser(['--demo-speed', '10']);

  for (const { width, height } of VIEWPORTS) {
    for (const mode of MODES) {
      it(`${mode.name} at ${width}x${height}`, async () => {
        const page = await running.browser.newPage({ viewport: { width, height } });
        await page.goto(`${running.server.url}/?session=${PORSCHE}${mode.query}`);
        await page.waitForSelector(mode.name === 'overlay-battle' ? '.battle, .battle-none' : '.tower-row, li');
        await page.waitForTimeout(800);

        await expectReadable(page, mode.name, width, height);

        if (mode.name === 'tv' || mode.name === 'overlay-tower') {
          const rows = await visibleRows(page);
          for (const row of rows) {
            expect(row.top, `#${row.car} on screen`).toBeGreaterThanOrEqual(0);
            expect(row.bottom, `#${row.car} on screen`).toBeLessThanOrEqual(height + 0.5);
            expect(row.right, `#${row.car} on screen`).toBeLessThanOrEqual(width + 0.5);
          }
          const pages = Number(await page.getAttribute('.tower', 'data-pages'));
          expect(rows.length * pages).toBeGreaterThanOrEqual(36);
          // A TV on a wide screen shows the whole 36-car field at once, in two columns.
          if (mode.name === 'tv' && width >= 1000) expect(rows.length).toBe(36);
        }
        if (mode.name === 'desk') {
          expect(await page.locator('.tower-row').count()).toBe(36);
          await expectDeskColumns(page, width);
        }
        if (mode.name.startsWith('overlay')) await expectOverlay(page);
        await page.screenshot({
          path: path.join(ARTIFACTS, `${mode.name}-${width}x${height}.png`),
          omitBackground: mode.name.startsWith('overlay'),
        });
        await page.close();
      });
    }
  }

  it('matches a class in a link whatever its case, and names a class the session does not have', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${running.server.url}/?session=${PORSCHE}&class=masters`);
    await page.waitForSelector('.tower-row');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('Masters');
    await page.goto(`${running.server.url}/?session=${PORSCHE}&class=gt3`);
    await page.waitForSelector('.tower-row');
    expect(await page.textContent('.unknown-class')).toContain('no class “gt3”');
    expect(await page.locator('.tower-row').count()).toBe(36);
    await page.close();
  });

  it('keeps my cars in the link and in this browser, pinned and highlighted', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${running.server.url}/?session=${PORSCHE}&cars=24`);
    await page.waitForSelector('[data-my-car="24"]');
    expect(await page.getAttribute('.tower-row[data-car="24"]', 'class')).toContain('mine');
    // Find #9 by number, add it from its panel.
    await page.fill('input[aria-label="Find car by number"]', '9');
    await page.press('input[aria-label="Find car by number"]', 'Enter');
    // Its panel lists its laps from the session's lap history.
    await expect
      .poll(() => page.locator('[data-testid=car-laps] tbody tr').count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: '☆ Add to my cars' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('cars')).toBe('24,9');
    await page.goto(`${running.server.url}/?session=${PORSCHE}`);
    await page.waitForSelector('[data-my-car="9"]');
    expect(await page.locator('.my-car').count()).toBe(2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'my-cars-1280x720.png') });
    await page.close();
  });

  it('loads the charts after the first paint, as a separate file', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${running.server.url}/?session=demo-mx5-cup-r14`);
    await page.waitForSelector('.recharts-surface', { timeout: 30_000 });
    expect(scripts[0]).toMatch(/^\/assets\/index-.*\.js$/);
    expect(scripts.some((script) => /PointsChart-.*\.js$/.test(script))).toBe(true);
    await page.close();
  });
});

// ---- A race driven by hand through the feed API: overtakes, contention, the flag, silence ----

const SESSION = 'mx5-finale-by-hand';
interface SeasonRow {
  number: string;
  drivers: string[];
  team: string;
  classId: string;
  position?: number;
  status: string;
}

/** The 2024 MX-5 Cup finale's starters, in their official finishing order. */
function finaleCars() {
  const season = JSON.parse(readFileSync(path.join(REPO, 'packages/shared/data/seasons/mx5-cup-2024.json'), 'utf8'));
  const rows: SeasonRow[] = season.results.find((r: { race: number }) => r.race === 14).classification;
  return rows
    .filter((row) => row.status === 'classified' || row.status === 'retired')
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity))
    .map((row, i) => ({
      number: row.number,
      classId: row.classId,
      driver: row.drivers[0]!,
      team: row.team,
      position: i + 1,
      laps: 10,
      totalTimeMs: 900_000 + i * 1_500,
    }));
}

/** The feed's counter for the session, shared by every test of the block: it must keep growing. */
let handSeq = 0;

class HandFeed {
  constructor(private server: RunningServer) {}
  async send(update: Record<string, unknown>) {
    const response = await fetch(`${this.server.url}/api/feed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.server.feedToken}` },
      body: JSON.stringify({ sessionId: SESSION, seq: ++handSeq, ...update }),
    });
    expect(await response.json()).toMatchObject({ status: 'accepted' });
  }
  start(cars: ReturnType<typeof finaleCars>) {
    return this.send({
      type: 'full',
      session: {
        seriesId: 'mx5-cup',
        event: 'Road Atlanta',
        name: 'Race 2',
        race: 14,
        round: 7,
        status: 'running',
        flag: 'green',
      },
      cars,
    });
  }
  /** New overall order given as car numbers. */
  order(numbers: string[]) {
    return this.send({ type: 'patch', cars: numbers.map((number, i) => ({ number, position: i + 1 })) });
  }
}

/** Row boxes, from the top of the tower, on every animation frame for `ms`, while `act` runs. */
async function sampleRows(page: Page, ms: number, act: () => Promise<void>) {
  const sampling = page.evaluate(
    (duration) =>
      new Promise<{ car: string; top: number; bottom: number }[][]>((resolve) => {
        const frames: { car: string; top: number; bottom: number }[][] = [];
        const start = performance.now();
        const tick = () => {
          // Relative to the tower: a line above it re-wrapping under load (a badge's text) is not a row moving.
          const origin = document.querySelector('.tower')!.getBoundingClientRect().top;
          frames.push(
            Array.from(document.querySelectorAll('.tower-row')).map((row) => {
              const box = row.getBoundingClientRect();
              return { car: row.getAttribute('data-car')!, top: box.top - origin, bottom: box.bottom - origin };
            }),
          );
          if (performance.now() - start < duration) requestAnimationFrame(tick);
          else resolve(frames);
        };
        tick();
      }),
    ms,
  );
  await act();
  return sampling;
}

/** Each car's top edge through the frames. */
function tracks(frames: { car: string; top: number; bottom: number }[][]) {
  const byCar = new Map<string, number[]>();
  for (const frame of frames) for (const row of frame) byCar.set(row.car, [...(byCar.get(row.car) ?? []), row.top]);
  return byCar;
}

/** Rows slid (seen between their old and new place) and never went back; the others never moved. */
function expectSlides(frames: { car: string; top: number; bottom: number }[][], moving: string[]) {
  for (const [car, tops] of tracks(frames)) {
    const [first, last] = [tops[0]!, tops.at(-1)!];
    if (!moving.includes(car)) {
      expect(new Set(tops.map(Math.round)).size, `#${car} stays put`).toBe(1);
      continue;
    }
    const between = tops.filter((top) => top > Math.min(first, last) + 1 && top < Math.max(first, last) - 1);
    expect(between.length, `#${car} slides through intermediate places`).toBeGreaterThan(2);
    const direction = Math.sign(last - first);
    tops
      .slice(1)
      .forEach((top, i) => expect((top - tops[i]!) * direction, `#${car} never goes back`).toBeGreaterThan(-0.5));
  }
  // No row ever lands on a row that is not its partner in the move, and no still row leaves a gap.
  for (const frame of frames) {
    const still = frame.filter((row) => !moving.includes(row.car));
    for (const row of frame) {
      for (const other of still) {
        if (row === other) continue;
        const overlap = Math.min(row.bottom, other.bottom) - Math.max(row.top, other.top);
        expect(overlap, `#${row.car} over #${other.car}`).toBeLessThan(1.5);
      }
    }
  }
}

describe.skipIf(browserMissing())('a race driven through the feed', () => {
  const running = serverAndBrowser(['--no-demo']);
  let browser: Browser;

  it('slides both cars of an overtake, and every car of a full reorder', async () => {
    browser = running.browser;
    const feed = new HandFeed(running.server);
    const cars = finaleCars();
    await feed.start(cars);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${running.server.url}/?session=${SESSION}`);
    await page.waitForSelector('.tower-row');
    await page.waitForTimeout(500);
    const numbers = cars.map((car) => car.number);

    const overtake = [...numbers];
    [overtake[2], overtake[3]] = [overtake[3]!, overtake[2]!];
    const frames = await sampleRows(page, 1_200, () => feed.order(overtake));
    expectSlides(frames, [numbers[2]!, numbers[3]!]);

    const reorder = [...overtake.slice(0, 6).reverse(), ...overtake.slice(6)];
    const reordered = await sampleRows(page, 1_200, () => feed.order(reorder));
    expectSlides(reordered, overtake.slice(0, 6));
    await page.close();
  });

  it('moves the title fight with the order, and names the champion after the flag', async () => {
    const feed = new HandFeed(running.server);
    const cars = finaleCars();
    await feed.send({ type: 'patch', cars: cars.map(({ number, position }) => ({ number, position })) });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${running.server.url}/?session=${SESSION}&championship=drivers`);
    await page.waitForSelector('.standings-row .needs');
    const fight = () =>
      page.evaluate(() => ({
        headline: document.querySelector('[data-testid=headline]')!.textContent,
        needs: Array.from(document.querySelectorAll('.standings-row'))
          .filter((row) => row.querySelector('.needs'))
          .map((row) => `${row.getAttribute('data-competitor')}: ${row.querySelector('.needs')!.textContent}`),
      }));
    expect(await page.textContent('.panel-title')).toBe('IF IT ENDS NOW');
    const asFinished = await fight();
    expect(asFinished.headline).toContain('CHAMPION IF IT ENDS NOW');
    expect(asFinished.headline).toContain('Gresham Wagner');

    // Gresham Wagner's car drops to the back: the fight and what everyone needs change with it.
    const wagner = cars.find((car) => car.driver === 'Gresham Wagner')!.number;
    const order = [...cars.map((car) => car.number).filter((n) => n !== wagner), wagner];
    await feed.order(order);
    await expect
      .poll(async () => (await fight()).needs.join('|'), { timeout: 10_000 })
      .not.toBe(asFinished.needs.join('|'));
    await expect.poll(async () => (await fight()).headline).not.toContain('Gresham Wagner');
    await page.screenshot({ path: path.join(ARTIFACTS, 'contention-running-1920x1080.png') });

    // The flag: the projection becomes the provisional result, the champion is named, no "if it ends now".
    await feed.send({ type: 'patch', session: { status: 'finished', flag: 'checkered' } });
    await expect.poll(() => page.textContent('.panel-title')).toBe('PROVISIONAL RESULT');
    const after = await fight();
    expect(after.headline).toMatch(/^CHAMPION \S/);
    expect(after.needs).toEqual([]);
    expect(await page.textContent('body')).not.toContain('IF IT ENDS NOW');
    await page.screenshot({ path: path.join(ARTIFACTS, 'panel-after-flag-1920x1080.png') });
    await page.close();
  });

  it('scores a what-if in the browser, marks it, sends nothing, clears in one click', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') sent.push(`${request.method()} ${request.url()}`);
    });
    await page.goto(`${running.server.url}/?session=${SESSION}&championship=drivers`);
    await page.waitForSelector('.standings-row');
    const last = finaleCars().at(-1)!;
    await page.fill('input[aria-label="What if"]', `#${last.number} to P1`);
    await page.press('input[aria-label="What if"]', 'Enter');
    await page.waitForSelector('.what-if-championship');
    expect(await page.textContent('.what-if-tag')).toBe('HYPOTHETICAL');
    expect(await page.locator('.what-if-championship').count()).toBe(2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'what-if-1920x1080.png') });
    await page.getByRole('button', { name: 'Clear what-if' }).click();
    await page.waitForSelector('.standings-row');
    expect(await page.locator('[data-testid=what-if]').count()).toBe(0);
    expect(sent).toEqual([]);
    await page.close();
  });

  it('dims the tower and says how old the order is when the feed goes quiet', async () => {
    const feed = new HandFeed(running.server);
    await feed.send({ type: 'patch', session: { status: 'running', flag: 'green' } });
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${running.server.url}/?session=${SESSION}`);
    await page.waitForSelector('.tower-row');
    const banner = page.locator('[data-testid=stale]');
    await banner.waitFor({ timeout: 15_000 });
    const first = Number(/(\d+) s OLD/.exec((await banner.textContent())!)![1]);
    expect(first).toBeGreaterThanOrEqual(5);
    await expect.poll(async () => Number(/(\d+) s OLD/.exec((await banner.textContent())!)![1])).toBeGreaterThan(first);
    expect(Number(await page.$eval('.tower', (tower) => getComputedStyle(tower).opacity))).toBeLessThan(0.6);
    await page.screenshot({ path: path.join(ARTIFACTS, 'stale-1280x720.png') });
    await page.close();
  });
});

// ---- A real race: the 2024 IMSA race at CTMP, replayed from Al Kamel's analysis file ----

/** Each row's car, class, position and shown class position, in running order. */
function towerRows(page: Page) {
  return page.$$eval('.tower-row', (rows) =>
    rows
      .map((row) => ({
        car: row.getAttribute('data-car')!,
        classId: row.getAttribute('data-class')!,
        position: Number(row.getAttribute('data-position')),
        classPosition: row.querySelector('.cell-classPosition')?.textContent,
        badge: row.querySelector('.class-badge')?.textContent,
        sectors: Array.from(row.querySelectorAll('[role=cell]'))
          .filter((cell) => /\bcell-s\d+\b/.test(cell.className))
          .map((cell) => cell.textContent),
      }))
      .sort((a, b) => a.position - b.position),
  );
}

describe.skipIf(browserMissing() || sharedMissing('the real-replay screens test'))(
  'every screen on a real Al Kamel replay',
  () => {
    const running = serverAndBrowser(['--no-demo']);
    const official = sharedMissing('the real-replay screens test') ? [] : ctmpOfficialOrder();
    let replayed: Promise<string> | undefined;

    for (const { width, height } of VIEWPORTS) {
      for (const mode of MODES) {
        it(`${mode.name} at ${width}x${height}`, async () => {
          replayed ??= replay(running.server, CTMP_ANALYSIS, 20_000);
          await replayed;
          const page = await running.browser.newPage({ viewport: { width, height } });
          await page.goto(`${running.server.url}/?session=${CTMP_SESSION}${mode.query}`);
          await page.waitForSelector(
            mode.name === 'overlay-battle'
              ? '.battle, .battle-none'
              : mode.name.endsWith('standings')
                ? '.app'
                : '.tower-row',
          );
          await page.waitForTimeout(800);
          await expectReadable(page, mode.name, width, height);
          if (mode.name.startsWith('overlay')) await expectOverlay(page);

          const rows = await towerRows(page);
          if (mode.name === 'desk') {
            expect(rows.map((row) => row.car)).toEqual(official.map((car) => car.number));
            await expectDeskColumns(page, width);
            if (width > 640) {
              // Class positions in the overall order: 1, 2, 3... within each class.
              const shown = new Map<string, string[]>();
              for (const row of rows) shown.set(row.classId, [...(shown.get(row.classId) ?? []), row.classPosition!]);
              for (const [classId, places] of shown) {
                expect(places, classId).toEqual(places.map((_, i) => String(i + 1)));
              }
            }
            if (width >= 1280) {
              // Al Kamel times three sectors: every car that completed a timed lap shows them.
              const timed = rows.filter(
                (row) => row.sectors.length === 3 && row.sectors.every((s) => /\d\.\d{3}$/.test(s!)),
              );
              expect(timed.length).toBeGreaterThan(official.length - 4);
            } else {
              expect(
                rows.every((row) => row.sectors.length === 0),
                'no sectors under 1280 px',
              ).toBe(true);
            }
          }
          if (mode.name === 'tv' || mode.name === 'overlay-tower') {
            const pages = Number(await page.getAttribute('.tower', 'data-pages'));
            const onScreen = await visibleRows(page);
            expect(onScreen.length * pages).toBeGreaterThanOrEqual(official.length);
            // Three classes: each car's class is named, not told by colour alone; no sectors on air.
            for (const row of rows) expect(row.badge, `#${row.car}`).toBe(row.classId);
            expect(rows.every((row) => row.sectors.length === 0)).toBe(true);
          }
          await page.screenshot({
            path: path.join(ARTIFACTS, `replay-${mode.name}-${width}x${height}.png`),
            omitBackground: mode.name.startsWith('overlay'),
          });
          await page.close();
        });
      }
    }
  },
);
