/**
 * Wires the platform together: database (migrated on start), agent state store, call control,
 * HTTP API and Socket.IO gateway on one HTTP server.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, Router } from 'express';
import { pino, type Logger } from 'pino';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { dbOptionsFromConfig } from '../db/options';
import { agentProfiles, findUserById } from '../db/repositories';
import { ivrOptionsFromConfig, startHotline } from '../ivr/index';
import { AgentStateStore } from './agents/agent-state-store';
import { LoginRateLimiter, type LoginRateLimiterOptions } from './auth/login-rate-limiter';
import { createTokenService } from './auth/tokens';
import { CallEventHandler } from './calls/call-event-handler';
import type { Config } from './config';
import type { HotlineLink, ServerContext } from './context';
import { DeliveryWorker } from './department-push/delivery-worker';
import { createHttpApp } from './http/app';
import { createGateway, type DeskServer } from './realtime/gateway';
import { notifyDeadlinePass } from './scheduler/deadline-notifier';
import { notifyCaseChange } from './cases/case-change-notifier';
import { DeadlineScheduler } from './scheduler/deadline-scheduler';
import { findAgentProfileByAgentId, toAgentProfile } from './users/signed-in-user';

export interface PlatformOptions {
  config: Config;
  /** Root logger; a pino logger at `config.LOG_LEVEL` by default. */
  logger?: Logger;
  /**
   * Call control to use instead of starting one against Asterisk (tests, the demo). The
   * platform subscribes to its events but does not stop it: its owner does.
   */
  hotline?: HotlineLink;
  /** Serve the agent desktop's renderer at `/` (default true); it is built with esbuild on start. */
  serveRenderer?: boolean;
  /** Milliseconds an agent without an open desktop keeps its state (default 120 000). */
  disconnectGraceMs?: number;
  /** Failed-login limits (default 5 failures per username and address in 15 minutes). */
  loginRateLimit?: LoginRateLimiterOptions;
  /**
   * Run the time-limit scheduler every `SCHEDULER_INTERVAL_S` seconds (default false, so tests
   * drive passes themselves through `platform.scheduler.runPass`).
   */
  scheduler?: boolean;
  /**
   * Run the worker that pushes dispatched cases to units' systems every
   * `DEPARTMENT_PUSH_INTERVAL_S` seconds (default false, so tests drive it through `platform.deliveries`).
   */
  departmentPush?: boolean;
}

export interface Platform {
  config: Config;
  logger: Logger;
  app: Express;
  httpServer: HttpServer;
  io: DeskServer;
  db: Database;
  hotline: HotlineLink;
  agents: AgentStateStore;
  /** The time-limit scheduler; its timer runs only with the `scheduler` option. */
  scheduler: DeadlineScheduler;
  /** The department push worker; its timer runs only with the `departmentPush` option. */
  deliveries: DeliveryWorker;
  /** Starts listening on `config.HOST:config.PORT` (port 0 picks a free one). */
  listen(): Promise<{ url: string; port: number }>;
  /** Stops accepting connections, detaches from call control, waits for pending call-log writes and closes the database. */
  close(): Promise<void>;
}

/**
 * Creates the platform; it does not listen until `listen()` is called. Throws when the
 * database cannot be opened or migrated.
 */
