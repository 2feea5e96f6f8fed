import type { Namespace } from 'socket.io';
import { FEED_NAMESPACE, type FeedClientEvents, type FeedServerEvents, type IngestResult } from '@pitwall/shared';
import type { SocketServer } from '../../broadcast/socket-server';
import { refusalMessage, type TokenAuth } from '../../auth/tokens';
import type { SessionHub } from '../../sessions/hub';
import type { Logger } from '../../log/logger';

/** Feeds connect to `/feed` with `auth: { token }` and send `update` events with an ack. */
export function attachSocketFeed(io: SocketServer, hub: SessionHub, options: { auth: TokenAuth; log: Logger }): void {
  // Socket.IO types a server by one event map; this namespace speaks the feed protocol instead.
  const feeds = io.of(FEED_NAMESPACE) as unknown as Namespace<FeedClientEvents, FeedServerEvents>;
  feeds.use((socket, next) => {
    const offered = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const check = options.auth.check(offered, socket.handshake.address);
    if (check.ok) next();
    else next(new Error(refusalMessage(check)));
  });
  feeds.on('connection', (socket) => {
    options.log.info('feed connected', { id: socket.id, address: socket.handshake.address });
    socket.on('update', (payload: unknown, ack: unknown) => {
      const result: IngestResult = hub.ingest(payload, 'feed');
      if (result.status === 'rejected')
        options.log.warn('feed update rejected', { feed: socket.id, error: result.error });
      if (typeof ack === 'function') ack(result);
    });
    socket.on('disconnect', (reason) => options.log.info('feed disconnected', { id: socket.id, reason }));
  });
}
