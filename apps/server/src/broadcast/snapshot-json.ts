import type { SessionSnapshot } from '@pitwall/shared';

/**
 * A session's snapshot as JSON, serialised once per viewer seq: every join, resync and publish
 * at the same seq reuses it (a reconnect storm after a restart asks for the same few thousand times).
 */
export class SnapshotJson {
  private readonly bySession = new Map<string, { seq: number; json: string }>();

  constructor(private readonly snapshot: (sessionId: string) => SessionSnapshot | undefined) {}

  get(sessionId: string): { seq: number; json: string } | undefined {
    const snapshot = this.snapshot(sessionId);
    if (!snapshot) {
      this.bySession.delete(sessionId);
      return undefined;
    }
    const kept = this.bySession.get(sessionId);
    if (kept?.seq === snapshot.seq) return kept;
    const fresh = { seq: snapshot.seq, json: JSON.stringify(snapshot) };
    this.bySession.set(sessionId, fresh);
    return fresh;
  }
}
