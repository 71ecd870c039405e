/**
 * A small stand-in for the platform server, for driving the renderer in a browser: the renderer
 * router, the REST endpoints the desktop calls, and a Socket.IO server on the shared typed event
 * map. Tests push pops and call events and read back what the desktop sent.
 */
import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Server } from 'socket.io';
import { createRendererRouter } from '../../agent-desktop/serve';
import type { CaseEventRecord } from '../../db/repositories';
import type { CaseView } from '../../server/cases/present-case';
import type { AgentState, CaseState, NotReadyReason } from '../../server/domain/terms';
import type {
  AgentStatus,
  CaseSummary,
  ClientToServerEvents,
  EnterpriseSummary,
  ScreenPop,
  ServerToClientEvents,
  SocketData,
} from '../../server/realtime/socket-events';

export const AGENT_USER = {
  id: 7,
  username: 'agent01',
  displayName: '王丽',
  role: 'agent' as const,
  agentId: 'A01',
  extension: '8001',
  skills: ['enterprise' as const, 'general' as const],
};
export const AGENT_PASSWORD = 'correct-horse-42';

export const CATEGORIES = [
  { id: 1, code: '01', name: '涉企行政审批', parentId: null },
  { id: 2, code: '0101', name: '审批时限', parentId: 1 },
  { id: 3, code: '0102', name: '审批材料', parentId: 1 },
  { id: 4, code: '02', name: '政务服务', parentId: null },
  { id: 5, code: '0201', name: '办事指南咨询', parentId: 4 },
];

export const STORED_ENTERPRISE: EnterpriseSummary = {
  id: 31,
  name: '民权县华通机械制造有限公司',
  creditCode: '91411421MA44T2DG6U',
  address: '民权县产业集聚区工业大道18号',
  township: '城关镇',
};

interface StoredCase extends CaseSummary {
  content: string;
  callerName: string;
  callerNumber: string;
  anonymous: boolean;
  confidential: boolean;
  categoryId: number;
  enterprise: EnterpriseSummary | null;
}

/** An error body the fake API returns once for the next `POST /api/cases`. */
export interface CannedError {
  status: number;
  error: { code: string; message: string; fields: { field: string; message: string }[] };
}

type ClientEvent = keyof ClientToServerEvents;

export interface FakePlatform {
  baseUrl: string;
  /** Every socket request the desktop sent, in order. */
  received: { event: ClientEvent; request: unknown }[];
  /** Bodies of every `POST /api/cases`. */
  createdCaseRequests: Record<string, unknown>[];
  status(): AgentStatus;
  /** Rings the agent for this pop, as the call-control layer would. */
  ringAgent(pop: ScreenPop): void;
  /** Emits a call event to the desktop and moves the agent state with it. */
  answerCall(callId: string): void;
  endCall(callId: string, endedBy: 'caller' | 'agent' | 'system'): void;
  /** Closes every socket's transport, as a network failure would; the desktop reconnects. */
  dropConnections(): void;
  /** Rejects (true) or accepts (false) Engine.IO handshakes, as a server that is down would. */
  rejectConnections(reject: boolean): void;
  /** Changes the agent state without telling the desktop, as happens while it is disconnected. */
  setStatusQuietly(change: Partial<AgentStatus>): void;
  /** Makes every issued token invalid, as an expiry would. */
  revokeTokens(): void;
  failNextCaseWith(error: CannedError): void;
  connectedSockets(): number;
  close(): Promise<void>;
}

