/**
 * `npm run bench` (second part): case creation and dispatch through the HTTP API with
 * BENCH_CASES_TOTAL cases (default 1,000,000) in the table, and scheduler passes over
 * BENCH_OPEN_CASES open cases (default 100,000), on the MariaDB at 127.0.0.1:3306.
 *
 * The data go into a database of their own (`mq_bench_cases_<random>`), dropped at the end.
 * The platform runs in this process with a stand-in for call control, so the figures are
 * server time plus one loopback HTTP round trip, measured sequentially with performance.now().
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { pino } from 'pino';
import { openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed/index';
import { DEMO_PASSWORD } from '../../db/seed/index';
import { loadConfig } from '../../server/config';
import { createPlatform, type Platform } from '../../server/platform';
import { FakeHotline } from '../server/support/fake-hotline';
import { bulkLoadCases } from './case-bulk-load';

const TOTAL = Number(process.env.BENCH_CASES_TOTAL ?? 1_000_000);
const OPEN = Number(process.env.BENCH_OPEN_CASES ?? 100_000);
const REQUESTS = Number(process.env.BENCH_CASE_REQUESTS ?? 500);
const MARIADB = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

function latencyRow(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return [name, samples.length, percentile(sorted, 0.5).toFixed(1), percentile(sorted, 0.99).toFixed(1), (sorted.at(-1) ?? NaN).toFixed(1)].join(' | ');
}

async function call(url: string, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: any; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, ms: performance.now() - started };
}

async function login(url: string, username: string): Promise<string> {
  const response = await call(url, 'POST', '/api/auth/login', null, { username, password: DEMO_PASSWORD });
  if (response.status !== 200) throw new Error(`login of ${username} failed: ${JSON.stringify(response.body)}`);
  return response.body.token as string;
}

/** Connection of the bulk load while it runs; its open transaction would block DROP DATABASE. */
let loadingConnection: mysql.Connection | null = null;

/** Loads the data, returns the load report. */
async function prepare(database: string, now: Date): Promise<{ cases: number; deadlines: number; seconds: number }> {
  const db = await openDatabase({ dialect: 'mysql', ...MARIADB, database });
  try {
    await migrate(db);
    await seed(db, { demo: true });
    const agent = await db.models.User.findOne({ where: { username: 'agent1' } });
    const categories = await db.models.Category.findAll({ attributes: ['id'] });
    const units = await db.models.OrgUnit.findAll({ where: { type: 'department' }, attributes: ['id'] });

    const connection = await mysql.createConnection({ ...MARIADB, database, timezone: 'Z' });
    loadingConnection = connection;
    try {
      return await bulkLoadCases(connection, {
        total: TOTAL,
        open: OPEN,
        now,
        createdById: agent!.id,
        categoryIds: categories.map((category) => category.id),
        unitIds: units.map((unit) => unit.id),
      });
    } finally {
      loadingConnection = null;
      await connection.end();
    }
  } finally {
    await db.close();
  }
}

async function measureRequests(platform: Platform, url: string): Promise<{ create: number[]; dispatch: number[] }> {
  const agentToken = await login(url, 'agent1');
  const supervisorToken = await login(url, 'monitor1');
  const unit = await platform.db.models.OrgUnit.findOne({ where: { type: 'department' } });
  const category = await platform.db.models.Category.findOne({ where: { code: 'E01' } });
  const create: number[] = [];
  const dispatch: number[] = [];

  for (let index = 0; index < REQUESTS; index += 1) {
    const created = await call(url, 'POST', '/api/cases', agentToken, {
      channel: 'phone',
      kind: 'complaint',
      categoryId: category!.id,
      title: `压测新工单 ${index + 1}`,
      content: '企业反映营业执照变更办理缓慢，供性能测试使用。',
      callerName: '压测来电人',
      callerNumber: `1370000${String(index).padStart(4, '0')}`,
    });
    if (created.status !== 201) throw new Error(`case creation failed: ${created.status} ${JSON.stringify(created.body)}`);
    create.push(created.ms);

    const dispatched = await call(url, 'POST', `/api/cases/${created.body.id}/actions`, supervisorToken, { action: 'dispatch', leadUnitId: unit!.id });
    if (dispatched.status !== 200) throw new Error(`dispatch failed: ${dispatched.status} ${JSON.stringify(dispatched.body)}`);
    dispatch.push(dispatched.ms);
  }
  return { create, dispatch };
}

async function main(): Promise<void> {
  const database = `mq_bench_cases_${randomBytes(4).toString('hex')}`;
  const now = new Date();
  process.stdout.write(`\ncase bench: loading ${TOTAL} cases (${OPEN} open) into MariaDB database ${database}\n`);

  let platform: Platform | null = null;
  // An interrupted run (Ctrl-C, a time-out) still drops its database, which holds a million rows.
  const interrupted = (signal: NodeJS.Signals) => {
    process.stderr.write(`case bench interrupted by ${signal}; dropping ${database}\n`);
    // Closing the loading connection makes the server roll its transaction back and release the tables.
    loadingConnection?.destroy();
    void dropDatabase(database).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const load = await prepare(database, now);
    process.stdout.write(`loaded ${load.cases} cases and ${load.deadlines} clocks in ${load.seconds.toFixed(1)} s\n`);

    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DB_DIALECT: 'mysql',
      DB_NAME: database,
      AMI_ENABLED: 'false',
    });
    platform = await createPlatform({ config, logger: pino({ level: 'silent' }), hotline: new FakeHotline(), serveRenderer: false });
    const { url } = await platform.listen();

    // Passes before the requests, so their clocks are all on the bulk-loaded cases.
    const catchUp = await timedPass(platform, now);
    const steady = await timedPass(platform, new Date(now.getTime() + 60_000));
    const { create, dispatch } = await measureRequests(platform, url);

    process.stdout.write(`\ncase creation and dispatch, HTTP on loopback, one request at a time, ${TOTAL} cases in the table\n`);
    process.stdout.write('request | count | p50 ms | p99 ms | max ms\n');
    process.stdout.write(`${latencyRow('POST /api/cases', create)}\n`);
    process.stdout.write(`${latencyRow('POST /api/cases/:id/actions dispatch', dispatch)}\n`);

    process.stdout.write(`\nscheduler pass over ${OPEN} open cases (${load.deadlines} clocks)\n`);
    process.stdout.write('pass | level changes | notices raised or escalated | ms\n');
    process.stdout.write(`first pass (catch-up) | ${catchUp.levelChanges} | ${catchUp.notices} | ${catchUp.ms.toFixed(0)}\n`);
    process.stdout.write(`next pass, 60 s later | ${steady.levelChanges} | ${steady.notices} | ${steady.ms.toFixed(0)}\n`);
  } finally {
    await platform?.close();
    await dropDatabase(database);
  }
}

async function dropDatabase(database: string): Promise<void> {
  const connection = await mysql.createConnection(MARIADB);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}

async function timedPass(platform: Platform, at: Date): Promise<{ levelChanges: number; notices: number; ms: number }> {
  const started = performance.now();
  const result = await platform.scheduler.runPass(at);
  const ms = performance.now() - started;
  return { levelChanges: result?.levelChanges.length ?? 0, notices: result?.notices.length ?? 0, ms };
}

main().catch((error: unknown) => {
  process.stderr.write(`case bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
