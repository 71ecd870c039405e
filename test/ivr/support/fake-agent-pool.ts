/**
 * A small `AgentPool` for call-control tests: agents with skills and a ready flag, longest-idle
 * first, and a record of every reserve and release.
 */
import type { AgentPool, AgentTarget, OfferOutcome } from '../../../ivr/contract';
import type { Skill } from '../../../server/domain/terms';

export interface FakeAgent {
  agentId: string;
  extension: string;
  skills: Skill[];
  state: 'ready' | 'not-ready' | 'ringing' | 'talking';
  /** Order in which agents became ready; the smallest is the longest idle. */
  idleSince: number;
  callId: string | null;
}

export class FakeAgentPool implements AgentPool {
  readonly agents = new Map<string, FakeAgent>();
  readonly reservations: { callId: string; skill: Skill | null; agentId: string | null }[] = [];
  readonly releases: { agentId: string; callId: string; outcome: OfferOutcome }[] = [];
  private readonly listeners = new Set<() => void>();
  private clock = 0;

  /** Adds an agent; ready agents are available at once, in the order they were added. */
  add(agentId: string, extension: string, skills: Skill[], ready = true): this {
    this.agents.set(agentId, { agentId, extension, skills, state: ready ? 'ready' : 'not-ready', idleSince: this.clock++, callId: null });
    return this;
  }

  /** Makes an agent ready and notifies the listeners, as an agent pressing "ready" does. */
  setReady(agentId: string): void {
    const agent = this.require(agentId);
    agent.state = 'ready';
    agent.idleSince = this.clock++;
    agent.callId = null;
    for (const listener of [...this.listeners]) listener();
  }

  reserve(request: { callId: string; skill: Skill | null }): AgentTarget | null {
    const candidates = [...this.agents.values()]
      .filter((agent) => agent.state === 'ready' && (request.skill === null || agent.skills.includes(request.skill)))
      .sort((a, b) => a.idleSince - b.idleSince);
    const agent = candidates[0] ?? null;
    this.reservations.push({ callId: request.callId, skill: request.skill, agentId: agent?.agentId ?? null });
    if (!agent) return null;

    agent.state = 'ringing';
    agent.callId = request.callId;
    return { agentId: agent.agentId, extension: agent.extension };
  }

  release(agentId: string, callId: string, outcome: OfferOutcome): void {
    this.releases.push({ agentId, callId, outcome });
    const agent = this.require(agentId);
    if (agent.callId !== callId) return;

    if (outcome === 'answered') {
      agent.state = 'talking';
      return;
    }
    // Ringing out or an unreachable phone makes the agent not ready (RONA); a caller who left does not.
    agent.state = outcome === 'caller-gone' ? 'ready' : 'not-ready';
    agent.callId = null;
    if (agent.state === 'ready') {
      agent.idleSince = this.clock++;
      for (const listener of [...this.listeners]) listener();
    }
  }

  onAvailable(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Releases of one call, in order. */
  releasesOf(callId: string): { agentId: string; outcome: OfferOutcome }[] {
    return this.releases.filter((release) => release.callId === callId).map(({ agentId, outcome }) => ({ agentId, outcome }));
  }

  private require(agentId: string): FakeAgent {
    const agent = this.agents.get(agentId);
    if (!agent) throw new Error(`unknown agent ${agentId}`);
    return agent;
  }
}