export async function startFakePlatform(): Promise<FakePlatform> {
  const validTokens = new Set<string>();
  const cases: StoredCase[] = [];
  const received: FakePlatform['received'] = [];
  const createdCaseRequests: Record<string, unknown>[] = [];
  let nextCaseError: CannedError | null = null;
  let rejectingConnections = false;
  let tokenCounter = 0;
  let status: AgentStatus = {
    agentId: AGENT_USER.agentId,
    state: 'offline',
    reason: null,
    since: new Date().toISOString(),
    callId: null,
    wrapUpEndsAt: null,
    pop: null,
  };

  const app = express();
  app.use(express.json());
  app.use(await createRendererRouter());

  const authorised = (request: express.Request) => {
    const match = /^Bearer (\S+)$/.exec(request.get('authorization') ?? '');
    return match !== null && validTokens.has(match[1]);
  };
  const sendError = (response: express.Response, status: number, code: string, message: string, fields: CannedError['error']['fields'] = []) =>
    response.status(status).json({ error: { code, message, fields } });

  app.post('/api/auth/login', (request, response) => {
    const { username, password } = request.body ?? {};
    if (username !== AGENT_USER.username || password !== AGENT_PASSWORD) {
      return sendError(response, 401, 'LOGIN_FAILED', '用户名或密码错误');
    }
    const token = `token-${++tokenCounter}`;
    validTokens.add(token);
    response.json({ token, user: AGENT_USER });
  });

  app.use('/api', (request, response, next) => {
    if (!authorised(request)) return sendError(response, 401, 'AUTH_INVALID', '登录已失效，请重新登录');
    next();
  });
  app.get('/api/me', (_request, response) => {
    response.json(AGENT_USER);
  });
  app.get('/api/categories', (_request, response) => {
    response.json(CATEGORIES);
  });
  app.get('/api/enterprises', (request, response) => {
    const code = String(request.query.creditCode ?? '');
    response.json(code === STORED_ENTERPRISE.creditCode ? [STORED_ENTERPRISE] : []);
  });
  app.get('/api/cases', (request, response) => {
    const limit = Number(request.query.limit ?? 20);
    const items = [...cases].reverse().slice(0, limit).map(toSummary);
    response.json({ items, total: cases.length });
  });
  app.get('/api/cases/:id', (request, response) => {
    const found = cases.find((item) => item.id === Number(request.params.id));
    if (!found) return sendError(response, 404, 'NOT_FOUND', '工单不存在');
    const view: CaseView = {
      ...found,
      categoryName: CATEGORIES.find((category) => category.id === found.categoryId)?.name ?? null,
      callId: null,
      createdById: AGENT_USER.id,
      createdByName: AGENT_USER.displayName,
      handlingUnitId: null,
      handlingUnitName: null,
      updatedAt: found.createdAt,
      timeline: [
        timelineEntry(1, 'registered', null, 'registered', null, found.createdAt),
        timelineEntry(2, 'note', null, null, '已告知来电人办理时限', found.createdAt),
      ],
    };
    response.json(view);
  });
  app.post('/api/cases', (request, response) => {
    const body = request.body as Record<string, unknown>;
    createdCaseRequests.push(body);
    if (nextCaseError) {
      const { status: httpStatus, error } = nextCaseError;
      nextCaseError = null;
      return sendError(response, httpStatus, error.code, error.message, error.fields);
    }
    const id = cases.length + 101;
    const enterpriseBody = body.enterprise as { name: string; creditCode: string; address?: string } | undefined;
    const stored: StoredCase = {
      id,
      caseNo: `MQ20250308${String(id).padStart(4, '0')}`,
      state: 'registered' as CaseState,
      kind: body.kind as StoredCase['kind'],
      channel: body.channel as StoredCase['channel'],
      title: String(body.title),
      content: String(body.content),
      callerName: String(body.callerName),
      callerNumber: String(body.callerNumber),
      anonymous: body.anonymous === true,
      confidential: body.confidential === true,
      categoryId: Number(body.categoryId),
      enterprise:
        body.enterpriseId === STORED_ENTERPRISE.id
          ? STORED_ENTERPRISE
          : enterpriseBody
            ? { id: 900 + id, name: enterpriseBody.name, creditCode: enterpriseBody.creditCode, address: enterpriseBody.address ?? null, township: null }
            : null,
      createdAt: new Date().toISOString(),
    };
    cases.push(stored);
    response.status(201).json(toSummary(stored));
  });

  const httpServer: HttpServer = createServer(app);
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    allowRequest: (_request, callback) => callback(null, !rejectingConnections),
  });

  io.use((socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token === 'string' && validTokens.has(token)) return next();
    const error = Object.assign(new Error('AUTH_INVALID'), { data: { code: 'AUTH_INVALID', message: '登录已失效，请重新登录' } });
    next(error);
  });

  const setStatus = (state: AgentState, change: Partial<AgentStatus> = {}) => {
    status = { ...status, state, since: new Date().toISOString(), reason: null, wrapUpEndsAt: null, ...change };
    io.emit('agent:status', status);
    return status;
  };

  io.on('connection', (socket) => {
    if (status.state === 'offline') status = { ...status, state: 'not-ready', reason: 'other' };
    socket.emit('agent:status', status);

    socket.on('agent:set-state', (request, ack) => {
      received.push({ event: 'agent:set-state', request });
      if (!['ready', 'not-ready', 'wrap-up'].includes(status.state)) {
        return ack({ ok: false, code: 'INVALID_STATE', message: '当前状态不能切换' });
      }
      const keepsCall = request.state === 'not-ready' ? {} : { callId: null, pop: null };
      ack({ ok: true, data: setStatus(request.state, { reason: (request.reason ?? null) as NotReadyReason | null, ...keepsCall }) });
    });
    socket.on('agent:end-wrap-up', (request, ack) => {
      received.push({ event: 'agent:end-wrap-up', request });
      if (status.state !== 'wrap-up') return ack({ ok: false, code: 'INVALID_STATE', message: '当前不在话后整理状态' });
      ack({ ok: true, data: setStatus('ready', { callId: null, pop: null }) });
    });
    socket.on('call:hold', (request, ack) => {
      received.push({ event: 'call:hold', request });
      ack({ ok: true });
      io.emit('call:held', { callId: request.callId });
    });
    socket.on('call:resume', (request, ack) => {
      received.push({ event: 'call:resume', request });
      ack({ ok: true });
      io.emit('call:resumed', { callId: request.callId });
    });
    socket.on('call:hangup', (request, ack) => {
      received.push({ event: 'call:hangup', request });
      if (request.callId !== status.callId) return ack({ ok: false, code: 'CALL_NOT_FOUND', message: '通话不存在或已结束' });
      ack({ ok: true });
      platform.endCall(request.callId, 'agent');
    });
  });

  httpServer.listen(0, '127.0.0.1');
  await once(httpServer, 'listening');
  const { port } = httpServer.address() as AddressInfo;

  const platform: FakePlatform = {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    createdCaseRequests,
    status: () => status,
    ringAgent(pop) {
      setStatus('ringing', { callId: pop.callId, pop });
      io.emit('call:pop', pop);
    },
    answerCall(callId) {
      setStatus('talking', { callId, pop: status.pop });
      io.emit('call:answered', { callId });
    },
    endCall(callId, endedBy) {
      io.emit('call:ended', { callId, endedBy });
      setStatus('wrap-up', { callId, pop: status.pop, wrapUpEndsAt: new Date(Date.now() + 30_000).toISOString() });
    },
    dropConnections() {
      for (const socket of io.sockets.sockets.values()) socket.conn.close();
    },
    rejectConnections(reject) {
      rejectingConnections = reject;
    },
    setStatusQuietly(change) {
      status = { ...status, since: new Date().toISOString(), ...change };
    },
    revokeTokens() {
      validTokens.clear();
    },
    failNextCaseWith(error) {
      nextCaseError = error;
    },
    connectedSockets: () => io.sockets.sockets.size,
    async close() {
      await io.close();
      httpServer.closeAllConnections();
    },
  };
  return platform;
}

function timelineEntry(
  id: number,
  type: string,
  fromState: CaseState | null,
  toState: CaseState | null,
  note: string | null,
  createdAt: string,
): CaseEventRecord {
  return { id, type, fromState, toState, actorUserId: AGENT_USER.id, actorName: AGENT_USER.displayName, note, data: null, createdAt };
}

function toSummary(stored: StoredCase): CaseSummary {
  const { id, caseNo, state, kind, channel, title, createdAt } = stored;
  return { id, caseNo, state, kind, channel, title, createdAt };
}
