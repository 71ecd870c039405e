/**
 * Requests the desktop sends over the socket. Each waits for the server's ack and resolves to a
 * result with a Chinese message on failure. None of them throws.
 */
import type { NotReadyReason } from '../../../server/domain/terms';
import type { AgentStatus } from '../../../server/realtime/socket-events';
import { agentStore } from '../stores/agent';
import { currentSocket } from './agent-socket';

/** Milliseconds to wait for an ack before telling the agent that the request timed out. */
const ACK_TIMEOUT_MS = 8000;

export type CommandResult<T = undefined> = { ok: true; data?: T } | { ok: false; message: string };

type AckReply<T> = { ok: true; data?: T } | { ok: false; code: string; message: string };

function toResult<T>(error: Error | null, reply: AckReply<T> | undefined): CommandResult<T> {
  if (error) return { ok: false, message: '服务器没有及时响应，请重试' };
  if (!reply) return { ok: false, message: '服务器返回了无效的响应' };
  if (!reply.ok) return { ok: false, message: reply.message || '操作失败' };
  return { ok: true, data: reply.data };
}

const NOT_CONNECTED: CommandResult<never> = { ok: false, message: '与服务器的连接已断开，正在重连，请稍后重试' };

/** Applies an `AgentStatus` returned in an ack, so that the bar changes without waiting for the event. */
function applyStatus(result: CommandResult<AgentStatus>): CommandResult<AgentStatus> {
  if (result.ok && result.data) agentStore.set(result.data);
  return result;
}

export function setAgentState(state: 'ready' | 'not-ready', reason?: NotReadyReason): Promise<CommandResult<AgentStatus>> {
  const socket = currentSocket();
  if (!socket?.connected) return Promise.resolve(NOT_CONNECTED);
  const request = state === 'not-ready' ? { state, reason } : { state };
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('agent:set-state', request, (error, reply) => resolve(applyStatus(toResult(error, reply))));
  });
}

export function endWrapUp(): Promise<CommandResult<AgentStatus>> {
  const socket = currentSocket();
  if (!socket?.connected) return Promise.resolve(NOT_CONNECTED);
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit('agent:end-wrap-up', {}, (error, reply) => resolve(applyStatus(toResult(error, reply))));
  });
}

export type CallCommand = 'call:hangup' | 'call:hold' | 'call:resume';

export function sendCallCommand(command: CallCommand, callId: string): Promise<CommandResult> {
  const socket = currentSocket();
  if (!socket?.connected) return Promise.resolve(NOT_CONNECTED);
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit(command, { callId }, (error, reply) => resolve(toResult(error, reply)));
  });
}
