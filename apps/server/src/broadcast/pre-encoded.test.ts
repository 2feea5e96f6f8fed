import { describe, expect, it } from 'vitest';
import { Encoder, PacketType, type Packet } from 'socket.io-parser';
import { ackIdOf, PreEncoded, preEncodingParser } from './pre-encoded';

describe('preEncodingParser', () => {
  it('writes a pre-encoded value as its JSON: the same packet the standard encoder writes', () => {
    const snapshot = { sessionId: 'race', seq: 7, view: { order: ['1', '2'], note: 'a "quoted" \u00e9' } };
    const packet = (data: unknown) => ({ type: PacketType.ACK, nsp: '/', id: 3, data: [{ ok: true, snapshot: data }] });
    const [ours] = new preEncodingParser.Encoder().encode(packet(new PreEncoded(JSON.stringify(snapshot))));
    const [standard] = new Encoder().encode(packet(snapshot));
    expect(ours).toBe(standard);
  });

  it('leaves packets without pre-encoded values alone, and keeps two values in one packet apart', () => {
    const encoder = new preEncodingParser.Encoder();
    const plain = { type: PacketType.EVENT, nsp: '/', data: ['delta', { seq: 2 }] };
    expect(encoder.encode(plain)).toEqual(new Encoder().encode(plain));
    const [two] = encoder.encode({
      type: PacketType.EVENT,
      nsp: '/',
      data: ['pair', new PreEncoded('{"a":1}'), new PreEncoded('[2,"$&"]')],
    });
    expect(two).toBe('2["pair",{"a":1},[2,"$&"]]');
  });
});

describe('the decoder of preEncodingParser', () => {
  const decode = (text: string) => {
    const decoder = new preEncodingParser.Decoder();
    let decoded: unknown[] = [];
    decoder.on('decoded', (packet: Packet) => (decoded = packet.data as unknown[]));
    decoder.add(text);
    return decoded;
  };

  it('gives the payload of an event asking for an answer its answer id, invisible to JSON', () => {
    const [, payload] = decode('212["join",{"sessionId":"race"}]');
    expect(ackIdOf(payload)).toBe(12);
    expect(JSON.stringify(payload)).toBe('{"sessionId":"race"}');
    expect(Object.keys(payload as object)).toEqual(['sessionId']);
  });

  it('gives no id without an answer asked, to a payload that is not an object, or past other arguments', () => {
    expect(ackIdOf(decode('2["join",{"sessionId":"race"}]')[1])).toBeUndefined();
    expect(ackIdOf(decode('23["join","race"]')[1])).toBeUndefined();
    expect(ackIdOf(decode('23["join",{"sessionId":"race"},1]')[1])).toBeUndefined();
  });
});
