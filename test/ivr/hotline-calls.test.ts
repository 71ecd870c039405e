/**
 * Whole calls driven through the Asterisk simulator: IVR, queue, agent ringing, talk, hang-ups
 * from either side at every phase.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CallNotFoundError, CallStateError } from '../../ivr/contract';
import type { SimCaller } from '../sim/index';
import { failOnUnhandledErrors, waitUntil } from './support/guards';
import { type Harness, type HarnessSettings, startHarness } from './support/harness';

failOnUnhandledErrors();

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

async function start(settings: HarnessSettings = {}): Promise<Harness> {
  harness = await startHarness(settings);
  return harness;
}

/** Waits until the caller started hearing `sound`. */
async function heard(caller: SimCaller, sound: string): Promise<void> {
  await waitUntil(() => caller.heard.includes(`sound:${sound}`), `the caller heard ${sound}`);
}

/** Checks that the simulator holds no channel and no bridge any more. */
function expectNothingLeft(h: Harness): void {
  expect(h.sim.channels().map((channel) => channel.name)).toEqual([]);
  expect(h.sim.bridges().map((bridge) => bridge.id)).toEqual([]);
}

describe('hotline call flow', () => {
  it('bridges key 1 with the enterprise agent and records', async () => {
    const h = await start();
    h.pool.add('a1', '8001', ['general']).add('a2', '8002', ['enterprise']);
    h.sim.addPhone({ extension: '8001', answer: 'auto', answerAfterMs: 100 });
    h.sim.addPhone({ extension: '8002', answer: 'auto', answerAfterMs: 100 });

    const caller = await h.sim.dial({ from: '13800000001', name: '民权某某有限公司' });
    await heard(caller, 'hotline-menu');
    caller.sendDtmf('1');
    const answered = await h.recorder.waitFor('call.answered');
    const callId = answered.callId;

    expect(h.recorder.all('call.started')[0]).toMatchObject({ callId, callerNumber: '13800000001', callerName: '民权某某有限公司', calledNumber: '12345' });
    expect(h.recorder.all('call.menu', callId)[0]?.choice).toBe('enterprise');
    expect(h.recorder.all('call.queued', callId)[0]).toMatchObject({ skill: 'enterprise', position: 1 });
    expect(h.recorder.all('call.offered', callId)[0]).toMatchObject({ agentId: 'a2', extension: '8002', callerNumber: '13800000001', ivrChoice: 'enterprise' });
    expect(answered).toMatchObject({ agentId: 'a2', bridgeId: `call-${callId}`, recordingName: `call-${callId}` });
    expect(h.pool.releasesOf(callId)).toEqual([{ agentId: 'a2', outcome: 'answered' }]);

    const talk = h.sim.bridges().find((bridge) => bridge.id === `call-${callId}`);
    expect(talk?.bridge_type).toBe('mixing');
    expect(talk?.channels).toContain(caller.channelId);
    expect(talk?.channels).toHaveLength(2);

    await caller.hangup();
    const ended = await h.recorder.waitFor('call.ended');
    expect(ended).toMatchObject({ callId, endedBy: 'caller', phase: 'talking', agentId: 'a2', recordingName: `call-${callId}` });
    expect(h.sim.storedRecordings().map((recording) => recording.name)).toContain(`call-${callId}`);
    expectNothingLeft(h);
  });

  it('stops a long menu prompt on a key', async () => {
    const h = await start({ sounds: { 'hotline-menu': 600_000 } });
    h.pool.add('a1', '8001', ['general']);
    h.sim.addPhone({ extension: '8001', answer: 'manual' });

    const caller = await h.sim.dial({ from: '13800000002' });
    await heard(caller, 'hotline-menu');
    caller.sendDtmf('2');

    const menu = await h.recorder.waitFor('call.menu');
    expect(menu.choice).toBe('general');
    await heard(caller, 'hotline-queue-enter');
  });

  it('sends a silent caller to an agent', async () => {
    const h = await start({ options: { menuRetries: 1 } });
    h.pool.add('a1', '8001', ['general']);
    h.sim.addPhone({ extension: '8001', answer: 'auto', answerAfterMs: 100 });

    const caller = await h.sim.dial({ from: '13800000003' });
    const menu = await h.recorder.waitFor('call.menu');
    await h.recorder.waitFor('call.answered');

    expect(menu.choice).toBe('none');
    expect(caller.heard.slice(0, 5)).toEqual([
      'sound:hotline-welcome',
      'sound:hotline-menu',
      'sound:hotline-invalid',
      'sound:hotline-menu',
      'sound:hotline-queue-enter',
    ]);
    expect(h.recorder.all('call.queued')[0]?.skill).toBe('general');
  });

  it('repeats the menu after a wrong key', async () => {
    const h = await start({ options: { menuRetries: 2 } });
    const caller = await h.sim.dial({ from: '13800000004' });
    await heard(caller, 'hotline-menu');
    caller.sendDtmf('9');
    await heard(caller, 'hotline-invalid');
    await waitUntil(() => caller.heard.filter((sound) => sound === 'sound:hotline-menu').length === 2, 'the menu played again');
    caller.sendDtmf('0');

    const menu = await h.recorder.waitFor('call.menu');
    expect(menu.choice).toBe('agent');
  });

  it('announces queue positions to waiting callers', async () => {
    const h = await start({ options: { queueAnnounceIntervalMs: 300 } });
    const first = await h.sim.dial({ from: '13800000005' });
    first.sendDtmf('2');
    await h.recorder.waitFor('call.queued');
    const second = await h.sim.dial({ from: '13800000006' });
    second.sendDtmf('2');
    const secondQueued = await h.recorder.waitFor('call.queued', (event) => event.position === 2);

    await heard(first, 'hotline-queue-first');
    await heard(second, 'hotline-queue-ahead-tail');
    const tail = second.heard.slice(second.heard.indexOf('sound:hotline-queue-ahead'));
    expect(tail.slice(0, 3)).toEqual(['sound:hotline-queue-ahead', 'sound:hotline-num-1', 'sound:hotline-queue-ahead-tail']);

    await first.hangup();
    const moved = await h.recorder.waitFor('call.queued', (event) => event.callId === secondQueued.callId && event.position === 1);
    expect(moved.queuedAt).toEqual(secondQueued.queuedAt);
  });

  it('rings the next agent after no answer', async () => {
    const h = await start({ options: { agentRingTimeoutMs: 1_000 } });
    h.pool.add('a1', '8001', ['general']).add('a2', '8002', ['general']);
    const silent = h.sim.addPhone({ extension: '8001', answer: 'never' });
    h.sim.addPhone({ extension: '8002', answer: 'auto', answerAfterMs: 100 });
    const silentRang = new Promise((resolve) => silent.once('ringing', resolve));

    const caller = await h.sim.dial({ from: '13800000007' });
    caller.sendDtmf('2');
    const answered = await h.recorder.waitFor('call.answered');

    await silentRang;
    expect(answered.agentId).toBe('a2');
    expect(h.recorder.all('call.offered').map((offer) => offer.agentId)).toEqual(['a1', 'a2']);
    expect(h.recorder.all('call.offer-ended')).toMatchObject([{ agentId: 'a1', outcome: 'no-answer' }]);
    expect(h.pool.releasesOf(answered.callId)).toEqual([
      { agentId: 'a1', outcome: 'no-answer' },
      { agentId: 'a2', outcome: 'answered' },
    ]);
  });

  it('rings agents through a Local dial string', async () => {
    const h = await start({ options: { agentDialTemplate: 'Local/{extension}@agent-phones', agentRingTimeoutMs: 1_000 } });
    h.pool.add('a1', '8001', ['general']).add('a2', '8002', ['general']);
    h.sim.addPhone({ extension: '8001', answer: 'never' });
    h.sim.addPhone({ extension: '8002', answer: 'auto', answerAfterMs: 100 });

    const caller = await h.sim.dial({ from: '13800000015' });
    caller.sendDtmf('2');
    const answered = await h.recorder.waitFor('call.answered');

    expect(answered.agentId).toBe('a2');
    expect(h.pool.releasesOf(answered.callId)).toEqual([
      { agentId: 'a1', outcome: 'no-answer' },
      { agentId: 'a2', outcome: 'answered' },
    ]);
    await caller.hangup();
    await h.recorder.waitFor('call.ended');
    expectNothingLeft(h);
  });

  it('skips an agent whose phone is unreachable', async () => {
    const h = await start();
    h.pool.add('a1', '8009', ['general']).add('a2', '8002', ['general']);
    h.sim.addPhone({ extension: '8002', answer: 'auto', answerAfterMs: 100 });

    const caller = await h.sim.dial({ from: '13800000008' });
    caller.sendDtmf('2');
    const answered = await h.recorder.waitFor('call.answered');

    expect(answered.agentId).toBe('a2');
    expect(h.pool.releasesOf(answered.callId)).toEqual([
      { agentId: 'a1', outcome: 'unreachable' },
      { agentId: 'a2', outcome: 'answered' },
    ]);
  });

  it('serves a waiting caller once an agent is ready', async () => {
    const h = await start();
    h.pool.add('a1', '8001', ['general'], false);
    h.sim.addPhone({ extension: '8001', answer: 'auto', answerAfterMs: 100 });

    const caller = await h.sim.dial({ from: '13800000009' });
    caller.sendDtmf('2');
    await h.recorder.waitFor('call.queued');
    await caller.waitFor('moh');
    expect(h.recorder.all('call.offered')).toEqual([]);

    h.pool.setReady('a1');

    const answered = await h.recorder.waitFor('call.answered');
    expect(answered.agentId).toBe('a1');
  });

  it('offers any agent after the skill fallback', async () => {
    const h = await start({ options: { skillFallbackMs: 400 } });
    h.pool.add('a1', '8001', ['general']);
    h.sim.addPhone({ extension: '8001', answer: 'auto', answerAfterMs: 100 });

    const caller = await h.sim.dial({ from: '13800000010' });
    caller.sendDtmf('1');
    const answered = await h.recorder.waitFor('call.answered');

    expect(answered.agentId).toBe('a1');
    expect(h.pool.reservations.filter((reservation) => reservation.agentId === 'a1')).toEqual([{ callId: answered.callId, skill: null, agentId: 'a1' }]);
  });
});

