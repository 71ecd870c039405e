/**
 * The Socket.IO connection of users without an agent socket (unit handlers, leaders, and
 * supervisors without an agent id): it only receives the scheduler's case notices. It
 * reconnects by itself, and a rejected token ends the session.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../server/realtime/socket-events';
import { receiveDeadlineChanges, receiveSupervisionNotices } from '../stores/case-notices';
import { endSession } from '../stores/session';

let activeSocket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

export function connectCaseSocket(token: string): void {
  disconnectCaseSocket();
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ auth: { token }, reconnectionDelayMax: 10_000 });
  activeSocket = socket;

  socket.on('connect_error', (error: Error & { data?: { code?: unknown } }) => {
    const code = error.data?.code ?? error.message;
    if (code === 'AUTH_REQUIRED' || code === 'AUTH_INVALID') {
      disconnectCaseSocket();
      endSession('登录已失效，请重新登录');
    }
  });
  socket.on('case:deadline', receiveDeadlineChanges);
  socket.on('case:supervision', receiveSupervisionNotices);
}

export function disconnectCaseSocket(): void {
  if (!activeSocket) return;
  activeSocket.removeAllListeners();
  activeSocket.disconnect();
  activeSocket = null;
}
