import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog';
import { championshipRoutes } from '../championships/routes';
import { httpFeedRoute } from '../feeds/http/feed-route';
import { TokenAuth } from '../auth/tokens';
import { silentLogger } from '../log/logger';
import { SessionHub } from '../sessions/hub';
import { IngestQueue } from '../sessions/ingest-queue';
import { createHttpApp } from './app';
import { feedHealthRoutes } from '../feeds/health/attach';
import { FeedHealthTracker } from '../feeds/health/tracker';
import { replayControlRoutes } from '../feeds/replay/routes';
import { raceControlRoutes } from '../race-control/routes';
import { readApiRoutes } from './read-api';

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; required?: string[] } & Record<
  string,
  unknown
>;
interface OpenApi {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
}

async function docs(): Promise<OpenApi> {
  const hub = new SessionHub({ journal: () => {} });
  const app = await createHttpApp({ log: silentLogger, auth: new TokenAuth('t'), webRoot: '/nonexistent' });
  readApiRoutes(app, { hub });
  championshipRoutes(app, { catalog: loadCatalog(), hub });
  httpFeedRoute(app, { queue: new IngestQueue(hub), log: silentLogger });
  raceControlRoutes(app, { hub, raceControlToken: 'rc', feedToken: 't', log: silentLogger });
  feedHealthRoutes(app, { tracker: new FeedHealthTracker(), hub });
  replayControlRoutes(app, { replays: new Map() });
  await app.ready();
  const answer = (await app.inject({ method: 'GET', url: '/api/docs' })).json<OpenApi>();
  await app.close();
  return answer;
}

const schemaOf = (doc: OpenApi, path: string, method: string, status: string) =>
  doc.paths[path]![method]!.responses![status]!.content!['application/json']!.schema;

describe('GET /api/docs responses', () => {
  it('describes the answer of each main route', async () => {
    const doc = await docs();
    expect(schemaOf(doc, '/api/health', 'get', '200').properties!.ok).toEqual({ type: 'boolean', enum: [true] });
    // The live list, or with ?archived=true the archived one, whose sessions also say when.
    const [live, archived] = schemaOf(doc, '/api/sessions', 'get', '200').anyOf as Schema[];
    expect(live!.properties!.sessions!.items!.required).toEqual(
      expect.arrayContaining(['id', 'seriesId', 'status', 'flag', 'carCount', 'classes']),
    );
    expect(archived!.properties!.sessions!.items!.required).toContain('archivedAtMs');
    const cars = schemaOf(doc, '/api/sessions/{id}', 'get', '200').properties!.cars!.items!;
    expect(Object.keys(cars.properties!)).toEqual(
      expect.arrayContaining(['number', 'classId', 'position', 'classPosition', 'gap', 'decisionMarks']),
    );
    expect(schemaOf(doc, '/api/series', 'get', '200').properties!.series!.items!.required).toEqual(
      expect.arrayContaining(['id', 'name', 'championships', 'seasons']),
    );
    const standings = schemaOf(doc, '/api/series/{id}/standings', 'get', '200');
    expect(standings.required).toEqual(['seriesId', 'year', 'afterRace', 'championships']);
    const row = standings.properties!.championships!.items!.properties!.standings!.items!;
    expect(row.properties!.races!.items!.required).toEqual(
      expect.arrayContaining(['race', 'points', 'bonus', 'dropped', 'status']),
    );
    expect(schemaOf(doc, '/api/series/{id}/progression', 'get', '200').required).toEqual(
      expect.arrayContaining(['championshipId', 'races', 'competitors']),
    );
    expect(JSON.stringify(schemaOf(doc, '/api/feed', 'post', '200'))).toContain('"accepted"');
  });

  it('describes the race-control answers, the audit trail, lap histories and stints', async () => {
    const doc = await docs();
    for (const path of ['/api/sessions/{id}/decisions', '/api/sessions/{id}/confirm'])
      expect(schemaOf(doc, path, 'post', '201').required).toEqual(['entry', 'resultStatus']);
    expect(schemaOf(doc, '/api/sessions/{id}/audit', 'get', '200').properties!.entries!.items!.required).toEqual(
      expect.arrayContaining(['id', 'atMs', 'author', 'reason', 'action', 'changes']),
    );
    const lap = schemaOf(doc, '/api/sessions/{id}/laps', 'get', '200').properties!.cars!.items!.properties!.laps!
      .items!;
    expect(lap.required).toEqual(expect.arrayContaining(['lap', 'position', 'classPosition', 'pitIn', 'flag']));
    const car = schemaOf(doc, '/api/sessions/{id}/stints', 'get', '200').properties!.cars!.items!;
    expect(car.required).toEqual(['number', 'stints', 'stops']);
  });

  it('describes feed health and the replay controls', async () => {
    const doc = await docs();
    expect(schemaOf(doc, '/api/sessions/{id}/health', 'get', '200').required).toEqual(
      expect.arrayContaining(['sessionId', 'messagesPerSecond', 'accepted', 'rejected', 'lastRejections']),
    );
    expect(schemaOf(doc, '/api/sessions/{id}/replay', 'post', '200').required).toEqual(
      expect.arrayContaining(['paused', 'speed', 'positionMs', 'durationMs', 'finished']),
    );
  });

  it('describes every refusal of the API as { error }', async () => {
    const doc = await docs();
    for (const [path, status] of [
      ['/api/sessions/{id}', '4XX'],
      ['/api/series/{id}/standings', '4XX'],
      ['/api/feed', '400'],
    ] as const) {
      expect(JSON.stringify(schemaOf(doc, path, path === '/api/feed' ? 'post' : 'get', status))).toContain('"error"');
    }
  });
});

describe('GET /api/series/:id/standings refusals', () => {
  it('answers an unknown series 404 and a race out of the season 400, naming the parameter', async () => {
    const hub = new SessionHub({ journal: () => {} });
    const app = await createHttpApp({ log: silentLogger, auth: new TokenAuth('t'), webRoot: '/nonexistent' });
    championshipRoutes(app, { catalog: loadCatalog(), hub });
    await app.ready();
    const unknown = await app.inject({ method: 'GET', url: '/api/series/f1/standings' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: expect.stringContaining('unknown series "f1"') });
    const late = await app.inject({ method: 'GET', url: '/api/series/mx5-cup/standings?after=99' });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toEqual({ error: 'after must be a race number from 1 to 14' });
    await app.close();
  });
});
