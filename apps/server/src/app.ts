import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { TokenAuth } from './auth/tokens';
import type { SocketServer } from './broadcast/socket-server';
import { attachViewers } from './broadcast/viewers';
import { attachSocketFeed } from './feeds/socket/feed-namespace';
import { httpFeedRoute } from './feeds/http/feed-route';
import { createHttpApp, type HttpApp, type HttpOptions } from './http/app';
import { readApiRoutes } from './http/read-api';
import { metricsRoutes } from './metrics/prometheus';
import { SessionHub, type SessionHubOptions } from './sessions/hub';
import type { Logger } from './log/logger';

export interface PitwallOptions extends SessionHubOptions, Pick<HttpOptions, 'corsOrigins' | 'frameAncestors'> {
  port: number;
  host?: string;
  feedToken: string;
  webRoot: string;
  log: Logger;
  /** Routes added by other adapters (standings, replay control, feed health): see RoutePlugin. */
  routes?: (app: HttpApp, hub: SessionHub) => void;
}

export interface Pitwall {
  hub: SessionHub;
  io: SocketServer;
  app: HttpApp;
  http: HttpServer;
  url: string;
  close(): Promise<void>;
}

/** Composes the hub with its adapters: viewers and feeds over Socket.IO, HTTP API, web app. */
export async function startPitwall(options: PitwallOptions): Promise<Pitwall> {
  const hub = new SessionHub(options);
  const { log } = options;
  const auth = new TokenAuth(options.feedToken);
  const app = await createHttpApp({ ...options, auth });
  const io: SocketServer = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    ...(options.corsOrigins?.length && { cors: { origin: [...options.corsOrigins] } }),
  });
  readApiRoutes(app, { hub });
  httpFeedRoute(app, { hub, log });
  metricsRoutes(app, { hub, io });
  options.routes?.(app, hub);
  attachViewers(io, hub);
  attachSocketFeed(io, hub, { auth, log });
  await app.listen({ port: options.port, host: options.host ?? '0.0.0.0' });
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
