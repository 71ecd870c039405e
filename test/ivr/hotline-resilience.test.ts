/**
 * The hotline across Asterisk outages: down at start, event socket dropped mid-call, calls
 * left in Stasis by an earlier run, and the AMI link.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AriConnection } from '../../ivr/ari/ari-connection';
import { type Hotline, startHotline } from '../../ivr/index';
import type { Simulator } from '../sim/index';
import { EventRecorder } from './support/event-recorder';
import { FakeAgentPool } from './support/fake-agent-pool';
import { failOnUnhandledErrors, waitUntil } from './support/guards';
import { ARI_PASSWORD, ARI_USER, CapturedLog, type Harness, startHarness, startSim, testOptions } from './support/harness';
import { TcpProxy, freePort } from './support/tcp-proxy';

failOnUnhandledErrors();

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness(settings: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(settings);
  cleanups.push(() => h.stop());
  return h;
}

async function simulator(): Promise<Simulator> {
  const sim = await startSim();
  cleanups.push(() => sim.stop());
  return sim;
}

function hotlineOn(url: string, pool: FakeAgentPool, log: CapturedLog, ami = false, amiPort = 0): Promise<Hotline> {
  const options = testOptions(url);
  options.ami = { ...options.ami, enabled: ami, port: amiPort };
  return startHotline(options, pool, log.logger).then((hotline) => {
    cleanups.push(() => hotline.stop());
    return hotline;
  });
}

describe('hotline resilience', () => {
  it('keeps retrying until Asterisk comes up', async () => {
    const sim = await simulator();
    sim.addPhone({ extension: '8001', answer: 'auto', answerAfterMs: 100 });
    const port = await freePort();
    const log = new CapturedLog();
    const pool = new FakeAgentPool().add('a1', '8001', ['general']);

    const hotline = await hotlineOn(`http://127.0.0.1:${port}`, pool, log);
    const recorder = new EventRecorder(hotline.events);
    expect(hotline.isConnected()).toBe(false);
    await waitUntil(() => log.count('ARI connect failed; retrying') >= 1, 'a failed attempt');

    const proxy = new TcpProxy(port, Number(new URL(sim.ariUrl).port));
    await proxy.start();
    cleanups.push(() => proxy.stop());
    await waitUntil(() => hotline.isConnected(), 'the hotline connected');

    const caller = await sim.dial({ from: '13800000031' });
    caller.sendDtmf('2');
    await recorder.waitFor('call.answered');
    // Stopped while the proxy still forwards, so that the teardown reaches Asterisk.
    await hotline.stop();
  });

  it('keeps a queued call across a dropped socket', async () => {
    const h = await harness();
    h.pool.add('a1', '8001', ['general'], false);
    h.sim.addPhone({ extension: '8001', answer: 'auto', answerAfterMs: 100 });
    const caller = await h.sim.dial({ from: '13800000032' });
    caller.sendDtmf('2');
    const queued = await h.recorder.waitFor('call.queued');

    h.sim.dropEventSockets();
    await waitUntil(() => h.log.count('ARI state reconciled after connecting') === 2, 'the hotline reconnected');
    h.pool.setReady('a1');

    const answered = await h.recorder.waitFor('call.answered');
    expect(answered.callId).toBe(queued.callId);
    expect(h.recorder.all('call.started')).toHaveLength(1);
  });

  it('keeps a talk across a dropped socket', async () => {
    const h = await harness();
    h.pool.add('a1', '8001', ['general']);
    const phone = h.sim.addPhone({ extension: '8001', answer: 'auto', answerAfterMs: 100 });
    const caller = await h.sim.dial({ from: '13800000037' });
    caller.sendDtmf('2');
    await h.recorder.waitFor('call.answered');

    h.sim.dropEventSockets();
    await waitUntil(() => h.log.count('ARI state reconciled after connecting') === 2, 'the hotline reconnected');
    phone.hangup();

    expect(await h.recorder.waitFor('call.ended')).toMatchObject({ endedBy: 'agent', phase: 'talking' });
    await caller.waitFor('hungup');
  });

  it('goes on with the IVR after a prompt ended unseen', async () => {
    const h = await harness({ options: { reconnectMaxDelayMs: 400 } });
    const caller = await h.sim.dial({ from: '13800000038' });
    await caller.waitFor('PlaybackStarted');

    h.sim.dropEventSockets();
    await waitUntil(() => caller.heard.includes('sound:hotline-menu'), 'the menu played after the outage');
    caller.sendDtmf('1');

    expect((await h.recorder.waitFor('call.menu')).choice).toBe('enterprise');
    expect(h.log.count('watched playback finished while disconnected')).toBe(1);
  });

  it('ends a call whose caller left during the outage', async () => {
    const h = await harness();
    const caller = await h.sim.dial({ from: '13800000033' });
    caller.sendDtmf('2');
    await h.recorder.waitFor('call.queued');

    h.sim.dropEventSockets();
    await caller.hangup();

    const ended = await h.recorder.waitFor('call.ended');
    expect(h.log.count('watched channel vanished while disconnected')).toBe(1);
    expect(ended).toMatchObject({ endedBy: 'caller', phase: 'queued' });
    expect(h.recorder.all('call.ended')).toHaveLength(1);
    expect(h.sim.channels()).toEqual([]);
    expect(h.sim.bridges()).toEqual([]);
  });

  it('strands no call when an agent answers during the outage', async () => {
    const h = await harness({ options: { agentRingTimeoutMs: 5_000 } });
    h.pool.add('a1', '8001', ['general']).add('a2', '8002', ['general'], false);
    const phone = h.sim.addPhone({ extension: '8001', answer: 'manual' });
    h.sim.addPhone({ extension: '8002', answer: 'auto', answerAfterMs: 100 });
    const caller = await h.sim.dial({ from: '13800000034' });
    caller.sendDtmf('2');
    await h.recorder.waitFor('call.offered');
    await waitUntil(() => phone.isRinging, 'the agent phone rings');

    // Depending on whether Asterisk noticed the lost socket first, the answered leg enters Stasis
    // unseen (and is joined after the reconnect) or fails (and the next agent is rung).
    h.sim.dropEventSockets();
    phone.answer();
    h.pool.setReady('a2');

    const answered = await h.recorder.waitFor('call.answered');
    const firstAgent = h.pool.releasesOf(answered.callId)[0];
    if (answered.agentId === 'a1') {
      expect(h.log.count('watched channel entered Stasis while disconnected')).toBe(1);
      expect(firstAgent).toEqual({ agentId: 'a1', outcome: 'answered' });
    } else {
      expect(answered.agentId).toBe('a2');
      expect(firstAgent).toEqual({ agentId: 'a1', outcome: 'no-answer' });
    }
    await caller.hangup();
    await h.recorder.waitFor('call.ended');
    expect(h.sim.channels()).toEqual([]);
  });

  it('adopts a caller an earlier run left in Stasis', async () => {
    const sim = await simulator();
    sim.addPhone({ extension: '8001', answer: 'auto', answerAfterMs: 100 });
    sim.addPhone({ extension: '8005', answer: 'auto', answerAfterMs: 10 });

    // The earlier run answered the caller, put it in a bridge and rang an agent, then died.
    const earlier = new AriConnection({ url: sim.ariUrl, user: ARI_USER, password: ARI_PASSWORD, app: 'hotline' }, new CapturedLog().logger);
    earlier.events.on('stasis-start', ({ channel }) => {
      void (async () => {
        await earlier.rest.answer(channel.id);
        await earlier.rest.createBridge('hold-earlier', 'holding');
        await earlier.rest.addToBridge('hold-earlier', [channel.id]);
      })();
    });
    earlier.start();
    await waitUntil(() => earlier.isConnected(), 'the earlier run is connected');
    const caller = await sim.dial({ from: '13800000035' });
    await earlier.originate({ endpoint: 'PJSIP/8005', channelId: 'earlier-agent-leg', app: 'hotline', appArgs: 'agent,earlier', timeoutSeconds: 5 }, () => {});
    await waitUntil(() => sim.bridges().some((bridge) => bridge.channels.includes(caller.channelId)), 'the caller sits in the earlier bridge');
    await waitUntil(() => sim.phone('8005')!.inCall, 'the earlier agent leg is up');
    await earlier.stop();

    const log = new CapturedLog();
    const hotline = await hotlineOn(sim.ariUrl, new FakeAgentPool().add('a1', '8001', ['general']), log);
    const recorder = new EventRecorder(hotline.events);

    const answered = await recorder.waitFor('call.answered');
    expect(log.count('re-adopting a caller left in the application')).toBe(1);
    expect(recorder.all('call.started', answered.callId)[0]?.channelId).toBe(caller.channelId);
    expect(recorder.all('call.menu')).toEqual([]);
    expect(sim.bridges().map((bridge) => bridge.id)).not.toContain('hold-earlier');
    await waitUntil(() => !sim.phone('8005')!.inCall, 'the earlier agent leg was hung up');
  });

  it('serves AMI ping and channel count', async () => {
    const sim = await simulator();
    const log = new CapturedLog();
    const hotline = await hotlineOn(sim.ariUrl, new FakeAgentPool(), log, true, sim.amiPort);
    await waitUntil(() => hotline.ami?.isConnected() === true, 'AMI is connected');
    await waitUntil(() => log.count('ARI state reconciled after connecting') === 1, 'ARI is connected');
    const recorder = new EventRecorder(hotline.events);
    await sim.dial({ from: '13800000036' });
    await recorder.waitFor('call.started');

    await expect(hotline.ami!.ping()).resolves.toBeUndefined();
    expect(await hotline.ami!.countChannels()).toBeGreaterThanOrEqual(2);
  });

  it('reports phone device states over AMI', async () => {
    const sim = await simulator();
    const hotline = await hotlineOn(sim.ariUrl, new FakeAgentPool(), new CapturedLog(), true, sim.amiPort);
    await waitUntil(() => hotline.ami?.isConnected() === true, 'AMI is connected');
    const states: { device: string; state: string }[] = [];
    hotline.ami!.events.on('device-state', ({ device, state }) => states.push({ device, state }));

    const phone = sim.addPhone({ extension: '8001', answer: 'manual' });
    await waitUntil(() => states.some((change) => change.device === 'PJSIP/8001'), 'the phone registered');
    phone.unregister();

    await waitUntil(() => states.some((change) => change.device === 'PJSIP/8001' && change.state === 'UNAVAILABLE'), 'the phone went away');
    expect(states.find((change) => change.device === 'PJSIP/8001')?.state).toBe('NOT_INUSE');
  });
});
