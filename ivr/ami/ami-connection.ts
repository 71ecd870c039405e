/**
 * The AMI link: logs in, keeps reconnecting with backoff, puts a time-out on every action and
 * turns AMI events into typed events. This file is the only user of `asterisk-manager`.
 * Nothing here throws into the caller's event loop: failures reject the action's promise or
 * are logged.
 */
import createManager, { type AmiMessage, type Manager } from 'asterisk-manager';
import type { Logger } from 'pino';
import { Backoff, sleep } from '../backoff';
import { TypedEventEmitter } from '../typed-emitter';
import { AmiActionError, AmiActionTimeoutError, AmiNotConnectedError } from './errors';

export interface AmiOptions {
  host: string;
  port: number;
  user: string;
  secret: string;
  /** Time-out of one action, including the login, in milliseconds. */
  actionTimeoutMs: number;
  /** First reconnect delay in milliseconds (default 250). */
  reconnectInitialDelayMs?: number;
  /** Largest reconnect delay in milliseconds (default 30 000). */
  reconnectMaxDelayMs?: number;
}

/** Asterisk device states as AMI spells them. */
export const DEVICE_STATES = ['UNKNOWN', 'NOT_INUSE', 'INUSE', 'BUSY', 'INVALID', 'UNAVAILABLE', 'RINGING', 'RINGINUSE', 'ONHOLD'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export interface AmiEvents {
  connected: void;
  disconnected: void;
  /** A device such as `PJSIP/8001` changed state. */
  'device-state': { device: string; state: DeviceState; at: Date };
}

/** An AMI response or event with its fields lower-cased. */
export type AmiFields = Record<string, string>;

/** Failures of the reconnect loop logged at warn: the first, then one in this many. */
const WARN_EVERY_N_FAILURES = 10;

function field(message: AmiMessage, name: string): string {
  const value = message[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value[0] ?? '';
  return '';
}

function flatten(message: AmiMessage): AmiFields {
  const fields: AmiFields = {};
  for (const key of Object.keys(message)) fields[key] = field(message, key);
  return fields;
}

function toDeviceState(value: string): DeviceState {
  const upper = value.toUpperCase() as DeviceState;
  return DEVICE_STATES.includes(upper) ? upper : 'UNKNOWN';
}

export class AmiConnection {
  readonly events: TypedEventEmitter<AmiEvents>;

  private manager: Manager | null = null;
  private connected = false;
  private actionSequence = 0;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private readonly backoff: Backoff;

  constructor(
    private readonly options: AmiOptions,
    private readonly logger: Logger,
  ) {
    this.backoff = new Backoff({
      initialDelayMs: options.reconnectInitialDelayMs ?? 250,
      maxDelayMs: options.reconnectMaxDelayMs ?? 30_000,
    });
    this.events = new TypedEventEmitter((error, event) => this.logger.error({ err: error, event }, 'AMI event listener failed'));
  }

  /** Starts the connect loop and returns at once; the loop runs until `stop`. */
  start(): void {
    if (this.loop) return;
    this.loop = this.runLoop();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.manager && this.connected) {
      await this.action({ action: 'Logoff' }).catch((error: unknown) => this.logger.debug({ err: error }, 'AMI logoff failed'));
    }
    this.manager?.disconnect();
    await this.loop;
    this.events.removeAllListeners();
  }

  isConnected(): boolean {
    return this.connected;
  }

  /**
   * Sends one action and resolves with its response. Rejects with `AmiNotConnectedError` when
   * not logged in, `AmiActionTimeoutError` after `actionTimeoutMs`, `AmiActionError` when
   * Asterisk answers `Response: Error`.
   */
  action(fields: Record<string, string>): Promise<AmiFields> {
    return this.send(fields, null).then((result) => result.response);
  }

  /** Sends `Ping`; resolves when Asterisk answers. */
  async ping(): Promise<void> {
    await this.action({ action: 'Ping' });
  }

  /** Number of channels Asterisk has now, from `CoreShowChannels`. */
  async countChannels(): Promise<number> {
    const { items } = await this.send({ action: 'CoreShowChannels' }, 'CoreShowChannelsComplete');
    return items.filter((item) => item.event === 'CoreShowChannel').length;
  }

  /**
   * Sends an action; with `listEnd` it also collects the events that carry the action id until
   * the event named `listEnd`, as AMI answers list actions such as `CoreShowChannels`.
   */
  private send(fields: Record<string, string>, listEnd: string | null): Promise<{ response: AmiFields; items: AmiFields[] }> {
    const actionName = fields.action ?? 'unknown';
    const manager = this.manager;
    if (!manager || !this.connected) {
      return Promise.reject(new AmiNotConnectedError(actionName));
    }

    const actionId = `mq-${++this.actionSequence}`;
    return new Promise((resolve, reject) => {
      const items: AmiFields[] = [];
      let response: AmiFields | null = null;

      const finish = (error: Error | null) => {
        clearTimeout(timer);
        manager.removeListener(actionId, onResponse);
        manager.removeListener('managerevent', onListEvent);
        if (error) reject(error);
        else resolve({ response: response ?? {}, items });
      };
      const timer = setTimeout(() => finish(new AmiActionTimeoutError(actionName, this.options.actionTimeoutMs)), this.options.actionTimeoutMs);

      const onResponse = (error: AmiMessage | undefined, message: AmiMessage) => {
        if (error) {
          finish(new AmiActionError(actionName, field(error, 'message') || 'error response'));
          return;
        }
        response = flatten(message);
        if (!listEnd) finish(null);
      };
      const onListEvent = (message: AmiMessage) => {
        if (field(message, 'actionid') !== actionId) return;
        const item = flatten(message);
        if (item.event === listEnd) finish(null);
        else items.push(item);
      };

      if (listEnd) manager.on('managerevent', onListEvent);
      manager.action({ ...fields, actionid: actionId }, onResponse);
    });
  }

  private async runLoop(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        await this.connectOnce();
      } catch (error) {
        this.logFailure(error);
      }
      this.teardownManager();
      if (signal.aborted) break;
      await sleep(this.backoff.next(), signal);
    }
    this.logger.info('AMI connect loop stopped');
  }

  /** Connects and logs in, then serves until the connection closes; throws when connecting fails. */
  private async connectOnce(): Promise<void> {
    const { host, port, user, secret } = this.options;
    const manager = createManager(0, host, user, secret, true);
    this.manager = manager;

    let lastError: Error | null = null;
    manager.on('error', (error: Error) => {
      lastError = error;
    });
    const closed = new Promise<void>((resolve) => manager.on('close', () => resolve()));

    await Promise.race([
      new Promise<void>((resolve) => manager.connect(port, host, resolve)),
      closed.then(() => {
        throw new Error(`AMI connection to ${host}:${port} failed: ${lastError?.message ?? 'closed'}`);
      }),
    ]);
    await Promise.race([this.login(manager), closed.then(() => Promise.reject(new Error('AMI connection closed during login')))]);

    manager.on('managerevent', (message: AmiMessage) => this.onEvent(message));
    this.connected = true;
    this.backoff.reset();
    this.logger.info({ host, port, user }, 'AMI connected');
    this.events.emit('connected', undefined);

    await closed;
    this.connected = false;
    if (!this.stopping.signal.aborted) this.logger.warn({ host, port }, 'AMI connection closed; reconnecting');
    this.events.emit('disconnected', undefined);
  }

  private login(manager: Manager): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new AmiActionTimeoutError('Login', this.options.actionTimeoutMs)), this.options.actionTimeoutMs);
      manager.login((error) => {
        clearTimeout(timer);
        if (error) reject(new AmiActionError('Login', field(error, 'message') || 'login rejected'));
        else resolve();
      });
    });
  }

  private teardownManager(): void {
    const manager = this.manager;
    if (!manager) return;
    this.manager = null;
    this.connected = false;
    manager.disconnect();
    manager.removeAllListeners('managerevent');
  }

  private onEvent(message: AmiMessage): void {
    if (field(message, 'event') !== 'DeviceStateChange') return;
    this.events.emit('device-state', { device: field(message, 'device'), state: toDeviceState(field(message, 'state')), at: new Date() });
  }

  private logFailure(error: unknown): void {
    const attempt = this.backoff.attempts + 1;
    const details = { err: error, attempt, host: this.options.host, port: this.options.port };
    if (attempt === 1 || attempt % WARN_EVERY_N_FAILURES === 0) {
      this.logger.warn(details, 'AMI connect failed; retrying');
    } else {
      this.logger.debug(details, 'AMI connect failed; retrying');
    }
  }
}
