import type { Namespace } from 'socket.io';
import type { SessionDelta } from '@pitwall/shared';
import { straightWriter, textFrame } from './ws-frames';

interface EngineWriter {
  writeToEngine(packets: string[], options: { preEncoded: true; wsPreEncodedFrame: Buffer[] }): void;
}

/**
 * Sends a delta to every viewer of a room on this node, encoded once: one Socket.IO packet and
 * one WebSocket frame (a single buffer, so one socket write per viewer) for the whole room.
 */
export function sendDelta(viewers: Namespace, room: string, delta: SessionDelta): void {
  const members = viewers.adapter.rooms.get(room);
  if (!members || members.size === 0) return;
  // Socket.IO EVENT packet of the default namespace, inside an Engine.IO message packet.
  const packet = `2${JSON.stringify(['delta', delta])}`;
  const frame = [textFrame(Buffer.from(`4${packet}`))];
  for (const id of members) {
    const socket = viewers.sockets.get(id);
    if (!socket) continue;
    const writer = straightWriter(socket);
    if (writer) writer.sendFrame(frame);
    else
      (socket.client as unknown as EngineWriter).writeToEngine([packet], {
        preEncoded: true,
        wsPreEncodedFrame: frame,
      });
  }
}
