/** The ARI adapter against the simulator: gone targets, event routing, reconnects and orphans. */
import { afterEach, describe, expect, it } from 'vitest';
import { AriConnection } from '../../ivr/ari/ari-connection';
import { AriRequestError } from '../../ivr/ari/errors';
import type { ChannelEvent, ChannelInfo } from '../../ivr/ari/model';
import type { Simulator } from '../sim/index';
import { failOnUnhandledErrors, waitUntil } from './support/guards';
import { ARI_PASSWORD, ARI_USER, CapturedLog, startSim } from './support/harness';
import { TcpProxy, freePort } from './support/tcp-proxy';

failOnUnhandledErrors();

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(): Promise<Simulator> {
  const sim = await startSim();
  cleanups.push(() => sim.stop());
  return sim;
}

function connect(url: string, log = new CapturedLog()): AriConnection {
  const ari = new AriConnection({ url, user: ARI_USER, password: ARI_PASSWORD, app: 'hotline', reconnectInitialDelayMs: 20, reconnectMaxDelayMs: 100, requestTimeoutMs: 2_000 }, log.logger);
  ari.start();
  cleanups.push(() => ari.stop());
  return ari;
}

/** Connects and resolves with the first inbound channel that enters the application. */
function nextInbound(ari: AriConnection): Promise<ChannelInfo> {
  return new Promise((resolve) => {
    const listener = ({ channel }: { channel: ChannelInfo }) => {
      ari.events.off('stasis-start', listener);
      resolve(channel);
    };
    ari.events.on('stasis-start', listener);
  });
}

async function failureOf(request: Promise<unknown>): Promise<string> {
  const error = await request.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(AriRequestError);
  return (error as AriRequestError).failure;
}

