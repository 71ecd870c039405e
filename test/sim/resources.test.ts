/**
 * The simulator's ARI resources beyond the recorded scenarios: bridges, playbacks, recordings,
 * DTMF, variables, hold and music on hold, snoop, continue, endpoints, sounds, subscriptions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimCaller, type Simulator } from './index';
import { RawAri, type AriEvent } from './testing/raw-ari';

const channelId = (event: AriEvent) => (event.channel as { id: string } | undefined)?.id;

describe('simulated ARI resources', () => {
  let sim: Simulator;
  let ari: RawAri;

  beforeEach(async () => {
    sim = await startSimulator({ ariUser: 'hotline', ariPassword: 'secret', amiUser: 'hotline', amiSecret: 'secret', timeScale: 0.05 });
    ari = new RawAri(sim.ariUrl, 'hotline', 'secret');
    await ari.connect(['hotline']);
  });

  afterEach(async () => {
    await ari.close();
    await sim.stop();
  });

  async function answeredCaller(from: string): Promise<SimCaller> {
    const caller = await sim.dial({ from });
    await ari.waitForEvent((event) => event.type === 'StasisStart' && channelId(event) === caller.channelId);
    await ari.request('POST', `/channels/${caller.channelId}/answer`);
    await caller.waitFor('answered');
    return caller;
  }

  describe('bridges', () => {
    it('holds a caller with music and lets go of the bridge on removeChannel', async () => {
      const caller = await answeredCaller('13800000001');
      await ari.request('POST', '/bridges/queue-hold?type=holding&name=queue-hold');
      await ari.request('POST', '/bridges/queue-hold/moh?mohClass=default');
      await ari.request('POST', `/bridges/queue-hold/addChannel?channel=${caller.channelId}&role=participant`);
      await caller.waitFor('moh');

      await ari.request('POST', `/bridges/queue-hold/removeChannel?channel=${caller.channelId}`);
      const destroyed = await ari.request('DELETE', '/bridges/queue-hold');
      await ari.waitForEvent((event) => event.type === 'ChannelLeftBridge');

      expect(destroyed.status).toBe(204);
      expect(ari.eventsOf('hotline', 'ChannelEnteredBridge')[0].bridge).toMatchObject({ technology: 'holding_bridge', bridge_type: 'holding' });
      expect(ari.eventsOf('hotline', 'BridgeDestroyed')).toHaveLength(0);
    });

    it('switches to softmix with a third party', async () => {
      const callers = [await answeredCaller('13800000001'), await answeredCaller('13800000002'), await answeredCaller('13800000003')];
      await ari.request('POST', '/bridges?bridgeId=conf&type=mixing');

      await ari.request('POST', `/bridges/conf/addChannel?channel=${callers[0].channelId},${callers[1].channelId}`);
      const two = await ari.request('GET', '/bridges/conf');
      await ari.request('POST', `/bridges/conf/addChannel?channel=${callers[2].channelId}`);
      const three = await ari.request('GET', '/bridges/conf');

      expect(two.body.technology).toBe('simple_bridge');
      expect(three.body.technology).toBe('softmix');
      expect(three.body.channels).toEqual(callers.map((caller) => caller.channelId));
    });

    it('checks bridge and channel ids', async () => {
      const caller = await answeredCaller('13800000001');
      await ari.request('POST', '/bridges?bridgeId=b1');

      const cases: Array<[string, string, number, string]> = [
        ['POST', '/bridges/none/addChannel?channel=1.1', 404, 'Bridge not found'],
        ['POST', '/bridges/b1/addChannel?channel=1.1', 400, 'Channel not found'],
        ['POST', `/bridges/b1/removeChannel?channel=${caller.channelId}`, 422, 'Channel not in this bridge'],
        ['POST', '/bridges?bridgeId=b1', 409, "Bridge with id 'b1' already exists"],
        ['DELETE', '/bridges/none', 404, 'Bridge not found'],
      ];
      for (const [method, path, status, message] of cases) {
        const response = await ari.request(method, path);
        expect(response.status, path).toBe(status);
        expect(response.body, path).toEqual({ message });
      }
    });

    it('refuses channels outside Stasis', async () => {
      await ari.request('POST', '/bridges?bridgeId=b1');
      const caller = await answeredCaller('13800000001');

      const response = await ari.request('POST', `/bridges/b1/addChannel?channel=${caller.line.id}`);

      expect(response.status).toBe(422);
      expect(response.body).toEqual({ message: 'Channel not in Stasis application' });
    });
  });

  describe('playbacks', () => {
    it('queues a second playback behind the first', async () => {
      const caller = await answeredCaller('13800000001');

      const first = await ari.request('POST', `/channels/${caller.channelId}/play/p1?media=sound:hotline-welcome`);
      const second = await ari.request('POST', `/channels/${caller.channelId}/play/p2?media=sound:hotline-menu`);
      await ari.waitForEvent((event) => event.type === 'PlaybackStarted' && (event.playback as { id: string }).id === 'p2');

      const order = ari.events.filter((event) => event.type.startsWith('Playback')).map((event) => `${event.type} ${(event.playback as { id: string }).id}`);
      expect(first.body.state).toBe('queued');
      expect(second.body.state).toBe('queued');
      expect(order).toEqual(['PlaybackStarted p1', 'PlaybackFinished p1', 'PlaybackStarted p2']);
    });

    it('stops, pauses and resumes playbacks', async () => {
      const caller = await answeredCaller('13800000001');
      await ari.request('POST', `/channels/${caller.channelId}/play/p1?media=sound:hotline-welcome`);

      const paused = await ari.request('POST', '/playbacks/p1/control?operation=pause');
      const state = await ari.request('GET', '/playbacks/p1');
      const resumed = await ari.request('POST', '/playbacks/p1/control?operation=unpause');
      const invalid = await ari.request('POST', '/playbacks/p1/control?operation=jump');
      const stopped = await ari.request('DELETE', '/playbacks/p1');
      const finished = await ari.waitForEvent((event) => event.type === 'PlaybackFinished');
      const gone = await ari.request('GET', '/playbacks/p1');

      expect(paused.status).toBe(204);
      expect(state.body.state).toBe('paused');
      expect(resumed.status).toBe(204);
      expect(invalid.status).toBe(400);
      expect(stopped.status).toBe(204);
      expect(finished.playback).toMatchObject({ id: 'p1', state: 'done' });
      expect(gone.status).toBe(404);
    });

    it('continues through a media list', async () => {
      const caller = await answeredCaller('13800000001');

      const response = await ari.request('POST', `/channels/${caller.channelId}/play/p1?media=sound:hotline-queue-ahead,sound:hotline-num-3,sound:hotline-queue-ahead-tail`);
      await ari.waitForEvent((event) => event.type === 'PlaybackFinished');

      expect(response.body.next_media_uri).toBe('sound:hotline-num-3');
      expect(ari.events.filter((event) => event.type.startsWith('Playback')).map((event) => event.type)).toEqual([
        'PlaybackStarted',
        'PlaybackContinuing',
        'PlaybackContinuing',
        'PlaybackFinished',
      ]);
      expect(caller.heard).toEqual(['sound:hotline-queue-ahead', 'sound:hotline-num-3', 'sound:hotline-queue-ahead-tail']);
    });

    it('plays to everyone in a bridge', async () => {
      const caller = await answeredCaller('13800000001');
      await ari.request('POST', '/bridges?bridgeId=b1');
      await ari.request('POST', `/bridges/b1/addChannel?channel=${caller.channelId}`);

      const response = await ari.request('POST', '/bridges/b1/play?media=sound:hotline-queue-first&playbackId=bp');
      await caller.waitFor('PlaybackFinished');

      expect(response.body.target_uri).toBe('bridge:b1');
      expect(caller.heard).toEqual(['sound:hotline-queue-first']);
    });
  });

  describe('recordings', () => {
    it('ends a voice message on # and stores it', async () => {
      const caller = await answeredCaller('13800000005');
      const response = await ari.request('POST', `/channels/${caller.channelId}/record?name=vm-1&format=wav&beep=true&terminateOn=%23&maxDurationSeconds=120`);
      await caller.waitFor('recording');

      caller.sendDtmf('#');
      const finished = await ari.waitForEvent((event) => event.type === 'RecordingFinished');
      const stored = await ari.request('GET', '/recordings/stored/vm-1');
      const file = await fetch(`${sim.ariUrl}/ari/recordings/stored/vm-1/file`, { headers: { authorization: `Basic ${Buffer.from('hotline:secret').toString('base64')}` } });
      const bytes = Buffer.from(await file.arrayBuffer());
      const deleted = await ari.request('DELETE', '/recordings/stored/vm-1');
      const afterDelete = await ari.request('GET', '/recordings/stored/vm-1');

      expect(response.status).toBe(201);
      expect(response.body).toEqual({ name: 'vm-1', format: 'wav', state: 'queued', target_uri: `channel:${caller.channelId}` });
      expect(finished.recording).toMatchObject({ name: 'vm-1', state: 'done', talking_duration: 0, silence_duration: 0 });
      expect(stored.body).toEqual({ name: 'vm-1', format: 'wav' });
      expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
      expect(deleted.status).toBe(204);
      expect(afterDelete.body).toEqual({ message: 'Recording not found' });
    });

    it('checks names, formats and existing recordings', async () => {
      const caller = await answeredCaller('13800000005');
      await ari.request('POST', `/channels/${caller.channelId}/record?name=rec&format=wav`);
      await ari.request('POST', '/recordings/live/rec/stop');

      const cases: Array<[string, number]> = [
        ['name=rec&format=wav', 409],
        ['name=rec&format=mp9', 422],
        ['name=../etc&format=wav', 400],
        ['name=rec&format=wav&ifExists=sometimes', 400],
        ['format=wav', 400],
      ];
      for (const [query, status] of cases) {
        const response = await ari.request('POST', `/channels/${caller.channelId}/record?${query}`);
        expect(response.status, query).toBe(status);
      }
      const overwritten = await ari.request('POST', `/channels/${caller.channelId}/record?name=rec&format=wav&ifExists=overwrite`);
      expect(overwritten.status).toBe(201);
    });

    it('discards a cancelled recording', async () => {
      const caller = await answeredCaller('13800000005');
      await ari.request('POST', `/channels/${caller.channelId}/record?name=gone&format=wav`);
      await ari.waitForEvent((event) => event.type === 'RecordingStarted');

      const cancelled = await ari.request('DELETE', '/recordings/live/gone');
      const finished = await ari.waitForEvent((event) => event.type === 'RecordingFinished');
      const stored = await ari.request('GET', '/recordings/stored/gone');

      expect(cancelled.status).toBe(204);
      expect(finished.recording).toMatchObject({ state: 'canceled' });
      expect(stored.status).toBe(404);
    });
  });

  describe('channel controls', () => {
    it('sets and reads variables', async () => {
      const caller = await answeredCaller('13800000001');

      const set = await ari.request('POST', `/channels/${caller.channelId}/variable?variable=CASE_ID&value=MQ202612040001`);
      const read = await ari.request('GET', `/channels/${caller.channelId}/variable?variable=CASE_ID`);
      const callerId = await ari.request('GET', `/channels/${caller.channelId}/variable?variable=CALLERID(num)`);
      const unset = await ari.request('GET', `/channels/${caller.channelId}/variable?variable=NOPE`);
      const missing = await ari.request('GET', `/channels/${caller.channelId}/variable`);

      expect(set.status).toBe(204);
      expect(read.body).toEqual({ value: 'MQ202612040001' });
      expect(callerId.body).toEqual({ value: '13800000001' });
      expect(unset.status).toBe(404);
      expect(unset.body).toEqual({ message: 'Provided variable was not found' });
      expect(missing.status).toBe(400);
      expect(ari.eventsOf('hotline', 'ChannelVarset').some((event) => event.variable === 'CASE_ID')).toBe(true);
    });

    it('holds, unholds and plays music on hold', async () => {
      const caller = await answeredCaller('13800000001');

      await ari.request('POST', `/channels/${caller.channelId}/hold`);
      await ari.request('DELETE', `/channels/${caller.channelId}/hold`);
      const moh = await ari.request('POST', `/channels/${caller.channelId}/moh?mohClass=default`);
      const stop = await ari.request('DELETE', `/channels/${caller.channelId}/moh`);
      await caller.waitFor('hold');
      await caller.waitFor('unhold');
      await caller.waitFor('moh');
      await ari.waitForEvent((event) => event.type === 'ChannelUnhold');

      expect(moh.status).toBe(204);
      expect(stop.status).toBe(204);
      expect(ari.events.map((event) => event.type).filter((type) => type === 'ChannelHold' || type === 'ChannelUnhold')).toEqual(['ChannelHold', 'ChannelUnhold']);
    });

    it('refuses controls on a channel outside Stasis', async () => {
      const caller = await answeredCaller('13800000001');

      const response = await ari.request('POST', `/channels/${caller.line.id}/hold`);

      expect(response.status).toBe(409);
      expect(response.body).toEqual({ message: 'Channel not in Stasis application' });
    });

    it('ends a snoop channel with its target', async () => {
      const caller = await answeredCaller('13800000004');

      const snoop = await ari.request('POST', `/channels/${caller.channelId}/snoop?spy=both&whisper=none&app=hotline&appArgs=spy`);
      const invalid = await ari.request('POST', `/channels/${caller.channelId}/snoop?spy=none&whisper=none&app=hotline`);
      await caller.hangup();
      await ari.waitForEvent((event) => event.type === 'StasisEnd' && channelId(event) === snoop.body.id);

      expect(snoop.body).toMatchObject({ name: `Snoop/${caller.channelId}-00000000`, state: 'Up' });
      expect(invalid.status).toBe(400);
      expect(ari.eventsOf('hotline', 'StasisStart', snoop.body.id)[0].args).toEqual(['spy']);
      expect(ari.eventsOf('hotline', 'ChannelDestroyed', snoop.body.id)).toHaveLength(0);
    });

    it('hangs up a channel sent back to the dialplan', async () => {
      const caller = await answeredCaller('13800000001');

      const response = await ari.request('POST', `/channels/${caller.channelId}/continue`);
      await caller.waitFor('hungup');

      expect(response.status).toBe(204);
      expect(ari.eventsOf('hotline', 'StasisEnd', caller.channelId)).toHaveLength(1);
    });

    it('subscribes an application to a channel outside it', async () => {
      const caller = await answeredCaller('13800000001');

      const subscribed = await ari.request('POST', `/applications/hotline/subscription?eventSource=channel:${caller.line.id}`);
      await caller.hangup();
      await ari.waitForEvent((event) => event.type === 'ChannelDestroyed' && channelId(event) === caller.line.id);

      expect(subscribed.body.channel_ids).toContain(caller.line.id);
    });
  });

  describe('system resources', () => {
    it('lists endpoints, sounds and Asterisk information', async () => {
      sim.addPhone({ extension: '8001' });

      const endpoints = await ari.request('GET', '/endpoints');
      const phone = await ari.request('GET', '/endpoints/PJSIP/8001');
      const unknownTech = await ari.request('GET', '/endpoints/SIP');
      const sounds = await ari.request('GET', '/sounds');
      const info = await ari.request('GET', '/asterisk/info');
      const ping = await ari.request('GET', '/asterisk/ping');

      expect(endpoints.body.map((endpoint: { resource: string }) => endpoint.resource)).toEqual(['8001', 'carrier']);
      expect(phone.body).toEqual({ technology: 'PJSIP', resource: '8001', state: 'online', channel_ids: [] });
      expect(unknownTech.status).toBe(404);
      expect(sounds.body.map((sound: { id: string }) => sound.id)).toContain('hotline-welcome');
      expect(info.body.system.version).toBe('22.10.1');
      expect(ping.body.ping).toBe('pong');
    });

    it('serves the Swagger resource listing', async () => {
      const listing = await ari.request('GET', '/api-docs/resources.json');
      const channels = await ari.request('GET', '/api-docs/channels.json');
      const events = await ari.request('GET', '/api-docs/events.json');

      expect(listing.body.swaggerVersion).toBe('1.2');
      expect(listing.body.basePath).toBe(`${sim.ariUrl}/ari`);
      expect(listing.body.apis).toContainEqual({ path: '/api-docs/deviceStates.{format}', description: 'Device state resources' });
      const originate = channels.body.apis.find((api: { path: string }) => api.path === '/channels').operations.find((operation: { nickname: string }) => operation.nickname === 'originate');
      expect(originate.parameters.find((param: { name: string }) => param.name === 'endpoint')).toMatchObject({ paramType: 'query', required: true });
      expect(events.body.models.StasisStart.properties.channel.type).toBe('Channel');
    });
  });
});
