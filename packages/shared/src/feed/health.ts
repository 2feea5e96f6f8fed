import type { OrderAgainstRaceTime } from '../session/order-check';

/**
 * How the feed of one session is doing, as the server measures it: what race control looks at
 * when the tower stops moving. Sent to viewers as the `health` event and by
 * `GET /api/sessions/:id/health`.
 */
export interface FeedHealth {
  sessionId: string;
  /** Epoch ms the figures were taken at. */
  atMs: number;
  /** Updates offered per second, over the last 10 complete seconds. */
  messagesPerSecond: number;
  /** Since the last update offered; absent before the first. */
  lastMessageAgeMs?: number;
  /** Updates offered to the session, by what became of them. */
  accepted: number;
  ignored: number;
  rejected: number;
  /** The last 10 rejections (refused updates and, for a TCP feed, unreadable lines), newest last. */
  lastRejections: FeedRejection[];
  /** Where the updates come from when the server itself reads them: a TCP feed or a file replay. */
  source?: FeedSource;
  replay?: ReplayState;
  /** Cars the feed orders behind a car that completed the same lap later (first 10 named). */
  orderAgainstRaceTimes?: { count: number; cars: OrderAgainstRaceTime[] };
}

export interface FeedRejection {
  atMs: number;
  /** Which feed said it: `feed` (Socket.IO or HTTP), `demo`, `replay <file>`, `rmonitor <host:port>`. */
  source: string;
  reason: string;
}

export type FeedSource =
  | { kind: 'replay'; label: string }
  | {
      kind: 'rmonitor';
      label: string;
      connection: 'connecting' | 'connected' | 'waiting' | 'closed';
      connects: number;
      linesRejected: number;
    };

/** A file replay: where it is in the file's own time, and how fast it plays. */
export interface ReplayState {
  paused: boolean;
  /** Timeline time per real time: 1 is real time. */
  speed: number;
  positionMs: number;
  durationMs: number;
  /** Every update has been sent. */
  finished: boolean;
}
