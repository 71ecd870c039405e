/**
 * The ARI link of the hotline. It keeps one event socket open forever, routes events to the
 * watchers of channels and playbacks, and after every (re)connect reconciles what it missed
 * with the state Asterisk reports. This file and `ari-rest.ts` are the only users of `ari-client`.
 *
 * Guarantees to the rest of call control:
 * - a watcher registered before a REST request receives the events that request causes, even
 *   when Asterisk sends them before its REST answer (originate with our own `channelId`,
 *   playback with our own playback id);
 * - a channel watcher is removed after `stasis-end` or `destroyed`, a playback watcher after
 *   `playback-finished`;
 * - events lost while the socket was down are made up after the reconnect: a watched channel
 *   that vanished gets `destroyed` with `missed: true`, one that entered Stasis gets
 *   `stasis-start`, and a watched playback that ended gets `playback-finished`;
 * - channels in the application that nobody watches are reported as orphans (`resynced`).
 */
import ariClient, { type AriClient } from 'ari-client';
import type { Logger } from 'pino';
import { Backoff, sleep } from '../backoff';
import { TypedEventEmitter } from '../typed-emitter';
import { AriRest, type OriginateRequest } from './ari-rest';
import { isGone } from './errors';
import { openEventSocket, type EventSocket } from './event-socket';
import { useFreshConnectionPerRequest } from './fresh-connections';
import { type AriSnapshot, type ChannelEvent, type ChannelInfo, type PlaybackEvent, type RecordingEvent, toAriEvent } from './model';
import { WatchRegistry } from './watch-registry';

export interface AriConnectionOptions {
  /** Base URL of Asterisk's HTTP server, e.g. `http://127.0.0.1:8088`. */
  url: string;
  user: string;
  password: string;
  /** Stasis application name. */
  app: string;
  /** First reconnect delay in milliseconds (default 250). */
  reconnectInitialDelayMs?: number;
  /** Largest reconnect delay in milliseconds (default 30 000). */
  reconnectMaxDelayMs?: number;
  /** Time-out of one REST request and of opening the socket, in milliseconds (default 10 000). */
  requestTimeoutMs?: number;
  /** Milliseconds between WebSocket pings (default 15 000). */
  pingIntervalMs?: number;
}

export interface AriConnectionEvents {
  connected: void;
  disconnected: void;
  /** An unwatched channel entered the application, such as a new inbound call. */
  'stasis-start': { channel: ChannelInfo; args: string[] };
  /** The reconciliation after a (re)connect finished; the orphans need an owner or a hang-up. */
  resynced: { orphanChannels: ChannelInfo[]; bridgeIds: string[] };
  recording: RecordingEvent;
}

/** Failures of a reconnect loop logged at warn: the first, then one in this many. */
const WARN_EVERY_N_FAILURES = 10;

export class AriConnection {
  readonly events: TypedEventEmitter<AriConnectionEvents>;
  readonly rest: AriRest;
  readonly app: string;

  private client: AriClient | null = null;
  private socket: EventSocket | null = null;
  private connected = false;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private readonly watches: WatchRegistry;
  private readonly backoff: Backoff;
  private readonly requestTimeoutMs: number;

  constructor(
    private readonly options: AriConnectionOptions,
    private readonly logger: Logger,
  ) {
    this.app = options.app;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.backoff = new Backoff({
      initialDelayMs: options.reconnectInitialDelayMs ?? 250,
      maxDelayMs: options.reconnectMaxDelayMs ?? 30_000,
    });
    this.events = new TypedEventEmitter((error, event) => this.logger.error({ err: error, event }, 'ARI event listener failed'));
    this.rest = new AriRest(() => this.client, this.requestTimeoutMs);
    this.watches = new WatchRegistry(logger);
  }

  /** Starts the connect loop and returns at once; the loop runs until `stop`. */
  start(): void {
    if (this.loop) return;
    this.loop = this.runLoop();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.socket?.close();
    await this.loop;
    this.watches.clear();
    this.events.removeAllListeners();
  }

