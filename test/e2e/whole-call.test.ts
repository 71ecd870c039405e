/**
 * Whole calls from the carrier trunk to a saved case: the simulator plays Asterisk, the
 * platform runs its real call control, agents are socket.io desktops. Every test runs on
 * SQLite and on MariaDB.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCall, getCase } from '../../db/repositories';
import { DEMO_CALLER_NUMBER } from '../../db/seed/demo-data';
import { ask, DIALECTS, eventually, nextEvent, receivedEvents, startSimPlatform, type SimPlatform } from './support/sim-platform';

describe.each(DIALECTS)('whole calls on %s', (dialect) => {
  let hotline: SimPlatform;

  beforeEach(async () => {
    hotline = await startSimPlatform(dialect);
  });

  afterEach(async () => {
    await hotline.stop();
  });

  it('pops the caller on the agent desk and saves a case linked to the recorded call', async () => {
    const phone = hotline.sim.addPhone({ extension: '8001', answer: 'manual' });
    const desk = await hotline.desk('agent1');
    expect((await ask(desk, 'agent:set-state', { state: 'ready' })).ok).toBe(true);

    const caller = await hotline.sim.dial({ from: DEMO_CALLER_NUMBER, name: '周建国' });
    await caller.waitFor('PlaybackStarted');
    caller.sendDtmf('1');

    const pop = await nextEvent(desk, 'call:pop');
    expect(pop.callerNumber).toBe(DEMO_CALLER_NUMBER);
    expect(pop.ivrChoice).toBe('enterprise');
    expect(pop.enterprise?.name).toBe('民权县葵丘制冷配件有限公司');
    expect(pop.earlierCases.length).toBeGreaterThan(0);
    expect(pop.openCases.every((open) => pop.earlierCases.some((earlier) => earlier.caseNo === open.caseNo))).toBe(true);
    await eventually(() => phone.isRinging, 5_000, 'agent phone ringing');

    phone.answer();
    await nextEvent(desk, 'call:answered', (event) => event.callId === pop.callId);
    await caller.waitFor('recording');
    const talkBridge = hotline.sim.bridges().find((bridge) => bridge.bridge_type === 'mixing');
    expect(talkBridge?.channels).toContain(caller.channelId);
    expect(talkBridge?.channels).toHaveLength(2);

    const token = await hotline.login('agent1');
    const saved = await hotline.api('POST', '/api/cases', {
      token,
      body: {
        channel: 'phone',
        kind: 'help',
        categoryId: (await hotline.api('GET', '/api/categories', { token })).body[0].id,
        enterpriseId: pop.enterprise!.id,
        callerName: '周建国',
        callerNumber: pop.callerNumber,
        anonymous: false,
        confidential: false,
        title: '办理排污许可证咨询',
        content: '企业新建冷库，咨询排污许可证办理需要的材料和时限。',
        callId: pop.callId,
      },
    });
    expect(saved.status).toBe(201);
    expect(saved.body.caseNo).toMatch(/^MQ\d{8}\d{4}$/);

    await caller.hangup();
    await nextEvent(desk, 'call:ended', (event) => event.callId === pop.callId);

    const stored = await getCase(hotline.platform.db, saved.body.id);
    expect(stored?.callId).toBe(pop.callId);
    expect(stored?.content).toBe('企业新建冷库，咨询排污许可证办理需要的材料和时限。');
    await eventually(async () => (await getCall(hotline.platform.db, pop.callId))?.endedAt != null, 5_000, 'call record ended');
    const call = await getCall(hotline.platform.db, pop.callId);
    expect(call?.answeredAt).not.toBeNull();
    expect(call?.endedBy).toBe('caller');
    expect(call?.endPhase).toBe('talking');
    expect(call?.recordingName).toBeTruthy();
    await eventually(() => hotline.sim.storedRecordings().some((recording) => recording.name === call!.recordingName), 5_000, 'recording stored');
  });

  it('rings the next agent and sets the first not ready when it does not answer', async () => {
    hotline.sim.addPhone({ extension: '8003', answer: 'never' });
    const second = hotline.sim.addPhone({ extension: '8001', answer: 'manual' });
    const silent = await hotline.desk('agent3');
    expect((await ask(silent, 'agent:set-state', { state: 'ready' })).ok).toBe(true);
    // agent3 became ready first, so it is the longest idle and rings first.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const answering = await hotline.desk('agent1');
    expect((await ask(answering, 'agent:set-state', { state: 'ready' })).ok).toBe(true);

    const caller = await hotline.sim.dial({ from: '13700000011' });
    await caller.waitFor('PlaybackStarted');
    caller.sendDtmf('1');

    const firstPop = await nextEvent(silent, 'call:pop');
    const offerEnded = await nextEvent(silent, 'call:offer-ended', (event) => event.callId === firstPop.callId);
    expect(offerEnded.outcome).toBe('no-answer');
    await nextEvent(silent, 'agent:status', (status) => status.state === 'not-ready' && status.reason === 'no-answer');

    const secondPop = await nextEvent(answering, 'call:pop');
    expect(secondPop.callId).toBe(firstPop.callId);
    await eventually(() => second.isRinging, 5_000, 'second agent phone ringing');
    second.answer();
    await nextEvent(answering, 'call:answered');
    await caller.hangup();
  });

  it('keeps the caller waiting until an agent becomes ready', async () => {
    hotline.sim.addPhone({ extension: '8002', answer: 'auto' });
    const desk = await hotline.desk('agent2');

    const caller = await hotline.sim.dial({ from: '13700000012' });
    await caller.waitFor('PlaybackStarted');
    caller.sendDtmf('2');
    await caller.waitFor('moh');
    expect(receivedEvents(desk, 'call:pop')).toHaveLength(0);

    expect((await ask(desk, 'agent:set-state', { state: 'ready' })).ok).toBe(true);
    const pop = await nextEvent(desk, 'call:pop');
    expect(pop.ivrChoice).toBe('general');
    await nextEvent(desk, 'call:answered');
    await caller.hangup();
  });

  const hangUpMoments = [
    { moment: 'during the welcome', phase: 'ivr', before: async () => {} },
    { moment: 'in the menu', phase: 'ivr', before: async (caller: any) => void (await caller.waitFor('PlaybackStarted')) },
    { moment: 'in the queue', phase: 'queued', before: async (caller: any) => (caller.sendDtmf('1'), void (await caller.waitFor('moh'))) },
  ] as const;

  for (const { moment, phase, before } of hangUpMoments) {
    it(`records a caller who hangs up ${moment}`, async () => {
      const caller = await hotline.sim.dial({ from: '13700000013' });
      await caller.waitFor('PlaybackStarted');
      await before(caller);
      const callId = await callIdOf(hotline, '13700000013');
      await caller.hangup();

      await eventually(async () => (await getCall(hotline.platform.db, callId))?.endedAt != null, 5_000, 'call record ended');
      const call = await getCall(hotline.platform.db, callId);
      expect(call?.endedBy).toBe('caller');
      expect(call?.endPhase).toBe(phase);
      await eventually(() => hotline.sim.bridges().length === 0 && hotline.sim.channels().length === 0, 5_000, 'simulator cleaned up');
    });
  }

  it('puts the agent back to ready when the caller hangs up while the phone rings', async () => {
    const phone = hotline.sim.addPhone({ extension: '8001', answer: 'manual' });
    const desk = await hotline.desk('agent1');
    await ask(desk, 'agent:set-state', { state: 'ready' });

    const caller = await hotline.sim.dial({ from: '13700000014' });
    await caller.waitFor('PlaybackStarted');
    caller.sendDtmf('1');
    const pop = await nextEvent(desk, 'call:pop');
    await eventually(() => phone.isRinging, 5_000, 'agent phone ringing');
    await caller.hangup();

    const ended = await nextEvent(desk, 'call:offer-ended', (event) => event.callId === pop.callId);
    expect(ended.outcome).toBe('caller-gone');
    await nextEvent(desk, 'agent:status', (status) => status.state === 'ready');
    await eventually(() => !phone.isRinging, 5_000, 'agent phone stopped ringing');
    const call = await getCall(hotline.platform.db, pop.callId);
    await eventually(async () => (await getCall(hotline.platform.db, pop.callId))?.endedAt != null, 5_000, 'call record ended');
    expect((await getCall(hotline.platform.db, pop.callId))?.endPhase).toBe('offered');
    expect(call?.answeredAt ?? null).toBeNull();
  });

  it('records the agent as the party who ended the talk', async () => {
    const phone = hotline.sim.addPhone({ extension: '8001', answer: 'auto' });
    const desk = await hotline.desk('agent1');
    await ask(desk, 'agent:set-state', { state: 'ready' });

    const caller = await hotline.sim.dial({ from: '13700000015' });
    await caller.waitFor('PlaybackStarted');
    caller.sendDtmf('1');
    const pop = await nextEvent(desk, 'call:pop');
    await nextEvent(desk, 'call:answered');
    expect((await ask(desk, 'call:hangup', { callId: pop.callId })).ok).toBe(true);

    const ended = await nextEvent(desk, 'call:ended', (event) => event.callId === pop.callId);
    expect(ended.endedBy).toBe('agent');
    await caller.waitFor('hungup');
    await eventually(() => !phone.inCall, 5_000, 'agent phone hung up');
    await eventually(async () => (await getCall(hotline.platform.db, pop.callId))?.endedBy === 'agent', 5_000, 'call record ended by agent');
  });
});

/** Reads from the call log the id the platform gave the newest call from `callerNumber`. */
async function callIdOf(hotline: SimPlatform, callerNumber: string): Promise<string> {
  let callId: string | null = null;
  await eventually(
    async () => {
      const row = await hotline.platform.db.models.Call.findOne({ where: { callerNumber }, order: [['startedAt', 'DESC']] });
      callId = row?.id ?? null;
      return callId !== null;
    },
    5_000,
    `call from ${callerNumber} logged`,
  );
  return callId!;
}