export async function createPlatform(options: PlatformOptions): Promise<Platform> {
  const { config } = options;
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });

  const db = await openDatabase(dbOptionsFromConfig(config, logger));
  try {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  } catch (error) {
    await db.close();
    throw error;
  }

  const agents = new AgentStateStore({ logger, wrapUpMs: config.WRAP_UP_S * 1000, disconnectGraceMs: options.disconnectGraceMs });
  for (const profile of await agentProfiles(db)) agents.upsertProfile(toAgentProfile(profile));

  const ownsHotline = options.hotline === undefined;
  const hotline = options.hotline ?? (await startHotline(ivrOptionsFromConfig(config), agents, logger));

  const tokens = createTokenService({ secret: config.JWT_SECRET, ttlSeconds: config.TOKEN_TTL_S });
  const httpServer = createServer();
  const gateway = createGateway({
    httpServer,
    tokens,
    agents,
    callControl: () => hotline.control,
    loadAgentProfile: async (agentId) => {
      const profile = await findAgentProfileByAgentId(db, agentId);
      return profile ? toAgentProfile(profile) : null;
    },
    loadUserOrgUnitId: async (userId) => (await findUserById(db, userId))?.orgUnitId ?? null,
    logger,
  });
  const scheduler = new DeadlineScheduler({
    db,
    logger,
    intervalMs: config.SCHEDULER_INTERVAL_S * 1000,
    escalationWorkingDays: config.ESCALATION_WORKING_DAYS,
    notify: (result) => notifyDeadlinePass(gateway.io, result),
  });
  if (options.scheduler && config.SCHEDULER_INTERVAL_S > 0) scheduler.start();
  const deliveries = new DeliveryWorker({ db, logger, intervalMs: config.DEPARTMENT_PUSH_INTERVAL_S * 1000 });
  if (options.departmentPush && config.DEPARTMENT_PUSH_INTERVAL_S > 0) deliveries.start();
  const callEvents = new CallEventHandler({ db, agents, io: gateway.io, logger, repeatCallerDays: config.REPEAT_CALLER_DAYS });
  const detachCallEvents = callEvents.attach(hotline);

  const context: ServerContext = {
    config,
    db,
    logger,
    tokens,
    agents,
    loginLimiter: new LoginRateLimiter(options.loginRateLimit),
    hotline: () => hotline,
    caseChanged: (notice) => notifyCaseChange(gateway.io, notice),
    caseRegistered: (userId, detail) => {
      const { id, caseNo, state, kind, channel, title, createdAt } = detail;
      gateway.notifyCaseSaved(userId, { id, caseNo, state, kind, channel, title, createdAt });
      callEvents.forgetHistory({ callerNumber: detail.callerNumber, enterpriseId: detail.enterprise?.id ?? null });
    },
  };
  const renderer = options.serveRenderer === false ? null : await loadRenderer(logger);
  const app = createHttpApp(context, { renderer });
  // Socket.IO handles its own path on this server, so Express must not send a second response there.
  httpServer.on('request', (request, response) => {
    if (request.url?.startsWith('/socket.io/')) return;
    app(request, response);
  });

  let closing: Promise<void> | null = null;
  const close = async () => {
    detachCallEvents();
    if (ownsHotline) await hotline.stop().catch((error: unknown) => logger.error({ err: error }, 'stopping call control failed'));
    await scheduler.stop();
    await deliveries.stop();
    gateway.io.disconnectSockets(true);
    await closeHttpServer(httpServer);
    await gateway.close().catch(() => undefined);
    await callEvents.settled();
    agents.close();
    await db.close();
    logger.info('platform closed');
  };

  return {
    config,
    logger,
    app,
    httpServer,
    io: gateway.io,
    db,
    hotline,
    agents,
    scheduler,
    deliveries,
    listen: () => listen(httpServer, config),
    close: () => (closing ??= close()),
  };
}

async function loadRenderer(logger: Logger): Promise<Router | null> {
  try {
    const { createRendererRouter } = await import('../agent-desktop/serve');
    return await createRendererRouter();
  } catch (error) {
    logger.error({ err: error }, 'agent desktop renderer not served: building it failed');
    return null;
  }
}

function listen(httpServer: HttpServer, config: Config): Promise<{ url: string; port: number }> {
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, () => {
      httpServer.off('error', reject);
      const { port } = httpServer.address() as AddressInfo;
      const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
      resolve({ url: `http://${host}:${port}`, port });
    });
  });
}

function closeHttpServer(httpServer: HttpServer): Promise<void> {
  if (!httpServer.listening) return Promise.resolve();
  return new Promise((resolve) => {
    httpServer.close(() => resolve());
    httpServer.closeAllConnections();
  });
}
