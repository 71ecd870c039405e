/**
 * The npm package `ari-client` (the library the platform uses) against the simulator: it must
 * load the generated Swagger descriptions, call the operations the platform needs, and receive
 * events through `client.on(...)` and per-instance listeners.
 */
import ari from 'ari-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';

/** The untyped `ari-client` surface these tests touch. */
type Operation = (params?: object, instance?: unknown) => Promise<any>;
interface AriInstance {
  id: string;
  name?: string;
  on(event: string, listener: (event: any, instance: any) => void): void;
  [operation: string]: unknown;
}
interface TestClient {
  on(event: string, listener: (event: any, instance: any) => void): void;
  start(apps: string | string[]): Promise<void>;
  stop(): void;
  channels: Record<string, Operation>;
  bridges: Record<string, Operation>;
  applications: Record<string, Operation>;
  recordings: Record<string, Operation>;
  playbacks: Record<string, Operation>;
  Playback(): AriInstance;
}

function call(instance: AriInstance, operation: string, params?: object, created?: unknown): Promise<any> {
  return (instance[operation] as Operation)(params, created);
}

/** Resolves with the first `type` event for which `accept` returns true. */
function nextEvent(client: TestClient, type: string, accept: (event: any, instance: any) => boolean = () => true): Promise<{ event: any; instance: any }> {
  return new Promise((resolve) => {
    client.on(type, (event, instance) => {
      if (accept(event, instance)) resolve({ event, instance });
    });
  });
}

describe('ari-client against the simulator', () => {
  let sim: Simulator;
  let client: TestClient;

  beforeEach(async () => {
    sim = await startSimulator({ ariUser: 'hotline', ariPassword: 'secret', amiUser: 'hotline', amiSecret: 'secret', timeScale: 0.05 });
    client = (await ari.connect(sim.ariUrl, 'hotline', 'secret')) as unknown as TestClient;
    await client.start('hotline');
  });

  afterEach(async () => {
    client.stop();
    await sim.stop();
  });

  it('attaches every resource from the Swagger descriptions', () => {
    for (const resource of ['channels', 'bridges', 'applications', 'recordings', 'playbacks']) {
      expect(client).toHaveProperty(resource);
    }
    expect(typeof client.channels.originate).toBe('function');
    expect(typeof client.channels.snoopChannel).toBe('function');
    expect(typeof client.recordings.getStored).toBe('function');
  });

  it('delivers StasisStart with a Channel instance for an inbound call', async () => {
    const started = nextEvent(client, 'StasisStart');
    const caller = await sim.dial({ from: '13800000001', name: '民权某某有限公司' });

    const { event, instance } = await started;

    expect(event.args).toEqual(['inbound']);
    expect(instance.id).toBe(caller.channelId);
    expect(instance.caller).toEqual({ name: '民权某某有限公司', number: '13800000001' });
    expect(typeof instance.answer).toBe('function');
  });

  it('answers, bridges, plays and records through instance methods', async () => {
    const phone = sim.addPhone({ extension: '8001', answer: 'manual' });
    const callerStarted = nextEvent(client, 'StasisStart', (event) => event.args[0] === 'inbound');
    const caller = await sim.dial({ from: '13800000002' });
    const callerChannel: AriInstance = (await callerStarted).instance;
    await call(callerChannel, 'answer');
    await caller.waitFor('answered');

    phone.once('ringing', () => phone.answer());
    const agentStarted = nextEvent(client, 'StasisStart', (event) => event.args[0] === 'agent');
    const originated = await client.channels.originate({ endpoint: 'PJSIP/8001', app: 'hotline', appArgs: 'agent,8001', callerId: '13800000002', timeout: 15 });
    const agentChannel: AriInstance = (await agentStarted).instance;
    expect(agentChannel.id).toBe(originated.id);

    const bridge: AriInstance = await client.bridges.create({ type: 'mixing', bridgeId: 'call-1', name: 'call-1' });
    const entered = nextEvent(client, 'ChannelEnteredBridge', (event) => event.bridge.channels.length === 2);
    await call(bridge, 'addChannel', { channel: [callerChannel.id, agentChannel.id] });
    expect((await entered).event.bridge.id).toBe('call-1');

    const playback = client.Playback();
    const finished = new Promise<any>((resolve) => playback.on('PlaybackFinished', (event) => resolve(event)));
    await call(callerChannel, 'play', { media: 'sound:hotline-queue-first', lang: 'zh' }, playback);
    expect((await finished).playback.state).toBe('done');

    const recordingStarted = nextEvent(client, 'RecordingStarted');
    const live = await call(bridge, 'record', { name: 'call-1-rec', format: 'wav', ifExists: 'overwrite' });
    expect(live.state).toBe('queued');
    expect((await recordingStarted).event.recording.target_uri).toBe('bridge:call-1');

    const recordingFinished = nextEvent(client, 'RecordingFinished');
    await call(agentChannel, 'hangup');
    await caller.hangup();
    expect((await recordingFinished).event.recording.state).toBe('done');

    const stored = await client.recordings.getStored({ recordingName: 'call-1-rec' });
    expect(stored).toMatchObject({ name: 'call-1-rec', format: 'wav' });
  });

  it('lists channels as Channel instances and reads variables', async () => {
    const started = nextEvent(client, 'StasisStart');
    await sim.dial({ from: '13800000003' });
    await started;

    const channels: AriInstance[] = await client.channels.list();

    expect(channels).toHaveLength(2);
    const inbound = channels.find((channel) => channel.name?.endsWith(';2'))!;
    expect(typeof inbound.hangup).toBe('function');
    await expect(call(inbound, 'getChannelVar', { variable: 'CALLERID(num)' })).resolves.toEqual({ value: '13800000003' });
  });

  it('creates a snoop channel that enters the application', async () => {
    const started = nextEvent(client, 'StasisStart', (event) => event.args[0] === 'inbound');
    await sim.dial({ from: '13800000004' });
    const target: AriInstance = (await started).instance;

    const snoopStarted = nextEvent(client, 'StasisStart', (event) => event.args[0] === 'spy');
    const snoop = await call(target, 'snoopChannel', { app: 'hotline', spy: 'both', whisper: 'none', appArgs: 'spy' });

    expect(snoop.name).toBe(`Snoop/${target.id}-00000000`);
    expect((await snoopStarted).instance.id).toBe(snoop.id);
  });

  it('reads the application and its channels', async () => {
    const started = nextEvent(client, 'StasisStart');
    const caller = await sim.dial({ from: '13800000005' });
    await started;

    const application = await client.applications.get({ applicationName: 'hotline' });

    expect(application.name).toBe('hotline');
    expect(application.channel_ids).toEqual([caller.channelId]);
  });

  it('rejects operations on a hung-up channel with the 404 body', async () => {
    const started = nextEvent(client, 'StasisStart');
    const caller = await sim.dial({ from: '13800000006' });
    const channel: AriInstance = (await started).instance;
    await caller.hangup();

    await expect(call(channel, 'answer')).rejects.toThrow('{"message":"Channel not found"}');
  });
});
