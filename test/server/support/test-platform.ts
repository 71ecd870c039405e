/**
 * Starts the whole platform for a test: a fresh database (SQLite in memory or a uniquely named
 * MariaDB database on 127.0.0.1:3306), demo seed data, the fake hotline, HTTP and Socket.IO on
 * 127.0.0.1 port 0. `stop()` closes everything and drops the MariaDB database.
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { pino } from 'pino';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { recordEvents } from '../../support/desk-inbox';
import { DEMO_PASSWORD, seed } from '../../../db/seed';
import { loadConfig } from '../../../server/config';
import { createPlatform, type Platform, type PlatformOptions } from '../../../server/platform';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../server/realtime/socket-events';
import { FakeHotline } from './fake-hotline';

export type Dialect = 'sqlite' | 'mysql';
export const DIALECTS: Dialect[] = ['sqlite', 'mysql'];

export const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
export type DeskClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestPlatform {
  platform: Platform;
  hotline: FakeHotline;
  url: string;
  /** Logs in with the demo password and returns the token. */
  login(username: string): Promise<string>;
  request(method: string, path: string, options?: { token?: string; body?: unknown; rawBody?: string }): Promise<{ status: number; body: any }>;
  /** Connects a desktop; resolves once connected, rejects with the connect_error. */
  connect(token: string | null): Promise<DeskClient>;
  stop(): Promise<void>;
}

export async function startTestPlatform(
  dialect: Dialect,
  options: Partial<Pick<PlatformOptions, 'disconnectGraceMs' | 'loginRateLimit' | 'serveRenderer'>> & { env?: Record<string, string> } = {},
): Promise<TestPlatform> {
  const databaseName = `mq_t_${randomBytes(6).toString('hex')}`;
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    JWT_SECRET,
    DB_DIALECT: dialect,
    DB_STORAGE: ':memory:',
    DB_HOST: '127.0.0.1',
    DB_PORT: '3306',
    DB_USER: 'root',
    DB_NAME: databaseName,
    WRAP_UP_S: '30',
    ...options.env,
  });

  const hotline = new FakeHotline();
  const platform = await createPlatform({
    config,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    hotline,
    serveRenderer: options.serveRenderer ?? false,
    disconnectGraceMs: options.disconnectGraceMs,
    loginRateLimit: options.loginRateLimit,
  });
  hotline.usePool(platform.agents);
  await seed(platform.db, { demo: true });
  const { url } = await platform.listen();
  const sockets: DeskClient[] = [];

  const sendRequest: TestPlatform['request'] = async (method, path, requestOptions = {}) => {
    const headers: Record<string, string> = {};
    if (requestOptions.token) headers.authorization = `Bearer ${requestOptions.token}`;
    let body: string | undefined;
    if (requestOptions.rawBody !== undefined || requestOptions.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = requestOptions.rawBody ?? JSON.stringify(requestOptions.body);
    }
    const response = await fetch(`${url}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };

  return {
    platform,
    hotline,
    url,

    request: sendRequest,

    async login(username) {
      const response = await sendRequest('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } });
      if (response.status !== 200) throw new Error(`login of ${username} failed: ${JSON.stringify(response.body)}`);
      return response.body.token as string;
    },

    connect(token) {
      const socket: DeskClient = connectSocket(url, {
        auth: token === null ? {} : { token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      recordEvents(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    },

    async stop() {
      for (const socket of sockets) socket.disconnect();
      await platform.close();
      if (dialect === 'mysql') await dropDatabase(databaseName);
    },
  };
}

async function dropDatabase(name: string): Promise<void> {
  const connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}

export { clearEvents, nextEvent, request } from '../../support/desk-inbox';
