import type { IngestResult } from '@pitwall/shared';
import { sessionIdOf, type SessionHub, type UpdateOrigin } from './hub';

export interface IngestQueueOptions {
  /** Updates one session may have waiting; past that, an update is answered "busy, retry". */
  maxWaiting?: number;
  /** How long one turn may apply updates before it lets the server read sockets and answer viewers. */
  sliceMs?: number;
}

interface Waiting {
  input: unknown;
  origin: UpdateOrigin;
  answer: (result: IngestResult) => void;
}

export const MAX_WAITING = 64;

/**
 * Backpressure for feeds that reach the server over a network (Socket.IO, HTTP): each session has
 * a bounded queue in front of the hub, drained in turns of a few milliseconds. A feed sending
 * faster than its session can be updated is told at once to retry, instead of having its updates
 * pile up in memory and its answers arrive seconds late. Updates of one session keep their order.
 */
export class IngestQueue {
  private readonly queues = new Map<string, Waiting[]>();
  private readonly maxWaiting: number;
  private readonly sliceMs: number;
  private draining = false;

  constructor(
    private readonly hub: SessionHub,
    options: IngestQueueOptions = {},
  ) {
    this.maxWaiting = options.maxWaiting ?? MAX_WAITING;
    this.sliceMs = options.sliceMs ?? 10;
  }

  offer(input: unknown, origin: UpdateOrigin): Promise<IngestResult> {
    const sessionId = sessionIdOf(input) ?? '';
    const queue = this.queues.get(sessionId) ?? [];
    if (queue.length >= this.maxWaiting) {
      const result: IngestResult = {
        status: 'unavailable',
        retry: true,
        reason: 'busy',
        error: `session "${sessionId}" has ${queue.length} updates waiting: send this one again shortly`,
      };
      this.hub.emit('ingested', { sessionId: sessionId || undefined, origin, result });
      return Promise.resolve(result);
    }
    return new Promise((answer) => {
      queue.push({ input, origin, answer });
      this.queues.set(sessionId, queue);
      this.scheduleDrain();
    });
  }

  /** Updates waiting, over every session. */
  waiting(): number {
    let total = 0;
    for (const queue of this.queues.values()) total += queue.length;
    return total;
  }

  private scheduleDrain(): void {
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => this.drain());
  }

  /** Takes one update from each session in turn, so a flooding feed cannot starve the others. */
  private drain(): void {
    const endsAt = performance.now() + this.sliceMs;
    while (this.queues.size > 0 && performance.now() < endsAt) {
      for (const [sessionId, queue] of this.queues) {
        const next = queue.shift()!;
        if (queue.length === 0) this.queues.delete(sessionId);
        next.answer(this.hub.ingest(next.input, next.origin));
      }
    }
    this.draining = false;
    if (this.queues.size > 0) this.scheduleDrain();
  }
}
