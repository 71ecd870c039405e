/**
 * The scripting API that tests, the demo and benchmarks use: phones that ring, answer, reject
 * and hang up; callers that dial in, press keys, hear prompts and hang up; trace recording.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type PhoneCallInfo, type PhoneHangupInfo, type SimPhone, type Simulator } from './index';
import { RawAri, type AriEvent } from './testing/raw-ari';

const channelId = (event: AriEvent) => (event.channel as { id: string } | undefined)?.id;

function next<T>(phone: SimPhone, event: 'ringing' | 'answered' | 'hungup'): Promise<T> {
  return new Promise((resolve) => phone.once(event, (info: unknown) => resolve(info as T)));
}

describe('simulator scripting API', () => {
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

  describe('phones', () => {
    it('rings, answers by itself and hangs up', async () => {
      const phone = sim.addPhone({ extension: '8001', answer: 'auto', answerAfterMs: 200 });
      const ringing = next<PhoneCallInfo>(phone, 'ringing');
      const answered = next<PhoneCallInfo>(phone, 'answered');

      const response = await ari.request('POST', '/channels?endpoint=Local/8001@agent-phones&app=hotline&appArgs=agent,8001&callerId=13800000001');
      const rang = await ringing;
      expect(rang.channelId).toBe(response.body.id);
      expect(rang.callerNumber).toBe('13800000001');
      expect(typeof rang.at).toBe('number');
      expect(phone.isRinging).toBe(true);

      await answered;
      await ari.waitForEvent((event) => event.type === 'StasisStart' && channelId(event) === response.body.id);
      expect(phone.inCall).toBe(true);

      const hungUp = next<PhoneHangupInfo>(phone, 'hungup');
      await ari.request('DELETE', `/channels/${response.body.id}`);
      expect(await hungUp).toMatchObject({ cause: 16, wasAnswered: true });
      expect(phone.inCall).toBe(false);
    });

    it('rejects a call as busy', async () => {
      const phone = sim.addPhone({ extension: '8001', answer: 'manual' });
      phone.once('ringing', () => phone.reject());

      const response = await ari.request('POST', '/channels?endpoint=PJSIP/8001&app=hotline');
      const destroyed = await ari.waitForEvent((event) => event.type === 'ChannelDestroyed');

      expect(response.body.name).toMatch(/^PJSIP\/8001-[0-9a-f]{8}$/);
      expect(destroyed).toMatchObject({ cause: 17, cause_txt: 'User busy' });
      expect(ari.eventsOf('hotline', 'ChannelHangupRequest').map((event) => event.cause)).toEqual([17]);
    });

    it('gives a second call User busy', async () => {
      sim.addPhone({ extension: '8001', answer: 'manual' });

      const first = await ari.request('POST', '/channels?endpoint=Local/8001@agent-phones&app=hotline');
      const second = await ari.request('POST', '/channels?endpoint=Local/8001@agent-phones&app=hotline');
      const destroyed = await ari.waitForEvent((event) => event.type === 'ChannelDestroyed' && channelId(event) === second.body.id);

      expect(destroyed.cause).toBe(17);
      expect(ari.eventsOf('hotline', 'ChannelDestroyed', first.body.id)).toHaveLength(0);
    });

    it('hangs up an answered PJSIP call from the far end', async () => {
      const phone = sim.addPhone({ extension: '8001', answer: 'auto', answerAfterMs: 0 });
      const response = await ari.request('POST', '/channels?endpoint=PJSIP/8001&app=hotline&appArgs=agent');
      await ari.waitForEvent((event) => event.type === 'StasisStart');

      expect(phone.hangup()).toBe(true);
      await ari.waitForEvent((event) => event.type === 'ChannelDestroyed');

      const types = ari.events.filter((event) => channelId(event) === response.body.id).map((event) => event.type);
      expect(types.slice(-4)).toEqual(['ChannelHangupRequest', 'StasisEnd', 'ChannelVarset', 'ChannelDestroyed']);
      expect(ari.eventsOf('hotline', 'ChannelHangupRequest')[0]).toMatchObject({ cause: 16 });
      expect(phone.hangup()).toBe(false);
    });

    it('fails calls to unregistered phones', async () => {
      const direct = await ari.request('POST', '/channels?endpoint=PJSIP/8009&app=hotline');
      const local = await ari.request('POST', '/channels?endpoint=Local/8009@agent-phones&app=hotline');
      const carrier = await ari.request('POST', '/channels?endpoint=PJSIP/03708123456@carrier&app=hotline');
      const localGone = await ari.waitForEvent((event) => event.type === 'ChannelDestroyed' && channelId(event) === local.body.id);
      const carrierGone = await ari.waitForEvent((event) => event.type === 'ChannelDestroyed' && channelId(event) === carrier.body.id);

      expect(direct.status).toBe(500);
      expect(local.status).toBe(200);
      expect(localGone).toMatchObject({ cause: 3, cause_txt: 'No route to destination' });
      expect(carrier.status).toBe(200);
      expect(carrierGone).toMatchObject({ cause: 1, cause_txt: 'Unallocated (unassigned) number' });
    });

    it('reaches a department phone through the carrier', async () => {
      const phone = sim.addPhone({ extension: '03708123456', answer: 'manual' });
      const ringing = next<PhoneCallInfo>(phone, 'ringing');

      const response = await ari.request('POST', '/channels?endpoint=PJSIP/03708123456@carrier&app=hotline&callerId=12345');

      expect(response.body.name).toMatch(/^PJSIP\/carrier-[0-9a-f]{8}$/);
      expect((await ringing).callerNumber).toBe('12345');
    });

    it('refuses duplicate and invalid extensions', () => {
      sim.addPhone({ extension: '8001' });

      expect(() => sim.addPhone({ extension: '8001' })).toThrow('a phone is already registered as 8001');
      expect(() => sim.addPhone({ extension: 'bad ext' })).toThrow('invalid phone extension');
      expect(sim.phone('8001')?.extension).toBe('8001');
    });
  });

  describe('callers', () => {
    it('hears prompts and presses keys', async () => {
      const caller = await sim.dial({ from: '13800000001', name: '民权某某有限公司' });
      const started = await ari.waitForEvent((event) => event.type === 'StasisStart');
      expect(started.channel).toMatchObject({ caller: { name: '民权某某有限公司', number: '13800000001' } });
      expect(caller.state).toBe('ringing');

      await ari.request('POST', `/channels/${caller.channelId}/answer`);
      await caller.waitFor('answered');
      await ari.request('POST', `/channels/${caller.channelId}/play?media=sound:hotline-welcome,sound:hotline-menu`);
      await caller.waitFor('PlaybackStarted');
      caller.sendDtmf('1#');
      await caller.waitFor('dtmf');
      await caller.waitFor('dtmf');
      await ari.waitForEvent((event) => event.type === 'ChannelDtmfReceived' && event.digit === '#');

      const digits = ari.eventsOf('hotline', 'ChannelDtmfReceived').map((event) => [event.digit, event.duration_ms]);
      expect(caller.state).toBe('up');
      expect(digits).toEqual([
        ['1', 100],
        ['#', 100],
      ]);
      await caller.waitFor('PlaybackFinished');
      expect(caller.heard).toEqual(['sound:hotline-welcome', 'sound:hotline-menu']);
    });

    it('is bridged only when talking to someone', async () => {
      const caller = await sim.dial({ from: '13800000008' });
      const other = await sim.dial({ from: '13800000009' });
      for (const channel of [caller.channelId, other.channelId]) {
        await ari.waitForEvent((event) => event.type === 'StasisStart' && channelId(event) === channel);
        await ari.request('POST', `/channels/${channel}/answer`);
      }

      await ari.request('POST', '/bridges/queue?type=holding');
      await ari.request('POST', `/bridges/queue/addChannel?channel=${caller.channelId}`);
      await caller.waitFor('holding');
      await ari.request('POST', '/bridges/talk?type=mixing');
      await ari.request('POST', `/bridges/talk/addChannel?channel=${caller.channelId},${other.channelId}`);
      await caller.waitFor('bridged');
      await other.hangup();
      await caller.waitFor('unbridged');

      expect(caller.state).toBe('up');
      await expect(caller.waitFor('bridged', 50)).rejects.toThrow('saw no bridged');
    });

    it('hangs up and refuses to wait after', async () => {
      const caller = await sim.dial({ from: '13800000002' });
      await ari.waitForEvent((event) => event.type === 'StasisStart');

      await caller.hangup();

      expect(caller.state).toBe('hungup');
      await expect(caller.waitFor('PlaybackStarted')).rejects.toThrow('hung up before PlaybackStarted');
      expect(() => caller.sendDtmf('1')).toThrow('has hung up');
      await ari.waitForEvent((event) => event.type === 'StasisEnd' && channelId(event) === caller.channelId);
    });

    it('times out waiting for what never comes', async () => {
      const caller = await sim.dial({ from: '13800000003' });

      await expect(caller.waitFor('bridged', 50)).rejects.toThrow('saw no bridged within 50 ms');
    });

    it('is hung up when the application is not connected', async () => {
      await ari.close();

      const caller = await sim.dial({ from: '13800000004' });
      const gone = await caller.waitFor('hungup');

      expect(gone.event).toMatchObject({ type: 'ChannelDestroyed' });
      expect(caller.state).toBe('hungup');
    });

    it('gives up waiting when the simulator stops', async () => {
      const caller = await sim.dial({ from: '13800000007' });
      const waiting = caller.waitFor('bridged');

      await sim.stop();

      await expect(waiting).rejects.toThrow('the simulator stopped');
    });

    it('rejects a dial without a number', async () => {
      await expect(sim.dial({ from: '' })).rejects.toThrow('dial needs a caller number');
    });
  });

  describe('inspection', () => {
    it('lists channels, bridges and stored recordings', async () => {
      const caller = await sim.dial({ from: '13800000005' });
      await ari.waitForEvent((event) => event.type === 'StasisStart');
      await ari.request('POST', `/channels/${caller.channelId}/answer`);
      await ari.request('POST', '/bridges?bridgeId=hold-1&type=holding');
      await ari.request('POST', `/bridges/hold-1/addChannel?channel=${caller.channelId}`);
      await ari.request('POST', `/channels/${caller.channelId}/record?name=vm-1&format=wav`);
      await ari.waitForEvent((event) => event.type === 'RecordingStarted');
      await caller.hangup();

      expect(sim.channels()).toEqual([]);
      expect(sim.bridges()).toMatchObject([{ id: 'hold-1', bridge_type: 'holding', channels: [] }]);
      expect(sim.storedRecordings()).toMatchObject([{ name: 'vm-1', format: 'wav' }]);
    });

    it('records REST exchanges and events as trace lines', async () => {
      const stop = sim.recordTrace();
      const caller = await sim.dial({ from: '13800000006' });
      await ari.waitForEvent((event) => event.type === 'StasisStart');
      await ari.request('POST', `/channels/${caller.channelId}/answer`);
      const lines = stop();

      const kinds = lines.map((line) => (line.kind === 'rest' ? `rest ${line.request}` : `event ${String(line.event.type)} ${String(line.event.application)}`));
      expect(kinds).toContain('event StasisStart hotline');
      expect(kinds).toContain(`rest POST /ari/channels/${caller.channelId}/answer`);
      expect(lines.every((line) => typeof line.t === 'number')).toBe(true);
    });

    it('rejects a non-positive time scale', async () => {
      await expect(startSimulator({ ariUser: 'a', ariPassword: 'b', amiUser: 'c', amiSecret: 'd', timeScale: 0 })).rejects.toThrow('timeScale must be a positive number');
    });
  });
});
