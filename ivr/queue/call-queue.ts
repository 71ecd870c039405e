/**
 * The queue of calls waiting for an agent and the distribution of agents to them. Calls are
 * served first come, first served among those an available agent can take: each waiting call
 * in arrival order asks the `AgentPool` for an agent with its skill and, once it has waited
 * `skillFallbackMs`, for any agent. A call whose agent is ringing keeps its place but is not
 * offered to a second agent.
 */
import type { Logger } from 'pino';
import type { Skill } from '../../server/domain/terms';
import type { AgentPool, AgentTarget } from '../contract';

/** The queue's view of a waiting call; `CallSession` implements it. */
export interface QueueMember {
  readonly callId: string;
  readonly skill: Skill;
  /** Rings `agent`, who the pool reserved for this call. */
  offer(agent: AgentTarget): void;
  /** The call's place in the queue changed; 1 is next. */
  positionChanged(position: number): void;
}

interface Entry {
  member: QueueMember;
  /** An agent's phone rings for this call. */
  offering: boolean;
  /** The call waited long enough to be taken by an agent without its skill. */
  anySkill: boolean;
  fallbackTimer: NodeJS.Timeout | null;
  position: number;
}

export class CallQueue {
  private readonly entries: Entry[] = [];
  private unsubscribe: (() => void) | null = null;
  private dispatching = false;
  private dispatchAgain = false;
  /** Set while Asterisk is unreachable: ringing would fail and wrongly mark agents unreachable. */
  private paused = false;

  constructor(
    private readonly pool: AgentPool,
    /** Milliseconds a call waits for its skill before any agent may take it. */
    private readonly skillFallbackMs: number,
    private readonly logger: Logger,
  ) {}

  /** Starts listening for agents becoming available. */
  start(): void {
    this.unsubscribe ??= this.pool.onAvailable(() => this.dispatch());
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const entry of this.entries) this.clearFallback(entry);
    this.entries.length = 0;
  }

  /** Stops offering calls to agents until `resume`; calls still join and leave the queue. */
  pause(): void {
    this.paused = true;
  }

  /** Offers calls again and serves those that waited meanwhile. */
  resume(): void {
    this.paused = false;
    this.dispatch();
  }

  get size(): number {
    return this.entries.length;
  }

  /** Adds a call at the end of the queue and tries to serve it at once. */
  enqueue(member: QueueMember): void {
    if (this.find(member.callId)) return;

    const entry: Entry = { member, offering: false, anySkill: this.skillFallbackMs <= 0, fallbackTimer: null, position: 0 };
    if (!entry.anySkill) {
      entry.fallbackTimer = setTimeout(() => {
        entry.fallbackTimer = null;
        entry.anySkill = true;
        this.logger.info({ callId: member.callId, skill: member.skill }, 'call waited for its skill long enough; any agent may take it');
        this.dispatch();
      }, this.skillFallbackMs);
    }
    this.entries.push(entry);
    this.logger.info({ callId: member.callId, skill: member.skill, waiting: this.entries.length }, 'call queued');
    this.updatePositions();
    this.dispatch();
  }

  /** Takes a call out of the queue: answered, or gone. */
  remove(callId: string): void {
    const index = this.entries.findIndex((entry) => entry.member.callId === callId);
    if (index < 0) return;

    const [entry] = this.entries.splice(index, 1);
    this.clearFallback(entry!);
    this.updatePositions();
  }

  /** The agent rung for `callId` did not answer: the call waits again and the next agent is tried. */
  offerEnded(callId: string): void {
    const entry = this.find(callId);
    if (!entry) return;
    entry.offering = false;
    this.dispatch();
  }

  /** Position of a call, 1 being next; null when it is not queued. */
  position(callId: string): number | null {
    const index = this.entries.findIndex((entry) => entry.member.callId === callId);
    return index < 0 ? null : index + 1;
  }

  /**
   * Offers waiting calls to available agents, oldest call first. Runs again when an offer
   * triggers another dispatch meanwhile (for example a leg that failed at once).
   */
  dispatch(): void {
    if (this.paused) return;
    if (this.dispatching) {
      this.dispatchAgain = true;
      return;
    }
    this.dispatching = true;
    try {
      do {
        this.dispatchAgain = false;
        for (const entry of [...this.entries]) {
          if (!entry.offering && this.entries.includes(entry)) this.tryServe(entry);
        }
      } while (this.dispatchAgain);
    } finally {
      this.dispatching = false;
    }
  }

  private tryServe(entry: Entry): void {
    const { callId, skill } = entry.member;
    let agent: AgentTarget | null;
    try {
      agent = this.pool.reserve({ callId, skill });
      if (!agent && entry.anySkill) agent = this.pool.reserve({ callId, skill: null });
    } catch (error) {
      this.logger.error({ err: error, callId }, 'agent pool failed to reserve an agent');
      return;
    }
    if (!agent) return;

    entry.offering = true;
    this.logger.info({ callId, agentId: agent.agentId, extension: agent.extension, skill, anySkill: entry.anySkill }, 'agent reserved for call');
    try {
      entry.member.offer(agent);
    } catch (error) {
      this.logger.error({ err: error, callId, agentId: agent.agentId }, 'offering the call failed');
      entry.offering = false;
      this.pool.release(agent.agentId, callId, 'unreachable');
    }
  }

  private updatePositions(): void {
    this.entries.forEach((entry, index) => {
      const position = index + 1;
      if (entry.position === position) return;
      entry.position = position;
      try {
        entry.member.positionChanged(position);
      } catch (error) {
        this.logger.error({ err: error, callId: entry.member.callId }, 'position listener failed');
      }
    });
  }

  private find(callId: string): Entry | undefined {
    return this.entries.find((entry) => entry.member.callId === callId);
  }

  private clearFallback(entry: Entry): void {
    if (entry.fallbackTimer) clearTimeout(entry.fallbackTimer);
    entry.fallbackTimer = null;
  }
}