describe('hotline hang-ups', () => {
  const phases = [
    { moment: 'welcome', phase: 'ivr', sounds: { 'hotline-welcome': 600_000 }, until: (caller: SimCaller) => heard(caller, 'hotline-welcome') },
    { moment: 'menu', phase: 'ivr', sounds: { 'hotline-menu': 600_000 }, until: (caller: SimCaller) => heard(caller, 'hotline-menu') },
    { moment: 'queue', phase: 'queued', sounds: {}, until: async (caller: SimCaller) => {
      caller.sendDtmf('2');
      await harness!.recorder.waitFor('call.queued');
    } },
    { moment: 'ringing', phase: 'offered', sounds: {}, until: async (caller: SimCaller) => {
      harness!.pool.setReady('a1');
      caller.sendDtmf('2');
      await harness!.recorder.waitFor('call.offered');
      await waitUntil(() => harness!.sim.phone('8001')!.isRinging, 'the agent phone rings');
    } },
    { moment: 'talk', phase: 'talking', sounds: {}, until: async (caller: SimCaller) => {
      harness!.pool.setReady('a1');
      caller.sendDtmf('2');
      await waitUntil(() => harness!.sim.phone('8001')!.isRinging, 'the agent phone rings');
      harness!.sim.phone('8001')!.answer();
      await harness!.recorder.waitFor('call.answered');
    } },
  ] as const;

  for (const { moment, phase, sounds, until } of phases) {
    it(`ends a call hung up during ${moment}`, async () => {
      const h = await start({ sounds });
      h.pool.add('a1', '8001', ['general'], false);
      h.sim.addPhone({ extension: '8001', answer: 'manual' });

      const caller = await h.sim.dial({ from: '13800000011' });
      await until(caller);
      await caller.hangup();
      const ended = await h.recorder.waitFor('call.ended');
      await new Promise((resolve) => setTimeout(resolve, 100));

      expect(h.recorder.all('call.ended')).toHaveLength(1);
      expect(ended).toMatchObject({ endedBy: 'caller', phase });
      expectNothingLeft(h);
      if (moment === 'ringing') {
        expect(h.pool.releasesOf(ended.callId)).toEqual([{ agentId: 'a1', outcome: 'caller-gone' }]);
        expect(h.recorder.all('call.offer-ended')).toMatchObject([{ agentId: 'a1', outcome: 'caller-gone' }]);
        expect(h.sim.phone('8001')!.isRinging).toBe(false);
      }
      if (moment === 'talk') {
        expect(ended.agentId).toBe('a1');
        expect(h.sim.phone('8001')!.inCall).toBe(false);
      }
    });
  }

  it('hangs up the caller when the agent leaves', async () => {
    const h = await start();
    h.pool.add('a1', '8001', ['general']);
    const phone = h.sim.addPhone({ extension: '8001', answer: 'auto', answerAfterMs: 100 });
    const caller = await h.sim.dial({ from: '13800000012' });
    caller.sendDtmf('2');
    await h.recorder.waitFor('call.answered');

    phone.hangup();

    const ended = await h.recorder.waitFor('call.ended');
    expect(ended).toMatchObject({ endedBy: 'agent', phase: 'talking', agentId: 'a1' });
    await caller.waitFor('hungup');
    expectNothingLeft(h);
  });
});

