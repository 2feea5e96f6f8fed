import * as ws from 'ws';
import type { Namespace } from 'socket.io';
import type { SessionDelta } from '@pitwall/shared';

/**
 * What is read of a viewer's Engine.IO connection: the fields Engine.IO itself uses to send a
 * frame built once for a broadcast (its websocket transport calls the same `sendFrame`).
 */
interface EngineConnection {
  readyState: string;
  writeBuffer: unknown[];
  transport: { name: string; socket?: { _sender?: { sendFrame?: (frame: Buffer[]) => void } } };
}

/** ws's frame builder, which its type definitions leave out: socket.io-adapter builds broadcast frames with it. */
const { Sender } = ws as unknown as {
  Sender: {
    frame(
      data: Buffer,
      options: { readOnly: boolean; mask: boolean; rsv1: boolean; opcode: number; fin: boolean },
    ): Buffer[];
  };
};

interface EngineWriter {
  writeToEngine(packets: string[], options: { preEncoded: true; wsPreEncodedFrame: Buffer[] }): void;
}

/**
 * Sends a delta to every viewer of a room on this node, encoded once: one Socket.IO packet and
 * one WebSocket frame for the whole room. A viewer with nothing waiting in Engine.IO gets the
 * frame written straight to its WebSocket, skipping Engine.IO's per-packet bookkeeping (the bulk
 * of a delivery's cost with thousands of viewers); one with packets waiting (a snapshot still
 * being sent) or on HTTP long-polling gets it through Engine.IO, behind them, so order holds.
 */
export function sendDelta(viewers: Namespace, room: string, delta: SessionDelta): void {
  const members = viewers.adapter.rooms.get(room);
  if (!members || members.size === 0) return;
  // Socket.IO EVENT packet of the default namespace, inside an Engine.IO message packet.
  const packet = `2${JSON.stringify(['delta', delta])}`;
  const frame = Sender.frame(Buffer.from(`4${packet}`), {
    readOnly: false,
    mask: false,
    rsv1: false,
    opcode: 1,
    fin: true,
  });
  for (const id of members) {
    const socket = viewers.sockets.get(id);
    if (!socket) continue;
    const connection = socket.conn as unknown as EngineConnection;
    const sender = connection.transport.name === 'websocket' ? connection.transport.socket?._sender : undefined;
    if (connection.readyState === 'open' && connection.writeBuffer.length === 0 && sender?.sendFrame) {
      sender.sendFrame(frame);
    } else {
      (socket.client as unknown as EngineWriter).writeToEngine([packet], {
        preEncoded: true,
        wsPreEncodedFrame: frame,
      });
    }
  }
}
