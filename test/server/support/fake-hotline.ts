/**
 * A stand-in for call control with the same interface as `Hotline`: tests emit `CallEventMap`
 * events through it and read the commands the platform sent. Like the real one, it reserves
 * and releases agents in the pool before it emits.
 */
import type { AgentPool, CallControl, CallEventMap, OfferOutcome } from '../../../ivr/contract';
import { CallNotFoundError } from '../../../ivr/contract';
import { TypedEventEmitter } from '../../../ivr/typed-emitter';
import type { IvrChoice } from '../../../server/domain/terms';
import type { HotlineLink } from '../../../server/context';

export interface ControlCommand {
  command: 'hangup' | 'hold' | 'resume';
  callId: string;
}

interface FakeCall {
  callerNumber: string;
  ivrChoice: IvrChoice;
  queuedAt: Date;
  agentId: string | null;
}

export class FakeHotline implements HotlineLink {
  readonly events = new TypedEventEmitter<CallEventMap>((error) => {
    throw error;
  });
  readonly commands: ControlCommand[] = [];
  readonly control: CallControl;
  connected = true;
  private readonly calls = new Map<string, FakeCall>();
  private pool: AgentPool | null = null;

  constructor() {
    const record = (command: ControlCommand['command']) => async (callId: string) => {
      if (!this.calls.has(callId)) throw new CallNotFoundError(callId);
      this.commands.push({ command, callId });
    };
    this.control = { hangup: record('hangup'), hold: record('hold'), resume: record('resume') };
  }

  /** The pool to reserve agents from, like `startHotline`'s second argument. */
  usePool(pool: AgentPool): void {
    this.pool = pool;
  }

  isConnected(): boolean {
    return this.connected;
  }

  async stop(): Promise<void> {
    this.events.removeAllListeners();
  }

  /** Emits the start, menu choice and queueing of a call. */
  startCall(callId: string, callerNumber: string, ivrChoice: IvrChoice = 'enterprise', queuedAt = new Date()): void {
    this.calls.set(callId, { callerNumber, ivrChoice, queuedAt, agentId: null });
    const startedAt = new Date(queuedAt.getTime() - 10_000);
    this.events.emit('call.started', { callId, channelId: `channel-${callId}`, callerNumber, callerName: '', calledNumber: '12345', startedAt });
    this.events.emit('call.menu', { callId, choice: ivrChoice, at: startedAt });
    this.events.emit('call.queued', { callId, skill: 'enterprise', position: 1, queuedAt });
  }

  /** Reserves an agent from the pool and rings it; returns the agent id, or null when none is ready. */
  offer(callId: string, offeredAt = new Date()): string | null {
    const call = this.require(callId);
    const target = this.pool?.reserve({ callId, skill: null }) ?? null;
    if (!target) return null;

    call.agentId = target.agentId;
    this.events.emit('call.offered', {
      callId,
      agentId: target.agentId,
      extension: target.extension,
      callerNumber: call.callerNumber,
      callerName: '',
      ivrChoice: call.ivrChoice,
      queuedAt: call.queuedAt,
      offeredAt,
    });
    return target.agentId;
  }

  endOffer(callId: string, outcome: Exclude<OfferOutcome, 'answered'>): void {
    const call = this.require(callId);
    const agentId = call.agentId!;
    call.agentId = null;
    this.pool?.release(agentId, callId, outcome);
    this.events.emit('call.offer-ended', { callId, agentId, outcome, at: new Date() });
  }

  answer(callId: string): void {
    const call = this.require(callId);
    this.pool?.release(call.agentId!, callId, 'answered');
    this.events.emit('call.answered', { callId, agentId: call.agentId!, bridgeId: `bridge-${callId}`, recordingName: `rec-${callId}`, answeredAt: new Date() });
  }

  hold(callId: string): void {
    this.events.emit('call.held', { callId, agentId: this.require(callId).agentId!, at: new Date() });
  }

  end(callId: string, endedBy: 'caller' | 'agent' | 'system' = 'caller'): void {
    const call = this.require(callId);
    this.calls.delete(callId);
    this.events.emit('call.ended', {
      callId,
      endedBy,
      phase: call.agentId ? 'talking' : 'queued',
      agentId: call.agentId,
      recordingName: call.agentId ? `rec-${callId}` : null,
      endedAt: new Date(),
    });
  }

  private require(callId: string): FakeCall {
    const call = this.calls.get(callId);
    if (!call) throw new Error(`fake hotline has no call ${callId}`);
    return call;
  }
}
