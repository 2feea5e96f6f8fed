import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  AuditEntry,
  CarState,
  FeedUpdate,
  IngestResult,
  SessionDelta,
  Season,
  SnapshotReply,
} from '@pitwall/shared';
import { analysisTimeline } from '../feeds/alkamel/analysis';
import { finishingOrderByClass, raceResultFromAlkamel } from '../feeds/alkamel/results';
import { IMSA_CLASS_MAP, readAlkamelFile, skipWithoutAlkamelData } from '../test-support/alkamel-files';
import { silentLogger } from '../log/logger';
import { startServer, type RunningServer } from '../server';

const FEED_TOKEN = 'feed-token-for-tests';
const RACE_CONTROL_TOKEN = 'race-control-token-for-tests';
const VIR = 'imsa-2024-vir-race';
const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli.cjs');

const start = (dataDir: string) =>
  startServer({
    port: 0,
    feedToken: FEED_TOKEN,
    raceControlToken: RACE_CONTROL_TOKEN,
    dataDir,
    log: silentLogger,
  });

async function post(server: RunningServer, route: string, body: unknown, token?: string) {
  const response = await fetch(`${server.pitwall.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function get<T>(server: RunningServer, route: string): Promise<T> {
  const response = await fetch(`${server.pitwall.url}${route}`);
  expect(response.status, route).toBe(200);
  return (await response.json()) as T;
}

const classification = (server: RunningServer, id: string) =>
  get<{ seq: number; cars: CarState[] }>(server, `/api/sessions/${id}`);

describe.skipIf(skipWithoutAlkamelData)('race control on the 2024 VIR race, through the HTTP API', () => {
  let dataDir: string;
  let server: RunningServer;
  const officialResults = () =>
    raceResultFromAlkamel(readAlkamelFile('2024-imsa-vir-race-results.csv'), { race: 1, classMap: IMSA_CLASS_MAP })
      .result.classification;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'pitwall-race-control-'));
    server = await start(dataDir);
    const { timeline, rejected } = analysisTimeline(readAlkamelFile('2024-imsa-vir-race-analysis.csv'), {
      sessionId: VIR,
      seriesId: 'imsa',
      event: 'VIRginia International Raceway',
      name: 'Race',
      classMap: IMSA_CLASS_MAP,
    });
    expect(rejected).toEqual([]);
    for (const { update } of timeline) expect(server.pitwall.hub.ingest(update, 'feed').status).toBe('accepted');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a decision with no token (401), a wrong one (401) or the feed token (403), and changes nothing', async () => {
    const before = await classification(server, VIR);
    const decision = { author: 'Intruder', reason: 'none', decision: { kind: 'exclusion', car: '1' } };
    expect((await post(server, `/api/sessions/${VIR}/decisions`, decision)).status).toBe(401);
    expect((await post(server, `/api/sessions/${VIR}/decisions`, decision, 'guess')).status).toBe(401);
    const asFeed = await post(server, `/api/sessions/${VIR}/decisions`, decision, FEED_TOKEN);
    expect(asFeed).toEqual({
      status: 403,
      body: { error: 'the feed token cannot make race-control decisions: use the race-control token' },
    });
    expect((await post(server, `/api/sessions/${VIR}/confirm`, { author: 'x' }, FEED_TOKEN)).status).toBe(403);
    expect((await post(server, `/api/sessions/${VIR}/decisions/1/rescind`, { author: 'x', reason: 'y' })).status).toBe(
      401,
    );
    expect(await classification(server, VIR)).toEqual(before);
    expect((await get<{ entries: AuditEntry[] }>(server, `/api/sessions/${VIR}/audit`)).entries).toEqual([]);
  });

  it('a viewer socket has no way to decide, and a feed socket cannot pass a decision off as an update', async () => {
    const before = await classification(server, VIR);
    const viewer: Socket = connect(server.pitwall.url, { transports: ['websocket'] });
    const feed: Socket = connect(`${server.pitwall.url}/feed`, {
      transports: ['websocket'],
      auth: { token: FEED_TOKEN },
    });
    try {
      const entry = {
        type: 'race-control',
        sessionId: VIR,
        id: 1,
        atMs: 0,
        author: 'Viewer',
        reason: 'x',
        action: { kind: 'exclusion', car: '1' },
      };
      for (const event of ['decision', 'decide', 'race-control', 'update']) viewer.emit(event, entry);
      const answer = (await feed.emitWithAck('update', entry)) as IngestResult;
      expect(answer.status).toBe('rejected');
      // The viewer's events had their chance to arrive: a round trip on the same socket comes after them.
      const reply = (await viewer.emitWithAck('join', { sessionId: VIR })) as SnapshotReply;
      expect(reply.ok && reply.snapshot.view.raceControl?.audit).toEqual({});
    } finally {
      viewer.close();
      feed.close();
    }
    expect(await classification(server, VIR)).toEqual(before);
  });

  it('#27 to the back of GTD through the API: the classification equals the official results, class by class', async () => {
    const official = officialResults();
    const onRoad = await classification(server, VIR);
    expect(finishingOrderByClass(onRoad.cars)).not.toEqual(finishingOrderByClass(official));

    const viewer: Socket = connect(server.pitwall.url, { transports: ['websocket'] });
    const deltas: SessionDelta[] = [];
    viewer.on('delta', (delta: SessionDelta) => deltas.push(delta));
    await viewer.emitWithAck('join', { sessionId: VIR });

    const decided = await post(
      server,
      `/api/sessions/${VIR}/decisions`,
      {
        author: 'IMSA Race Control',
        reason: 'Avoidable contact (post-race review)',
        decision: { kind: 'back-of-class', car: '27' },
      },
      RACE_CONTROL_TOKEN,
    );
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({
      entry: { id: 1, author: 'IMSA Race Control', action: { kind: 'back-of-class', car: '27' } },
      resultStatus: 'provisional-classification',
    });

    const ruled = await classification(server, VIR);
    expect(finishingOrderByClass(ruled.cars)).toEqual(finishingOrderByClass(official));
    expect(ruled.cars.map((car) => car.number)).toEqual(official.map((row) => row.number));
    expect(ruled.cars.find((car) => car.number === '27')).toMatchObject({
      position: 22,
      classPosition: 14,
      decisionMarks: [{ kind: 'back-of-class', label: 'BACK', decisions: [1] }],
    });
    const changes = (decided.body.entry as AuditEntry).changes;
    expect(changes.find((change) => change.number === '27')).toEqual({
      number: '27',
      classId: 'gtd',
      from: { position: 7, classPosition: 2 },
      to: { position: 22, classPosition: 14 },
    });

    // One delta carries the new order, the mark and the audit entry together.
    await expect.poll(() => deltas.length).toBeGreaterThan(0);
    viewer.close();
    expect(deltas).toHaveLength(1);
    const patch = deltas[0]!.patch as { cars: Record<string, unknown>; order: string[]; raceControl: unknown };
    expect(patch.order).toEqual(official.map((row) => row.number));
    expect(patch.cars['27']).toMatchObject({ position: 22, classPosition: 14 });
    expect(patch.raceControl).toMatchObject({ audit: { '1': { id: 1 } } });
  });

  it('rescinding puts the road order back and keeps both entries in the trail and its CSV', async () => {
    const rescinded = await post(
      server,
      `/api/sessions/${VIR}/decisions/1/rescind`,
      { author: 'IMSA Race Control', reason: 'Appeal upheld' },
      RACE_CONTROL_TOKEN,
    );
    expect(rescinded.status).toBe(201);
    expect(
      (await post(server, `/api/sessions/${VIR}/decisions/1/rescind`, { author: 'a', reason: 'b' }, RACE_CONTROL_TOKEN))
        .status,
    ).toBe(409);
    const road = await classification(server, VIR);
    expect(road.cars.find((car) => car.number === '27')).toMatchObject({ position: 7, classPosition: 2 });
    expect(road.cars.find((car) => car.number === '27')!.decisionMarks).toBeUndefined();
    const csv = await (await fetch(`${server.pitwall.url}/api/sessions/${VIR}/audit.csv`)).text();
    expect(csv.split('\r\n').slice(0, 3)).toEqual([
      'id,time,author,action,car,detail,reason,positions changed,rescinded by',
      expect.stringMatching(
        /^1,.*,IMSA Race Control,back-of-class,27,to the back of its class,.*#27 P7 \(class P2\) -> P22 \(class P14\).*,2$/,
      ),
      expect.stringMatching(
        /^2,.*,IMSA Race Control,rescind,,rescinds decision 1,Appeal upheld,.*#27 P22 \(class P14\) -> P7 \(class P2\)/,
      ),
    ]);
    // Decided again, for the restart below.
    const again = await post(
      server,
      `/api/sessions/${VIR}/decisions`,
      { author: 'IMSA Race Control', reason: 'Appeal dismissed', decision: { kind: 'back-of-class', car: '27' } },
      RACE_CONTROL_TOKEN,
    );
    expect(again.status).toBe(201);
  });

  it('answers bad requests with the field at fault, unknown cars and sessions with 404', async () => {
    const decide = (body: unknown, session = VIR) =>
      post(server, `/api/sessions/${session}/decisions`, body, RACE_CONTROL_TOKEN);
    expect(
      await decide({ author: 'a', reason: 'b', decision: { kind: 'time-penalty', car: '27', seconds: -1 } }),
    ).toEqual({ status: 400, body: { error: expect.stringContaining('decision.seconds') } });
    expect((await decide({ author: '', reason: 'b', decision: { kind: 'exclusion', car: '27' } })).status).toBe(400);
    expect((await decide({ author: 'a', reason: 'b', decision: { kind: 'exclusion', car: '999' } })).status).toBe(404);
    expect((await decide({ author: 'a', reason: 'b', decision: { kind: 'exclusion', car: '1' } }, 'nope')).status).toBe(
      404,
    );
  });

  it('serves the lap history and stints of a car', async () => {
    const laps = await get<{ cars: { number: string; laps: { lap: number; sectorsMs?: number[] }[] }[] }>(
      server,
      `/api/sessions/${VIR}/laps?car=27&fromLap=85`,
    );
    expect(laps.cars).toEqual([
      { number: '27', laps: [expect.objectContaining({ lap: 85 }), expect.objectContaining({ lap: 86 })] },
    ]);
    const stints = await get<{ cars: { number: string; stints: unknown[]; stops: unknown[] }[] }>(
      server,
      `/api/sessions/${VIR}/stints?car=27`,
    );
    expect(stints.cars[0]!.stops).toEqual([
      { stop: 1, inLap: 25, outLap: 26, pitLaneMs: 56_127 },
      { stop: 2, inLap: 57, outLap: 58, pitLaneMs: 62_440 },
    ]);
    const all = await get<{ cars: unknown[] }>(server, `/api/sessions/${VIR}/laps`);
    expect(all.cars).toHaveLength(23);
  });

  it('after a restart the decisions, the audit trail and the classification are as they were', async () => {
    const before = await classification(server, VIR);
    const auditBefore = await get<{ entries: AuditEntry[] }>(server, `/api/sessions/${VIR}/audit`);
    const lapsBefore = await get<unknown>(server, `/api/sessions/${VIR}/laps`);
    await server.close();
    server = await start(dataDir);
    const { seq: _before, ...shownBefore } = before;
    const { seq: _after, ...shownAfter } = await classification(server, VIR);
    expect(shownAfter).toEqual(shownBefore);
    expect(await get(server, `/api/sessions/${VIR}/audit`)).toEqual(auditBefore);
    expect(await get(server, `/api/sessions/${VIR}/laps`)).toEqual(lapsBefore);
    expect(auditBefore.entries.map((entry) => [entry.id, entry.action.kind, entry.rescindedBy])).toEqual([
      [1, 'back-of-class', 2],
      [2, 'rescind', undefined],
      [3, 'back-of-class', undefined],
    ]);
  });

  it('confirms the result: official, with nowhere to store it for a series without a season on file', async () => {
    const confirmed = await post(server, `/api/sessions/${VIR}/confirm`, { author: 'IMSA' }, RACE_CONTROL_TOKEN);
    expect(confirmed).toMatchObject({
      status: 201,
      body: { resultStatus: 'official', seasonResult: { stored: false, reason: 'no season on file for "imsa"' } },
    });
    expect((await post(server, `/api/sessions/${VIR}/confirm`, { author: 'IMSA' }, RACE_CONTROL_TOKEN)).status).toBe(
      409,
    );
  });
});

describe('a confirmed result counts in the season standings at once', () => {
  let dataDir: string;
  let server: RunningServer;
  const SESSION = 'mx5-2024-r14';
  const seasonFile = JSON.parse(
    readFileSync(
      path.resolve(
        path.dirname(fileURLToPath(import.meta.url)),
        '../../../../packages/shared/data/seasons/mx5-cup-2024.json',
      ),
      'utf8',
    ),
  ) as Season;
  const race14 = seasonFile.results.find((result) => result.race === 14)!;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'pitwall-confirm-'));
    server = await start(dataDir);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  type Standings = { championships: { id: string; standings: { name: string; points: number }[] }[] };
  const pointsOf = (standings: Standings, name: string) =>
    standings.championships[0]!.standings.find((row) => row.name === name)!.points;

  it('excluding the winner of the final race, then confirming, takes his points in the API and the CLI', async () => {
    const update: FeedUpdate = {
      type: 'full',
      sessionId: SESSION,
      seq: 1,
      session: {
        seriesId: 'mx5-cup',
        event: 'Road Atlanta',
        name: 'Race 2',
        round: 7,
        race: 14,
        status: 'finished',
        flag: 'checkered',
      },
      cars: race14.classification.map((row, index) => ({
        number: row.number,
        classId: row.classId,
        driver: row.drivers[0]!,
        team: row.team,
        position: index + 1,
        laps: row.status === 'classified' ? 20 : 5,
        status: row.status === 'classified' ? 'running' : 'retired',
      })),
    };
    expect(server.pitwall.hub.ingest(update, 'feed')).toEqual({ status: 'accepted', seq: 1 });
    const winner = race14.classification[0]!.drivers[0]!;
    const before = await get<Standings>(server, '/api/series/mx5-cup/standings');
    const excluded = await post(
      server,
      `/api/sessions/${SESSION}/decisions`,
      {
        author: 'Chief Steward',
        reason: 'Technical infringement',
        decision: { kind: 'exclusion', car: race14.classification[0]!.number },
      },
      RACE_CONTROL_TOKEN,
    );
    expect(excluded.status).toBe(201);
    // The live projection already shows it; the season standings wait for the confirmation.
    const projected = (
      await get<{ championships: { standings: { name: string; racePoints: number }[] }[] }>(
        server,
        `/api/sessions/${SESSION}/standings`,
      )
    ).championships[0]!.standings.find((row) => row.name === winner)!;
    expect(projected.racePoints).toBe(0);
    expect(pointsOf(await get<Standings>(server, '/api/series/mx5-cup/standings'), winner)).toBe(
      pointsOf(before, winner),
    );

    const confirmed = await post(
      server,
      `/api/sessions/${SESSION}/confirm`,
      { author: 'Chief Steward' },
      RACE_CONTROL_TOKEN,
    );
    expect(confirmed.body).toMatchObject({
      resultStatus: 'official',
      seasonResult: { stored: true, seriesId: 'mx5-cup', year: 2024, race: 14 },
    });
    const after = await get<Standings>(server, '/api/series/mx5-cup/standings');
    expect(pointsOf(after, winner)).toBeLessThan(pointsOf(before, winner));
    if (existsSync(CLI)) {
      const cli = JSON.parse(
        execFileSync(process.execPath, [CLI, 'standings', '--series', 'mx5-cup', '--json', '--data-dir', dataDir], {
          encoding: 'utf8',
        }),
      ) as Standings;
      expect(pointsOf(cli, winner)).toBe(pointsOf(after, winner));
    }
  });
});
