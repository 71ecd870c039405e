/** Options of `startSimulator` and their defaults. */
import pino, { type Logger } from 'pino';
import { allPrompts } from '../../asterisk-config/prompts/prompts';
import { defaultDialplan, type Dialplan } from './engine/dialplan';

export interface SimulatorOptions {
  ariUser: string;
  ariPassword: string;
  amiUser: string;
  amiSecret: string;
  /** Multiplies every simulated duration (ringing, prompts, DTMF, time-outs); default 1, tests use e.g. 0.05. */
  timeScale?: number;
  /** Sound name to duration in simulated ms; default: every prompt of `allPrompts()`, timed by its text length. */
  sounds?: Record<string, number>;
  /** Stasis application that `from-trunk` calls enter; default `hotline`. */
  ariApp?: string;
  /** Contexts added to or replacing the default dialplan (`from-trunk`, `agent-phones`, `dept-phones`). */
  dialplan?: Dialplan;
  /** PJSIP trunk endpoints; `PJSIP/{number}@{trunk}` reaches the phone registered as `number`. Default `['carrier']`. */
  trunks?: string[];
  /** Default ring time before an `answer: 'auto'` phone picks up, in simulated ms; default 1000. */
  phoneAnswerAfterMs?: number;
  /** Logger; default a silent pino logger (set `SIM_LOG_LEVEL` to see the simulator's logs). */
  logger?: Logger;
}

export interface ResolvedOptions extends Required<Omit<SimulatorOptions, 'sounds' | 'dialplan' | 'logger'>> {
  sounds: Map<string, number>;
  dialplan: Dialplan;
  logger: Logger;
}

/** Spoken length of a prompt: about 4.5 Chinese characters per second, at least 600 ms. */
export function promptDurationMs(text: string): number {
  return Math.max(600, Math.round([...text].length * 220));
}

export function defaultSounds(): Record<string, number> {
  const sounds: Record<string, number> = { beep: 250 };
  for (const prompt of allPrompts()) sounds[prompt.id] = promptDurationMs(prompt.text);
  return sounds;
}

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
  const ariApp = options.ariApp ?? 'hotline';
  return {
    ariUser: options.ariUser,
    ariPassword: options.ariPassword,
    amiUser: options.amiUser,
    amiSecret: options.amiSecret,
    timeScale,
    ariApp,
    trunks: options.trunks ?? ['carrier'],
    phoneAnswerAfterMs: options.phoneAnswerAfterMs ?? 1000,
    sounds: new Map(Object.entries(options.sounds ?? defaultSounds())),
    dialplan: { ...defaultDialplan(ariApp), ...options.dialplan },
    logger: options.logger ?? pino({ name: 'asterisk-sim', level: process.env.SIM_LOG_LEVEL ?? 'silent' }),
  };
}
