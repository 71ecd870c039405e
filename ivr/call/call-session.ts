/**
 * One inbound call from the moment it enters the application until it is torn down. The
 * session owns the caller's channel, the agent leg, the holding and mixing bridges, the
 * prompts and the recording; it changes phase only through `moveTo`. Either side may hang up
 * at any moment, and `end` then tears everything down and emits exactly one `call.ended`.
 *
 * Flow: answer → welcome → menu → queue (holding bridge with music on hold, announcements)
 * → agent legs rung one at a time as the `CallQueue` offers agents → talk in a recorded
 * mixing bridge → end.
 */
import type { Logger } from 'pino';
import type { IvrChoice, Skill, CallParty } from '../../server/domain/terms';
import type { AriConnection } from '../ari/ari-connection';
import { isGone } from '../ari/errors';
import type { ChannelEvent, ChannelInfo } from '../ari/model';
import { type AgentPool, type AgentTarget, type CallEventMap, CallNotFoundError, CallStateError } from '../contract';
import type { CallQueue, QueueMember } from '../queue/call-queue';
import type { TypedEventEmitter } from '../typed-emitter';
import { AgentLeg, type RingFailure } from './agent-leg';
import { CallBridges } from './call-bridges';
import { DigitBuffer } from './digit-buffer';
import { type SessionPhase, assertTransition, toCallPhase } from './phase';
import { PromptPlayer } from './prompt-player';
import { MenuStep } from './steps/menu-step';
import { QueueAnnouncer } from './steps/queue-announcer';
import type { IvrStep, StepContext } from './steps/step';
import { WelcomeStep } from './steps/welcome-step';

/** Settings a session needs, in milliseconds where they are durations. */
export interface SessionOptions {
  app: string;
  agentDialTemplate: string;
  menuTimeoutMs: number;
  menuRetries: number;
  agentRingTimeoutMs: number;
  queueAnnounceIntervalMs: number;
  mohClass: string;
  promptLanguage: string;
  recordingFormat: string;
}

export interface SessionDependencies {
  ari: AriConnection;
  pool: AgentPool;
  queue: CallQueue;
  events: TypedEventEmitter<CallEventMap>;
  options: SessionOptions;
  /** Called once the session ended and emitted `call.ended`. */
  onFinished(session: CallSession): void;
}

/** The skill a menu choice asks for; callers without a clear choice go to general agents. */
function skillFor(choice: IvrChoice): Skill {
  return choice === 'enterprise' ? 'enterprise' : 'general';
}

export class CallSession implements QueueMember {
  private phase: SessionPhase = 'ivr';
  private choice: IvrChoice = 'none';
  private queueSkill: Skill = 'general';
  private queuedAt: Date | null = null;
  private leg: AgentLeg | null = null;
  private legSequence = 0;
  private answeredAgent: AgentTarget | null = null;
  private recordingName: string | null = null;
  private readonly bridges: CallBridges;
  private step: IvrStep<unknown> | null = null;
  private announcer: QueueAnnouncer | null = null;
  private readonly digits = new DigitBuffer();
  private readonly player: PromptPlayer;
  private readonly unwatchCaller: () => void;
  private callerGone = false;
  private ending: Promise<void> | null = null;
  private readonly logger: Logger;

  constructor(
    readonly callId: string,
    readonly caller: ChannelInfo,
    private readonly deps: SessionDependencies,
    parentLogger: Logger,
  ) {
    this.logger = parentLogger.child({ callId, channelId: caller.id });
    this.bridges = new CallBridges(deps.ari.rest, callId, this.logger);
    this.player = new PromptPlayer(deps.ari, caller.id, callId, deps.options.promptLanguage, this.logger);
    // Watch before the first await, so that nothing the caller does is missed.
    this.unwatchCaller = deps.ari.watchChannel(caller.id, (event) => this.onCallerEvent(event));
  }

  /** Part of `QueueMember`: the skill the caller's menu choice asks for. */
  get skill(): Skill {
    return this.queueSkill;
  }

  /** Returns whether `bridgeId` is one of this call's bridges. */
  ownsBridge(bridgeId: string): boolean {
    return this.bridges.owns(bridgeId);
  }

  /**
   * Runs the call in the background. `adopted` is a call found in the application after a
   * restart: it skips the IVR, whose state was lost, and goes straight to the queue.
   */
  start(adopted: boolean): void {
    this.run(adopted).catch((error: unknown) => this.onFlowError(error, 'call flow'));
  }

  /** Ends the call on behalf of `by`; resolves once it is torn down and `call.ended` was emitted. */
  hangup(by: CallParty): Promise<void> {
    return this.end(by);
  }

  /** Puts the caller on hold: out of the talk into the holding bridge with music. The agent hears silence. */
  async hold(): Promise<void> {
    this.requirePhase('talking', 'hold');
    this.moveTo('held');
    try {
      await this.moveCaller(true, 'hold');
    } catch (error) {
      if (this.phase === 'held') this.moveTo('talking');
      throw error;
    }
    this.deps.events.emit('call.held', { callId: this.callId, agentId: this.answeredAgent!.agentId, at: new Date() });
  }

