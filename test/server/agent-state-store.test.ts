import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentStateStore, type AgentStateStoreOptions } from '../../server/agents/agent-state-store';
import type { AgentStatus } from '../../server/realtime/socket-events';

const logger = pino({ level: 'silent' });
const stores: AgentStateStore[] = [];

function createStore(options: Partial<AgentStateStoreOptions> = {}): AgentStateStore {
  const store = new AgentStateStore({ logger, wrapUpMs: 60_000, disconnectGraceMs: 60_000, ...options });
  store.upsertProfile({ agentId: '8001', userId: 1, extension: '8001', skills: ['enterprise', 'general'] });
  store.upsertProfile({ agentId: '8002', userId: 2, extension: '8002', skills: ['general'] });
  stores.push(store);
  return store;
}

/** Resolves with the next status of `agentId` that is in `state`. */
function nextStatus(store: AgentStateStore, agentId: string, state: AgentStatus['state']): Promise<AgentStatus> {
  return new Promise((resolve) => {
    const listener = (status: AgentStatus) => {
      if (status.agentId !== agentId || status.state !== state) return;
      store.off('status', listener);
      resolve(status);
    };
    store.on('status', listener);
  });
}

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

describe('agent state store', () => {
  it('starts every agent offline and not ready after connecting', () => {
    const store = createStore();
    expect(store.status('8001')?.state).toBe('offline');

    const status = store.connect('8001');

    expect(status.state).toBe('not-ready');
    expect(status.reason).toBeNull();
  });

  it('goes ready, ringing, talking, wrap-up and ready again', async () => {
    const store = createStore({ wrapUpMs: 20 });
    store.connect('8001');
    store.requestState('8001', 'ready');

    const target = store.reserve({ callId: 'c1', skill: 'enterprise' });
    expect(target).toEqual({ agentId: '8001', extension: '8001' });
    expect(store.status('8001')?.state).toBe('ringing');
    expect(store.status('8001')?.callId).toBe('c1');

    store.release('8001', 'c1', 'answered');
    expect(store.status('8001')?.state).toBe('talking');

    const ready = nextStatus(store, '8001', 'ready');
    store.callEnded('8001', 'c1');
    const wrapUp = store.status('8001');
    expect(wrapUp?.state).toBe('wrap-up');
    expect(wrapUp?.callId).toBe('c1');
    expect(wrapUp?.wrapUpEndsAt).not.toBeNull();

    const after = await ready;
    expect(after.callId).toBeNull();
    expect(after.wrapUpEndsAt).toBeNull();
  });

  it('ends wrap-up early on request', () => {
    const store = createStore();
    store.connect('8001');
    store.requestState('8001', 'ready');
    store.reserve({ callId: 'c1', skill: null });
    store.release('8001', 'c1', 'answered');
    store.callEnded('8001', 'c1');

    const status = store.endWrapUp('8001');

    expect(status.state).toBe('ready');
  });

  it('refuses to end wrap-up outside wrap-up', () => {
    const store = createStore();
    store.connect('8001');

    expect(() => store.endWrapUp('8001')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('refuses ready or not ready while ringing or talking', () => {
    const store = createStore();
    store.connect('8001');
    store.requestState('8001', 'ready');
    store.reserve({ callId: 'c1', skill: null });

    expect(() => store.requestState('8001', 'not-ready', 'break')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    store.release('8001', 'c1', 'answered');
    expect(() => store.requestState('8001', 'ready')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('sets an agent not ready with reason no-answer after RONA', () => {
    const store = createStore();
    store.connect('8001');
    store.requestState('8001', 'ready');
    store.reserve({ callId: 'c1', skill: null });

    store.release('8001', 'c1', 'no-answer');

    const status = store.status('8001');
    expect(status?.state).toBe('not-ready');
    expect(status?.reason).toBe('no-answer');
    expect(status?.callId).toBeNull();
  });

  it('sets an agent with an unreachable phone not ready', () => {
    const store = createStore();
    store.connect('8001');
    store.requestState('8001', 'ready');
    store.reserve({ callId: 'c1', skill: null });

    store.release('8001', 'c1', 'unreachable');

    expect(store.status('8001')?.state).toBe('not-ready');
  });

  it('keeps the idle time of an agent whose caller hung up while ringing', () => {
    const store = createStore();
    store.connect('8001');
    store.connect('8002');
    store.requestState('8001', 'ready');
    store.requestState('8002', 'ready');

    expect(store.reserve({ callId: 'c1', skill: null })?.agentId).toBe('8001');
    store.release('8001', 'c1', 'caller-gone');
    expect(store.status('8001')?.state).toBe('ready');

    expect(store.reserve({ callId: 'c2', skill: null })?.agentId).toBe('8001');
  });

  it('reserves the longest-idle ready agent with the skill', () => {
    const store = createStore();
    store.connect('8001');
    store.connect('8002');
    store.requestState('8002', 'ready');
    store.requestState('8001', 'ready');

    expect(store.reserve({ callId: 'c1', skill: 'general' })?.agentId).toBe('8002');
    expect(store.reserve({ callId: 'c2', skill: 'general' })?.agentId).toBe('8001');
    expect(store.reserve({ callId: 'c3', skill: 'general' })).toBeNull();
  });

  it('reserves no agent without the requested skill', () => {
    const store = createStore();
    store.connect('8002');
    store.requestState('8002', 'ready');

    expect(store.reserve({ callId: 'c1', skill: 'enterprise' })).toBeNull();
    expect(store.status('8002')?.state).toBe('ready');
  });

  it('puts an agent back in the idle order after wrap-up', () => {
    const store = createStore({ wrapUpMs: 0 });
    store.connect('8001');
    store.connect('8002');
    store.requestState('8001', 'ready');
    store.requestState('8002', 'ready');
    store.reserve({ callId: 'c1', skill: null });
    store.release('8001', 'c1', 'answered');

    store.callEnded('8001', 'c1');

    expect(store.status('8001')?.state).toBe('ready');
    expect(store.reserve({ callId: 'c2', skill: null })?.agentId).toBe('8002');
  });

  it('ignores a release for a call the agent is not ringing for', () => {
    const store = createStore();
    store.connect('8001');
    store.requestState('8001', 'ready');
    store.reserve({ callId: 'c1', skill: null });

    store.release('8001', 'other-call', 'no-answer');

    expect(store.status('8001')?.state).toBe('ringing');
  });

  it('tells listeners when an agent becomes ready', () => {
    const store = createStore();
    let calls = 0;
    const unsubscribe = store.onAvailable(() => {
      calls += 1;
    });
    store.connect('8001');
    store.requestState('8001', 'ready');
    unsubscribe();
    store.requestState('8001', 'not-ready', 'meal');
    store.requestState('8001', 'ready');

    expect(calls).toBe(1);
  });

  it('keeps the state across a reconnect within the grace period', () => {
    const store = createStore();
    store.connect('8001');
    store.requestState('8001', 'not-ready', 'meeting');
    store.disconnect('8001');

    const status = store.connect('8001');

    expect(status.state).toBe('not-ready');
    expect(status.reason).toBe('meeting');
  });

  it('goes offline when the grace period ends', async () => {
    const store = createStore({ disconnectGraceMs: 20 });
    store.connect('8001');
    store.requestState('8001', 'ready');
    const offline = nextStatus(store, '8001', 'offline');

    store.disconnect('8001');

    expect((await offline).state).toBe('offline');
    expect(store.reserve({ callId: 'c1', skill: null })).toBeNull();
  });

  it('goes offline only after the call when the grace period ends during it', async () => {
    const store = createStore({ disconnectGraceMs: 10 });
    store.connect('8001');
    store.requestState('8001', 'ready');
    store.reserve({ callId: 'c1', skill: null });
    store.release('8001', 'c1', 'answered');
    store.disconnect('8001');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.status('8001')?.state).toBe('talking');

    store.callEnded('8001', 'c1');

    expect(store.status('8001')?.state).toBe('offline');
  });

  it('stays online while another desktop of the agent is connected', async () => {
    const store = createStore({ disconnectGraceMs: 10 });
    store.connect('8001');
    store.connect('8001');
    store.disconnect('8001');
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(store.status('8001')?.state).toBe('not-ready');
  });

  it('keeps the pop of the current call until the call is over', () => {
    const store = createStore({ wrapUpMs: 0 });
    store.connect('8001');
    store.requestState('8001', 'ready');
    store.reserve({ callId: 'c1', skill: null });
    const pop = {
      callId: 'c1',
      callerNumber: '13800000000',
      callerName: '',
      ivrChoice: 'enterprise' as const,
      waitSeconds: 3,
      enterprise: null,
      earlierCases: [],
      openCases: [],
      repeatCaller: false,
      offeredAt: new Date().toISOString(),
    };

    expect(store.attachPop('8001', { ...pop, callId: 'other' })).toBe(false);
    expect(store.attachPop('8001', pop)).toBe(true);
    store.release('8001', 'c1', 'answered');
    expect(store.status('8001')?.pop).toEqual(pop);

    store.callEnded('8001', 'c1');
    expect(store.status('8001')?.pop).toBeNull();
  });
});
