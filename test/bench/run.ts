/**
 * `npm run bench`: simultaneous calls through the Asterisk simulator into the platform, which
 * runs in a child process (platform-process.ts) on a fresh SQLite file. For each round size it
 * prints the screen-pop latency (the simulated agent phone starts ringing → the pop reaches that
 * agent's socket), call set-ups per second and the platform process's CPU and memory.
 *
 * Every simulated caller presses 1 as the welcome starts; every bench agent is ready and its
 * phone answers after BENCH_PICKUP_MS. Ringing and pop times are read in this process with one
 * clock (performance.now()).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/realtime/socket-events';
import { startSimulator, type SimCaller, type Simulator } from '../sim/index';
import { BENCH_PASSWORD, benchAgentExtension, benchAgentUsername, type BenchMessage } from './protocol';

type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ROUNDS = (process.env.BENCH_ROUNDS ?? '50,200').split(',').map(Number);
const PICKUP_MS = Number(process.env.BENCH_PICKUP_MS ?? 300);
/** Simulated durations (prompts, DTMF) run at this fraction of real time. */
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 0.2);
const ROUND_TIMEOUT_MS = 120_000;
/** Calls arrive evenly spread over this many milliseconds, then all stay up until every one is answered. */
const RAMP_MS = Number(process.env.BENCH_RAMP_S ?? 10) * 1000;
const DATABASE = process.env.BENCH_DB === 'mysql' ? 'mysql' : 'sqlite';

interface RoundResult {
  calls: number;
  /** Calls whose agent answered and was bridged with the caller. */
  answered: number;
  pops: number[];
  setupSeconds: number;
  cpuPercent: number;
  rssMiB: number;
  heapMiB: number;
}

async function main(): Promise<void> {
  const results: RoundResult[] = [];
  for (const calls of ROUNDS) {
    results.push(await runRound(calls));
  }

  process.stdout.write('\nscreen pop and call set-up, simulator → platform (one child process, SQLite)\n');
  process.stdout.write('calls | answered | pop p50 ms | pop p99 ms | pop max ms | set-ups/s | platform CPU % of one core | RSS MiB | heap MiB\n');
  for (const result of results) {
    const sorted = [...result.pops].sort((a, b) => a - b);
    process.stdout.write(
      [
        result.calls,
        result.answered,
        percentile(sorted, 0.5).toFixed(1),
        percentile(sorted, 0.99).toFixed(1),
        (sorted.at(-1) ?? NaN).toFixed(1),
        (result.answered / result.setupSeconds).toFixed(1),
        result.cpuPercent.toFixed(0),
        result.rssMiB.toFixed(0),
        result.heapMiB.toFixed(0),
      ].join(' | ') + '\n',
    );
  }
}

