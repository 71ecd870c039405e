/**
 * The Socket.IO gateway of the agent desktop. Each authenticated socket joins the room of its
 * user and, for agents, the room of its agent id; agent state changes and call events go to
 * that room, so every open desktop of the agent sees them. Sockets also join the room of their
 * role, and a unit handler's the room of its unit, for the time-limit scheduler's notifications.
 *
 * Every client event is validated and role-checked, and always answered through its ack (when
 * the client gave one) as `{ ok: true, data }` or `{ ok: false, code, message }`.
 */
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import { CallNotFoundError, type CallControl } from '../../ivr/contract';
import type { AgentProfile, AgentStateStore } from '../agents/agent-state-store';
import { requireAgentId } from '../auth/policies';
import type { AuthUser, TokenService } from '../auth/tokens';
import type { Role } from '../domain/terms';
import { AppError, callNotFound, internalError, invalidState, telephonyUnavailable } from '../errors';
import { parseInput } from '../http/validation';
import { CLIENT_REQUEST_LABELS, CLIENT_REQUEST_SCHEMAS } from './client-requests';
import { socketAuthMiddleware } from './socket-auth';
import type { CaseSummary, ClientToServerEvents, ServerToClientEvents, SocketData } from './socket-events';

export type DeskServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type DeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ClientEvent = keyof typeof CLIENT_REQUEST_SCHEMAS;
type AckReply = { ok: true; data?: unknown } | { ok: false; code: string; message: string };

export interface GatewayOptions {
  httpServer: HttpServer;
  tokens: TokenService;
  agents: AgentStateStore;
  /** Call control of the hotline, or null while the platform runs without one. */
  callControl: () => CallControl | null;
  /** Loads an agent that the store does not know yet (created after the server started). */
  loadAgentProfile: (agentId: string) => Promise<AgentProfile | null>;
  /** Returns the org unit of a unit handler, whose socket then joins that unit's room. */
  loadUserOrgUnitId?: (userId: number) => Promise<number | null>;
  logger: Logger;
}

export interface Gateway {
  io: DeskServer;
  /** Tells every open desktop of `userId` that a case was saved. */
  notifyCaseSaved(userId: number, summary: CaseSummary): void;
  close(): Promise<void>;
}

export const agentRoom = (agentId: string) => `agent:${agentId}`;
export const userRoom = (userId: number) => `user:${userId}`;
/** Every socket of a user with this role, such as all supervisors. */
export const roleRoom = (role: Role) => `role:${role}`;
/** Sockets of the unit handlers of one org unit. */
export const unitRoom = (orgUnitId: number) => `unit:${orgUnitId}`;

