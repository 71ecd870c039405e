/**
 * One agent's phone leg of a call: originated into the application, ringing until the agent
 * answers, the ring time-out passes or the phone cannot be reached, then in the talk until
 * either side hangs up.
 */
import type { Logger } from 'pino';
import type { AriConnection } from '../ari/ari-connection';
import { isGone } from '../ari/errors';
import { CAUSE_NO_ANSWER, type ChannelEvent } from '../ari/model';
import type { AgentTarget, OfferOutcome } from '../contract';

/** How ringing ended when the agent did not answer. */
export type RingFailure = Extract<OfferOutcome, 'no-answer' | 'unreachable'>;

/**
 * Q.850 causes that mean the phone rang, or could ring, and the agent did not take the call:
 * user busy (17), no user responding (18), no answer (19), call rejected (21). Any other cause
 * before an answer means the phone could not be reached.
 */
const NOT_TAKEN_CAUSES = new Set([17, 18, CAUSE_NO_ANSWER, 21]);

/** Extra milliseconds our own ring timer allows, so that Asterisk's originate time-out normally ends the ringing first. */
const RING_TIMER_GRACE_MS = 1_000;

export interface AgentLegHandlers {
  /** The agent picked up; the leg is in the application. */
  answered(): void;
  /** Ringing ended without an answer. */
  ringFailed(outcome: RingFailure): void;
  /** The answered leg hung up. */
  hungUp(): void;
}

export interface AgentLegOptions {
  app: string;
  /** Dial string with `{extension}`, e.g. `PJSIP/{extension}`. */
  dialTemplate: string;
  ringTimeoutMs: number;
  callerNumber: string;
  callerName: string;
}

type LegState = 'ringing' | 'answered' | 'ended';

export class AgentLeg {
  readonly offeredAt = new Date();
  private state: LegState = 'ringing';
  private ringTimer: NodeJS.Timeout | null = null;
  private unwatch: (() => void) | null = null;
  /** Set once the channel is known to be gone, so that hanging up sends nothing. */
  private gone = false;
  /** Set by `hangup`: a leg still being originated is hung up as soon as it exists. */
  private cancelled = false;

  constructor(
    private readonly ari: AriConnection,
    readonly target: AgentTarget,
    readonly channelId: string,
    private readonly callId: string,
    private readonly options: AgentLegOptions,
    private readonly logger: Logger,
  ) {}

  isAnswered(): boolean {
    return this.state === 'answered';
  }

  /** Originates the leg; the outcome arrives through `handlers`, exactly one of `answered` or `ringFailed`. */
  ring(handlers: AgentLegHandlers): void {
    const timeoutSeconds = Math.max(1, Math.ceil(this.options.ringTimeoutMs / 1000));
    this.ringTimer = setTimeout(() => {
      this.logger.info('agent did not answer within the ring time-out; hanging up the leg');
      this.failRinging(handlers, 'no-answer');
      void this.hangup();
    }, timeoutSeconds * 1000 + RING_TIMER_GRACE_MS);

    // Quotes and angle brackets would break the `"name" <number>` form, so they are dropped from the name.
    const name = this.options.callerName.replace(/["<>]/g, '');
    const caller = name ? `"${name}" <${this.options.callerNumber}>` : this.options.callerNumber;
    this.ari
      .originate(
        {
          endpoint: this.options.dialTemplate.replaceAll('{extension}', this.target.extension),
          channelId: this.channelId,
          app: this.options.app,
          appArgs: `agent,${this.callId},${this.target.agentId}`,
          callerId: caller,
          timeoutSeconds,
        },
        (event) => this.onEvent(event, handlers),
      )
      .then(
        (unwatch) => {
          this.unwatch = unwatch;
          if (this.state === 'ended') unwatch();
          if (this.cancelled) void this.hangup();
        },
        (error: unknown) => {
          this.gone = true;
          this.logger.warn({ err: error }, 'originating the agent leg failed');
          this.failRinging(handlers, 'unreachable');
        },
      );
  }

  /** Hangs up the leg, at once or as soon as the originate returns; never rejects. */
  async hangup(): Promise<void> {
    this.cancelled = true;
    this.clearRingTimer();
    if (this.gone) return;
    try {
      await this.ari.rest.hangup(this.channelId);
    } catch (error) {
      if (isGone(error)) this.logger.debug('agent leg already gone');
      else this.logger.warn({ err: error }, 'hanging up the agent leg failed');
    }
  }

  private onEvent(event: ChannelEvent, handlers: AgentLegHandlers): void {
    switch (event.type) {
      case 'stasis-start':
        if (this.state !== 'ringing' || this.cancelled) {
          this.logger.info({ state: this.state }, 'agent leg answered after ringing ended; hanging it up');
          void this.hangup();
          return;
        }
        this.clearRingTimer();
        this.state = 'answered';
        this.logger.info('agent answered');
        handlers.answered();
        return;
      case 'stasis-end':
      case 'destroyed':
        this.gone = true;
        this.finish(event, handlers);
        return;
      default:
        return;
    }
  }

  private finish(event: Extract<ChannelEvent, { type: 'stasis-end' | 'destroyed' }>, handlers: AgentLegHandlers): void {
    if (this.state === 'answered') {
      this.state = 'ended';
      this.unwatch?.();
      this.logger.info('agent leg hung up');
      handlers.hungUp();
      return;
    }
    if (this.state !== 'ringing') return;

    // A loss seen only after a reconnect has no cause; count it as not taken, as a rang-out phone would be.
    const cause = event.type === 'destroyed' ? event.cause : 0;
    const outcome: RingFailure = event.type === 'destroyed' && (event.missed || NOT_TAKEN_CAUSES.has(cause)) ? 'no-answer' : 'unreachable';
    this.logger.info({ cause, causeText: event.type === 'destroyed' ? event.causeText : '', outcome }, 'agent leg ended while ringing');
    this.failRinging(handlers, outcome);
  }

  private failRinging(handlers: AgentLegHandlers, outcome: RingFailure): void {
    if (this.state !== 'ringing') return;
    this.state = 'ended';
    this.clearRingTimer();
    this.unwatch?.();
    if (this.cancelled) return;
    handlers.ringFailed(outcome);
  }

  private clearRingTimer(): void {
    if (this.ringTimer) clearTimeout(this.ringTimer);
    this.ringTimer = null;
  }
}
