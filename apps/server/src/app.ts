import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type ServerOptions } from 'socket.io';
import { TokenAuth } from './auth/tokens';
import { preEncodingParser } from './broadcast/pre-encoded';
import type { SocketServer } from './broadcast/socket-server';
import { attachViewers, type ViewSource } from './broadcast/viewers';
import { attachSocketFeed } from './feeds/socket/feed-namespace';
import { httpFeedRoute } from './feeds/http/feed-route';
import { createHttpApp, type HttpApp, type HttpOptions } from './http/app';
import { readApiRoutes } from './http/read-api';
import { metricsRoutes } from './metrics/prometheus';
import { SessionHub, type SessionHubOptions } from './sessions/hub';
import { IngestQueue, type IngestQueueOptions } from './sessions/ingest-queue';
import { sessionLifecycleRoutes } from './sessions/routes';
import type { Logger } from './log/logger';

export interface PitwallOptions extends SessionHubOptions, Pick<HttpOptions, 'corsOrigins' | 'frameAncestors'> {
  port: number;
  host?: string;
  feedToken: string;
  webRoot: string;
  log: Logger;
  /** Backpressure for the network feeds (Socket.IO and HTTP). */
  ingestQueue?: IngestQueueOptions;
  /** Routes added by other adapters (standings, replay control, feed health): see RoutePlugin. */
  routes?: (app: HttpApp, hub: SessionHub, auth: TokenAuth, views: ViewSource) => void;
  /**
   * A viewer node of a cluster reads sessions from here instead of its hub, and takes no feeds:
   * its hub stays empty.
   */
  views?: ViewSource;
  /** Socket.IO adapter shared with the other nodes (scale-out). */
  adapter?: ServerOptions['adapter'];
}

export interface Pitwall {
  hub: SessionHub;
  io: SocketServer;
  app: HttpApp;
  http: HttpServer;
  url: string;
  close(): Promise<void>;
}

/**
 * Connections the OS holds until they are accepted. Node's default, 511, is what thousands of
 * viewers reconnecting at once after a restart overflow, each dropped one retrying a second or
 * more later (10,000 joins with 1,000 connecting at once: 14.8 s instead of 8.1 s). Linux caps it
 * at net.core.somaxconn (4096 by default).
 */
export const LISTEN_BACKLOG = 4096;

/** Composes the hub with its adapters: viewers and feeds over Socket.IO, HTTP API, web app. */
export async function startPitwall(options: PitwallOptions): Promise<Pitwall> {
  const hub = new SessionHub(options);
  const { log } = options;
  const auth = new TokenAuth(options.feedToken);
  const app = await createHttpApp({ ...options, auth });
  const io: SocketServer = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    parser: preEncodingParser,
    ...(options.corsOrigins?.length && { cors: { origin: [...options.corsOrigins] } }),
    ...(options.adapter && { adapter: options.adapter }),
  });
  const views = options.views ?? hub;
  readApiRoutes(app, { hub: views });
  // A viewer node takes no feeds: its hub stays empty.
  const queue = options.views ? undefined : new IngestQueue(hub, options.ingestQueue);
  if (queue) httpFeedRoute(app, { queue, log });
  if (queue) sessionLifecycleRoutes(app, { hub });
  metricsRoutes(app, { hub, io });
  options.routes?.(app, hub, auth, views);
  attachViewers(io, views);
  if (queue) attachSocketFeed(io, queue, { auth, log });
  await app.listen({
    port: options.port,
    host: options.host ?? '0.0.0.0',
    backlog: LISTEN_BACKLOG,
  });
  const { port } = app.server.address() as AddressInfo;
  return {
    hub,
    io,
    app,
    http: app.server,
    url: `http://localhost:${port}`,
    async close() {
      // Socket.IO first: its connections would otherwise hold the HTTP server open.
      await io.close();
      await app.close();
    },
  };
}
