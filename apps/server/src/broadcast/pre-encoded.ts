import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';

/**
 * JSON serialised already, to be sent as it is inside a Socket.IO packet: a snapshot is
 * serialised once per seq and reused for every viewer that joins at that seq.
 */
export class PreEncoded {
  constructor(readonly json: string) {}
}

// A private-use character JSON.stringify leaves as it is, and a tag no view contains.
const MARK = `\uE000pitwall-pre-encoded:${Math.random().toString(36).slice(2)}:`;

/**
 * The standard Socket.IO encoder, except that a PreEncoded value is written as its JSON: the
 * packets on the wire are exactly those the standard encoder would write, so clients use the
 * standard parser. Encoding is synchronous, so one list of pending values serves every packet.
 */
class PreEncodingEncoder extends Encoder {
  private readonly pending: string[] = [];

  constructor() {
    super((_key: string, value: unknown) => {
      if (!(value instanceof PreEncoded)) return value;
      this.pending.push(value.json);
      return `${MARK}${this.pending.length - 1}`;
    });
  }

  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    const encoded = super.encode(packet);
    if (this.pending.length === 0) return encoded;
    const values = this.pending.splice(0);
    return encoded.map((part: unknown) =>
      typeof part === 'string'
        ? values.reduce((text, json, i) => text.replace(`"${MARK}${i}"`, () => json), part)
        : part,
    );
  }
}

const ACK_ID = Symbol('ack id');

/**
 * The standard Socket.IO decoder, except that the payload of an event asking for an answer
 * (`emit(event, payload, ack)`) carries the answer's id, invisible to JSON and to Object.keys:
 * with it, an answer built once per seq as WebSocket frame bytes can be written straight to the
 * viewer's socket.
 */
class AckIdDecoder extends Decoder {
  constructor() {
    super();
    // Registered first, so the payload is tagged before Socket.IO dispatches the event.
    this.on('decoded', (packet: Packet) => {
      const [, payload, extra] = Array.isArray(packet.data) ? (packet.data as unknown[]) : [];
      if (packet.type !== PacketType.EVENT || packet.id === undefined || extra !== undefined) return;
      if (typeof payload === 'object' && payload !== null) {
        Object.defineProperty(payload, ACK_ID, { value: packet.id });
      }
    });
  }
}

/** The id of the answer a decoded event payload asks for, if it asks for one. */
export function ackIdOf(payload: unknown): number | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const id = (payload as { [ACK_ID]?: unknown })[ACK_ID];
  return typeof id === 'number' ? id : undefined;
}

/** For `new Server(http, { parser })`. */
export const preEncodingParser = { Encoder: PreEncodingEncoder, Decoder: AckIdDecoder };
