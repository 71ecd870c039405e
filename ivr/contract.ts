/**
 * The seam between call control (`ivr/`) and the rest of the platform.
 *
 * Call control emits `CallEventMap` events and accepts `CallControl` commands; it asks an
 * `AgentPool` (implemented by the server's agent state store) which agent to ring. Nothing
 * here knows about HTTP, sockets or the database.
 */
import type { CallParty, IvrChoice, Skill } from '../server/domain/terms';

/** Phase of a call from the platform's point of view. */
export type CallPhase = 'ivr' | 'queued' | 'offered' | 'talking' | 'held' | 'ended';

/** Outcome of ringing one agent. */
export type OfferOutcome = 'answered' | 'no-answer' | 'unreachable' | 'caller-gone';

export interface CallEventMap {
  /** The inbound channel entered the application and was answered. */
  'call.started': { callId: string; channelId: string; callerNumber: string; callerName: string; calledNumber: string; startedAt: Date };
  /** The IVR menu finished with this choice. */
  'call.menu': { callId: string; choice: IvrChoice; at: Date };
  /** The caller entered the queue, or moved in it; `position` starts at 1. */
  'call.queued': { callId: string; skill: Skill; position: number; queuedAt: Date };
  /** An agent's phone started ringing for this call: the moment of the screen pop. */
  'call.offered': {
    callId: string;
    agentId: string;
    extension: string;
    callerNumber: string;
    callerName: string;
    ivrChoice: IvrChoice;
    queuedAt: Date;
    offeredAt: Date;
  };
  /** Ringing an agent ended without the call being answered by that agent. */
  'call.offer-ended': { callId: string; agentId: string; outcome: Exclude<OfferOutcome, 'answered'>; at: Date };
  /** Caller and agent are joined in a mixing bridge and the bridge is being recorded. */
  'call.answered': { callId: string; agentId: string; bridgeId: string; recordingName: string | null; answeredAt: Date };
  'call.held': { callId: string; agentId: string; at: Date };
  'call.resumed': { callId: string; agentId: string; at: Date };
  /** The call is over; `phase` is where it was when it ended. */
  'call.ended': { callId: string; endedBy: CallParty; phase: CallPhase; agentId: string | null; recordingName: string | null; endedAt: Date };
}
export type CallEventName = keyof CallEventMap;

/** Agent to ring: the pool chooses, call control dials `extension` through the configured template. */
export interface AgentTarget {
  agentId: string;
  extension: string;
}

/**
 * The agents that call control may ring. The server's agent state store implements it so that
 * agent states have one owner.
 */
export interface AgentPool {
  /**
   * Reserves the longest-idle ready agent that has `skill` (any ready agent when `skill` is null)
   * and marks it ringing for `callId`. Returns null when no such agent is ready.
   */
  reserve(request: { callId: string; skill: Skill | null }): AgentTarget | null;
  /** Reports how ringing a reserved agent ended, so the pool can move the agent on. */
  release(agentId: string, callId: string, outcome: OfferOutcome): void;
  /** Calls `listener` whenever an agent may have become available; returns the unsubscribe function. */
  onAvailable(listener: () => void): () => void;
}

/** Commands the platform sends to call control. Each rejects with `CallNotFoundError` for an unknown call. */
export interface CallControl {
  hangup(callId: string, by: CallParty): Promise<void>;
  hold(callId: string): Promise<void>;
  resume(callId: string): Promise<void>;
}

export class CallNotFoundError extends Error {
  readonly code = 'CALL_NOT_FOUND';
  constructor(readonly callId: string) {
    super(`call ${callId} not found`);
    this.name = 'CallNotFoundError';
  }
}

/** A command that the call's current phase does not allow, such as holding a call that is not in a talk. */
export class CallStateError extends Error {
  readonly code = 'CALL_INVALID_STATE';
  constructor(
    readonly callId: string,
    readonly phase: CallPhase,
    readonly command: string,
  ) {
    super(`call ${callId} cannot ${command} while ${phase}`);
    this.name = 'CallStateError';
  }
}
