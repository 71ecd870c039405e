/**
 * `npm run bench` (first part): simultaneous calls through the Asterisk simulator into the
 * platform. Three processes on one machine:
 * - the platform (platform-process.ts) on a fresh database, the process being measured;
 * - the simulator with its scripted phones and callers (simulator-process.ts);
 * - this driver, which holds one logged-in, ready agent socket per bench agent.
 *
 * For each round size it prints the screen-pop latency (the agent's simulated phone starts
 * ringing → the `call:pop` reaches that agent's socket), call set-ups per second (answered
 * calls / time from the first dial to the last answer), and the platform's CPU and memory. The
 * driver's and the simulator's own CPU and event-loop delay are printed too, to show whether the
 * measuring side kept up. Ringing times come from the simulator process and pop times from this
 * one, both on `performance.timeOrigin + performance.now()` (one system clock).
 *
 * Every caller presses 1 as the welcome starts; every bench agent is ready and its phone
 * answers by itself after BENCH_PICKUP_MS. The platform process signs the agents' tokens, so
 * hundreds of bcrypt checks do not load it before the round (the first agent logs in). Environment:
 * - BENCH_DB: `sqlite` (default, a file in a temporary folder) or `mysql` (a fresh database
 *   `mq_bench_<calls>_<pid>` per round on DB_HOST/DB_PORT/DB_USER, dropped afterwards);
 * - BENCH_ROUNDS: comma-separated numbers of simultaneous calls, default `50,200`;
 * - BENCH_RAMP_S: seconds over which a round's calls arrive, evenly spread, default 10;
 * - BENCH_PICKUP_MS: real ring time before a phone answers, default 300;
 * - BENCH_TIME_SCALE: simulated prompts and DTMF run at this fraction of real time, default 0.2;
 * - BENCH_LOG_LEVEL: the platform's pino level, default `warn`;
 * - BENCH_PROFILE_DIR: write V8 CPU profiles of the platform and the simulator there.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/realtime/socket-events';
import { forkBenchChild, nextMessage, stopChild } from './children';
import {
  BENCH_PASSWORD,
  benchAgentExtension,
  benchAgentUsername,
  benchCallerNumber,
  sharedClockMs,
  type BenchMessage,
  type SimulatorReport,
  type SimulatorRequest,
} from './protocol';
import { printRounds, type RoundResult } from './round-report';

type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ROUNDS = (process.env.BENCH_ROUNDS ?? '50,200').split(',').map(Number);
const PICKUP_MS = Number(process.env.BENCH_PICKUP_MS ?? 300);
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 0.2);
const RAMP_MS = Number(process.env.BENCH_RAMP_S ?? 10) * 1000;
const ROUND_TIMEOUT_MS = 120_000;
const DATABASE = process.env.BENCH_DB === 'mysql' ? 'mysql' : 'sqlite';

async function main(): Promise<void> {
  const results: RoundResult[] = [];
  for (const calls of ROUNDS) {
    results.push(await runRound(calls));
  }
  printRounds(results, { database: DATABASE, rampSeconds: RAMP_MS / 1000 });
}

async function runRound(calls: number): Promise<RoundResult> {
  const secret = randomBytes(16).toString('hex');
  const folder = mkdtempSync(join(tmpdir(), 'mq-bench-'));
  const database = databaseSettings(folder, calls);
  const extensions = Array.from({ length: calls }, (_, index) => benchAgentExtension(index));
  const simulator = forkBenchChild('simulator-process.ts', process.env);
  const sockets: AgentSocket[] = [];
  let platform: ChildProcess | null = null;
  try {
    simulator.send({ type: 'start', ariPassword: secret, amiSecret: secret, timeScale: TIME_SCALE, extensions, answerAfterMs: PICKUP_MS / TIME_SCALE } satisfies SimulatorRequest);
    const sim = await nextMessage(simulator, isReport('started'), 'started');

    platform = forkBenchChild('platform-process.ts', {
      ...process.env,
      BENCH_AGENTS: String(calls),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      ...database,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PORT: '0',
      ARI_URL: sim.ariUrl,
      ARI_PASSWORD: secret,
      AMI_PORT: String(sim.amiPort),
      AMI_SECRET: secret,
      MENU_TIMEOUT_S: '3',
      AGENT_RING_TIMEOUT_S: '15',
      WRAP_UP_S: '0',
    });
    const { url, tokens } = await nextMessage(platform, isBench('ready'), 'ready');

    // A pop may reach its socket before the simulator's report of the ringing, so whichever of
    // the two comes second completes the pair. Pairs are keyed by phone and caller.
    const pops: number[] = [];
    const unpaired = { rings: new Map<string, number>(), pops: new Map<string, number>() };
    const pair = (key: string, at: number, kind: 'rings' | 'pops') => {
      const other = kind === 'rings' ? unpaired.pops : unpaired.rings;
      const otherAt = other.get(key);
      if (otherAt === undefined) return void unpaired[kind].set(key, at);
      other.delete(key);
      pops.push(kind === 'rings' ? otherAt - at : at - otherAt);
    };
    const dialFailures: string[] = [];
    simulator.on('message', (report: SimulatorReport) => {
      if (report.type === 'ringing') pair(`${report.extension}|${report.callerNumber}`, report.at, 'rings');
      if (report.type === 'dial-failed') dialFailures.push(`${report.callerNumber}: ${report.message}`);
    });

    const answeredAt: number[] = [];
    const offersEnded = new Map<string, number>();
    let popsReceived = 0;
    // The round ends once every call was answered and every pop arrived, or at the time-out.
    let resolveRoundDone = () => {};
    const roundDone = new Promise<void>((resolve) => (resolveRoundDone = resolve));
    // The first agent logs in as a desktop does; the platform process signed the other tokens.
    tokens[0] = await login(url, benchAgentUsername(0));
    tokens.forEach((token, index) => {
      const socket: AgentSocket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true });
      socket.on('call:pop', (pop) => {
        pair(`${extensions[index]}|${pop.callerNumber}`, sharedClockMs(), 'pops');
        popsReceived += 1;
        if (popsReceived >= calls && answeredAt.length >= calls) resolveRoundDone();
      });
      socket.on('call:offer-ended', ({ outcome }) => offersEnded.set(outcome, (offersEnded.get(outcome) ?? 0) + 1));
      socket.on('call:answered', () => {
        answeredAt.push(sharedClockMs());
        if (popsReceived >= calls && answeredAt.length >= calls) resolveRoundDone();
      });
      sockets.push(socket);
    });
    await Promise.all(sockets.map((socket) => setReady(socket)));

    const platformBefore = await platformUsage(platform);
    const started = sharedClockMs();
    const driverCpuBefore = process.cpuUsage();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    simulator.send({ type: 'dial', numbers: extensions.map((_, index) => benchCallerNumber(index)), rampMs: RAMP_MS } satisfies SimulatorRequest);
    const timeout = setTimeout(() => resolveRoundDone(), ROUND_TIMEOUT_MS);
    await roundDone;
    clearTimeout(timeout);
    const wallSeconds = (sharedClockMs() - started) / 1000;
    loopDelay.disable();
    const driverCpu = process.cpuUsage(driverCpuBefore);
    const platformAfter = await platformUsage(platform);
    simulator.send({ type: 'usage' } satisfies SimulatorRequest);
    const simUsage = await nextMessage(simulator, isReport('usage'), 'usage');

    simulator.send({ type: 'hang-up' } satisfies SimulatorRequest);
    await nextMessage(simulator, isReport('hung-up'), 'hung-up');
    for (const failure of dialFailures) process.stderr.write(`dial failed: ${failure}\n`);

    const percentOfCore = (micros: number) => (micros / 1e6 / wallSeconds) * 100;
    return {
      calls,
      answered: answeredAt.length,
      pops,
      offersEnded: Object.fromEntries(offersEnded),
      setupSeconds: (Math.max(...answeredAt) - started) / 1000,
      platform: {
        cpuPercent: percentOfCore(platformAfter.cpuMicros - platformBefore.cpuMicros),
        rssMiB: platformAfter.rssBytes / 2 ** 20,
        heapMiB: platformAfter.heapUsedBytes / 2 ** 20,
        loopDelayP99Ms: platformAfter.loopDelayP99Ms,
        loopDelayMaxMs: platformAfter.loopDelayMaxMs,
      },
      driver: { cpuPercent: percentOfCore(driverCpu.user + driverCpu.system), loopDelayP99Ms: loopDelay.percentile(99) / 1e6, loopDelayMaxMs: loopDelay.max / 1e6 },
      simulator: { cpuPercent: percentOfCore(simUsage.cpuMicros), loopDelayP99Ms: simUsage.loopDelayP99Ms, loopDelayMaxMs: simUsage.loopDelayMaxMs },
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
    if (platform) await stopChild(platform, { type: 'stop' } satisfies BenchMessage);
    await stopChild(simulator, { type: 'stop' } satisfies SimulatorRequest);
    if (DATABASE === 'mysql') await dropDatabase(database.DB_NAME);
    rmSync(folder, { recursive: true, force: true });
  }
}

/** SQLite in a temporary folder by default; BENCH_DB=mysql uses a fresh MariaDB/MySQL database per round. */
function databaseSettings(folder: string, calls: number): Record<string, string> {
  if (DATABASE === 'mysql') return { DB_DIALECT: 'mysql', DB_NAME: `mq_bench_${calls}_${process.pid}` };
  return { DB_DIALECT: 'sqlite', DB_STORAGE: join(folder, 'bench.sqlite') };
}

