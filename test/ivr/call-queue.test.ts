import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentTarget } from '../../ivr/contract';
import { CallQueue, type QueueMember } from '../../ivr/queue/call-queue';
import type { Skill } from '../../server/domain/terms';
import { FakeAgentPool } from './support/fake-agent-pool';

const logger = pino({ level: 'silent' });

class Member implements QueueMember {
  readonly offers: AgentTarget[] = [];
  readonly positions: number[] = [];
  constructor(
    readonly callId: string,
    readonly skill: Skill,
  ) {}
  offer(agent: AgentTarget): void {
    this.offers.push(agent);
  }
  positionChanged(position: number): void {
    this.positions.push(position);
  }
}

describe('CallQueue', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('offers the longest-idle agent with the skill', () => {
    const pool = new FakeAgentPool().add('a1', '8001', ['general']).add('a2', '8002', ['enterprise']).add('a3', '8003', ['enterprise']);
    const queue = new CallQueue(pool, 30_000, logger);
    queue.start();
    const call = new Member('c1', 'enterprise');

    queue.enqueue(call);

    expect(call.offers).toEqual([{ agentId: 'a2', extension: '8002' }]);
    queue.stop();
  });

  it('serves calls first come first served', () => {
    const pool = new FakeAgentPool().add('a1', '8001', ['general'], false);
    const queue = new CallQueue(pool, 30_000, logger);
    queue.start();
    const first = new Member('c1', 'general');
    const second = new Member('c2', 'general');
    queue.enqueue(first);
    queue.enqueue(second);

    pool.setReady('a1');

    expect(first.offers.map((offer) => offer.agentId)).toEqual(['a1']);
    expect(second.offers).toEqual([]);
    queue.stop();
  });

  it('lets a later call take an agent the first call cannot use', () => {
    const pool = new FakeAgentPool().add('a1', '8001', ['general'], false);
    const queue = new CallQueue(pool, 30_000, logger);
    queue.start();
    const enterpriseCall = new Member('c1', 'enterprise');
    const generalCall = new Member('c2', 'general');
    queue.enqueue(enterpriseCall);
    queue.enqueue(generalCall);

    pool.setReady('a1');

    expect(enterpriseCall.offers).toEqual([]);
    expect(generalCall.offers.map((offer) => offer.agentId)).toEqual(['a1']);
    queue.stop();
  });

  it('asks for any agent after the skill fallback time', () => {
    vi.useFakeTimers();
    const pool = new FakeAgentPool().add('a1', '8001', ['general']);
    const queue = new CallQueue(pool, 30_000, logger);
    queue.start();
    const call = new Member('c1', 'enterprise');
    queue.enqueue(call);
    expect(call.offers).toEqual([]);

    vi.advanceTimersByTime(30_000);

    expect(call.offers.map((offer) => offer.agentId)).toEqual(['a1']);
    expect(pool.reservations.at(-1)).toEqual({ callId: 'c1', skill: null, agentId: 'a1' });
    queue.stop();
  });

  it('does not offer a call twice while an agent rings', () => {
    const pool = new FakeAgentPool().add('a1', '8001', ['general']).add('a2', '8002', ['general'], false);
    const queue = new CallQueue(pool, 30_000, logger);
    queue.start();
    const call = new Member('c1', 'general');
    queue.enqueue(call);

    pool.setReady('a2');

    expect(call.offers.map((offer) => offer.agentId)).toEqual(['a1']);
    queue.stop();
  });

  it('tries the next agent after an offer ended', () => {
    const pool = new FakeAgentPool().add('a1', '8001', ['general']).add('a2', '8002', ['general']);
    const queue = new CallQueue(pool, 30_000, logger);
    queue.start();
    const call = new Member('c1', 'general');
    queue.enqueue(call);

    pool.release('a1', 'c1', 'no-answer');
    queue.offerEnded('c1');

    expect(call.offers.map((offer) => offer.agentId)).toEqual(['a1', 'a2']);
    queue.stop();
  });

  it('reports positions as calls leave', () => {
    const pool = new FakeAgentPool();
    const queue = new CallQueue(pool, 30_000, logger);
    const first = new Member('c1', 'general');
    const second = new Member('c2', 'general');
    queue.enqueue(first);
    queue.enqueue(second);

    queue.remove('c1');

    expect(first.positions).toEqual([1]);
    expect(second.positions).toEqual([2, 1]);
    expect(queue.position('c2')).toBe(1);
    expect(queue.position('c1')).toBeNull();
    queue.stop();
  });

  it('offers nothing while paused', () => {
    const pool = new FakeAgentPool().add('a1', '8001', ['general'], false);
    const queue = new CallQueue(pool, 30_000, logger);
    queue.start();
    const call = new Member('c1', 'general');
    queue.enqueue(call);
    queue.pause();

    pool.setReady('a1');
    expect(call.offers).toEqual([]);
    queue.resume();

    expect(call.offers.map((offer) => offer.agentId)).toEqual(['a1']);
    queue.stop();
  });

  it('keeps serving when the pool throws', () => {
    const pool = new FakeAgentPool().add('a1', '8001', ['general']);
    const reserve = vi.spyOn(pool, 'reserve').mockImplementationOnce(() => {
      throw new Error('store unavailable');
    });
    const queue = new CallQueue(pool, 30_000, logger);
    queue.start();
    const call = new Member('c1', 'general');

    queue.enqueue(call);
    expect(call.offers).toEqual([]);
    queue.dispatch();

    expect(call.offers.map((offer) => offer.agentId)).toEqual(['a1']);
    expect(reserve).toHaveBeenCalledTimes(2);
    queue.stop();
  });
});