  isConnected(): boolean {
    return this.connected;
  }

  /**
   * Delivers the events of channel `channelId`, which is in the application already (an inbound
   * call), to `listener` until `stasis-end` or `destroyed`. Returns the function that stops watching.
   */
  watchChannel(channelId: string, listener: (event: ChannelEvent) => void): () => void {
    return this.watches.watchChannel(channelId, listener, true).unwatch;
  }

  /**
   * Originates a channel into the application under the id in `request.channelId`. `listener`
   * is registered before the request is sent, so it receives every event of the new channel
   * (`stasis-start` once the far end answers, `destroyed` when it does not) even when Asterisk
   * sends them before its REST answer. On failure the watch is removed and the promise rejects
   * with an `AriRequestError`. Returns the function that stops watching.
   */
  async originate(request: OriginateRequest, listener: (event: ChannelEvent) => void): Promise<() => void> {
    const watch = this.watches.watchChannel(request.channelId, listener, false);
    try {
      await this.rest.originate(request);
    } catch (error) {
      watch.unwatch();
      throw error;
    }
    watch.confirm();
    return watch.unwatch;
  }

  /**
   * Plays `media` to a channel under our `playbackId`; `listener` receives `playback-started`
   * and `playback-finished`, also when they arrive before the REST answer. On failure the watch
   * is removed and the promise rejects. Returns the function that stops watching.
   */
  async play(channelId: string, playbackId: string, media: string, language: string, listener: (event: PlaybackEvent) => void): Promise<() => void> {
    const watch = this.watches.watchPlayback(playbackId, listener);
    try {
      await this.rest.playOnChannel(channelId, playbackId, media, language);
    } catch (error) {
      watch.unwatch();
      throw error;
    }
    watch.confirm();
    return watch.unwatch;
  }

  isWatched(channelId: string): boolean {
    return this.watches.isWatched(channelId);
  }