async function runRound(calls: number): Promise<RoundResult> {
  const secret = randomBytes(16).toString('hex');
  const jwtSecret = randomBytes(32).toString('hex');
  const folder = mkdtempSync(join(tmpdir(), 'mq-bench-'));
  const sim = await startSimulator({ ariUser: 'hotline', ariPassword: secret, amiUser: 'hotline', amiSecret: secret, timeScale: TIME_SCALE });
  const extensions = Array.from({ length: calls }, (_, index) => benchAgentExtension(index));
  for (const extension of extensions) sim.addPhone({ extension, answer: 'auto', answerAfterMs: PICKUP_MS / TIME_SCALE });

  const child = fork(join(import.meta.dirname, 'platform-process.ts'), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [])],
    env: {
      ...process.env,
      BENCH_AGENTS: String(calls),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      ...databaseSettings(folder, calls),
      JWT_SECRET: jwtSecret,
      PORT: '0',
      ARI_URL: sim.ariUrl,
      ARI_PASSWORD: secret,
      AMI_PORT: String(sim.amiPort),
      AMI_SECRET: secret,
      MENU_TIMEOUT_S: '3',
      AGENT_RING_TIMEOUT_S: '15',
      WRAP_UP_S: '0',
    },
  });
  const sockets: AgentSocket[] = [];
  try {
    const { url } = await nextMessage(child, 'ready');
    const ringingAt = new Map<string, number>();
    const pops: number[] = [];
    const answeredAt: number[] = [];
    let resolveAllAnswered = () => {};
    const allAnswered = new Promise<void>((resolve) => (resolveAllAnswered = resolve));
    for (const extension of extensions) {
      sim.phone(extension)!.on('ringing', (info) => ringingAt.set(info.callerNumber, info.at));
    }

    const tokens = await Promise.all(extensions.map((_, index) => login(url, benchAgentUsername(index))));
    for (const token of tokens) {
      const socket: AgentSocket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true });
      socket.on('call:pop', (pop) => {
        const rang = ringingAt.get(pop.callerNumber);
        if (process.env.BENCH_DEBUG) process.stderr.write(`pop ${pop.callerNumber} ${rang === undefined ? 'unmatched' : (performance.now() - rang).toFixed(1)} ringing=${ringingAt.size}\n`);
        if (rang !== undefined) pops.push(performance.now() - rang);
      });
      socket.on('call:answered', () => {
        answeredAt.push(performance.now());
        if (answeredAt.length === calls) resolveAllAnswered();
      });
      sockets.push(socket);
    }
    await Promise.all(sockets.map((socket) => new Promise<void>((resolve, reject) => {
      socket.once('connect', () => socket.emit('agent:set-state', { state: 'ready' }, (reply) => (reply.ok ? resolve() : reject(new Error(reply.message)))));
      socket.once('connect_error', reject);
    })));

    child.send({ type: 'usage' } satisfies BenchMessage);
    const before = await nextMessage(child, 'usage');
    const started = performance.now();
    const driverCpuBefore = process.cpuUsage();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const callers = await Promise.all(
      Array.from({ length: calls }, async (_, index) => {
        await delay((RAMP_MS * index) / calls);
        return placeCall(sim, `1390000${String(index).padStart(4, '0')}`);
      }),
    );
    const timeout = setTimeout(() => resolveAllAnswered(), ROUND_TIMEOUT_MS);
    await allAnswered;
    clearTimeout(timeout);
    const lastAnswered = Math.max(...answeredAt);
    const wallSeconds = (performance.now() - started) / 1000;
    loopDelay.disable();
    const driverCpu = process.cpuUsage(driverCpuBefore);
    process.stderr.write(`driver (simulator and agent sockets): CPU ${(((driverCpu.user + driverCpu.system) / 1e6 / wallSeconds) * 100).toFixed(0)} % of one core, event-loop delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms\n`);
    child.send({ type: 'usage' } satisfies BenchMessage);
    const after = await nextMessage(child, 'usage');

    await Promise.all(callers.map((caller) => caller.hangup().catch(() => undefined)));
    return {
      calls,
      answered: answeredAt.length,
      pops,
      setupSeconds: (lastAnswered - started) / 1000,
      cpuPercent: ((after.cpuMicros - before.cpuMicros) / 1e6 / wallSeconds) * 100,
      rssMiB: after.rssBytes / 2 ** 20,
      heapMiB: after.heapUsedBytes / 2 ** 20,
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
    child.send({ type: 'stop' } satisfies BenchMessage);
    await new Promise((resolve) => child.once('exit', resolve));
    await sim.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** SQLite in a temporary folder by default; BENCH_DB=mysql uses a fresh MariaDB/MySQL database per round. */
function databaseSettings(folder: string, calls: number): Record<string, string> {
  if (DATABASE === 'mysql') return { DB_DIALECT: 'mysql', DB_NAME: `mq_bench_${calls}_${process.pid}` };
  return { DB_DIALECT: 'sqlite', DB_STORAGE: join(folder, 'bench.sqlite') };
}

async function placeCall(sim: Simulator, from: string): Promise<SimCaller> {
  const caller = await sim.dial({ from });
  void caller.waitFor('PlaybackStarted', ROUND_TIMEOUT_MS).then(() => caller.sendDtmf('1'), () => undefined);
  return caller;
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

type ReadyMessage = Extract<BenchMessage, { url: string }>;
type UsageMessage = Extract<BenchMessage, { cpuMicros: number }>;

function nextMessage(child: ChildProcess, type: 'ready'): Promise<ReadyMessage>;
function nextMessage(child: ChildProcess, type: 'usage'): Promise<UsageMessage>;
function nextMessage(child: ChildProcess, type: 'ready' | 'usage'): Promise<ReadyMessage | UsageMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: BenchMessage) => {
      const matches = type === 'ready' ? 'url' in message : 'cpuMicros' in message;
      if (!matches) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as ReadyMessage | UsageMessage);
    };
    const onExit = (code: number | null) => reject(new Error(`platform process exited with ${code} before sending ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
