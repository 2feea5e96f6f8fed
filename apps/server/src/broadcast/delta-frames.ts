import type { Namespace, Socket } from 'socket.io';
import type { SessionDelta } from '@pitwall/shared';
import { straightWriter, textFrame } from './ws-frames';

interface EngineWriter {
  writeToEngine(packets: string[], options: { preEncoded: true; wsPreEncodedFrame: Buffer[] }): void;
}

/** A Socket.IO event of the default namespace encoded once for many viewers. */
export interface EncodedEvent {
  /** The Socket.IO packet (what Engine.IO sends on HTTP long-polling). */
  packet: string;
  /** Its WebSocket frame, Engine.IO's message type included, in one buffer (one socket write). */
  frame: Buffer[];
}

/** `emit(event, payload)` encoded once, `json` being the payload serialised already. */
export function encodeEvent(event: string, json: string): EncodedEvent {
  const packet = `2[${JSON.stringify(event)},${json}]`;
  return { packet, frame: [textFrame(Buffer.from(`4${packet}`))] };
}

/**
 * Sends a viewer an event encoded once: written straight to its WebSocket when Engine.IO holds
 * nothing for it, else handed to Engine.IO behind what it holds (which sends the frame as it is,
 * or the packet on polling).
 */
export function sendEncoded(socket: Socket, { packet, frame }: EncodedEvent): void {
  const writer = straightWriter(socket);
  if (writer) writer.sendFrame(frame);
  else
    (socket.client as unknown as EngineWriter).writeToEngine([packet], { preEncoded: true, wsPreEncodedFrame: frame });
}

/**
 * Sends deltas to the viewers of a room on this node, each encoded once: one Socket.IO packet and
 * one WebSocket frame (a single buffer, so one socket write per viewer) for the whole room.
 */
export class DeltaFanout {
  /**
   * Each room's viewers as a list, taken from the adapter (which stays the one record of who is
   * in a room) at the first delta after a viewer joined or left it: a delivery is then a step
   * along an array rather than a lookup by socket id, which is a good share of its cost with
   * thousands of viewers.
   */
  private readonly members = new Map<string, Socket[]>();

  constructor(private readonly viewers: Namespace) {
    const changed = (room: string) => this.members.delete(room);
    viewers.adapter.on('join-room', changed);
    viewers.adapter.on('leave-room', changed);
  }

  send(room: string, delta: SessionDelta): void {
    const members = this.membersOf(room);
    if (members.length === 0) return;
    const encoded = encodeEvent('delta', JSON.stringify(delta));
    for (const socket of members) sendEncoded(socket, encoded);
  }

  private membersOf(room: string): Socket[] {
    const kept = this.members.get(room);
    if (kept) return kept;
    const ids = this.viewers.adapter.rooms.get(room);
    if (!ids) return [];
    const members = [...ids].flatMap((id) => this.viewers.sockets.get(id) ?? []);
    this.members.set(room, members);
    return members;
  }
}
