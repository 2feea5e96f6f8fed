import { healthRoom } from '../../broadcast/viewers';
import { feedHealthSchema, orderAgainstRaceTimes, type FeedHealth } from '@pitwall/shared';
import type { RoutePlugin } from '../../http/app';
import { HttpError } from '../../http/errors';
import { idParams } from '../../http/read-api';
import type { SocketServer } from '../../broadcast/socket-server';
import type { Logger } from '../../log/logger';
import type { IngestOutcome, SessionHub } from '../../sessions/hub';
import type { FeedHealthTracker } from './tracker';

export interface FeedHealthTiming {
  /** How often viewers of a session get its `health` event. */
  emitEveryMs?: number;
  /** How often a session with traffic gets its one-line summary in the log. */
  summaryEveryMs?: number;
}

/**
 * Feeds the tracker from the hub, sends `health` { sessionId, health } every 2 s to the viewers
 * of each session that show it (they joined with `health: true`), and logs a summary per busy session every 30 s. Returns the detach.
 */
export function attachFeedHealth(
  io: SocketServer,
  hub: SessionHub,
  tracker: FeedHealthTracker,
  options: FeedHealthTiming & { log?: Logger } = {},
): () => void {
  const { emitEveryMs = 2_000, summaryEveryMs = 30_000, log } = options;
  // Only sessions that exist (or that a server-run feed is filling) are tracked: updates naming
  // any other session id were refused and answered already, and must not grow the tracker.
  const onIngested = (outcome: IngestOutcome) => {
    const { sessionId } = outcome;
    if (sessionId !== undefined && (hub.snapshot(sessionId) || tracker.knows(sessionId))) tracker.observe(outcome);
  };
  hub.on('ingested', onIngested);

  const viewers = io.of('/');
  const emitTimer = setInterval(() => {
    // To every node of a cluster (not `local`): only this node knows the feeds' health.
    const sessionIds = new Set([...hub.list().map((summary) => summary.id), ...tracker.sessionIds()]);
    for (const sessionId of sessionIds)
      viewers.to(healthRoom(sessionId)).emit('health', { sessionId, health: sessionHealth(tracker, hub, sessionId) });
  }, emitEveryMs);

  const offeredAtLastSummary = new Map<string, number>();
  const summaryTimer = setInterval(() => {
    for (const sessionId of tracker.sessionIds()) {
      const offered = tracker.offered(sessionId);
      if (offered === (offeredAtLastSummary.get(sessionId) ?? 0)) continue;
      offeredAtLastSummary.set(sessionId, offered);
      log?.info('feed health', summaryFields(sessionHealth(tracker, hub, sessionId)));
    }
  }, summaryEveryMs);
  emitTimer.unref();
  summaryTimer.unref();

  return () => {
    hub.off('ingested', onIngested);
    clearInterval(emitTimer);
    clearInterval(summaryTimer);
  };
}

/**
 * The tracker's figures plus what the session's view shows of its feed: where the feed's order
 * contradicts its own race times.
 */
export function sessionHealth(tracker: FeedHealthTracker, hub: SessionHub, sessionId: string): FeedHealth {
  const health = tracker.health(sessionId);
  const view = hub.snapshot(sessionId)?.view;
  const againstTimes = view && orderAgainstRaceTimes(view);
  return againstTimes ? { ...health, orderAgainstRaceTimes: againstTimes } : health;
}

/** The log line's fields: enough to see at a glance whether a feed is flowing and clean. */
export function summaryFields(health: FeedHealth): Record<string, unknown> {
  const { replay } = health;
  return {
    session: health.sessionId,
    ...(health.source && { source: health.source.label }),
    perSecond: health.messagesPerSecond,
    accepted: health.accepted,
    ignored: health.ignored,
    rejected: health.rejected,
    ...(health.lastMessageAgeMs !== undefined && { lastMessageAgeMs: health.lastMessageAgeMs }),
    ...(health.orderAgainstRaceTimes && { orderAgainstRaceTimes: health.orderAgainstRaceTimes.count }),
    ...(replay && {
      replay: `${formatClock(replay.positionMs)}/${formatClock(replay.durationMs)} x${replay.speed}${replay.paused ? ' paused' : ''}`,
    }),
  };
}

function formatClock(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** GET /api/sessions/:id/health: the session's FeedHealth. */
export const feedHealthRoutes: RoutePlugin<{ tracker: FeedHealthTracker; hub: SessionHub }> = (
  app,
  { tracker, hub },
) => {
  app.get(
    '/api/sessions/:id/health',
    { schema: { params: idParams, response: { 200: feedHealthSchema } } },
    ({ params: { id } }) => {
      if (!hub.snapshot(id) && !tracker.knows(id)) throw new HttpError(404, `unknown session "${id}"`);
      return sessionHealth(tracker, hub, id);
    },
  );
};
