/**
 * The Asterisk simulator of the call bench, with its scripted phones and callers, in a process
 * of its own: its work then does not delay the driver's agent sockets, and its CPU time and
 * event-loop delay are measured apart. Started by `run.ts` and driven over IPC with the
 * messages of `protocol.ts`: `start`, `dial`, `usage`, `hang-up`, `stop`.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { startSimulator, type SimCaller, type Simulator } from '../sim/index';
import { sharedClockMs, type SimulatorReport, type SimulatorRequest } from './protocol';

/** How long a caller waits for the welcome prompt before giving up pressing 1. */
const WELCOME_TIMEOUT_MS = 120_000;

let sim: Simulator | null = null;
const callers: SimCaller[] = [];
let cpuAtDial = process.cpuUsage();
let loopDelay: IntervalHistogram | null = null;

function send(report: SimulatorReport): void {
  process.send?.(report);
}

async function start(request: Extract<SimulatorRequest, { type: 'start' }>): Promise<void> {
  sim = await startSimulator({
    ariUser: 'hotline',
    ariPassword: request.ariPassword,
    amiUser: 'hotline',
    amiSecret: request.amiSecret,
    timeScale: request.timeScale,
  });
  for (const extension of request.extensions) {
    const phone = sim.addPhone({ extension, answer: 'auto', answerAfterMs: request.answerAfterMs });
    phone.on('ringing', (info) => {
      send({ type: 'ringing', extension, callerNumber: info.callerNumber, at: performance.timeOrigin + info.at });
    });
  }
  send({ type: 'started', ariUrl: sim.ariUrl, amiPort: sim.amiPort });
}

/** Dials the calls spread over the ramp; each caller presses 1 as soon as the welcome starts. */
function dial(request: Extract<SimulatorRequest, { type: 'dial' }>): void {
  cpuAtDial = process.cpuUsage();
  loopDelay?.disable();
  loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();

  const startedAt = sharedClockMs();
  request.numbers.forEach((number, index) => {
    const dueAt = startedAt + (request.rampMs * index) / request.numbers.length;
    setTimeout(() => void placeCall(number), Math.max(0, dueAt - sharedClockMs()));
  });
}

async function placeCall(number: string): Promise<void> {
  if (!sim) return;
  try {
    const caller = await sim.dial({ from: number });
    callers.push(caller);
    caller.waitFor('PlaybackStarted', WELCOME_TIMEOUT_MS).then(
      () => caller.sendDtmf('1'),
      () => undefined,
    );
  } catch (error) {
    send({ type: 'dial-failed', callerNumber: number, message: error instanceof Error ? error.message : String(error) });
  }
}

function reportUsage(): void {
  const cpu = process.cpuUsage(cpuAtDial);
  send({
    type: 'usage',
    cpuMicros: cpu.user + cpu.system,
    loopDelayP99Ms: loopDelay ? loopDelay.percentile(99) / 1e6 : 0,
    loopDelayMaxMs: loopDelay ? loopDelay.max / 1e6 : 0,
  });
}

async function hangUpAll(): Promise<void> {
  await Promise.all(callers.splice(0).map((caller) => caller.hangup().catch(() => undefined)));
  send({ type: 'hung-up' });
}

process.on('message', (request: SimulatorRequest) => {
  const handle = async () => {
    switch (request.type) {
      case 'start':
        return start(request);
      case 'dial':
        return dial(request);
      case 'usage':
        return reportUsage();
      case 'hang-up':
        return hangUpAll();
      case 'stop':
        loopDelay?.disable();
        await sim?.stop();
        process.exit(0);
    }
  };
  handle().catch((error: unknown) => {
    process.stderr.write(`bench simulator failed on ${request.type}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
});