describe('AriConnection', () => {
  it('reports requests on a hung-up channel as gone', async () => {
    const sim = await simulator();
    const ari = connect(sim.ariUrl);
    await waitUntil(() => ari.isConnected(), 'ARI is connected');
    const inbound = nextInbound(ari);
    const caller = await sim.dial({ from: '13800000021' });
    const channel = await inbound;
    const events: ChannelEvent['type'][] = [];
    ari.watchChannel(channel.id, (event) => events.push(event.type));

    await caller.hangup();
    await waitUntil(() => events.includes('stasis-end'), 'StasisEnd arrived');

    expect(ari.isWatched(channel.id)).toBe(false);
    expect(await failureOf(ari.rest.hangup(channel.id))).toBe('gone');
    expect(await failureOf(ari.rest.answer(channel.id))).toBe('gone');
    expect(await failureOf(ari.play(channel.id, 'pb-late', 'sound:hotline-welcome', 'zh', () => {}))).toBe('gone');
    expect(await failureOf(ari.rest.stopPlayback('no-such-playback'))).toBe('gone');
    expect(await failureOf(ari.rest.destroyBridge('no-such-bridge'))).toBe('gone');
  });

  it('routes events of an originated channel by our id', async () => {
    const sim = await simulator();
    sim.addPhone({ extension: '8001', answer: 'auto', answerAfterMs: 50 });
    sim.addPhone({ extension: '8002', answer: 'never' });
    const ari = connect(sim.ariUrl);
    await waitUntil(() => ari.isConnected(), 'ARI is connected');
    const answered: ChannelEvent[] = [];
    const unanswered: ChannelEvent[] = [];

    await ari.originate({ endpoint: 'PJSIP/8001', channelId: 'leg-answered', app: 'hotline', appArgs: 'agent,test', timeoutSeconds: 5 }, (event) => answered.push(event));
    await ari.originate({ endpoint: 'PJSIP/8002', channelId: 'leg-unanswered', app: 'hotline', appArgs: 'agent,test', timeoutSeconds: 1 }, (event) => unanswered.push(event));
    await waitUntil(() => answered.some((event) => event.type === 'stasis-start'), 'the answered leg entered Stasis');
    await waitUntil(() => unanswered.some((event) => event.type === 'destroyed'), 'the unanswered leg was destroyed');

    expect(answered.find((event) => event.type === 'stasis-start')).toMatchObject({ args: ['agent', 'test'], channel: { id: 'leg-answered' } });
    expect(unanswered.find((event) => event.type === 'destroyed')).toMatchObject({ cause: 19, missed: false });
    expect(ari.isWatched('leg-unanswered')).toBe(false);
    await ari.rest.hangup('leg-answered');
  });

  it('rejects an originate to a bad endpoint and drops the watch', async () => {
    const sim = await simulator();
    const ari = connect(sim.ariUrl);
    await waitUntil(() => ari.isConnected(), 'ARI is connected');

    expect(await failureOf(ari.originate({ endpoint: 'bogus', channelId: 'leg-bad', app: 'hotline', appArgs: 'agent', timeoutSeconds: 1 }, () => {}))).toBe('rejected');
    expect(ari.isWatched('leg-bad')).toBe(false);
  });

  it('makes up a hang-up missed while disconnected', async () => {
    const sim = await simulator();
    const log = new CapturedLog();
    const ari = connect(sim.ariUrl, log);
    await waitUntil(() => ari.isConnected(), 'ARI is connected');
    const inbound = nextInbound(ari);
    const caller = await sim.dial({ from: '13800000022' });
    const channel = await inbound;
    const events: ChannelEvent[] = [];
    ari.watchChannel(channel.id, (event) => events.push(event));

    sim.dropEventSockets();
    await caller.hangup();
    await waitUntil(() => log.count('ARI connected') === 2, 'ARI reconnected');
    await waitUntil(() => events.length > 0, 'the missed hang-up was made up');

    expect(events).toEqual([{ type: 'destroyed', channelId: channel.id, cause: 0, causeText: 'Unknown', missed: true }]);
  });

  it('reports a channel nobody owns after connecting', async () => {
    const sim = await simulator();
    const earlier = new AriConnection({ url: sim.ariUrl, user: ARI_USER, password: ARI_PASSWORD, app: 'hotline' }, new CapturedLog().logger);
    earlier.start();
    const inbound = nextInbound(earlier);
    await waitUntil(() => earlier.isConnected(), 'the earlier run is connected');
    await sim.dial({ from: '13800000023' });
    const channel = await inbound;
    await earlier.stop();

    const ari = new AriConnection({ url: sim.ariUrl, user: ARI_USER, password: ARI_PASSWORD, app: 'hotline' }, new CapturedLog().logger);
    const resynced = new Promise<ChannelInfo[]>((resolve) => ari.events.on('resynced', ({ orphanChannels }) => resolve(orphanChannels)));
    ari.start();
    cleanups.push(() => ari.stop());

    const orphans = await resynced;
    expect(orphans.map((orphan) => orphan.id)).toEqual([channel.id]);
    expect(orphans[0]).toMatchObject({ stasisApp: 'hotline', stasisArgs: ['inbound'], callerNumber: '13800000023' });
  });

  it('rejects requests before the first connection', async () => {
    const port = await freePort();
    const ari = connect(`http://127.0.0.1:${port}`);

    expect(await failureOf(ari.rest.answer('any'))).toBe('disconnected');
    expect(ari.isConnected()).toBe(false);
  });

  it('connects once Asterisk comes up', async () => {
    const sim = await simulator();
    const port = await freePort();
    const log = new CapturedLog();
    const ari = connect(`http://127.0.0.1:${port}`, log);
    await waitUntil(() => log.count('ARI connect failed; retrying') >= 1, 'a failed attempt');
    expect(ari.isConnected()).toBe(false);

    const proxy = new TcpProxy(port, Number(new URL(sim.ariUrl).port));
    await proxy.start();
    cleanups.push(() => proxy.stop());

    await waitUntil(() => ari.isConnected(), 'ARI connected through the late proxy');
  });
});
