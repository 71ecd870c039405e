/**
 * Starts the Asterisk simulator and the hotline against it, with an in-test agent pool, short
 * prompts and time-outs, and an event recorder; `stop` tears both down.
 */
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { allPrompts } from '../../../asterisk-config/prompts/prompts';
import { type Hotline, type IvrOptions, startHotline } from '../../../ivr/index';
import { type Simulator, startSimulator } from '../../sim/index';
import { EventRecorder } from './event-recorder';
import { FakeAgentPool } from './fake-agent-pool';
import { waitUntil } from './guards';

export const ARI_USER = 'hotline';
export const ARI_PASSWORD = 'ari-secret';
export const AMI_USER = 'hotline';
export const AMI_SECRET = 'ami-secret';

/** Every prompt lasts this many milliseconds in the tests. */
export const PROMPT_MS = 120;

export function testSounds(): Record<string, number> {
  return Object.fromEntries(allPrompts().map((prompt) => [prompt.id, PROMPT_MS]));
}

export function testOptions(ariUrl: string, overrides: Partial<IvrOptions> = {}): IvrOptions {
  return {
    ari: { url: ariUrl, user: ARI_USER, password: ARI_PASSWORD, app: 'hotline' },
    ami: { enabled: false, host: '127.0.0.1', port: 0, user: AMI_USER, secret: AMI_SECRET, actionTimeoutMs: 500 },
    agentDialTemplate: 'PJSIP/{extension}',
    deptDialTemplate: 'PJSIP/{number}@carrier',
    outboundCallerId: '037012345',
    menuTimeoutMs: 300,
    menuRetries: 1,
    agentRingTimeoutMs: 1_000,
    skillFallbackMs: 60_000,
    queueAnnounceIntervalMs: 60_000,
    mohClass: 'default',
    promptLanguage: 'zh',
    recordingFormat: 'wav',
    reconnectMaxDelayMs: 200,
    ...overrides,
  };
}

/** A pino logger that keeps every line in memory; `IVR_TEST_LOG_LEVEL=debug` also prints them. */
export class CapturedLog {
  readonly lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  readonly logger: Logger;

  constructor() {
    const print = process.env.IVR_TEST_LOG_LEVEL !== undefined;
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        const line = chunk.toString();
        this.lines.push(JSON.parse(line));
        if (print) process.stdout.write(line);
        done();
      },
    });
    this.logger = pino({ level: process.env.IVR_TEST_LOG_LEVEL ?? 'debug' }, sink);
  }

  /** Number of lines with message `msg`. */
  count(msg: string): number {
    return this.lines.filter((line) => line.msg === msg).length;
  }
}

export interface HarnessSettings {
  options?: Partial<IvrOptions>;
  /** Sound durations in ms replacing the defaults of `testSounds`. */
  sounds?: Record<string, number>;
  pool?: FakeAgentPool;
}

export interface Harness {
  sim: Simulator;
  pool: FakeAgentPool;
  hotline: Hotline;
  recorder: EventRecorder;
  log: CapturedLog;
  /** Tears down the hotline, then the simulator. */
  stop(): Promise<void>;
}

export async function startSim(sounds: Record<string, number> = {}): Promise<Simulator> {
  return startSimulator({ ariUser: ARI_USER, ariPassword: ARI_PASSWORD, amiUser: AMI_USER, amiSecret: AMI_SECRET, sounds: { ...testSounds(), ...sounds } });
}

export async function startHarness(settings: HarnessSettings = {}): Promise<Harness> {
  const sim = await startSim(settings.sounds);
  const pool = settings.pool ?? new FakeAgentPool();
  const log = new CapturedLog();
  const hotline = await startHotline(testOptions(sim.ariUrl, settings.options), pool, log.logger);
  const recorder = new EventRecorder(hotline.events);
  await waitUntil(() => log.count('ARI state reconciled after connecting') > 0, 'the hotline is connected to ARI');

  return {
    sim,
    pool,
    hotline,
    recorder,
    log,
    async stop() {
      await hotline.stop();
      await sim.stop();
    },
  };
}