  /** Takes the caller off hold, back into the talk with the agent. */
  async resume(): Promise<void> {
    this.requirePhase('held', 'resume');
    this.moveTo('talking');
    try {
      await this.moveCaller(false, 'resume');
    } catch (error) {
      if (this.phase === 'talking') this.moveTo('held');
      throw error;
    }
    this.deps.events.emit('call.resumed', { callId: this.callId, agentId: this.answeredAgent!.agentId, at: new Date() });
  }

  /** Part of `QueueMember`: rings the agent the pool reserved. */
  offer(agent: AgentTarget): void {
    if (this.phase !== 'queued') {
      this.logger.warn({ agentId: agent.agentId, phase: this.phase }, 'offer for a call that is not waiting; releasing the agent');
      this.deps.pool.release(agent.agentId, this.callId, 'caller-gone');
      return;
    }
    this.moveTo('offered');

    const { options } = this.deps;
    const legLogger = this.logger.child({ agentId: agent.agentId, extension: agent.extension });
    const leg = new AgentLeg(this.deps.ari, agent, `${this.callId}-agent-${++this.legSequence}`, this.callId, {
      app: options.app,
      dialTemplate: options.agentDialTemplate,
      ringTimeoutMs: options.agentRingTimeoutMs,
      callerNumber: this.caller.callerNumber,
      callerName: this.caller.callerName,
    }, legLogger);
    this.leg = leg;

    this.deps.events.emit('call.offered', {
      callId: this.callId,
      agentId: agent.agentId,
      extension: agent.extension,
      callerNumber: this.caller.callerNumber,
      callerName: this.caller.callerName,
      ivrChoice: this.choice,
      queuedAt: this.queuedAt!,
      offeredAt: leg.offeredAt,
    });
    leg.ring({
      answered: () => this.onAgentAnswered(leg),
      ringFailed: (outcome) => this.onRingFailed(leg, outcome),
      hungUp: () => void this.end('agent'),
    });
  }

  /** Part of `QueueMember`. */
  positionChanged(position: number): void {
    if (!this.queuedAt || this.phase === 'ended') return;
    this.deps.events.emit('call.queued', { callId: this.callId, skill: this.skill, position, queuedAt: this.queuedAt });
  }

  private async run(adopted: boolean): Promise<void> {
    try {
      await this.deps.ari.rest.answer(this.caller.id);
    } catch (error) {
      // An adopted channel was watched only after it was found, so its hang-up may have been missed.
      if (!adopted || !isGone(error)) throw error;
      this.logger.info('adopted caller hung up before it was answered');
      this.callerGone = true;
      await this.end('caller');
      return;
    }
    if (this.isEnded()) return;
    this.logger.info({ adopted }, 'call answered');
    this.deps.events.emit('call.started', {
      callId: this.callId,
      channelId: this.caller.id,
      callerNumber: this.caller.callerNumber,
      callerName: this.caller.callerName,
      calledNumber: this.caller.dialedExtension,
      startedAt: new Date(),
    });

    if (!adopted) {
      const context: StepContext = { player: this.player, digits: this.digits };
      const typedKey = await this.runStep(new WelcomeStep(context));
      if (this.isEnded()) return;
      this.choice = await this.runStep(new MenuStep(context, { timeoutMs: this.deps.options.menuTimeoutMs, retries: this.deps.options.menuRetries }, typedKey));
      if (this.isEnded()) return;
      this.logger.info({ choice: this.choice }, 'menu choice');
      this.deps.events.emit('call.menu', { callId: this.callId, choice: this.choice, at: new Date() });
    }
    await this.enterQueue();
  }

  private async runStep<Result>(step: IvrStep<Result>): Promise<Result> {
    this.step = step;
    try {
      return await step.start();
    } finally {
      this.step = null;
    }
  }

  /** Puts the caller into its holding bridge with music on hold, then into the queue. */
  private async enterQueue(): Promise<void> {
    this.moveTo('queued');
    this.queueSkill = skillFor(this.choice);
    this.queuedAt = new Date();
    this.digits.clear();

    await this.bridges.openHolding(this.caller.id, this.deps.options.mohClass);
    if (this.isEnded()) return;

    const announcer = new QueueAnnouncer(this.player, this.deps.options.queueAnnounceIntervalMs, () => this.deps.queue.position(this.callId));
    this.announcer = announcer;
    announcer.start().catch((error: unknown) => this.logger.warn({ err: error }, 'queue announcements failed'));
    this.deps.queue.enqueue(this);
  }

  private onRingFailed(leg: AgentLeg, outcome: RingFailure): void {
    if (leg !== this.leg || this.phase !== 'offered') return;
    this.leg = null;
    this.deps.pool.release(leg.target.agentId, this.callId, outcome);
    this.deps.events.emit('call.offer-ended', { callId: this.callId, agentId: leg.target.agentId, outcome, at: new Date() });
    this.moveTo('queued');
    this.deps.queue.offerEnded(this.callId);
  }

