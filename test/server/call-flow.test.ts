import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getCall } from '../../db/repositories';
import { DEMO_CALLER_NUMBER, DEMO_ENTERPRISES } from '../../db/seed/demo-data';
import type { AgentStatus } from '../../server/realtime/socket-events';
import { DIALECTS, nextEvent, request, startTestPlatform, type DeskClient, type TestPlatform } from './support/test-platform';

describe.each(DIALECTS)('calls at the agent desk on %s', (dialect) => {
  let test: TestPlatform;
  let token: string;
  let desktop: DeskClient;
  let callNumber = 0;

  beforeAll(async () => {
    test = await startTestPlatform(dialect, { disconnectGraceMs: 1000 });
    token = await test.login('agent1');
  });
  afterAll(async () => {
    await test?.stop();
  });
  afterEach(async () => {
    desktop?.disconnect();
  });

  /** Connects agent1's desktop and sets it ready; returns the status after that. */
  async function readyDesktop(): Promise<AgentStatus> {
    desktop = await test.connect(token);
    await nextEvent(desktop, 'agent:status');
    const reply = await request(desktop, 'agent:set-state', { state: 'ready' });
    expect(reply.ok).toBe(true);
    return reply.data;
  }

  function newCallId(): string {
    callNumber += 1;
    return `call-${dialect}-${callNumber}`;
  }

  it('pops the seeded enterprise and its earlier cases for a known number', async () => {
    await readyDesktop();
    const callId = newCallId();
    const queuedAt = new Date(Date.now() - 12_000);
    test.hotline.startCall(callId, DEMO_CALLER_NUMBER, 'enterprise', queuedAt);

    const popped = nextEvent(desktop, 'call:pop');
    expect(test.hotline.offer(callId, new Date(queuedAt.getTime() + 12_000))).toBe('agent1');
    const pop = await popped;

    expect(pop).toMatchObject({ callId, callerNumber: DEMO_CALLER_NUMBER, ivrChoice: 'enterprise', waitSeconds: 12, repeatCaller: true });
    expect(pop.enterprise).toMatchObject({ name: DEMO_ENTERPRISES[0].name, creditCode: DEMO_ENTERPRISES[0].creditCode, township: '绿洲街道' });
    expect(pop.earlierCases.map((summary) => summary.title)).toEqual([
      '夜间频繁停电影响冷库温度',
      '反映厂区供电增容申请一个月未答复',
      '建议简化特种设备使用登记的变更手续',
      '咨询冷库扩建项目备案需要哪些材料',
    ]);
    expect(pop.openCases.map((summary) => summary.state).sort()).toEqual(['dispatched', 'registered', 'signed']);

    test.hotline.end(callId);
    await nextEvent(desktop, 'agent:status', (status) => status.state === 'ready');
  });

  it('pops an unknown number without enterprise or cases', async () => {
    await readyDesktop();
    const callId = newCallId();
    test.hotline.startCall(callId, '13600000999', 'general');

    const popped = nextEvent(desktop, 'call:pop');
    test.hotline.offer(callId);
    const pop = await popped;

    expect(pop).toMatchObject({ callId, ivrChoice: 'general', enterprise: null, earlierCases: [], openCases: [], repeatCaller: false });
    test.hotline.end(callId);
  });

  it('shows a case registered while the caller waited', async () => {
    await readyDesktop();
    const callId = newCallId();
    const callerNumber = '13600000777';
    test.hotline.startCall(callId, callerNumber);
    const categories = await test.request('GET', '/api/categories', { token });
    const created = await test.request('POST', '/api/cases', {
      token,
      body: {
        channel: 'phone',
        kind: 'help',
        categoryId: categories.body[0].id,
        callerName: '赵女士',
        callerNumber,
        anonymous: false,
        confidential: false,
        title: '上一通电话登记的诉求',
        content: '来电人挂断后又立即来电。',
      },
    });
    expect(created.status).toBe(201);

    const popped = nextEvent(desktop, 'call:pop');
    test.hotline.offer(callId);
    const pop = await popped;

    expect(pop.earlierCases.map((summary) => summary.id)).toEqual([created.body.id]);
    expect(pop.openCases.map((summary) => summary.id)).toEqual([created.body.id]);
    test.hotline.endOffer(callId, 'caller-gone');
    test.hotline.end(callId);
  });

  it('goes ringing, talking, wrap-up and ready, and logs the call', async () => {
    await readyDesktop();
    const callId = newCallId();
    test.hotline.startCall(callId, '13600000001');

    const ringing = nextEvent(desktop, 'agent:status', (status) => status.state === 'ringing');
    const popped = nextEvent(desktop, 'call:pop');
    test.hotline.offer(callId);
    expect(await ringing).toMatchObject({ state: 'ringing', callId });
    await popped;

    const answered = nextEvent(desktop, 'call:answered');
    const talking = nextEvent(desktop, 'agent:status', (status) => status.state === 'talking');
    test.hotline.answer(callId);
    expect(await answered).toEqual({ callId });
    expect((await talking).pop?.callId).toBe(callId);

    expect(await request(desktop, 'call:hold', { callId })).toEqual({ ok: true });
    expect(test.hotline.commands).toContainEqual({ command: 'hold', callId });
    const held = nextEvent(desktop, 'call:held');
    test.hotline.hold(callId);
    expect(await held).toEqual({ callId });

    const ended = nextEvent(desktop, 'call:ended');
    const wrapUp = nextEvent(desktop, 'agent:status', (status) => status.state === 'wrap-up');
    test.hotline.end(callId, 'caller');
    expect(await ended).toEqual({ callId, endedBy: 'caller' });
    const wrapUpStatus = await wrapUp;
    expect(wrapUpStatus.callId).toBe(callId);
    expect(wrapUpStatus.wrapUpEndsAt).not.toBeNull();
    expect(wrapUpStatus.pop?.callId).toBe(callId);

    const ready = await request(desktop, 'agent:end-wrap-up', {});
    expect(ready).toMatchObject({ ok: true, data: { state: 'ready', callId: null, pop: null } });

    await waitForCallLog(callId, (call) => call.endedAt !== null);
    const call = await getCall(test.platform.db, callId);
    expect(call).toMatchObject({ ivrChoice: 'enterprise', skill: 'enterprise', endedBy: 'caller', endPhase: 'talking', bridgeId: `bridge-${callId}` });
    expect(call?.answeredAt).not.toBeNull();
    const offers = await test.platform.db.models.CallOffer.findAll({ where: { callId } });
    expect(offers.map((offer) => offer.outcome)).toEqual(['answered']);
  });

  it('hangs up the agent’s own call on request', async () => {
    await readyDesktop();
    const callId = newCallId();
    test.hotline.startCall(callId, '13600000002');
    test.hotline.offer(callId);
    test.hotline.answer(callId);
    await nextEvent(desktop, 'agent:status', (status) => status.state === 'talking');

    const reply = await request(desktop, 'call:hangup', { callId });

    expect(reply).toEqual({ ok: true });
    expect(test.hotline.commands).toContainEqual({ command: 'hangup', callId });
    test.hotline.end(callId, 'agent');
    await nextEvent(desktop, 'agent:status', (status) => status.state === 'wrap-up');
    await request(desktop, 'agent:end-wrap-up', {});
  });

  it('refuses to hang up a call that still rings', async () => {
    await readyDesktop();
    const callId = newCallId();
    test.hotline.startCall(callId, '13600000009');
    test.hotline.offer(callId);
    await nextEvent(desktop, 'agent:status', (status) => status.state === 'ringing');

    const reply = await request(desktop, 'call:hangup', { callId });

    expect(reply.ok).toBe(false);
    expect(reply.code).toBe('INVALID_STATE');
    expect(reply.message).toContain('在话机上拒接');
    expect(test.hotline.commands).not.toContainEqual({ command: 'hangup', callId });
    test.hotline.endOffer(callId, 'caller-gone');
  });

  it('sets the agent not ready after ringing out (RONA)', async () => {
    await readyDesktop();
    const callId = newCallId();
    test.hotline.startCall(callId, '13600000003');
    test.hotline.offer(callId);

    const offerEnded = nextEvent(desktop, 'call:offer-ended');
    const notReady = nextEvent(desktop, 'agent:status', (status) => status.state === 'not-ready');
    test.hotline.endOffer(callId, 'no-answer');

    expect(await offerEnded).toEqual({ callId, outcome: 'no-answer' });
    expect(await notReady).toMatchObject({ reason: 'no-answer', callId: null, pop: null });
    await waitForCallLog(callId, async () => (await test.platform.db.models.CallOffer.count({ where: { callId, outcome: 'no-answer' } })) === 1);
    test.hotline.end(callId);
  });

  it('returns the agent to ready when the caller hangs up while ringing', async () => {
    await readyDesktop();
    const callId = newCallId();
    test.hotline.startCall(callId, '13600000004');
    test.hotline.offer(callId);

    const offerEnded = nextEvent(desktop, 'call:offer-ended');
    test.hotline.endOffer(callId, 'caller-gone');

    expect(await offerEnded).toEqual({ callId, outcome: 'caller-gone' });
    expect(test.platform.agents.status('agent1')?.state).toBe('ready');
    test.hotline.end(callId);
  });

  it('shows the state and the pop again after a reconnect', async () => {
    await readyDesktop();
    const callId = newCallId();
    test.hotline.startCall(callId, DEMO_CALLER_NUMBER);
    const popped = nextEvent(desktop, 'call:pop');
    test.hotline.offer(callId);
    await popped;
    desktop.disconnect();

    desktop = await test.connect(token);
    const status = await nextEvent(desktop, 'agent:status');

    expect(status.state).toBe('ringing');
    expect(status.callId).toBe(callId);
    expect(status.pop?.enterprise?.name).toBe(DEMO_ENTERPRISES[0].name);
    test.hotline.endOffer(callId, 'caller-gone');
    test.hotline.end(callId);
  });

  it('goes offline when no desktop returns within the grace period', async () => {
    await readyDesktop();
    const offline = new Promise<AgentStatus>((resolve) => {
      const listener = (status: AgentStatus) => {
        if (status.agentId !== 'agent1' || status.state !== 'offline') return;
        test.platform.agents.off('status', listener);
        resolve(status);
      };
      test.platform.agents.on('status', listener);
    });

    desktop.disconnect();

    expect((await offline).state).toBe('offline');
    const callId = newCallId();
    test.hotline.startCall(callId, '13600000005');
    expect(test.hotline.offer(callId)).toBeNull();
    test.hotline.end(callId);
  });

  /** Polls the database until the call log satisfies `done`, because the log is written after the events. */
  async function waitForCallLog(callId: string, done: (call: NonNullable<Awaited<ReturnType<typeof getCall>>>) => boolean | Promise<boolean>) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const call = await getCall(test.platform.db, callId);
      if (call && (await done(call))) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`call log of ${callId} not written`);
  }
});
