import type { Socket } from 'socket.io';

/**
 * What is read of a viewer's Engine.IO connection: the fields Engine.IO itself uses to send a
 * frame built once for a broadcast (its websocket transport calls the same `sendFrame`).
 */
interface EngineConnection {
  readyState: string;
  writeBuffer: unknown[];
  transport: { name: string; socket?: { _sender?: Partial<FrameWriter> } };
}

/**
 * The header of an unmasked, final WebSocket text frame (RFC 6455 5.2) carrying `length` bytes:
 * what a server puts before each message it sends.
 */
export function textFrameHeader(length: number): Buffer {
  const header = Buffer.allocUnsafe(length < 126 ? 2 : length < 65_536 ? 4 : 10);
  header[0] = 0x81;
  if (length < 126) {
    header[1] = length;
  } else if (length < 65_536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeUInt16BE(0, 2);
    header.writeUIntBE(length, 4, 6);
  }
  return header;
}

/** Header and payload in one buffer: each viewer's copy of a broadcast is then one socket write. */
export function textFrame(payload: Buffer): Buffer {
  return Buffer.concat([textFrameHeader(payload.length), payload]);
}

/** Writes a WebSocket frame to a viewer's socket, as Engine.IO's websocket transport does. */
export interface FrameWriter {
  sendFrame(frame: Buffer[]): void;
}

/**
 * What writes a ready WebSocket frame straight to a viewer's socket when Engine.IO holds nothing
 * for it, skipping Engine.IO's per-packet bookkeeping (the bulk of a delivery's cost with
 * thousands of viewers). None when the viewer is on HTTP long-polling, has packets waiting in
 * Engine.IO or is closing: the caller then sends through Engine.IO, behind what it holds, so
 * order holds.
 */
export function straightWriter(socket: Socket): FrameWriter | undefined {
  const connection = socket.conn as unknown as EngineConnection;
  if (connection.readyState !== 'open' || connection.writeBuffer.length > 0) return undefined;
  const { transport } = connection;
  const sender = transport.name === 'websocket' ? transport.socket?._sender : undefined;
  return sender?.sendFrame ? (sender as FrameWriter) : undefined;
}
