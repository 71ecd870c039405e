/**
 * The whole platform against the Asterisk simulator: a fresh database (a SQLite file in a
 * temporary folder, or a uniquely named MariaDB database on 127.0.0.1:3306), the demo seed,
 * real call control connected over ARI and AMI, HTTP and Socket.IO on 127.0.0.1 port 0, and
 * agent desktops as socket.io clients. `stop()` ends everything and drops the database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { pino } from 'pino';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { DEMO_PASSWORD, seed } from '../../../db/seed';
import { loadConfig } from '../../../server/config';
import { createPlatform, type Platform } from '../../../server/platform';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../server/realtime/socket-events';
import { startSimulator, type Simulator } from '../../sim/index';
import { nextEvent as nextDeskEvent, recordEvents } from '../../support/desk-inbox';

export type Dialect = 'sqlite' | 'mysql';
export const DIALECTS: Dialect[] = ['sqlite', 'mysql'];
export type Desk = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Simulated durations run at this fraction of real time, so a prompt of 3 s lasts 150 ms. */
const TIME_SCALE = 0.05;

export interface SimPlatform {
  sim: Simulator;
  platform: Platform;
  url: string;
  /** Logs in with the demo password; returns the token. */
  login(username: string): Promise<string>;
  api(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<{ status: number; body: any }>;
  /** Logs `username` in, connects a desktop and records every event it receives. */
  desk(username: string): Promise<Desk>;
  stop(): Promise<void>;
}

export async function startSimPlatform(dialect: Dialect, env: Record<string, string> = {}): Promise<SimPlatform> {
  const secret = randomBytes(12).toString('hex');
  const folder = mkdtempSync(join(tmpdir(), 'mq-e2e-'));
  const databaseName = `mq_t_${randomBytes(6).toString('hex')}`;
  const sim = await startSimulator({ ariUser: 'hotline', ariPassword: secret, amiUser: 'hotline', amiSecret: secret, timeScale: TIME_SCALE });

  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    DB_DIALECT: dialect,
    DB_STORAGE: join(folder, 'hotline.sqlite'),
    DB_NAME: databaseName,
    ARI_URL: sim.ariUrl,
    ARI_PASSWORD: secret,
    AMI_PORT: String(sim.amiPort),
    AMI_SECRET: secret,
    AGENT_DIAL_TEMPLATE: 'PJSIP/{extension}',
    MENU_TIMEOUT_S: '1',
    // The originate time-out runs on the simulator's clock: 20 s there is 1 s here.
    AGENT_RING_TIMEOUT_S: '20',
    WRAP_UP_S: '0',
    ...env,
  });
  const platform = await createPlatform({ config, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), serveRenderer: false });
  await seed(platform.db, { demo: true });
  const { url } = await platform.listen();
  const desks: Desk[] = [];

  const api: SimPlatform['api'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };

  const login = async (username: string) => {
    const response = await api('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } });
    if (response.status !== 200) throw new Error(`login of ${username} failed: ${JSON.stringify(response.body)}`);
    return response.body.token as string;
  };

  return {
    sim,
    platform,
    url,
    login,
    api,
    async desk(username) {
      const token = await login(username);
      const desk: Desk = connectSocket(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      recordEvents(desk);
      desks.push(desk);
      await new Promise<void>((resolve, reject) => {
        desk.once('connect', () => resolve());
        desk.once('connect_error', reject);
      });
      return desk;
    },
    async stop() {
      for (const desk of desks) desk.disconnect();
      await platform.close();
      await sim.stop();
      rmSync(folder, { recursive: true, force: true });
      if (dialect === 'mysql') {
        const connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
        await connection.query(`DROP DATABASE IF EXISTS \`${databaseName}\``).finally(() => connection.end());
      }
    },
  };
}

/** Resolves with the first matching `event` no earlier call took; rejects after `timeoutMs`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  desk: Desk,
  event: E,
  accept: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return nextDeskEvent(desk, event, accept, timeoutMs);
}

export { receivedEvents, request as ask } from '../../support/desk-inbox';

/** Resolves once `check` returns true, polling every 20 ms; rejects after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
