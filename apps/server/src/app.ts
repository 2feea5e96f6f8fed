import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type ServerOptions } from 'socket.io';
import { attachViewers, type ViewSource } from './broadcast/viewers';
import { attachSocketFeed } from './feeds/socket/feed-namespace';
import { httpFeedRoute } from './feeds/http/feed-route';
import { dispatch, sendJson, type Route } from './http/router';
import { readApiRoutes } from './http/read-api';
import { staticFiles } from './http/static-files';
import { SessionHub, type SessionHubOptions } from './sessions/hub';
import type { Logger } from './log/logger';

export interface PitwallOptions extends SessionHubOptions {
  port: number;
  host?: string;
  feedToken: string;
  webRoot: string;
  log: Logger;
  /** Routes added by other adapters (standings, replay control, feed health). */
  routes?: (hub: SessionHub, views: ViewSource) => Route[];
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
  io: Server;
  http: HttpServer;
  url: string;
  close(): Promise<void>;
}

/** Composes the hub with its adapters: viewers and feeds over Socket.IO, HTTP API, web app. */
export async function startPitwall(options: PitwallOptions): Promise<Pitwall> {
  const hub = new SessionHub(options);
  const views = options.views ?? hub;
  const routes: Route[] = [
    ...readApiRoutes(views),
    ...(options.views ? [] : [httpFeedRoute(hub, { token: options.feedToken, log: options.log })]),
    ...(options.routes?.(hub, views) ?? []),
  ];
  const serveStatic = staticFiles(options.webRoot);
  const http = createServer((req, res) => {
    dispatch(routes, req, res)
      .then((handled) => {
        if (handled) return;
        if ((req.url ?? '').startsWith('/api/'))
          sendJson(res, 404, { error: `no such endpoint: ${req.method} ${req.url}` });
        else serveStatic(req, res);
      })
      .catch((error: unknown) => options.log.error('http request failed', { url: req.url, error: String(error) }));
  });
  const io = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    ...(options.adapter && { adapter: options.adapter }),
  });
  attachViewers(io, views);
  if (!options.views) attachSocketFeed(io, hub, { token: options.feedToken, log: options.log });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  return {
    hub,
    io,
    http,
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        io.close(() => resolve());
      }),
  };
}
