/**
 * The hotline application: turns each inbound channel into a `CallSession`, runs the queue,
 * re-adopts or hangs up what it finds in Stasis after a (re)connect, and serves the
 * `CallControl` commands of the platform.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AmiConnection } from './ami/ami-connection';
import { AriConnection } from './ari/ari-connection';
import { isGone } from './ari/errors';
import type { ChannelInfo } from './ari/model';
import { CallSession, type SessionOptions } from './call/call-session';
import { type AgentPool, type CallControl, type CallEventMap, CallNotFoundError } from './contract';
import { CallQueue } from './queue/call-queue';
import { TypedEventEmitter } from './typed-emitter';
import type { Hotline, IvrOptions } from './index';

/** First argument of `Stasis(<app>,inbound)`, the dialplan entry of a carrier call. */
const INBOUND_ARGUMENT = 'inbound';

export class HotlineService implements Hotline {
  readonly events: TypedEventEmitter<CallEventMap>;
  readonly control: CallControl;
  readonly ami: AmiConnection | null;

  private readonly ari: AriConnection;
  private readonly queue: CallQueue;
  private readonly sessions = new Map<string, CallSession>();
  private readonly sessionOptions: SessionOptions;
  private stopping = false;

  constructor(
    private readonly options: IvrOptions,
    private readonly pool: AgentPool,
    private readonly logger: Logger,
  ) {
    this.events = new TypedEventEmitter((error, event) => logger.error({ err: error, event }, 'call event listener failed'));
    this.ari = new AriConnection({ ...options.ari, reconnectMaxDelayMs: options.reconnectMaxDelayMs }, logger.child({ component: 'ari' }));
    this.ami = options.ami.enabled
      ? new AmiConnection(
          {
            host: options.ami.host,
            port: options.ami.port,
            user: options.ami.user,
            secret: options.ami.secret,
            actionTimeoutMs: options.ami.actionTimeoutMs,
            reconnectMaxDelayMs: options.reconnectMaxDelayMs,
          },
          logger.child({ component: 'ami' }),
        )
      : null;
    this.queue = new CallQueue(pool, options.skillFallbackMs, logger.child({ component: 'queue' }));
    this.sessionOptions = {
      app: options.ari.app,
      agentDialTemplate: options.agentDialTemplate,
      menuTimeoutMs: options.menuTimeoutMs,
      menuRetries: options.menuRetries,
      agentRingTimeoutMs: options.agentRingTimeoutMs,
      queueAnnounceIntervalMs: options.queueAnnounceIntervalMs,
      mohClass: options.mohClass,
      promptLanguage: options.promptLanguage,
      recordingFormat: options.recordingFormat,
    };
    this.control = {
      hangup: async (callId, by) => this.session(callId).hangup(by),
      hold: async (callId) => this.session(callId).hold(),
      resume: async (callId) => this.session(callId).resume(),
    };
  }

  /** Starts the links and the queue; returns at once, the links keep connecting in the background. */
  start(): void {
    this.ari.events.on('stasis-start', ({ channel, args }) => this.onStasisStart(channel, args));
    this.ari.events.on('disconnected', () => this.queue.pause());
    this.ari.events.on('resynced', (state) => {
      this.queue.resume();
      this.onResynced(state.orphanChannels, state.bridgeIds).catch((error: unknown) =>
        this.logger.error({ err: error }, 'handling the state found after connecting failed'),
      );
    });
    this.ari.events.on('recording', (event) => this.logger.debug({ recording: event.name, state: event.type, cause: event.cause }, 'recording event'));
    this.queue.start();
    this.ari.start();
    this.ami?.start();
  }

  isConnected(): boolean {
    return this.ari.isConnected();
  }

  /** Number of calls in progress. */
  get activeCalls(): number {
    return this.sessions.size;
  }

  /**
   * Ends every call in progress (`call.ended` with `endedBy: 'system'`), then closes the links.
   * A process that dies without `stop` leaves its calls in Stasis for the next start to re-adopt.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.sessions.values()].map((session) => session.hangup('system')));
    this.queue.stop();
    await Promise.all([this.ari.stop(), this.ami?.stop()]);
    this.events.removeAllListeners();
    this.logger.info('hotline stopped');
  }

  private session(callId: string): CallSession {
    const session = this.sessions.get(callId);
    if (!session) throw new CallNotFoundError(callId);
    return session;
  }

  private onStasisStart(channel: ChannelInfo, args: string[]): void {
    if (this.stopping) return;
    if (args[0] === INBOUND_ARGUMENT) {
      this.startSession(channel, false);
      return;
    }
    // An agent leg answered after its call ended, or a channel sent here by mistake.
    this.logger.warn({ channelId: channel.id, args }, 'channel entered the application without a call; hanging it up');
    this.hangupQuietly(channel.id);
  }

  private startSession(channel: ChannelInfo, adopted: boolean): void {
    const callId = randomUUID();
    const session = new CallSession(
      callId,
      channel,
      {
        ari: this.ari,
        pool: this.pool,
        queue: this.queue,
        events: this.events,
        options: this.sessionOptions,
        onFinished: (finished) => this.sessions.delete(finished.callId),
      },
      this.logger,
    );
    this.sessions.set(callId, session);
    session.start(adopted);
  }

  /**
   * Handles what Asterisk reports after a (re)connect that no session owns, so that no call is
   * stranded. Bridges left from an earlier run are destroyed, and inbound callers still in
   * Stasis are re-adopted into the queue. Every other such channel is hung up.
   */
  private async onResynced(orphanChannels: ChannelInfo[], bridgeIds: string[]): Promise<void> {
    if (this.stopping) return;
    const sessions = [...this.sessions.values()];
    const orphanBridges = bridgeIds.filter((bridgeId) => !sessions.some((session) => session.ownsBridge(bridgeId)));
    await Promise.all(
      orphanBridges.map(async (bridgeId) => {
        this.logger.info({ bridgeId }, 'destroying a bridge left from an earlier run');
        try {
          await this.ari.rest.destroyBridge(bridgeId);
        } catch (error) {
          if (!isGone(error)) this.logger.warn({ err: error, bridgeId }, 'destroying a left bridge failed');
        }
      }),
    );

    for (const channel of orphanChannels) {
      if (this.stopping) return;
      if (this.ari.isWatched(channel.id)) continue;
      const inbound = channel.stasisApp === this.options.ari.app && channel.stasisArgs[0] === INBOUND_ARGUMENT;
      if (!inbound) {
        this.logger.info({ channelId: channel.id, name: channel.name }, 'hanging up a channel left from an earlier run');
        this.hangupQuietly(channel.id);
        continue;
      }
      this.logger.info({ channelId: channel.id }, 're-adopting a caller left in the application');
      this.ari.rest
        .subscribeToChannel(this.options.ari.app, channel.id)
        .catch((error: unknown) => this.logger.debug({ err: error, channelId: channel.id }, 'subscribing to an adopted channel failed'));
      this.startSession(channel, true);
    }
  }

  private hangupQuietly(channelId: string): void {
    this.ari.rest.hangup(channelId).catch((error: unknown) => {
      if (isGone(error)) this.logger.debug({ channelId }, 'channel already gone');
      else this.logger.warn({ err: error, channelId }, 'hanging up a channel failed');
    });
  }
}
