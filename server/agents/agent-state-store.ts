/**
 * The one owner of agent states. Every transition between `AgentState`s happens in this file:
 * the desktop's requests, the call-control seam (`AgentPool`) and the call events all end up
 * here, and each change is emitted as `status` with the agent's `AgentStatus`.
 *
 * A state belongs to the agent, not to a socket: a desktop that reconnects finds its state and
 * its current screen pop again. When an agent's last desktop disconnects, the state is kept for
 * a grace period and then goes offline, unless the agent is in a call; then it goes offline
 * when that call ends.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { AgentPool, AgentTarget, OfferOutcome } from '../../ivr/contract';
import { AGENT_STATE_LABELS, type AgentState, type NotReadyReason, type Skill } from '../domain/terms';
import { invalidState, notFound } from '../errors';
import type { AgentStatus, ScreenPop } from '../realtime/socket-events';

/** An agent as the pool sees it: whom to ring and for which skills. */
export interface AgentProfile {
  agentId: string;
  /** The agent's user account, as stored with calls and cases. */
  userId: number;
  extension: string;
  skills: Skill[];
}

export interface AgentStateStoreOptions {
  logger: Logger;
  /** Milliseconds of wrap-up after a call before the agent goes ready by itself; 0 skips wrap-up. */
  wrapUpMs: number;
  /** Milliseconds an agent without a connected desktop keeps its state before going offline (default 120 000). */
  disconnectGraceMs?: number;
}

export interface AgentStateStoreEvents {
  status: [AgentStatus];
}

interface AgentRecord {
  profile: AgentProfile;
  state: AgentState;
  reason: NotReadyReason | null;
  since: Date;
  callId: string | null;
  wrapUpEndsAt: Date | null;
  pop: ScreenPop | null;
  /**
   * Position in the idle order, taken when the agent last became ready or finished wrap-up;
   * the lowest is the longest idle and rung first. A counter, not a time, so ties cannot occur.
   */
  idleOrder: number | null;
  connections: number;
  /** Set when the grace period ran out during a call: the agent goes offline when the call ends. */
  offlineAfterCall: boolean;
  wrapUpTimer: NodeJS.Timeout | null;
  graceTimer: NodeJS.Timeout | null;
}

/** States in which the agent's phone is busy with a call. */
const IN_CALL_STATES: readonly AgentState[] = ['ringing', 'talking'];

export class AgentStateStore extends EventEmitter<AgentStateStoreEvents> implements AgentPool {
  private readonly agents = new Map<string, AgentRecord>();
  private readonly availableListeners = new Set<() => void>();
  private nextIdleOrder = 1;
  private readonly logger: Logger;
  private readonly wrapUpMs: number;
  private readonly disconnectGraceMs: number;

  constructor(options: AgentStateStoreOptions) {
    super();
    this.logger = options.logger.child({ component: 'agent-state-store' });
    this.wrapUpMs = options.wrapUpMs;
    this.disconnectGraceMs = options.disconnectGraceMs ?? 120_000;
  }

  /** Adds an agent as offline, or updates the extension and skills of a known one. */
  upsertProfile(profile: AgentProfile): void {
    const known = this.agents.get(profile.agentId);
    if (known) {
      known.profile = { ...profile, skills: [...profile.skills] };
      return;
    }
    this.agents.set(profile.agentId, {
      profile: { ...profile, skills: [...profile.skills] },
      state: 'offline',
      reason: null,
      since: new Date(),
      callId: null,
      wrapUpEndsAt: null,
      pop: null,
      idleOrder: null,
      connections: 0,
      offlineAfterCall: false,
      wrapUpTimer: null,
      graceTimer: null,
    });
  }

  /** Returns the agent's status, or null for an unknown agent. */
  status(agentId: string): AgentStatus | null {
    const agent = this.agents.get(agentId);
    return agent ? toStatus(agent) : null;
  }

  /** Returns every known agent's status, ordered by agent id. */
  list(): AgentStatus[] {
    return [...this.agents.values()].map(toStatus).sort((a, b) => a.agentId.localeCompare(b.agentId));
  }

  /** Returns the agent's profile, or null for an unknown agent. */
  profile(agentId: string): AgentProfile | null {
    return this.agents.get(agentId)?.profile ?? null;
  }

  /**
   * Records that one of the agent's desktops connected. An offline agent becomes not ready (it
   * goes ready on request); any other state is kept, so a reconnect changes nothing.
   */
  connect(agentId: string): AgentStatus {
    const agent = this.require(agentId);
    agent.connections += 1;
    this.clearGraceTimer(agent);
    agent.offlineAfterCall = false;

    if (agent.state === 'offline') {
      this.transition(agent, 'not-ready', { reason: null });
    }
    return toStatus(agent);
  }

