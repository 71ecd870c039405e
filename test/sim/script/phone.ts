/**
 * A simulated SIP phone registered as a PJSIP endpoint: agents' and departments' phones. It
 * rings for `PJSIP/{ext}`, `PJSIP/{n}@carrier`, `Local/{ext}@agent-phones` and
 * `Local/{n}@dept-phones` and takes one call at a time (a second call gets `User busy`). It
 * picks up by itself (`auto`), when the test calls `answer()` (`manual`) or never.
 */
import { EventEmitter } from 'node:events';
import { CAUSE, causeText } from '../engine/causes';
import type { Engine, PhoneDevice, PhoneLeg } from '../engine/engine';
import { answerPhoneLeg, endPhoneLeg } from '../engine/phones';
import type { SimTimer } from '../clock';

export type AnswerMode = 'auto' | 'manual' | 'never';

export interface PhoneOptions {
  extension: string;
  /** Default `auto`. */
  answer?: AnswerMode;
  /** Ring time before an `auto` phone answers, in simulated ms; default the simulator's `phoneAnswerAfterMs`. */
  answerAfterMs?: number;
}

export interface PhoneCallInfo {
  /** Id of the channel the requester dialled (the `;1` half for `Local/...`, the PJSIP channel itself). */
  channelId: string;
  /** Id of the channel that rings this phone (the `;2` half for `Local/...`). */
  phoneChannelId: string;
  /** `performance.now()` when the phone started ringing. */
  at: number;
  callerNumber: string;
  callerName: string;
}

export interface PhoneHangupInfo extends PhoneCallInfo {
  cause: number;
  causeText: string;
  /** True when the call had been answered, false when it stopped ringing. */
  wasAnswered: boolean;
}

export class SimPhone extends EventEmitter<{ ringing: [PhoneCallInfo]; answered: [PhoneCallInfo]; hungup: [PhoneHangupInfo] }> implements PhoneDevice {
  readonly extension: string;
  private readonly mode: AnswerMode;
  private readonly answerAfterMs: number;
  private leg: PhoneLeg | null = null;
  private info: PhoneCallInfo | null = null;
  private answered = false;
  private autoAnswer: SimTimer | null = null;

  constructor(
    private readonly engine: Engine,
    options: PhoneOptions,
    defaultAnswerAfterMs: number,
  ) {
    super();
    this.extension = options.extension;
    this.mode = options.answer ?? 'auto';
    this.answerAfterMs = options.answerAfterMs ?? defaultAnswerAfterMs;
  }

  get isRinging(): boolean {
    return this.leg !== null && !this.answered;
  }

  get inCall(): boolean {
    return this.leg !== null && this.answered;
  }

  /** The current call, ringing or answered. */
  get call(): PhoneCallInfo | null {
    return this.info;
  }

  /** @internal Called by the engine when a call arrives; returns false (busy) while another call is up or ringing. */
  offer(leg: PhoneLeg): boolean {
    if (this.leg) return false;
    this.leg = leg;
    this.answered = false;
    const info: PhoneCallInfo = {
      channelId: leg.originated.id,
      phoneChannelId: leg.channel.id,
      at: performance.now(),
      callerNumber: leg.caller.number,
      callerName: leg.caller.name,
    };
    this.info = info;
    if (this.mode === 'auto') this.autoAnswer = this.engine.clock.after(this.answerAfterMs, () => this.answer());
    queueMicrotask(() => this.emit('ringing', info));
    return true;
  }

  /** @internal Called by the engine when the call stops ringing or ends, whichever side ended it. */
  ended(leg: PhoneLeg, cause: number): void {
    if (leg !== this.leg || !this.info) return;
    const info: PhoneHangupInfo = { ...this.info, cause, causeText: causeText(cause), wasAnswered: this.answered };
    this.reset();
    queueMicrotask(() => this.emit('hungup', info));
  }

  /** Picks up the ringing call; returns false when nothing rings. */
  answer(): boolean {
    const leg = this.leg;
    const info = this.info;
    if (!leg || !info || this.answered) return false;
    this.autoAnswer?.cancel();
    this.answered = true;
    queueMicrotask(() => this.emit('answered', info));
    answerPhoneLeg(this.engine, leg);
    return true;
  }

  /** Rejects the ringing call as busy (SIP 486); returns false when nothing rings. */
  reject(): boolean {
    if (!this.leg || this.answered) return false;
    endPhoneLeg(this.engine, this.leg, CAUSE.busy);
    return true;
  }

  /** Hangs up the current call, ringing or answered; returns false when there is none. */
  hangup(): boolean {
    if (!this.leg) return false;
    endPhoneLeg(this.engine, this.leg, this.answered ? CAUSE.normal : CAUSE.busy);
    return true;
  }

  /** Takes the phone off the network: its current call ends and new ones cannot reach it. */
  unregister(): void {
    this.hangup();
    if (this.engine.phones.get(this.extension) !== this) return;
    this.engine.phones.delete(this.extension);
    announcePhoneRegistration(this.engine, this.extension);
  }

  private reset(): void {
    this.autoAnswer?.cancel();
    this.autoAnswer = null;
    this.leg = null;
    this.info = null;
    this.answered = false;
  }
}

/** Tells in-process listeners (AMI device states) that a phone registered or unregistered. */
export function announcePhoneRegistration(engine: Engine, extension: string): void {
  engine.bus.emit('event', { body: { type: 'SimPhoneRegistration', timestamp: '', extension }, apps: [] });
}
