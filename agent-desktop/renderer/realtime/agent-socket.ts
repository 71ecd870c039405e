/**
 * The agent's Socket.IO connection: connects with the login token, keeps the stores in step with
 * the server's events, and reconnects by itself. A rejected token ends the session.
 */
import { io, type Socket } from 'socket.io-client';
import { IVR_CHOICE_LABELS } from '../../../server/domain/terms';
import type { ClientToServerEvents, ScreenPop, ServerToClientEvents } from '../../../server/realtime/socket-events';
import { notifyDesktopOfPop } from '../desktop-bridge';
import { agentStore } from '../stores/agent';
import { callStore, restoreCallFromStatus, showPop, updateCall } from '../stores/call';
import { receivePop } from '../stores/case-form';
import { receiveDeadlineChanges, receiveSupervisionNotices } from '../stores/case-notices';
import { connectionStore } from '../stores/connection';
import { addRecentCase } from '../stores/recent-cases';
import { endSession } from '../stores/session';

export type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Error codes the server's handshake uses when the token is missing, expired or forged. */
const AUTH_ERROR_CODES = new Set(['AUTH_REQUIRED', 'AUTH_INVALID']);

/**
 * Delays before connecting again after the server rejected or dropped this socket on purpose,
 * because socket.io-client retries only transport failures by itself.
 */
const RETRY_AFTER_REJECTION_MS = [2_000, 5_000, 10_000, 30_000];

let activeSocket: AgentSocket | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let rejections = 0;

/** Returns the open socket for sending commands, or null while logged out. */
export function currentSocket(): AgentSocket | null {
  return activeSocket;
}

export function connectAgentSocket(token: string): AgentSocket {
  disconnectAgentSocket();

  const socket: AgentSocket = io({ auth: { token }, reconnectionDelayMax: 10_000 });
  activeSocket = socket;
  connectionStore.set({ phase: 'connecting', attempt: 0 });

  socket.on('connect', () => {
    rejections = 0;
    connectionStore.set({ phase: 'connected', attempt: 0 });
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') {
      connectionStore.set({ phase: 'disconnected', attempt: 0 });
      return;
    }
    connectionStore.set((state) => ({ phase: 'reconnecting', attempt: state.attempt }));
    // The handshake of the next attempt decides again whether the token is still good.
    if (reason === 'io server disconnect') scheduleRetry(socket);
  });
  socket.io.on('reconnect_attempt', (attempt) => connectionStore.set({ phase: 'reconnecting', attempt }));
  socket.on('connect_error', (error) => {
    if (isAuthError(error)) {
      disconnectAgentSocket();
      endSession('登录已失效，请重新登录');
      return;
    }
    connectionStore.set((state) => ({ phase: 'reconnecting', attempt: state.attempt }));
    // An inactive socket was rejected by a server middleware and does not retry by itself.
    if (!socket.active) scheduleRetry(socket);
  });

  bindServerEvents(socket);
  return socket;
}

function scheduleRetry(socket: AgentSocket): void {
  if (retryTimer) clearTimeout(retryTimer);
  const delay = RETRY_AFTER_REJECTION_MS[Math.min(rejections, RETRY_AFTER_REJECTION_MS.length - 1)];
  rejections += 1;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    if (activeSocket === socket) socket.connect();
  }, delay);
}

export function disconnectAgentSocket(): void {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  rejections = 0;
  if (!activeSocket) return;
  activeSocket.removeAllListeners();
  activeSocket.io.removeAllListeners();
  activeSocket.disconnect();
  activeSocket = null;
  connectionStore.set({ phase: 'disconnected', attempt: 0 });
}

function bindServerEvents(socket: AgentSocket): void {
  socket.on('agent:status', (status) => {
    agentStore.set(status);
    if (restoreCallFromStatus(status) && status.pop) announcePop(status.pop);
  });

  socket.on('call:pop', (pop) => {
    const known = callStore.get()?.pop.callId === pop.callId;
    showPop(pop);
    if (!known) announcePop(pop);
  });
  socket.on('call:answered', ({ callId }) => updateCall(callId, { phase: 'talking' }));
  socket.on('call:offer-ended', ({ callId, outcome }) => updateCall(callId, { phase: 'missed', offerOutcome: outcome }));
  socket.on('call:held', ({ callId }) => updateCall(callId, { phase: 'held' }));
  socket.on('call:resumed', ({ callId }) => updateCall(callId, { phase: 'talking' }));
  socket.on('call:ended', ({ callId, endedBy }) => updateCall(callId, { phase: 'ended', endedBy }));
  socket.on('case:saved', (summary) => addRecentCase(summary));
  socket.on('case:deadline', receiveDeadlineChanges);
  socket.on('case:supervision', receiveSupervisionNotices);
}

/** Fills the case form and has the desktop shell, if any, raise the window. */
function announcePop(pop: ScreenPop): void {
  receivePop(pop);
  notifyDesktopOfPop({
    callId: pop.callId,
    callerNumber: pop.callerNumber,
    enterpriseName: pop.enterprise?.name ?? null,
    ivrChoiceLabel: IVR_CHOICE_LABELS[pop.ivrChoice] ?? pop.ivrChoice,
    repeatCaller: pop.repeatCaller,
  });
}

function isAuthError(error: Error & { data?: unknown }): boolean {
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return AUTH_ERROR_CODES.has(typeof code === 'string' ? code : error.message);
}