  /** Records that one of the agent's desktops disconnected; the last one starts the grace period. */
  disconnect(agentId: string): void {
    const agent = this.agents.get(agentId);
    if (!agent || agent.connections === 0) return;

    agent.connections -= 1;
    if (agent.connections > 0 || agent.state === 'offline') return;

    this.logger.info({ agentId, state: agent.state, graceMs: this.disconnectGraceMs }, 'last desktop disconnected, grace period started');
    agent.graceTimer = setTimeout(() => this.endGracePeriod(agent), this.disconnectGraceMs);
    agent.graceTimer.unref();
  }

  /**
   * Sets ready or not ready at the agent's request. Allowed from ready, not ready and wrap-up
   * (ready ends wrap-up early); throws INVALID_STATE while the phone rings or the agent talks.
   */
  requestState(agentId: string, state: 'ready' | 'not-ready', reason: NotReadyReason | null = null): AgentStatus {
    const agent = this.require(agentId);
    if (!['ready', 'not-ready', 'wrap-up'].includes(agent.state)) {
      throw invalidState(`当前状态为“${AGENT_STATE_LABELS[agent.state]}”，不能切换为“${AGENT_STATE_LABELS[state]}”`);
    }

    if (state === 'ready') {
      if (agent.state !== 'ready') this.transition(agent, 'ready', { resetIdle: true });
    } else {
      this.transition(agent, 'not-ready', { reason: reason ?? 'other' });
    }
    return toStatus(agent);
  }

  /** Ends wrap-up early and sets the agent ready; throws INVALID_STATE outside wrap-up. */
  endWrapUp(agentId: string): AgentStatus {
    const agent = this.require(agentId);
    if (agent.state !== 'wrap-up') {
      throw invalidState('当前不在话后整理状态');
    }
    this.finishWrapUp(agent);
    return toStatus(agent);
  }

  /** Reserves the longest-idle ready agent with `skill` (any ready agent when null) and sets it ringing. */
  reserve(request: { callId: string; skill: Skill | null }): AgentTarget | null {
    let chosen: AgentRecord | null = null;
    for (const agent of this.agents.values()) {
      if (agent.state !== 'ready') continue;
      if (request.skill !== null && !agent.profile.skills.includes(request.skill)) continue;
      if (!chosen || idleOrder(agent) < idleOrder(chosen)) chosen = agent;
    }
    if (!chosen) return null;

    this.transition(chosen, 'ringing', { callId: request.callId });
    return { agentId: chosen.profile.agentId, extension: chosen.profile.extension };
  }

  /**
   * Moves a reserved agent on after ringing: answered → talking; no answer (RONA) and an
   * unreachable phone → not ready; caller gone → ready again with its idle time kept.
   * A release for a call the agent is no longer ringing for is logged and ignored.
   */
  release(agentId: string, callId: string, outcome: OfferOutcome): void {
    const agent = this.agents.get(agentId);
    if (!agent || agent.callId !== callId || agent.state !== 'ringing') {
      this.logger.warn({ agentId, callId, outcome, state: agent?.state }, 'release ignored: agent is not ringing for this call');
      return;
    }

    switch (outcome) {
      case 'answered':
        this.transition(agent, 'talking', { callId });
        return;
      case 'no-answer':
        this.transition(agent, 'not-ready', { reason: 'no-answer' });
        return;
      case 'unreachable':
        this.transition(agent, 'not-ready', { reason: 'other' });
        return;
      case 'caller-gone':
        this.transition(agent, 'ready');
        return;
    }
  }

  /** Records that the agent answered; the same as `release(…, 'answered')` and harmless if that came first. */
  callAnswered(agentId: string, callId: string): void {
    const agent = this.agents.get(agentId);
    if (agent?.callId === callId && agent.state === 'ringing') this.release(agentId, callId, 'answered');
  }

  /**
   * Records that the agent's call ended: wrap-up (then ready by itself), or offline when the
   * desktop's grace period ran out during the call. A call that ends while still ringing counts
   * as `caller-gone`.
   */
  callEnded(agentId: string, callId: string): void {
    const agent = this.agents.get(agentId);
    if (!agent || agent.callId !== callId) return;

    if (agent.state === 'ringing') {
      this.release(agentId, callId, 'caller-gone');
      return;
    }
    if (agent.state !== 'talking') return;

    if (agent.offlineAfterCall) {
      this.transition(agent, 'offline');
      return;
    }
    if (this.wrapUpMs === 0) {
      this.transition(agent, 'ready', { resetIdle: true });
      return;
    }

    const endsAt = new Date(Date.now() + this.wrapUpMs);
    this.transition(agent, 'wrap-up', { callId, wrapUpEndsAt: endsAt });
    agent.wrapUpTimer = setTimeout(() => this.finishWrapUp(agent), this.wrapUpMs);
    agent.wrapUpTimer.unref();
  }

