import type { FeedHealth, FeedRejection, FeedSource, ReplayState } from '@pitwall/shared';
import type { IngestOutcome } from '../../sessions/hub';
import type { RMonitorHealth } from '../rmonitor/tcp-client';
import { countMessage, latestRejections, messagesPerSecond, REJECTIONS_KEPT, type RateWindow } from './rate';

/**
 * A feed the server runs itself for a session, which can say more than the updates it offers.
 * `label` names it in rejections, e.g. `replay race.csv` or `rmonitor 10.0.0.5:50000`.
 */
export type HealthSource =
  | { kind: 'replay'; label: string; state: () => ReplayState }
  | { kind: 'rmonitor'; label: string; health: () => RMonitorHealth };

interface SessionCounts {
  window: RateWindow;
  lastMessageAtMs?: number;
  accepted: number;
  ignored: number;
  rejected: number;
  unavailable: number;
  rejections: FeedRejection[];
}

export const LINE_REFUSED = 'a line could not be read (with the feed token: GET /api/rmonitor)';

const emptyCounts = (): SessionCounts => ({
  window: [],
  accepted: 0,
  ignored: 0,
  rejected: 0,
  unavailable: 0,
  rejections: [],
});

/**
 * Per-session feed figures built from the hub's `ingested` events, plus what attached sources
 * (a replay, an RMonitor connection) report. Only counts: logging rejections is the feeds' job.
 */
export class FeedHealthTracker {
  private readonly counts = new Map<string, SessionCounts>();
  private readonly sources = new Map<string, HealthSource>();
  private readonly now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  observe(outcome: IngestOutcome): void {
    if (outcome.sessionId === undefined) return;
    const atMs = this.now();
    const counts = this.counts.get(outcome.sessionId) ?? emptyCounts();
    counts.window = countMessage(counts.window, atMs);
    counts.lastMessageAtMs = atMs;
    const { result } = outcome;
    counts[result.status] += 1;
    if (result.status === 'rejected') {
      const source =
        outcome.origin === 'feed' ? (this.sources.get(outcome.sessionId)?.label ?? 'feed') : outcome.origin;
      counts.rejections = [...counts.rejections, { atMs, source, reason: result.error }].slice(-REJECTIONS_KEPT);
    }
    this.counts.set(outcome.sessionId, counts);
  }

  /** Merges a source's own figures into the session's health until the returned detach is called. */
  attachSource(sessionId: string, source: HealthSource): () => void {
    this.sources.set(sessionId, source);
    return () => {
      if (this.sources.get(sessionId) === source) this.sources.delete(sessionId);
    };
  }

  /** Whether anything was observed for, or attached to, the session. */
  knows(sessionId: string): boolean {
    return this.counts.has(sessionId) || this.sources.has(sessionId);
  }

  /** Every update offered to the session so far: a summary is only worth logging when it moved. */
  offered(sessionId: string): number {
    const counts = this.counts.get(sessionId);
    return counts ? counts.accepted + counts.ignored + counts.rejected + counts.unavailable : 0;
  }

  sessionIds(): string[] {
    return [...new Set([...this.counts.keys(), ...this.sources.keys()])];
  }

  health(sessionId: string): FeedHealth {
    const atMs = this.now();
    const counts = this.counts.get(sessionId) ?? emptyCounts();
    const source = this.sources.get(sessionId);
    const rmonitor = source?.kind === 'rmonitor' ? source.health() : undefined;
    // The TCP client lists refused updates with an empty line; those reached the hub and are
    // counted above already, so only its unreadable lines are added here. Health goes to every
    // viewer, and what a timing host sends is not theirs to read: the lines and the reasons
    // quoting them are for the feed token's holder (GET /api/rmonitor).
    const lineRejections = (rmonitor?.lastRejections ?? [])
      .filter((rejection) => rejection.line !== '')
      .map((rejection): FeedRejection => ({
        atMs: rejection.atMs,
        source: source!.label,
        reason: LINE_REFUSED,
      }));
    const lastMessageAtMs = Math.max(counts.lastMessageAtMs ?? -Infinity, rmonitor?.lastMessageAtMs ?? -Infinity);
    const replay = source?.kind === 'replay' ? source.state() : undefined;
    return {
      sessionId,
      atMs,
      messagesPerSecond: messagesPerSecond(counts.window, atMs),
      ...(Number.isFinite(lastMessageAtMs) && { lastMessageAgeMs: Math.max(0, atMs - lastMessageAtMs) }),
      accepted: counts.accepted,
      ignored: counts.ignored,
      rejected: counts.rejected,
      unavailable: counts.unavailable,
      lastRejections: latestRejections(counts.rejections, lineRejections),
      ...(source && { source: describeSource(source.label, rmonitor) }),
      ...(replay && { replay }),
    };
  }
}

/** A replay's figures are in `replay`; a TCP feed's connection is summed up here. */
function describeSource(label: string, rmonitor: RMonitorHealth | undefined): FeedSource {
  if (!rmonitor) return { kind: 'replay', label };
  return {
    kind: 'rmonitor',
    label,
    connection: rmonitor.state,
    connects: rmonitor.connects,
    linesRejected: rmonitor.linesRejected,
  };
}