  private async runLoop(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        await this.connectOnce();
      } catch (error) {
        if (!signal.aborted) this.logFailure(error);
      }
      if (signal.aborted) break;
      await sleep(this.backoff.next(), signal);
    }
    this.logger.info('ARI connect loop stopped');
  }

  /** Connects, serves events until the socket closes, then returns; throws when connecting fails. */
  private async connectOnce(): Promise<void> {
    useFreshConnectionPerRequest();
    this.client = await this.withTimeout(ariClient.connect(this.options.url, this.options.user, this.options.password), 'loading the ARI description');
    if (this.stopping.signal.aborted) return;

    const socket = await openEventSocket(
      {
        url: this.options.url,
        user: this.options.user,
        password: this.options.password,
        app: this.app,
        openTimeoutMs: this.requestTimeoutMs,
        pingIntervalMs: this.options.pingIntervalMs ?? 15_000,
      },
      (text) => this.onMessage(text),
      this.stopping.signal,
    );
    this.socket = socket;
    if (this.stopping.signal.aborted) socket.close();

    this.connected = true;
    this.backoff.reset();
    this.logger.info({ url: this.options.url, app: this.app }, 'ARI connected');
    this.events.emit('connected', undefined);
    this.resync(socket).catch((error: unknown) => this.logger.error({ err: error }, 'reconciling after connecting failed'));

    const closed = await socket.closed;
    this.connected = false;
    this.socket = null;
    if (!this.stopping.signal.aborted) {
      this.logger.warn({ code: closed.code, reason: closed.reason }, 'ARI event socket closed; reconnecting');
    }
    this.events.emit('disconnected', undefined);
  }

  /** Settles with `request`, or rejects after the request time-out or when the connection stops. */
  private withTimeout<T>(request: PromiseLike<T>, what: string): Promise<T> {
    const signal = this.stopping.signal;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Error(`${what} abandoned: the ARI connection is stopping`));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        reject(new Error(`${what} timed out after ${this.requestTimeoutMs} ms`));
      }, this.requestTimeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      request.then(
        (value) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          reject(error instanceof Error ? error : new Error(`${what} failed: ${String(error)}`));
        },
      );
    });
  }

  private logFailure(error: unknown): void {
    const attempt = this.backoff.attempts + 1;
    const details = { err: error, attempt, url: this.options.url };
    if (attempt === 1 || attempt % WARN_EVERY_N_FAILURES === 0) {
      this.logger.warn(details, 'ARI connect failed; retrying');
    } else {
      this.logger.debug(details, 'ARI connect failed; retrying');
    }
  }

  private onMessage(text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      this.logger.warn({ err: error }, 'ARI event is not JSON; ignored');
      return;
    }
    const application = (raw as { application?: unknown }).application;
    if (application !== undefined && application !== this.app) return;

    const event = toAriEvent(raw);
    if (!event) {
      this.logger.trace({ type: (raw as { type?: unknown }).type }, 'ARI event ignored');
      return;
    }

    switch (event.type) {
      case 'playback-started':
      case 'playback-finished':
        this.watches.deliverPlayback(event);
        return;
      case 'recording-started':
      case 'recording-finished':
      case 'recording-failed':
        this.events.emit('recording', event);
        return;
      case 'bridge-destroyed':
        this.logger.debug({ bridgeId: event.bridgeId }, 'bridge destroyed');
        return;
      case 'stasis-start':
        if (!this.watches.deliverChannel(event.channel.id, event)) {
          this.events.emit('stasis-start', { channel: event.channel, args: event.args });
        }
        return;
      case 'state-change':
        this.watches.deliverChannel(event.channel.id, event);
        return;
      default:
        this.watches.deliverChannel(event.channelId, event);
    }
  }

  /**
   * Reads `GET /applications/{app}` and `GET /channels`, makes up the events the watchers
   * missed and reports the orphans. A failure closes the socket, so that the loop reconnects
   * and tries again.
   */
  private async resync(socket: EventSocket): Promise<void> {
    this.watches.beginReading();
    try {
      const snapshot = await this.readSnapshot(socket);
      if (!snapshot || this.socket !== socket) return;

      this.watches.reconcileChannels(snapshot, this.app);
      await this.reconcilePlaybacks();
      const orphanChannels = this.watches.orphans(snapshot, this.app);
      this.logger.info(
        { channels: snapshot.channels.length, watched: this.watches.watchedChannels, orphans: orphanChannels.length, bridges: snapshot.appBridgeIds.length },
        'ARI state reconciled after connecting',
      );
      this.events.emit('resynced', { orphanChannels, bridgeIds: snapshot.appBridgeIds });
    } finally {
      this.watches.endReading();
    }
  }

  private async readSnapshot(socket: EventSocket): Promise<AriSnapshot | null> {
    try {
      const [application, channels] = await Promise.all([this.rest.getApplication(this.app), this.rest.listChannels()]);
      return { channels, appChannelIds: application.channelIds, appBridgeIds: application.bridgeIds };
    } catch (error) {
      this.logger.warn({ err: error }, 'reading the application state after connecting failed; reconnecting');
      socket.close();
      return null;
    }
  }

  /** Finishes the watched playbacks that ended unseen: `GET /playbacks/{id}` no longer finds them. */
  private async reconcilePlaybacks(): Promise<void> {
    const checks = this.watches.playbacksToCheck().map(async (playbackId) => {
      try {
        await this.rest.getPlayback(playbackId);
      } catch (error) {
        if (!isGone(error)) {
          this.logger.warn({ err: error, playbackId }, 'checking a playback after connecting failed');
          return;
        }
        this.logger.info({ playbackId }, 'watched playback finished while disconnected');
        this.watches.deliverPlayback({ type: 'playback-finished', playbackId, state: 'done' });
      }
    });
    await Promise.all(checks);
  }
}