  /** Stores the pop of the call the agent is ringing for, so a reconnecting desktop gets it again. */
  attachPop(agentId: string, pop: ScreenPop): boolean {
    const agent = this.agents.get(agentId);
    if (!agent || agent.callId !== pop.callId) return false;
    agent.pop = pop;
    return true;
  }

  /** Returns the id of the call the agent is ringing for, talking on or wrapping up, or null. */
  currentCallId(agentId: string): string | null {
    return this.agents.get(agentId)?.callId ?? null;
  }

  onAvailable(listener: () => void): () => void {
    this.availableListeners.add(listener);
    return () => {
      this.availableListeners.delete(listener);
    };
  }

  /** Cancels every timer; the store keeps its states but changes nothing by itself afterwards. */
  close(): void {
    for (const agent of this.agents.values()) {
      this.clearWrapUpTimer(agent);
      this.clearGraceTimer(agent);
    }
    this.availableListeners.clear();
  }

  private require(agentId: string): AgentRecord {
    const agent = this.agents.get(agentId);
    if (!agent) throw notFound(`坐席 ${agentId} `);
    return agent;
  }

  private finishWrapUp(agent: AgentRecord): void {
    if (agent.state !== 'wrap-up') return;
    this.transition(agent, 'ready', { resetIdle: true });
  }

  private endGracePeriod(agent: AgentRecord): void {
    agent.graceTimer = null;
    if (agent.connections > 0) return;

    if (IN_CALL_STATES.includes(agent.state)) {
      this.logger.info({ agentId: agent.profile.agentId, callId: agent.callId }, 'grace period over during a call, offline after it');
      agent.offlineAfterCall = true;
      return;
    }
    this.transition(agent, 'offline');
  }

  /**
   * The single place where an agent's state changes. It sets the fields that belong to the
   * new state, clears the ones that do not, logs and emits the new status.
   */
  private transition(
    agent: AgentRecord,
    state: AgentState,
    details: { reason?: NotReadyReason | null; callId?: string; wrapUpEndsAt?: Date; resetIdle?: boolean } = {},
  ): void {
    const from = agent.state;
    const now = new Date();
    this.clearWrapUpTimer(agent);

    agent.state = state;
    agent.since = now;
    agent.reason = state === 'not-ready' ? (details.reason ?? null) : null;
    agent.wrapUpEndsAt = state === 'wrap-up' ? (details.wrapUpEndsAt ?? null) : null;

    const keepsCall = state === 'ringing' || state === 'talking' || state === 'wrap-up';
    const callId = keepsCall ? (details.callId ?? agent.callId) : null;
    if (callId !== agent.callId) agent.pop = null;
    agent.callId = callId;

    if (state === 'ready' && (details.resetIdle || agent.idleOrder === null)) agent.idleOrder = this.nextIdleOrder++;
    if (state === 'offline') {
      agent.idleOrder = null;
      agent.offlineAfterCall = false;
    }

    this.logger.info({ agentId: agent.profile.agentId, from, to: state, reason: agent.reason, callId: agent.callId }, 'agent state changed');
    this.emit('status', toStatus(agent));
    if (state === 'ready') this.notifyAvailable();
  }

  private notifyAvailable(): void {
    for (const listener of [...this.availableListeners]) {
      try {
        listener();
      } catch (error) {
        this.logger.error({ err: error }, 'agent-available listener failed');
      }
    }
  }

  private clearWrapUpTimer(agent: AgentRecord): void {
    if (agent.wrapUpTimer) clearTimeout(agent.wrapUpTimer);
    agent.wrapUpTimer = null;
  }

  private clearGraceTimer(agent: AgentRecord): void {
    if (agent.graceTimer) clearTimeout(agent.graceTimer);
    agent.graceTimer = null;
  }
}

function idleOrder(agent: AgentRecord): number {
  return agent.idleOrder ?? Number.POSITIVE_INFINITY;
}

function toStatus(agent: AgentRecord): AgentStatus {
  return {
    agentId: agent.profile.agentId,
    state: agent.state,
    reason: agent.reason,
    since: agent.since.toISOString(),
    callId: agent.callId,
    wrapUpEndsAt: agent.wrapUpEndsAt?.toISOString() ?? null,
    pop: agent.pop,
  };
}
