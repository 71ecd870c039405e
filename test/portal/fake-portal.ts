/**
 * A stand-in for the platform's case-handling API, for driving the portal screens in a browser.
 * It serves login for a unit handler and a leader, the inbox, and the case view with the actions
 * the real state machine allows. `POST /api/cases/:id/actions` goes through the same state
 * machine, and attachments through the server's own upload code into a temporary folder.
 * Tests seed cases, move them behind the browser's back and read what the browser sent.
 */
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { Server as SocketServer } from 'socket.io';
import { pino } from 'pino';
import { createRendererRouter } from '../../agent-desktop/serve';
import type { CaseEventRecord } from '../../db/repositories';
import type { InboxEntry } from '../../server/cases/inbox';
import type { CaseWorkflowView } from '../../server/cases/case-workflow-view';
import type { CaseState, Role } from '../../server/domain/terms';
import type { ClientToServerEvents, DeadlineChangeSummary, ServerToClientEvents } from '../../server/realtime/socket-events';
import { AppError } from '../../server/errors';
import { AttachmentStore } from '../../server/attachments/attachment-store';
import { receiveUpload, type ReceivedFile } from '../../server/attachments/receive-upload';
import { availableActions, caseActionLabel, planTransition, type Actor, type CaseAction } from '../../server/workflow/case-transitions';

export const PASSWORD = 'Portal@2026';
export const MARKET_UNIT = { id: 2, code: '0101', name: '县市场监督管理局', type: 'department' as const, parentId: 1 };
export const TAX_UNIT = { id: 3, code: '0105', name: '县税务局', type: 'department' as const, parentId: 1 };
const ORG_UNITS = [
  { id: 1, code: '00', name: '县12345热线平台', type: 'platform' as const, parentId: null },
  MARKET_UNIT,
  TAX_UNIT,
  { id: 4, code: '0201', name: '城关镇', type: 'township' as const, parentId: 1 },
  { id: 5, code: '020101', name: '东关社区', type: 'village' as const, parentId: 4 },
];

interface FakeUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: number;
}

export const UNIT_HANDLER: FakeUser = { id: 21, username: 'unit1', displayName: '陈磊', role: 'unit-handler', orgUnitId: MARKET_UNIT.id };
export const LEADER: FakeUser = { id: 31, username: 'leader1', displayName: '赵敏', role: 'leader', orgUnitId: 1 };
const USERS = [UNIT_HANDLER, LEADER];

/** What a test gives to seed one case; the rest gets plain defaults. */
export interface SeedCase {
  id: number;
  title: string;
  state: CaseState;
  realName: boolean;
  dueAt: string;
  deadlineLevel: 'normal' | 'yellow' | 'red' | null;
  supervised?: boolean;
  leadUnitId?: number;
  callerName?: string;
  callerNumber?: string;
  confidential?: boolean;
  escalatedToUserId?: number | null;
}

interface StoredCase extends SeedCase {
  version: number;
  leadUnitId: number;
  extensionPending: boolean;
  escalationPending: boolean;
  timeline: CaseEventRecord[];
  attachments: (ReceivedFile & { id: number; createdAt: string; uploadedByName: string })[];
}

export interface FakePortal {
  baseUrl: string;
  /** Every `POST /api/cases/:id/actions` body, with the case id. */
  actions: { caseId: number; body: Record<string, unknown> }[];
  /** File names of every accepted upload. */
  uploads: string[];
  seedCase(seed: SeedCase): void;
  state(caseId: number): CaseState;
  /** Sets a case's deadline card to `level` and emits `case:deadline` to the open pages, as the scheduler would. */
  changeDeadline(caseId: number, level: 'yellow' | 'red'): void;
  /** Makes the next action fail with this error instead of taking it. */
  failNextActionWith(error: AppError): void;
  /** Rejects the next upload with a bare HTML 413 page, as a proxy with a smaller body limit would. */
  rejectNextUploadAsProxy(): void;
  /** Moves the case to another lead unit without telling the browser, as a supervisor would. */
  redispatchQuietly(caseId: number, unitId: number): void;
  close(): Promise<void>;
}