  private onAgentAnswered(leg: AgentLeg): void {
    if (leg !== this.leg || this.phase !== 'offered') {
      void leg.hangup();
      return;
    }
    this.answeredAgent = leg.target;
    this.deps.pool.release(leg.target.agentId, this.callId, 'answered');
    this.moveTo('connecting');
    this.deps.queue.remove(this.callId);
    this.announcer?.stop();
    this.announcer = null;
    this.connect(leg).catch((error: unknown) => this.onFlowError(error, 'joining caller and agent'));
  }

  /** Joins caller and agent in the recorded mixing bridge. */
  private async connect(leg: AgentLeg): Promise<void> {
    const { recordingFormat } = this.deps.options;
    this.recordingName = await this.bridges.openTalk(this.caller.id, leg.channelId, `call-${this.callId}`, recordingFormat);
    if (this.isEnded()) return;

    this.moveTo('talking');
    this.logger.info({ recordingName: this.recordingName }, 'caller and agent joined');
    this.deps.events.emit('call.answered', {
      callId: this.callId,
      agentId: leg.target.agentId,
      bridgeId: this.bridges.talkBridgeId,
      recordingName: this.recordingName,
      answeredAt: new Date(),
    });
  }

  private onCallerEvent(event: ChannelEvent): void {
    switch (event.type) {
      case 'dtmf':
        if (this.phase === 'ivr') this.digits.push(event.digit);
        else this.logger.debug({ phase: this.phase }, 'key ignored outside the IVR');
        return;
      case 'stasis-end':
      case 'destroyed':
        this.callerGone = true;
        void this.end('caller');
        return;
      default:
        return;
    }
  }

  /**
   * Decides what a failed step means. A request on a channel or bridge that is gone means a
   * party hung up, and that party's own event ends the call. Any other failure ends the call
   * as a system failure.
   */
  private onFlowError(error: unknown, step: string): void {
    if (this.isEnded()) return;
    if (isGone(error)) {
      this.logger.debug({ err: error, step }, 'request on a party that hung up; waiting for its hang-up event');
      return;
    }
    this.logger.error({ err: error, step, phase: this.phase }, 'call step failed; ending the call');
    void this.end('system');
  }

  /** Tears the call down once; later calls, also from listeners during the teardown, return the same promise. */
  private end(by: CallParty): Promise<void> {
    if (this.ending) return this.ending;

    let finished: () => void = () => {};
    this.ending = new Promise((resolve) => {
      finished = resolve;
    });
    this.tearDown(by)
      .catch((error: unknown) => this.logger.error({ err: error }, 'call teardown failed'))
      .finally(finished);
    return this.ending;
  }

  private async tearDown(by: CallParty): Promise<void> {
    const phaseAtEnd = toCallPhase(this.phase);
    this.moveTo('ended');
    this.logger.info({ endedBy: by, phase: phaseAtEnd }, 'call ending');

    this.step?.stop();
    this.announcer?.stop();
    this.player.dispose(this.callerGone);
    this.digits.cancel();
    this.deps.queue.remove(this.callId);

    const leg = this.leg;
    if (leg && !leg.isAnswered()) {
      this.deps.pool.release(leg.target.agentId, this.callId, 'caller-gone');
      this.deps.events.emit('call.offer-ended', { callId: this.callId, agentId: leg.target.agentId, outcome: 'caller-gone', at: new Date() });
    }

    await Promise.all([this.callerGone ? undefined : this.hangupCaller(), leg?.hangup(), this.bridges.destroyAll()]);
    this.unwatchCaller();

    this.deps.events.emit('call.ended', {
      callId: this.callId,
      endedBy: by,
      phase: phaseAtEnd,
      agentId: this.answeredAgent?.agentId ?? null,
      recordingName: this.recordingName,
      endedAt: new Date(),
    });
    this.logger.info({ endedBy: by, phase: phaseAtEnd }, 'call ended');
    this.deps.onFinished(this);
  }

  /** Hangs up the caller; a caller already gone is normal. Never rejects. */
  private async hangupCaller(): Promise<void> {
    try {
      await this.deps.ari.rest.hangup(this.caller.id);
    } catch (error) {
      if (isGone(error)) this.logger.debug('caller already gone');
      else this.logger.warn({ err: error }, 'hanging up the caller failed');
    }
  }

  private async moveCaller(toHold: boolean, command: string): Promise<void> {
    try {
      await this.bridges.moveCaller(this.caller.id, toHold);
    } catch (error) {
      if (this.isEnded() || isGone(error)) throw new CallNotFoundError(this.callId);
      this.logger.error({ err: error, command }, 'moving the caller between bridges failed');
      throw error;
    }
  }

  private requirePhase(phase: SessionPhase, command: string): void {
    if (this.phase === 'ended') throw new CallNotFoundError(this.callId);
    if (this.phase !== phase) throw new CallStateError(this.callId, toCallPhase(this.phase), command);
  }

  private isEnded(): boolean {
    return this.phase === 'ended';
  }

  /** Changes the phase; the only place that does. */
  private moveTo(next: SessionPhase): void {
    assertTransition(this.phase, next);
    this.logger.debug({ from: this.phase, to: next }, 'phase');
    this.phase = next;
  }
}
