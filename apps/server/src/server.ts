import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPitwall, type Pitwall } from './app';
import { loadCatalog } from './catalog/catalog';
import { withStoredResults } from './catalog/stored-results';
import { championshipProjector } from './championships/projector';
import { championshipRoutes } from './championships/routes';
import { finalRoundPlans } from './demo/final-rounds';
import { startDemo } from './demo/runner';
import { attachFeedHealth, feedHealthRoutes } from './feeds/health/attach';
import { FeedHealthTracker } from './feeds/health/tracker';
import { replayControlRoutes } from './feeds/replay/routes';
import type { ReplayRunner } from './feeds/replay/runner';
import { parseRMonitorSettings, RMonitorConnections, type RMonitorSettingsRequest } from './feeds/rmonitor/connections';
import { rmonitorRoutes } from './feeds/rmonitor/routes';
import type { HostAllowList } from './feeds/rmonitor/allow-list';
import type { Logger } from './log/logger';
import {
  connectRedis,
  followIngestingNode,
  publishSessions,
  sessionMirror,
  type RedisLink,
} from './scale-out/redis-cluster';
import { raceControlRoutes } from './race-control/routes';
import { seasonResultConfirmer } from './race-control/season-result';
import { sqliteStorage } from './storage/sqlite/sqlite-storage';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface ServerSettings {
  port: number;
  feedToken: string;
  /** Print the token at start: only when Pitwall made it up, so a given one never lands in logs. */
  printFeedToken?: boolean;
  /** The credential race control decides with; made up (and printed) when absent. */
  raceControlToken?: string;
  dataDir: string;
  /** Demo time multiplier; no demo when absent. */
  demoSpeed?: number;
  /** An RMonitor connection opened at start; more can be opened through the HTTP API. */
  rmonitor?: RMonitorSettingsRequest;
  /** Hosts and ranges the HTTP API may open RMonitor connections to; none when absent. */
  rmonitorAllow?: HostAllowList;
  /** Browser origins besides the server's own allowed to call the API (CORS). */
  corsOrigins?: string[];
  /** Origins allowed to embed the pages in a frame (CSP frame-ancestors); the server's own by default. */
  frameAncestors?: string[];
  log: Logger;
  /**
   * Share sessions with the other nodes of a cluster through this Redis (docs/scale-out.md).
   * `prefix` keeps clusters sharing one Redis apart (default "pitwall").
   */
  redis?: { url: string; prefix?: string };
  /** With `redis`: serve viewers only, from the sessions the ingesting node publishes. */
  viewerOnly?: boolean;
  /** At most one delta per session this often (ms); see SessionHubOptions. */
  broadcastEveryMs?: number;
}

export interface RunningServer {
  pitwall: Pitwall;
  tracker: FeedHealthTracker;
  /** Replays running in this process, by session id: the HTTP replay controls reach them here. */
  replays: Map<string, ReplayRunner>;
  rmonitor: RMonitorConnections;
  close(): Promise<void>;
}

