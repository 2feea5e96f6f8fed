import { io, type Socket } from 'socket.io-client';
import {
  FEED_NAMESPACE,
  type FeedClientEvents,
  type FeedServerEvents,
  type FeedUpdate,
  type IngestResult,
} from '@pitwall/shared';

export interface RemoteFeed {
  /** Resolves with the server's answer; rejects when none comes within the ack timeout. */
  ingest(update: FeedUpdate): Promise<IngestResult>;
  close(): void;
}

/** A server busy with a large update still answers well within this; silence means trouble. */
const ACK_TIMEOUT_MS = 10_000;

/** Connects to a running server's `/feed` namespace as a feed; rejects when it refuses the token or cannot be reached. */
export function connectRemoteFeed(serverUrl: string, token: string): Promise<RemoteFeed> {
  let url: URL;
  try {
    url = new URL(FEED_NAMESPACE, serverUrl);
  } catch {
    return Promise.reject(new Error(`--server "${serverUrl}" is not a URL (e.g. http://localhost:3000)`));
  }
  const socket: Socket<FeedServerEvents, FeedClientEvents> = io(url.href, {
    auth: { token },
    reconnection: false,
    timeout: ACK_TIMEOUT_MS,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`cannot feed ${url.origin}: ${error.message}`));
    });
    socket.once('connect', () =>
      resolve({
        ingest: async (update) => {
          if (socket.disconnected) throw new Error(`lost the connection to ${url.origin}`);
          try {
            return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('update', update);
          } catch {
            throw new Error(`${url.origin} did not answer update ${update.seq} within ${ACK_TIMEOUT_MS / 1000} s`);
          }
        },
        close: () => socket.close(),
      }),
    );
  });
}
