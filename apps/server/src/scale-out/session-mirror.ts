import { EventEmitter } from 'node:events';
import {
  receiveDelta,
  type SessionDelta,
  type SessionSnapshot,
  type SessionSummary,
  type ViewerCopy,
} from '@pitwall/shared';

/** Reads the ingesting node's published snapshot of a session (undefined when it has none). */
export type SnapshotReader = (sessionId: string) => Promise<SessionSnapshot | undefined>;

/**
 * A viewer node's copy of every session an ingesting node publishes: what its viewers join and
 * read, in place of a hub. It follows the deltas strictly in order (as a viewer does); when one
 * does not follow on (a node that started late, a lost link), it takes the published snapshot and
 * keeps the deltas that arrive meanwhile. Emits `delta` and `sessions` as the hub does.
 */
export class SessionMirror extends EventEmitter {
  private readonly copies = new Map<string, ViewerCopy>();
  /** Sessions being fetched, with the deltas that arrived meanwhile. */
  private readonly fetching = new Map<string, SessionDelta[]>();
  private readonly inFlight = new Set<Promise<void>>();
  private summaries: SessionSummary[] = [];

  constructor(
    private readonly read: SnapshotReader,
    private readonly onError: (sessionId: string, error: unknown) => void,
  ) {
    super();
  }

  snapshot(sessionId: string): SessionSnapshot | undefined {
    const copy = this.copies.get(sessionId);
    return copy && { sessionId, seq: copy.seq, view: copy.view };
  }

  list(): SessionSummary[] {
    return this.summaries;
  }

  setSessions(list: SessionSummary[]): void {
    this.summaries = list;
    const listed = new Set(list.map((summary) => summary.id));
    for (const id of this.copies.keys()) if (!listed.has(id)) this.copies.delete(id);
    for (const id of listed) if (!this.copies.has(id)) this.fetch(id);
    this.emit('sessions', list);
  }

  receive(delta: SessionDelta): void {
    const waiting = this.fetching.get(delta.sessionId);
    if (waiting) {
      waiting.push(delta);
      return;
    }
    if (!this.apply(delta)) this.fetch(delta.sessionId, [delta]);
  }

  /** False when the delta does not follow on from the copy. */
  private apply(delta: SessionDelta): boolean {
    const { copy, resync } = receiveDelta(this.copies.get(delta.sessionId), delta);
    if (resync) return false;
    if (copy !== this.copies.get(delta.sessionId)) {
      this.copies.set(delta.sessionId, copy!);
      this.emit('delta', delta);
    }
    return true;
  }

  /** Drops every copy without telling viewers: the sessions of a run that ended. */
  forget(): void {
    this.copies.clear();
  }

  /** Resolves once every snapshot asked for so far has come (or failed). */
  async fetched(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /** Takes every listed session afresh, e.g. after the link to Redis came back. */
  refetchAll(): void {
    for (const summary of this.summaries) this.fetch(summary.id);
  }

  private fetch(sessionId: string, waiting: SessionDelta[] = []): void {
    if (this.fetching.has(sessionId)) {
      this.fetching.get(sessionId)!.push(...waiting);
      return;
    }
    this.fetching.set(sessionId, waiting);
    const done = this.read(sessionId)
      .then((snapshot) => {
        const queued = this.fetching.get(sessionId) ?? [];
        this.fetching.delete(sessionId);
        const current = this.copies.get(sessionId);
        if (snapshot && (!current || snapshot.seq > current.seq))
          this.copies.set(sessionId, { seq: snapshot.seq, view: snapshot.view });
        // Viewers of this node holding an older seq see the next delta not follow on and resync.
        // A delta the snapshot does not reach is dropped: the next one fetches again.
        for (const delta of queued) if (!this.apply(delta)) break;
      })
      .catch((error: unknown) => {
        this.fetching.delete(sessionId);
        this.onError(sessionId, error);
      })
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }
}
