import { describe, expect, it } from 'vitest';
import { Encoder, PacketType } from 'socket.io-parser';
import type { SessionSnapshot } from '@pitwall/shared';
import { EncodedSnapshot, SnapshotJson } from './snapshot-json';
import { textFrame } from './ws-frames';

const snapshot = { sessionId: 'race', seq: 7, view: { order: ['1', '2'], note: 'a "quoted" \u00e9' } };

describe('EncodedSnapshot.answerFrame', () => {
  it.each([0, 7, 1234])('is the WebSocket frame Engine.IO sends for ack %i with { ok: true, snapshot }', (id) => {
    const [packet] = new Encoder().encode({ type: PacketType.ACK, nsp: '/', id, data: [{ ok: true, snapshot }] });
    const expected = textFrame(Buffer.from(`4${packet as string}`));
    const encoded = new EncodedSnapshot(7, JSON.stringify(snapshot));
    expect(Buffer.concat(encoded.answerFrame(id))).toEqual(expected);
  });

  it('shares one body among the answers at a seq', () => {
    const encoded = new EncodedSnapshot(7, JSON.stringify(snapshot));
    expect(encoded.answerFrame(1)[1]).toBe(encoded.answerFrame(2)[1]);
  });
});

describe('EncodedSnapshot.snapshotEvent', () => {
  it('is the packet and WebSocket frame Engine.IO sends for emit("snapshot", { ok: true, snapshot })', () => {
    const [packet] = new Encoder().encode({
      type: PacketType.EVENT,
      nsp: '/',
      data: ['snapshot', { ok: true, snapshot }],
    });
    const encoded = new EncodedSnapshot(7, JSON.stringify(snapshot));
    const event = encoded.snapshotEvent();
    expect(event.packet).toBe(packet);
    expect(Buffer.concat(event.frame)).toEqual(textFrame(Buffer.from(`4${packet as string}`)));
    expect(encoded.snapshotEvent()).toBe(event);
  });
});

describe('SnapshotJson', () => {
  it('serialises once per seq and forgets a session that is gone', () => {
    let current: typeof snapshot | undefined = snapshot;
    // Only seq and JSON matter here, not what a view holds.
    const snapshots = new SnapshotJson(() => current as unknown as SessionSnapshot | undefined);
    const first = snapshots.get('race');
    expect(first?.json).toBe(JSON.stringify(snapshot));
    expect(snapshots.get('race')).toBe(first);
    current = { ...snapshot, seq: 8 };
    expect(snapshots.get('race')?.seq).toBe(8);
    current = undefined;
    expect(snapshots.get('race')).toBeUndefined();
  });
});