async function dropDatabase(name: string): Promise<void> {
  const connection = await mysql.createConnection({
    host: process.env.DB_HOST ?? '127.0.0.1',
    port: Number(process.env.DB_PORT ?? 3306),
    user: process.env.DB_USER ?? 'root',
    password: process.env.DB_PASSWORD ?? '',
  });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}

/** Logs in as a bench agent through the REST API, as a desktop does. */
async function login(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

function setReady(socket: AgentSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => socket.emit('agent:set-state', { state: 'ready' }, (reply) => (reply.ok ? resolve() : reject(new Error(reply.message)))));
    socket.once('connect_error', reject);
  });
}

type UsageMessage = Extract<BenchMessage, { cpuMicros: number }>;

async function platformUsage(platform: ChildProcess): Promise<UsageMessage> {
  const usage = nextMessage(platform, isBench('usage'), 'usage');
  platform.send({ type: 'usage' } satisfies BenchMessage);
  return usage;
}

function isBench<T extends 'ready' | 'usage'>(type: T) {
  return (message: BenchMessage): message is Extract<BenchMessage, T extends 'ready' ? { url: string } : { cpuMicros: number }> =>
    type === 'ready' ? 'url' in message : 'cpuMicros' in message;
}

function isReport<T extends SimulatorReport['type']>(type: T) {
  return (report: SimulatorReport): report is Extract<SimulatorReport, { type: T }> => report.type === type;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