describe('hotline call control', () => {
  async function talkingCall(): Promise<{ h: Harness; caller: SimCaller; callId: string }> {
    const h = await start();
    h.pool.add('a1', '8001', ['general']);
    h.sim.addPhone({ extension: '8001', answer: 'auto', answerAfterMs: 100 });
    const caller = await h.sim.dial({ from: '13800000013' });
    caller.sendDtmf('2');
    const { callId } = await h.recorder.waitFor('call.answered');
    return { h, caller, callId };
  }

  it('holds the caller and resumes the talk', async () => {
    const { h, caller, callId } = await talkingCall();

    await h.hotline.control.hold(callId);
    const holding = h.sim.bridges().find((bridge) => bridge.id === `hold-${callId}`);
    expect(holding?.channels).toEqual([caller.channelId]);
    expect(h.recorder.all('call.held', callId)).toHaveLength(1);

    await h.hotline.control.resume(callId);
    const talk = h.sim.bridges().find((bridge) => bridge.id === `call-${callId}`);
    expect(talk?.channels).toContain(caller.channelId);
    expect(h.recorder.all('call.resumed', callId)).toHaveLength(1);

    await caller.hangup();
    expect((await h.recorder.waitFor('call.ended')).phase).toBe('talking');
  });

  it('reports the phase of a held call that ends', async () => {
    const { h, caller, callId } = await talkingCall();
    await h.hotline.control.hold(callId);

    await caller.hangup();

    expect(await h.recorder.waitFor('call.ended')).toMatchObject({ endedBy: 'caller', phase: 'held' });
    expectNothingLeft(h);
  });

  it('rejects resume of a call not on hold', async () => {
    const { h, callId } = await talkingCall();

    await expect(h.hotline.control.resume(callId)).rejects.toBeInstanceOf(CallStateError);
  });

  it('rejects commands for an unknown call', async () => {
    const h = await start();

    await expect(h.hotline.control.hold('no-such-call')).rejects.toBeInstanceOf(CallNotFoundError);
    await expect(h.hotline.control.hangup('no-such-call', 'agent')).rejects.toBeInstanceOf(CallNotFoundError);
  });

  it('ends the call on the agent hang-up command', async () => {
    const { h, caller, callId } = await talkingCall();

    await h.hotline.control.hangup(callId, 'agent');

    expect(h.recorder.all('call.ended')).toMatchObject([{ callId, endedBy: 'agent', phase: 'talking' }]);
    await caller.waitFor('hungup');
    expectNothingLeft(h);
  });

  it('ends calls as system on stop', async () => {
    const h = await start();
    const caller = await h.sim.dial({ from: '13800000014' });
    caller.sendDtmf('2');
    await h.recorder.waitFor('call.queued');

    await h.hotline.stop();

    expect(h.recorder.all('call.ended')).toMatchObject([{ endedBy: 'system', phase: 'queued' }]);
    await caller.waitFor('hungup');
    expectNothingLeft(h);
  });
});
