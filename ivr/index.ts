/**
 * Call control of the hotline: the public entry point for the server. `startHotline` connects
 * to Asterisk over ARI (and AMI when enabled), answers inbound calls, runs the IVR and the
 * queue, rings agents chosen by the `AgentPool` and emits `CallEventMap` events.
 */
import type { Logger } from 'pino';
import type { Config } from '../server/config';
import type { AmiConnection } from './ami/ami-connection';
import type { AgentPool, CallControl, CallEventMap } from './contract';
import { HotlineService } from './hotline';
import type { TypedEmitter } from './typed-emitter';

export type { AgentPool, AgentTarget, CallControl, CallEventMap, CallEventName, CallPhase, OfferOutcome } from './contract';
export { CallNotFoundError, CallStateError } from './contract';
export type { TypedEmitter } from './typed-emitter';
export { AmiActionError, AmiActionTimeoutError, AmiNotConnectedError } from './ami/errors';
export type { AmiConnection, DeviceState } from './ami/ami-connection';

export interface IvrOptions {
  ari: { url: string; user: string; password: string; app: string };
  ami: { enabled: boolean; host: string; port: number; user: string; secret: string; actionTimeoutMs: number };
  /** Dial string of an agent's phone with `{extension}`, e.g. `PJSIP/{extension}`. */
  agentDialTemplate: string;
  /** Dial string of a department's on-duty number with `{number}`. */
  deptDialTemplate: string;
  outboundCallerId: string;
  /** Milliseconds the menu waits for a key after its prompt. */
  menuTimeoutMs: number;
  /** How often the menu repeats after no or a wrong key before the call goes to an agent. */
  menuRetries: number;
  /** Milliseconds an agent's phone rings before the next agent is tried. */
  agentRingTimeoutMs: number;
  /** Milliseconds a call waits for its skill before any agent may take it. */
  skillFallbackMs: number;
  /** Milliseconds between queue position announcements. */
  queueAnnounceIntervalMs: number;
  mohClass: string;
  promptLanguage: string;
  recordingFormat: string;
  /** Largest delay between reconnect attempts to Asterisk, in milliseconds (default 30 000). */
  reconnectMaxDelayMs?: number;
}

/** The running hotline. */
export interface Hotline {
  events: TypedEmitter<CallEventMap>;
  control: CallControl;
  /** Whether the ARI event socket is open. */
  isConnected(): boolean;
  /** Ends every call in progress with `endedBy: 'system'` and closes the links to Asterisk. */
  stop(): Promise<void>;
  /** The AMI link for health checks and device states; null when AMI is disabled. */
  readonly ami: AmiConnection | null;
}

/** Builds the call-control settings from the platform configuration; seconds become milliseconds. */
export function ivrOptionsFromConfig(config: Config): IvrOptions {
  return {
    ari: { url: config.ARI_URL, user: config.ARI_USER, password: config.ARI_PASSWORD, app: config.ARI_APP },
    ami: {
      enabled: config.AMI_ENABLED,
      host: config.AMI_HOST,
      port: config.AMI_PORT,
      user: config.AMI_USER,
      secret: config.AMI_SECRET,
      actionTimeoutMs: config.AMI_ACTION_TIMEOUT_MS,
    },
    agentDialTemplate: config.AGENT_DIAL_TEMPLATE,
    deptDialTemplate: config.DEPT_DIAL_TEMPLATE,
    outboundCallerId: config.OUTBOUND_CALLER_ID,
    menuTimeoutMs: config.MENU_TIMEOUT_S * 1000,
    menuRetries: config.MENU_RETRIES,
    agentRingTimeoutMs: config.AGENT_RING_TIMEOUT_S * 1000,
    skillFallbackMs: config.SKILL_FALLBACK_S * 1000,
    queueAnnounceIntervalMs: config.QUEUE_ANNOUNCE_INTERVAL_S * 1000,
    mohClass: config.MOH_CLASS,
    promptLanguage: config.PROMPT_LANGUAGE,
    recordingFormat: config.RECORDING_FORMAT,
  };
}

/**
 * Starts call control and returns at once, also when Asterisk is down: the links keep
 * reconnecting with backoff, and calls are taken as soon as ARI is up.
 */
export async function startHotline(options: IvrOptions, pool: AgentPool, logger: Logger): Promise<Hotline> {
  const hotline = new HotlineService(options, pool, logger);
  hotline.start();
  return hotline;
}
