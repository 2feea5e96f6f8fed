import type { Server } from 'socket.io';
import type { ViewerClientEvents, ViewerServerEvents } from '@pitwall/shared';

/** The Socket.IO server, typed by its default (viewer) namespace; the feed namespace types itself. */
export type SocketServer = Server<ViewerClientEvents, ViewerServerEvents>;