/** The one composition of the server: `serve` runs it as configured, `replay` with the demo off. */
export async function startServer(settings: ServerSettings): Promise<RunningServer> {
  const { port, feedToken, log } = settings;
  const raceControlToken = settings.raceControlToken ?? randomBytes(16).toString('hex');
  if (settings.viewerOnly && !settings.redis) throw new Error('a viewer-only node needs --redis');
  const redis = settings.redis === undefined ? undefined : await connectRedis(settings.redis, log);
  if (settings.viewerOnly) return startViewerNode(settings, redis!);
  // Refused settings stop the start before anything is opened.
  if (raceControlToken === feedToken) {
    throw new Error('the race-control token must differ from the feed token, or a feed could decide');
  }
  const rmonitorAtStart = settings.rmonitor && parseRMonitorSettings(settings.rmonitor);
  const storage = sqliteStorage(path.resolve(settings.dataDir), log);
  const catalog = withStoredResults(loadCatalog(), storage.results);
  const tracker = new FeedHealthTracker();
  const replays = new Map<string, ReplayRunner>();
  // The hub is made inside startPitwall; its routes callback runs before the port is bound.
  let rmonitor!: RMonitorConnections;
  const pitwall = await startPitwall({
    port,
    feedToken,
    webRoot,
    log,
    journal: storage.journal,
    archive: storage.archive,
    project: championshipProjector(catalog, log),
    broadcastEveryMs: settings.broadcastEveryMs ?? 0,
    confirmResult: seasonResultConfirmer(catalog, storage.results),
    ...(settings.corsOrigins && { corsOrigins: settings.corsOrigins }),
    ...(settings.frameAncestors && { frameAncestors: settings.frameAncestors }),
    ...(redis && { adapter: redis.adapter }),
    routes: (app, hub, auth) => {
      rmonitor = new RMonitorConnections({
        hub,
        tracker,
        log,
        ...(settings.rmonitorAllow && { allow: settings.rmonitorAllow }),
      });
      championshipRoutes(app, { catalog, hub });
      feedHealthRoutes(app, { tracker, hub });
      replayControlRoutes(app, { replays });
      rmonitorRoutes(app, { connections: rmonitor, auth });
      raceControlRoutes(app, { hub, raceControlToken, feedToken, log });
    },
  });
  // Restoring is synchronous and runs as soon as the port is bound, before any request is read:
  // feeds and viewers only ever meet the sessions as they were before the restart.
  storage.restore(pitwall.hub);
  pitwall.hub.on('broadcastFailed', (error: Error) => log.error('delta not sent', { error: error.message }));
  const unpublish = redis && publishSessions(pitwall.io, pitwall.hub, redis, log);
  // After the restore, so sessions brought back are not counted as feed traffic.
  const detachHealth = attachFeedHealth(pitwall.io, pitwall.hub, tracker, { log });
  const demo =
    settings.demoSpeed === undefined
      ? undefined
      : startDemo({
          plans: finalRoundPlans(catalog, log),
          ingest: (update) => pitwall.hub.ingest(update, 'demo'),
          speed: settings.demoSpeed,
          seed: 2024,
          log,
        });
  if (rmonitorAtStart) rmonitor.open(rmonitorAtStart, 'operator');
  // A token given by the operator is not echoed to the log; one made up here must be, or no one could feed or decide.
  log.info('pitwall is up', {
    url: pitwall.url,
    ...(settings.printFeedToken && { feedToken }),
    ...(settings.raceControlToken === undefined && { raceControlToken }),
  });
  return {
    pitwall,
    tracker,
    replays,
    rmonitor,
    async close() {
      demo?.stop();
      replays.forEach((runner) => runner.stop());
      await rmonitor.closeAll();
      detachHealth();
      unpublish?.();
      await pitwall.close();
      await redis?.close();
      storage.close();
    },
  };
}

/**
 * A node that only serves viewers: web app, read API, standings and Socket.IO viewers, from the
 * sessions the ingesting node publishes over Redis. No feeds, no demo, no event log here.
 */
async function startViewerNode(settings: ServerSettings, redis: RedisLink): Promise<RunningServer> {
  const { port, feedToken, log } = settings;
  const catalog = loadCatalog();
  const mirror = sessionMirror(redis, log);
  const pitwall = await startPitwall({
    port,
    feedToken,
    webRoot,
    log,
    views: mirror,
    adapter: redis.adapter,
    ...(settings.corsOrigins && { corsOrigins: settings.corsOrigins }),
    ...(settings.frameAncestors && { frameAncestors: settings.frameAncestors }),
    routes: (app, _hub, _auth, views) => championshipRoutes(app, { catalog, hub: views }),
  });
  await followIngestingNode(pitwall.io, redis, mirror, log);
  log.info('pitwall viewer node is up', { url: pitwall.url, redis: settings.redis?.url });
  const tracker = new FeedHealthTracker();
  return {
    pitwall,
    tracker,
    replays: new Map(),
    rmonitor: new RMonitorConnections({ hub: pitwall.hub, tracker, log }),
    async close() {
      await pitwall.close();
      await redis.close();
    },
  };
}

export function stopOnSignal(server: RunningServer, log: Logger): void {
  const stop = () => {
    log.info('shutting down');
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