export async function startFakePortal(): Promise<FakePortal> {
  const folder = await mkdtemp(path.join(tmpdir(), 'mq-portal-'));
  const store = new AttachmentStore(folder);
  const logger = pino({ level: 'silent' });
  const tokens = new Map<string, FakeUser>();
  const cases = new Map<number, StoredCase>();
  const actions: FakePortal['actions'] = [];
  const uploads: string[] = [];
  let nextId = 1;
  let proxyRejectsUpload = false;
  let nextActionError: AppError | null = null;

  const app = express();
  app.use('/api', express.json());
  app.use(await createRendererRouter());

  const sendError = (response: express.Response, error: AppError) =>
    response.status(error.status).json({ error: { code: error.code, message: error.userMessage, fields: error.fields } });
  const userOf = (request: express.Request) => tokens.get(/^Bearer (\S+)$/.exec(request.get('authorization') ?? '')?.[1] ?? '');
  const userView = (user: FakeUser) => ({ id: user.id, username: user.username, displayName: user.displayName, role: user.role, agentId: null, extension: null, skills: [] });

  app.post('/api/auth/login', (request, response) => {
    const user = USERS.find((candidate) => candidate.username === request.body?.username);
    if (!user || request.body?.password !== PASSWORD) return sendError(response, new AppError('LOGIN_FAILED', 401, '用户名或密码错误'));
    const token = `token-${nextId++}`;
    tokens.set(token, user);
    response.json({ token, user: userView(user) });
  });

  app.use('/api', (request, response, next) => {
    const user = userOf(request);
    if (!user) return sendError(response, new AppError('AUTH_INVALID', 401, '登录已失效，请重新登录'));
    response.locals.user = user;
    next();
  });

  const follows = (user: FakeUser, stored: StoredCase) =>
    user.role === 'unit-handler' ? stored.leadUnitId === user.orgUnitId : stored.escalatedToUserId === user.id;
  const facts = (stored: StoredCase) => ({ state: stored.state, extensionPending: stored.extensionPending, escalationPending: stored.escalationPending });
  const loadFollowed = (request: express.Request, response: express.Response): StoredCase | null => {
    const stored = cases.get(Number(request.params.id));
    if (!stored) {
      sendError(response, new AppError('NOT_FOUND', 404, '工单不存在'));
      return null;
    }
    if (!follows(response.locals.user, stored)) {
      sendError(response, new AppError('FORBIDDEN', 403, '您的角色无权查看此工单'));
      return null;
    }
    return stored;
  };

  app.get('/api/me', (_request, response) => {
    response.json(userView(response.locals.user));
  });
  app.get('/api/org-units', (_request, response) => {
    response.json(ORG_UNITS);
  });

  app.get('/api/inbox', (request, response) => {
    const user: FakeUser = response.locals.user;
    const open = (stored: StoredCase) =>
      user.role === 'unit-handler' ? ['dispatched', 'signed', 'in-progress'].includes(stored.state) : stored.escalationPending;
    // The server's order: real-name first, then supervised, then the earliest due date.
    const items = [...cases.values()]
      .filter((stored) => follows(user, stored) && open(stored))
      .sort(
        (a, b) =>
          Number(b.realName) - Number(a.realName) || Number(b.supervised ?? false) - Number(a.supervised ?? false) || a.dueAt.localeCompare(b.dueAt),
      )
      .map((stored) => inboxEntry(stored));
    const offset = Number(request.query.offset ?? 0);
    const limit = Number(request.query.limit ?? 20);
    response.json({ items: items.slice(offset, offset + limit), total: items.length });
  });

  app.get('/api/cases/:id', (request, response) => {
    const stored = loadFollowed(request, response);
    if (stored) response.json(caseView(stored, response.locals.user));
  });

  app.post('/api/cases/:id/actions', (request, response) => {
    const stored = cases.get(Number(request.params.id));
    if (!stored) return sendError(response, new AppError('NOT_FOUND', 404, '工单不存在'));
    const user: FakeUser = response.locals.user;
    const { action, version, ...input } = request.body as Record<string, unknown>;
    actions.push({ caseId: stored.id, body: request.body });
    if (nextActionError) {
      const error = nextActionError;
      nextActionError = null;
      return sendError(response, error);
    }
    // The real server's message for a unit that the case is no longer dispatched to.
    if (user.role === 'unit-handler' && !follows(user, stored)) {
      return sendError(response, new AppError('FORBIDDEN', 403, `该工单没有转办给本单位，不能${caseActionLabel(action as CaseAction)}`));
    }

    if (version !== stored.version) return sendError(response, new AppError('CONFLICT', 409, '工单已被他人更新，请刷新后重试'));
    const plan = planTransition(facts(stored), String(action) as never, user.role as Actor, input);
    if (!plan.ok) return sendError(response, plan.error);

    const { event, toState } = plan;
    stored.timeline.push(timelineEntry(stored.timeline.length + 1, event.type, stored.state, toState, user.displayName, event.note));
    stored.state = toState;
    stored.version += 1;
    if (event.effects.extensionPending !== undefined) stored.extensionPending = event.effects.extensionPending;
    if (event.effects.escalationPending !== undefined) stored.escalationPending = event.effects.escalationPending;
    response.json(caseView(stored, user));
  });

  app.get('/api/cases/:id/attachments', (request, response) => {
    const stored = loadFollowed(request, response);
    if (stored) response.json(stored.attachments.map(({ storageKey: _key, sha256: _hash, ...attachment }) => ({ ...attachment, caseId: stored.id })));
  });

  app.get('/api/cases/:id/attachments/:attachmentId', async (request, response) => {
    const stored = loadFollowed(request, response);
    const attachment = stored?.attachments.find((candidate) => candidate.id === Number(request.params.attachmentId));
    if (!stored) return;
    if (!attachment) return sendError(response, new AppError('NOT_FOUND', 404, '附件不存在'));
    const opened = await store.open(attachment.storageKey);
    response.attachment(attachment.fileName).type(attachment.contentType);
    opened.stream.pipe(response);
  });

  app.post('/api/cases/:id/attachments', async (request, response) => {
    const stored = loadFollowed(request, response);
    if (!stored) return;
    if (proxyRejectsUpload) {
      proxyRejectsUpload = false;
      return response.status(413).type('html').send('<html><body><h1>413 Request Entity Too Large</h1></body></html>');
    }
    try {
      const files = await receiveUpload(request, store, { maxFileBytes: 1024 * 1024 }, logger);
      const added = files.map((file) => ({ ...file, id: nextId++, createdAt: new Date().toISOString(), uploadedByName: response.locals.user.displayName }));
      stored.attachments.push(...added);
      uploads.push(...files.map((file) => file.fileName));
      response.status(201).json(added.map(({ storageKey: _key, sha256: _hash, ...attachment }) => ({ ...attachment, caseId: stored.id })));
    } catch (error) {
      if (error instanceof AppError) return sendError(response, error);
      throw error;
    }
  });

  function inboxEntry(stored: StoredCase): InboxEntry {
    return {
      id: stored.id,
      caseNo: caseNoOf(stored.id),
      state: stored.state,
      kind: 'complaint',
      channel: 'phone',
      title: stored.title,
      createdAt: '2026-12-01T02:00:00.000Z',
      categoryName: '不作为慢作为',
      handlingUnitName: ORG_UNITS.find((unit) => unit.id === stored.leadUnitId)?.name ?? null,
      realName: stored.realName,
      supervised: stored.supervised ?? false,
      extensionPending: stored.extensionPending,
      escalationPending: stored.escalationPending,
      escalationMajor: false,
      dispatchedAt: '2026-12-01T03:00:00.000Z',
      dueAt: stored.dueAt,
      unitRole: 'lead',
      deadlineLevel: stored.deadlineLevel,
    };
  }

  function caseView(stored: StoredCase, user: FakeUser): CaseWorkflowView {
    const masked = stored.confidential === true;
    const unit = ORG_UNITS.find((candidate) => candidate.id === stored.leadUnitId)!;
    // Every unit here leads its case, and a lead unit replies itself instead of sending a co-reply.
    const allowed = follows(user, stored) ? availableActions(facts(stored), user.role as Actor).filter((action) => action !== 'co-reply') : [];
    return {
      ...inboxEntry(stored),
      categoryId: 7,
      enterprise: null,
      callerName: masked ? `${(stored.callerName ?? '李').slice(0, 1)}**` : (stored.callerName ?? '周建国'),
      callerNumber: masked ? '139****5678' : (stored.callerNumber ?? '13937015678'),
      anonymous: !stored.realName,
      confidential: stored.confidential ?? false,
      content: `${stored.title}，企业请求尽快处理。`,
      callId: null,
      createdById: 7,
      createdByName: '王丽',
      handlingUnitId: unit.id,
      updatedAt: '2026-12-01T03:00:00.000Z',
      timeline: stored.timeline,
      version: stored.version,
      extensionRequestedDays: null,
      extensionDays: 0,
      escalatedToUserId: stored.escalatedToUserId ?? null,
      reopenCount: 0,
      mergedIntoCaseId: null,
      identityReleased: false,
      identityMasked: masked,
      satisfaction: null,
      units: [{ orgUnitId: unit.id, name: unit.name, role: 'lead', state: 'active' } as CaseWorkflowView['units'][number]],
      availableActions: allowed,
      dueDates: {},
      suggestedUnit: null,
    };
  }

  const httpServer: HttpServer = createServer(app);
  const io = new SocketServer<ClientToServerEvents, ServerToClientEvents>(httpServer, { serveClient: false });
  io.use((socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token === 'string' && tokens.has(token)) return next();
    next(Object.assign(new Error('AUTH_INVALID'), { data: { code: 'AUTH_INVALID', message: '登录已失效，请重新登录' } }));
  });
  httpServer.listen(0, '127.0.0.1');
  await once(httpServer, 'listening');
  const { port } = httpServer.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    actions,
    uploads,
    seedCase(seed) {
      cases.set(seed.id, {
        ...seed,
        version: 1,
        leadUnitId: seed.leadUnitId ?? MARKET_UNIT.id,
        extensionPending: false,
        escalationPending: seed.escalatedToUserId != null,
        timeline: [
          timelineEntry(1, 'registered', null, 'registered', '王丽', null),
          timelineEntry(2, 'dispatched', 'registered', 'dispatched', '王丽', null),
        ],
        attachments: [],
      });
    },
    state: (caseId) => cases.get(caseId)!.state,
    changeDeadline(caseId, level) {
      const stored = cases.get(caseId)!;
      stored.deadlineLevel = level;
      const change: DeadlineChangeSummary = {
        caseId,
        caseNo: caseNoOf(caseId),
        title: stored.title,
        orgUnitId: stored.leadUnitId,
        stage: 'complete',
        level,
        dueAt: stored.dueAt,
      };
      io.emit('case:deadline', { at: new Date().toISOString(), changes: [change] });
    },
    failNextActionWith(error) {
      nextActionError = error;
    },
    rejectNextUploadAsProxy() {
      proxyRejectsUpload = true;
    },
    redispatchQuietly(caseId, unitId) {
      const stored = cases.get(caseId)!;
      stored.leadUnitId = unitId;
      stored.version += 1;
    },
    async close() {
      await io.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await rm(folder, { recursive: true, force: true });
    },
  };
}

export const caseNoOf = (id: number) => `MQ20261201${String(id).padStart(4, '0')}`;

function timelineEntry(id: number, type: string, fromState: CaseState | null, toState: CaseState | null, actorName: string, note: string | null): CaseEventRecord {
  return { id, type, fromState, toState, actorUserId: null, actorName, note, data: null, createdAt: new Date().toISOString() };
}