export function createGateway(options: GatewayOptions): Gateway {
  const logger = options.logger.child({ component: 'gateway' });
  const io: DeskServer = new Server(options.httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  io.use(socketAuthMiddleware(options.tokens));

  const forwardStatus = (status: Parameters<ServerToClientEvents['agent:status']>[0]) => {
    io.to(agentRoom(status.agentId)).emit('agent:status', status);
  };
  options.agents.on('status', forwardStatus);

  io.on('connection', (socket) => {
    onConnection(socket, options, logger).catch((error: unknown) => {
      logger.error({ err: error, userId: socket.data.userId }, 'socket connection setup failed');
      socket.disconnect(true);
    });
  });

  return {
    io,
    notifyCaseSaved(userId, summary) {
      io.to(userRoom(userId)).emit('case:saved', summary);
    },
    async close() {
      options.agents.off('status', forwardStatus);
      await io.close();
    },
  };
}

async function onConnection(socket: DeskSocket, options: GatewayOptions, parentLogger: Logger): Promise<void> {
  const user: AuthUser = { userId: socket.data.userId, role: socket.data.role, agentId: socket.data.agentId };
  const logger = parentLogger.child({ socketId: socket.id, userId: user.userId, agentId: user.agentId });
  const { agents } = options;

  // Handlers are bound at once, so requests sent right after connecting are not lost; each
  // waits until the agent's state is set up.
  const setup = setUpConnection(socket, user, options, logger);
  const bind: Binder = (event, handle) => bindRequest(socket, event, logger, setup, handle);

  bind('agent:set-state', (request) => agents.requestState(requireAgentId(user), request.state, request.reason ?? null));
  bind('agent:end-wrap-up', () => agents.endWrapUp(requireAgentId(user)));
  bind('call:hangup', async (request) => {
    // Hanging up a call that still rings would drop the caller instead of passing the call on,
    // so the agent declines on the phone and the call goes to the next agent.
    if (agents.status(requireAgentId(user))?.state === 'ringing') {
      throw invalidState('来电尚未接通，不能挂断；不接听请在话机上拒接，来电将转给其他受理员');
    }
    await controlOwnCall(options, user, request.callId, ['talking'], (control) => control.hangup(request.callId, 'agent'));
  });
  bind('call:hold', async (request) => {
    await controlOwnCall(options, user, request.callId, ['talking'], (control) => control.hold(request.callId));
  });
  bind('call:resume', async (request) => {
    await controlOwnCall(options, user, request.callId, ['talking'], (control) => control.resume(request.callId));
  });

  await setup;
}

type Binder = <E extends ClientEvent>(event: E, handle: (request: RequestOf<E>) => unknown) => void;
type RequestOf<E extends ClientEvent> = NonNullable<z.output<(typeof CLIENT_REQUEST_SCHEMAS)[E]>>;

/** Joins the rooms and, for an agent, connects the agent's state and sends it to this desktop. */
async function setUpConnection(socket: DeskSocket, user: AuthUser, options: GatewayOptions, logger: Logger): Promise<void> {
  const { agents } = options;
  socket.join(userRoom(user.userId));
  socket.join(roleRoom(user.role));
  if (user.role === 'unit-handler' && options.loadUserOrgUnitId) {
    const orgUnitId = await options.loadUserOrgUnitId(user.userId);
    if (orgUnitId !== null && !socket.disconnected) socket.join(unitRoom(orgUnitId));
  }
  const agentId = user.agentId;
  if (!agentId || !isDeskUser(user)) {
    logger.info({ role: user.role }, 'desktop connected');
    return;
  }

  if (!agents.profile(agentId)) {
    const profile = await options.loadAgentProfile(agentId);
    if (!profile) {
      logger.warn('desktop connected with an agent id that has no agent profile');
      return;
    }
    agents.upsertProfile(profile);
  }
  if (socket.disconnected) return;

  const status = agents.connect(agentId);
  socket.join(agentRoom(agentId));
  socket.on('disconnect', (reason) => {
    logger.info({ reason }, 'agent desktop disconnected');
    agents.disconnect(agentId);
  });
  socket.emit('agent:status', status);
  logger.info({ state: status.state }, 'agent desktop connected');
}

function isDeskUser(user: AuthUser): boolean {
  try {
    requireAgentId(user);
    return true;
  } catch {
    return false;
  }
}

/**
 * Binds one client event: tolerates a missing ack or a missing request, validates the request,
 * runs `handle` and replies with its result or with the error's code and Chinese message.
 */
function bindRequest<E extends ClientEvent>(
  socket: DeskSocket,
  event: E,
  logger: Logger,
  setup: Promise<void>,
  handle: (request: RequestOf<E>) => unknown,
): void {
  const listener = async (...args: unknown[]) => {
    const ackIndex = args.findIndex((arg) => typeof arg === 'function');
    const ack = ackIndex >= 0 ? (args[ackIndex] as (reply: AckReply) => void) : () => {};
    const request = ackIndex === 0 ? undefined : args[0];

    try {
      const parsed = parseInput(CLIENT_REQUEST_SCHEMAS[event], request, CLIENT_REQUEST_LABELS);
      await setup;
      const data = await handle((parsed ?? {}) as RequestOf<E>);
      ack(data === undefined ? { ok: true } : { ok: true, data });
    } catch (error) {
      const appError = error instanceof AppError ? error : internalError();
      if (appError === error) {
        logger.info({ event, code: appError.code }, 'client request rejected');
      } else {
        logger.error({ err: error, event }, 'client request failed');
      }
      ack({ ok: false, code: appError.code, message: appError.userMessage });
    }
  };
  // The typed map describes well-behaved clients; the listener accepts anything and validates it.
  (socket as unknown as { on(name: string, listener: (...args: unknown[]) => void): void }).on(event, listener);
}

/** Runs a call-control command on the agent's own current call, in one of `allowedStates`. */
async function controlOwnCall(
  options: GatewayOptions,
  user: AuthUser,
  callId: string,
  allowedStates: readonly string[],
  command: (control: CallControl) => Promise<void>,
): Promise<void> {
  const agentId = requireAgentId(user);
  const status = options.agents.status(agentId);
  if (!status || status.callId !== callId) throw callNotFound();
  if (!allowedStates.includes(status.state)) throw invalidState('当前通话状态不允许此操作');

  const control = options.callControl();
  if (!control) throw telephonyUnavailable();
  try {
    await command(control);
  } catch (error) {
    if (error instanceof CallNotFoundError || (error as { code?: unknown }).code === 'CALL_NOT_FOUND') throw callNotFound();
    if (error instanceof AppError) throw error;
    options.logger.error({ err: error, callId, agentId }, 'call-control command failed');
    throw telephonyUnavailable();
  }
}
