import type { SessionSnapshot } from '@pitwall/shared';
import { encodeEvent, type EncodedEvent } from './delta-frames';
import { textFrameHeader } from './ws-frames';

/** A snapshot serialised once, and the answer carrying it to a join or resync. */
export class EncodedSnapshot {
  private answer?: Buffer;
  private event?: EncodedEvent;

  constructor(
    readonly seq: number,
    readonly json: string,
  ) {}

  /**
   * The WebSocket frame answering the join or resync with answer id `ackId`: the bytes Engine.IO
   * would send for `ack({ ok: true, snapshot })`. The body (all but a few bytes) is encoded at the
   * first join that needs it and shared by every viewer answered at this seq.
   */
  answerFrame(ackId: number): Buffer[] {
    this.answer ??= Buffer.from(`[{"ok":true,"snapshot":${this.json}}]`);
    // Engine.IO message (4), Socket.IO ACK (3) of the default namespace, the answer's id.
    const head = Buffer.from(`43${ackId}`);
    return [Buffer.concat([textFrameHeader(head.length + this.answer.length), head]), this.answer];
  }

  /**
   * The `snapshot` event with `{ ok: true, snapshot }` sent to a viewer that joins on connect:
   * the Socket.IO packet and its WebSocket frame, both encoded once for every viewer at this seq.
   */
  snapshotEvent(): EncodedEvent {
    this.event ??= encodeEvent('snapshot', `{"ok":true,"snapshot":${this.json}}`);
    return this.event;
  }
}

/**
 * A session's snapshot as JSON, serialised once per viewer seq: every join, resync and publish
 * at the same seq reuses it (a reconnect storm after a restart asks for the same few thousand times).
 */
export class SnapshotJson {
  private readonly bySession = new Map<string, EncodedSnapshot>();

  constructor(private readonly snapshot: (sessionId: string) => SessionSnapshot | undefined) {}

  get(sessionId: string): EncodedSnapshot | undefined {
    const snapshot = this.snapshot(sessionId);
    if (!snapshot) {
      this.bySession.delete(sessionId);
      return undefined;
    }
    const kept = this.bySession.get(sessionId);
    if (kept?.seq === snapshot.seq) return kept;
    const fresh = new EncodedSnapshot(snapshot.seq, JSON.stringify(snapshot));
    this.bySession.set(sessionId, fresh);
    return fresh;
  }
}
