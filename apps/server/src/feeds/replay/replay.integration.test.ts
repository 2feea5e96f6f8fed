import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import {
  seasonSchema,
  seriesDefinitionSchema,
  type CarState,
  type FeedHealth,
  type ReplayState,
} from '@pitwall/shared';
import { startPitwall, type Pitwall } from '../../app';
import type { Catalog } from '../../catalog/catalog';
import { ImportError, importAlkamelResults } from '../../catalog/import-results';
import { withStoredResults } from '../../catalog/stored-results';
import { seasonStandings } from '../../championships/season';
import { silentLogger } from '../../log/logger';
import { openResultsStore } from '../../storage/sqlite/results-store';
import { finishingOrderByClass, raceResultFromAlkamel } from '../alkamel/results';
import { IMSA_CLASS_MAP, readAlkamelFile, skipWithoutAlkamelData } from '../../test-support/alkamel-files';
import { attachFeedHealth, feedHealthRoutes } from '../health/attach';
import { FeedHealthTracker } from '../health/tracker';
import { ORBITS_MOCK, capturesAvailable, readCapture } from '../../test-support/rmonitor';
import { playTimeline, readReplayFile } from './play';
import { replayControlRoutes } from './routes';
import type { ReplayRunner } from './runner';

const TOKEN = 'replay-test-token';
const SHARED_DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..', '../shared/data');
const ORBITS_FILE = path.join(SHARED_DATA, 'rmonitor', ORBITS_MOCK);
const CTMP_ANALYSIS = path.join(SHARED_DATA, 'alkamel', '2024-imsa-ctmp-race-analysis.csv');
/** Fast enough that a 2.7-hour race is limited by the server, not the clock. */
const FLAT_OUT = 1e7;

let pitwall: Pitwall;
const tracker = new FeedHealthTracker();
const replays = new Map<string, ReplayRunner>();
let detachHealth: () => void;

beforeAll(async () => {
  pitwall = await startPitwall({
    port: 0,
    host: '127.0.0.1',
    feedToken: TOKEN,
    webRoot: tmpdir(),
    log: silentLogger,
    routes: (app, hub) => {
      feedHealthRoutes(app, { tracker, hub });
      replayControlRoutes(app, { replays });
    },
  });
  detachHealth = attachFeedHealth(pitwall.io, pitwall.hub, tracker, { emitEveryMs: 100 });
});

afterAll(async () => {
  replays.forEach((runner) => runner.stop());
  detachHealth();
  await pitwall.close();
});

async function getJson<T>(pathname: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${pitwall.url}${pathname}`);
  return { status: response.status, body: (await response.json()) as T };
}

async function control(sessionId: string, body: unknown, token = TOKEN) {
  const response = await fetch(`${pitwall.url}/api/sessions/${sessionId}/replay`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ReplayState & { error?: string } };
}

function replayInProcess(
  file: string,
  options: { sessionId: string; speed: number; classMap?: ReadonlyMap<string, string> },
) {
  const { timeline, rejected } = readReplayFile(file, {
    seriesId: 'test',
    event: 'Replay test',
    name: 'Race',
    ...options,
  });
  expect(rejected).toEqual([]);
  return playTimeline({
    timeline,
    label: `replay ${path.basename(file)}`,
    ingest: (update) => pitwall.hub.ingest(update, 'feed'),
    speed: options.speed,
    log: silentLogger,
    tracker,
    controls: replays,
  });
}

const classification = async (sessionId: string) =>
  (await getJson<{ cars: CarState[] }>(`/api/sessions/${sessionId}`)).body.cars;

/**
 * The capture's own final order, read straight from its text: each registration's last $G
 * position, ranked. Independent of the parser and the session builder.
 */
function lastGOrder(capture: string): string[] {
  const position = new Map<string, number>();
  const number = new Map<string, string>();
  for (const line of capture.split(/\r?\n/)) {
    const fields = line.replace(/"/g, '').split(',');
    if (fields[0] === '$G') position.set(fields[2]!, Number(fields[1]));
    if (fields[0] === '$A' || fields[0] === '$COMP') number.set(fields[1]!, fields[2]!);
  }
  return [...position].sort((a, b) => a[1] - b[1]).map(([registration]) => number.get(registration)!);
}

describe.skipIf(!capturesAvailable())('replaying an RMonitor capture in-process', () => {
  it("Orbits mock at high speed: the final classification over HTTP is the capture's own", async () => {
    const playing = replayInProcess(ORBITS_FILE, { sessionId: 'orbits', speed: FLAT_OUT });
    await playing.runner.done;
    const cars = await classification('orbits');
    expect(cars.map((car) => car.number)).toEqual(lastGOrder(readCapture(ORBITS_MOCK)));
    expect(cars[0]).toMatchObject({
      number: '3',
      classId: 'Formula Vee',
      driver: 'Morgan Freeman',
      laps: 8,
      totalTimeMs: 5 * 60_000 + 14_808,
      bestLapMs: 33_271,
      classPosition: 1,
    });
    const { body: health } = await getJson<FeedHealth>('/api/sessions/orbits/health');
    expect(health).toMatchObject({
      accepted: 357,
      ignored: 0,
      rejected: 0,
      source: { kind: 'replay', label: `replay ${ORBITS_MOCK}` },
      replay: { finished: true, paused: false, speed: FLAT_OUT, positionMs: 357_000, durationMs: 357_000 },
    });
    expect(playing.tally()).toEqual({ accepted: 357, ignored: 0, rejected: 0, unavailable: 0 });
  });

  it('pause, speed and resume over HTTP with the feed token; anything else is a 4xx that changes nothing', async () => {
    const playing = replayInProcess(ORBITS_FILE, { sessionId: 'orbits-controls', speed: 1 });
    const paused = await control('orbits-controls', { action: 'pause' });
    expect(paused).toMatchObject({
      status: 200,
      body: { paused: true, speed: 1, finished: false, durationMs: 357_000 },
    });
    const sentWhilePaused = playing.tally().accepted;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(playing.tally().accepted).toBe(sentWhilePaused);
    expect(playing.runner.state().positionMs).toBe(paused.body.positionMs);

    expect(await control('orbits-controls', { action: 'pause' }, 'wrong')).toMatchObject({
      status: 401,
      body: { error: 'feed token missing or wrong' },
    });
    expect(await control('orbits-controls', { action: 'rewind' })).toMatchObject({ status: 400 });
    expect(await control('orbits-controls', { action: 'speed' })).toMatchObject({ status: 400 });
    expect(await control('orbits-controls', { action: 'speed', speed: 0 })).toMatchObject({ status: 400 });
    expect(await control('orbits-controls', { action: 'pause', speed: 3 })).toMatchObject({ status: 400 });
    expect(await control('no-such-replay', { action: 'pause' })).toMatchObject({ status: 404 });
    expect(playing.runner.state()).toMatchObject({ paused: true, speed: 1 });

    expect(await control('orbits-controls', { action: 'speed', speed: FLAT_OUT })).toMatchObject({
      status: 200,
      body: { paused: true, speed: FLAT_OUT },
    });
    expect(await control('orbits-controls', { action: 'resume' })).toMatchObject({
      status: 200,
      body: { paused: false },
    });
    await playing.runner.done;
    expect((await classification('orbits-controls')).map((car) => car.number)).toEqual(
      lastGOrder(readCapture(ORBITS_MOCK)),
    );
  });

  it('viewers of a session that show its health get it every interval; the others do not', async () => {
    const viewer = connect(pitwall.url, { transports: ['websocket'] });
    const withoutHealth = connect(pitwall.url, { transports: ['websocket'] });
    let unwanted = 0;
    withoutHealth.on('health', () => (unwanted += 1));
    try {
      await withoutHealth.emitWithAck('join', { sessionId: 'orbits' });
      await viewer.emitWithAck('join', { sessionId: 'orbits', health: true });
      const event = await new Promise<{ sessionId: string; health: FeedHealth }>((resolve) =>
        viewer.once('health', resolve),
      );
      expect(unwanted).toBe(0);
      expect(event).toMatchObject({
        sessionId: 'orbits',
        health: { sessionId: 'orbits', accepted: 357, replay: { finished: true } },
      });
    } finally {
      viewer.close();
      withoutHealth.close();
    }
  });
});

describe.skipIf(skipWithoutAlkamelData)('replaying and importing the official CTMP 2024 files', () => {
  it('the analysis replayed in-process ends in the official classification, overall and in class', async () => {
    const playing = replayInProcess(CTMP_ANALYSIS, { sessionId: 'ctmp', speed: FLAT_OUT, classMap: IMSA_CLASS_MAP });
    await playing.runner.done;
    // One update per crossing moment, and one for each of the three cars retired after they stopped.
    expect(playing.tally()).toEqual({ accepted: 3644 + 3, ignored: 0, rejected: 0, unavailable: 0 });
    const official = raceResultFromAlkamel(readAlkamelFile('2024-imsa-ctmp-race-results.csv'), {
      race: 1,
      classMap: IMSA_CLASS_MAP,
    }).result.classification;
    const cars = await classification('ctmp');
    expect(cars.map((car) => car.number)).toEqual(official.map((row) => row.number));
    expect(finishingOrderByClass(cars)).toEqual(finishingOrderByClass(official));
    expect(cars.map((car) => car.classPosition)).toEqual(official.map((row) => row.classPosition));
  });

  describe('import into a data dir, then standings', () => {
    const series = seriesDefinitionSchema.parse({
      id: 'imsa-test',
      name: 'IMSA test series',
      shortName: 'IMSA',
      classes: [
        { id: 'lmp2', name: 'LMP2' },
        { id: 'gtd-pro', name: 'GTD Pro' },
        { id: 'gtd', name: 'GTD' },
      ],
      pointsTables: { imsa: { points: [350, 320, 300, 280, 260, 250, 240, 230, 220, 210], beyond: 10 } },
      championships: [
        { id: 'lmp2-teams', name: 'LMP2 Teams', competitor: 'car', scope: { classId: 'lmp2' }, pointsTable: 'imsa' },
        {
          id: 'gtd-drivers',
          name: 'GTD Drivers',
          competitor: 'driver',
          scope: { classId: 'gtd' },
          pointsTable: 'imsa',
        },
      ],
    });
    const season = seasonSchema.parse({
      seriesId: 'imsa-test',
      year: 2024,
      races: [
        { race: 1, round: 1, event: 'Watkins Glen', circuit: 'Watkins Glen', code: 'WGI' },
        { race: 2, round: 2, event: 'CTMP', circuit: 'Canadian Tire Motorsport Park', code: 'CTMP' },
      ],
      drivers: [],
      entries: [],
      results: [],
    });
    const catalog: Catalog = { series: new Map([[series.id, series]]), seasons: new Map([[series.id, [season]]]) };
    let dataDir: string;
    beforeAll(() => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'pitwall-import-'));
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('the CTMP results become race 2 and the standings count them', () => {
      const store = openResultsStore(path.join(dataDir, 'pitwall.db'));
      let gtdWinners: string[];
      try {
        const csv = readAlkamelFile('2024-imsa-ctmp-race-results.csv');
        const imported = importAlkamelResults(csv, catalog, store, {
          seriesId: 'imsa-test',
          race: 2,
          classMap: IMSA_CLASS_MAP,
          source: 'ctmp.csv',
        });
        expect(imported).toMatchObject({ seriesId: 'imsa-test', year: 2024, result: { race: 2 } });
        expect(imported.result.classification).toHaveLength(34);
        gtdWinners = imported.result.classification.find(
          (row) => row.classId === 'gtd' && row.classPosition === 1,
        )!.drivers;
      } finally {
        store.close();
      }
      // As `standings --data-dir` does: a fresh store on the same file.
      const reopened = openResultsStore(path.join(dataDir, 'pitwall.db'));
      try {
        const standings = seasonStandings(withStoredResults(catalog, reopened), 'imsa-test');
        expect(standings.afterRace).toBe(2);
        const [lmp2, gtd] = standings.championships;
        expect(lmp2!.standings.slice(0, 3).map((row) => [row.competitor, row.points])).toEqual([
          ['52', 350],
          ['74', 320],
          ['11', 300],
        ]);
        // #27 won GTD: both its drivers lead the GTD drivers on identical records, so they take one
        // place each, numbered by family name (the series' `identicalRecords: by-name`).
        expect(gtdWinners).toHaveLength(2);
        const byFamilyName = [...gtdWinners].sort((a, b) => a.split(' ').at(-1)!.localeCompare(b.split(' ').at(-1)!));
        expect(gtd!.standings.slice(0, 2).map((row) => [row.position, row.name, row.points])).toEqual(
          byFamilyName.map((name, index) => [index + 1, name, 350]),
        );
        expect(seasonStandings(catalog, 'imsa-test').afterRace).toBe(0);
      } finally {
        reopened.close();
      }
    });

    it('a file with a refused row, a class the series lacks or a race off the calendar imports nothing', () => {
      const store = openResultsStore(path.join(dataDir, 'refused.db'));
      try {
        const csv = readAlkamelFile('2024-imsa-ctmp-race-results.csv');
        const broken = csv.replace(/Classified/, 'Fell asleep');
        expect(() =>
          importAlkamelResults(broken, catalog, store, {
            seriesId: 'imsa-test',
            race: 2,
            classMap: IMSA_CLASS_MAP,
            source: 'x',
          }),
        ).toThrow(/1 row\(s\) refused, nothing imported:\n {2}line 2: /);
        expect(() =>
          importAlkamelResults(csv, catalog, store, {
            seriesId: 'imsa-test',
            race: 2,
            classMap: new Map([...IMSA_CLASS_MAP, ['GTD', 'gt3']]),
            source: 'x',
          }),
        ).toThrow(/class\(es\) gt3 are not classes of IMSA/);
        expect(() =>
          importAlkamelResults(csv, catalog, store, {
            seriesId: 'imsa-test',
            race: 3,
            classMap: IMSA_CLASS_MAP,
            source: 'x',
          }),
        ).toThrow(ImportError);
        expect(() =>
          importAlkamelResults(csv, catalog, store, {
            seriesId: 'nope',
            race: 2,
            classMap: IMSA_CLASS_MAP,
            source: 'x',
          }),
        ).toThrow(/unknown series "nope"/);
        expect(store.raceResults('imsa-test', 2024)).toEqual([]);
      } finally {
        store.close();
      }
    });
  });
});
