/**
 * Asterisk behaviours the platform's adapters must cope with, as the recorded traces show them:
 * 404 after hang-up, events ahead of REST responses, failed playbacks, originate time-outs and
 * failures, Stasis only after answer, authentication.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSimulator, type Simulator } from './index';
import { RawAri, type AriEvent } from './testing/raw-ari';

/** HTTP status of a WebSocket handshake: 101 when it opens. */
function handshakeStatus(url: string): Promise<number> {
  const socket = new WebSocket(url);
  socket.on('error', () => undefined);
  return new Promise((resolve) => {
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
  });
}

const channelId = (event: AriEvent) => (event.channel as { id: string } | undefined)?.id;

describe('simulated Asterisk behaviour', () => {
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

  async function answeredCaller(from = '13800000001') {
    const caller = await sim.dial({ from });
    await ari.waitForEvent((event) => event.type === 'StasisStart' && channelId(event) === caller.channelId);
    await ari.request('POST', `/channels/${caller.channelId}/answer`);
    return caller;
  }

  it('answers 404 on a hung-up channel', async () => {
    const caller = await answeredCaller();
    await caller.hangup();

    const calls: Array<[string, string]> = [
      ['POST', `/channels/${caller.channelId}/answer`],
      ['POST', `/channels/${caller.channelId}/play?media=sound:hotline-welcome`],
      ['DELETE', `/channels/${caller.channelId}`],
      ['GET', `/channels/${caller.channelId}`],
      ['POST', `/channels/${caller.channelId}/hold`],
      ['GET', `/channels/${caller.channelId}/variable?variable=CALLERID(num)`],
      ['POST', `/channels/${caller.channelId}/record?name=late&format=wav`],
    ];
    for (const [method, path] of calls) {
      const response = await ari.request(method, path);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body, `${method} ${path}`).toEqual({ message: 'Channel not found' });
    }
  });

  it('sends events before the REST response', async () => {
    const caller = await sim.dial({ from: '13800000001' });
    await ari.waitForEvent((event) => event.type === 'StasisStart');

    await ari.request('POST', `/channels/${caller.channelId}/answer`);
    await ari.request('POST', '/bridges?bridgeId=b1&type=mixing');
    await ari.request('POST', `/bridges/b1/addChannel?channel=${caller.channelId}`);

    const positionOf = (match: (entry: (typeof ari.log)[number]) => boolean) => ari.log.findIndex(match);
    const stateChange = positionOf((entry) => entry.kind === 'event' && entry.event.type === 'ChannelStateChange');
    const answerReply = positionOf((entry) => entry.kind === 'rest' && entry.request.endsWith('/answer'));
    const entered = positionOf((entry) => entry.kind === 'event' && entry.event.type === 'ChannelEnteredBridge');
    const addReply = positionOf((entry) => entry.kind === 'rest' && entry.request.includes('/addChannel'));
    expect(stateChange).toBeGreaterThanOrEqual(0);
    expect(stateChange).toBeLessThan(answerReply);
    expect(entered).toBeGreaterThanOrEqual(0);
    expect(entered).toBeLessThan(addReply);
  });

  it('accepts a missing sound, then fails it', async () => {
    const caller = await answeredCaller();

    const response = await ari.request('POST', `/channels/${caller.channelId}/play/pb-missing?media=sound:no-such-prompt&lang=zh`);
    const finished = await ari.waitForEvent((event) => event.type === 'PlaybackFinished');

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ id: 'pb-missing', media_uri: 'sound:no-such-prompt', target_uri: `channel:${caller.channelId}`, state: 'failed' });
    expect(ari.eventsOf('hotline', 'PlaybackStarted')).toHaveLength(1);
    expect(finished.playback).toMatchObject({ id: 'pb-missing', state: 'failed' });
    expect(caller.heard).toEqual([]);
  });

  it('ends an unanswered originate with cause 19', async () => {
    const phone = sim.addPhone({ extension: '8002', answer: 'never' });
    const phoneHungUp = new Promise<{ cause: number }>((resolve) => phone.once('hungup', resolve));

    const response = await ari.request('POST', '/channels?endpoint=Local/8002@agent-phones&app=hotline&appArgs=agent,8002&timeout=2');
    const destroyed = await ari.waitForEvent((event) => event.type === 'ChannelDestroyed' && channelId(event) === response.body.id);

    expect(response.status).toBe(200);
    expect(destroyed.cause).toBe(19);
    expect(destroyed.cause_txt).toBe('User alerting, no answer');
    expect(ari.eventsOf('hotline', 'StasisStart', response.body.id)).toHaveLength(0);
    expect((await phoneHungUp).cause).toBe(19);
  });

  it('rejects bad endpoints like Asterisk', async () => {
    const cases: Array<[string, number, unknown]> = [
      ['bogus', 400, { message: 'Invalid endpoint specified' }],
      ['SIP/8001', 500, { error: 'Allocation failed' }],
      ['PJSIP/8009', 500, { error: 'Allocation failed' }],
    ];
    for (const [endpoint, status, body] of cases) {
      const response = await ari.request('POST', `/channels?endpoint=${endpoint}&app=hotline`);
      expect(response.status, endpoint).toBe(status);
      expect(response.body, endpoint).toEqual(body);
    }
  });

  it('destroys both halves of a missing Local extension', async () => {
    const response = await ari.request('POST', '/channels?endpoint=Local/9999@no-such-context&app=hotline');
    const one = response.body.id as string;
    await ari.waitForEvent((event) => event.type === 'ChannelDestroyed' && channelId(event) === one);

    const destroyed = ari.eventsOf('hotline', 'ChannelDestroyed');
    expect(response.status).toBe(200);
    expect(destroyed.map((event) => (event.channel as { name: string }).name)).toEqual([
      'Local/9999@no-such-context-00000000;2',
      'Local/9999@no-such-context-00000000;1',
    ]);
    expect(destroyed.map((event) => event.cause)).toEqual([0, 0]);
  });

  it('starts an originated channel in Stasis only once answered', async () => {
    const phone = sim.addPhone({ extension: '8001', answer: 'manual' });
    const ringing = new Promise<{ channelId: string }>((resolve) => phone.once('ringing', resolve));

    const response = await ari.request('POST', '/channels?endpoint=Local/8001@agent-phones&app=hotline&appArgs=agent,8001&callerId=13800000001');
    const one = response.body.id as string;
    expect((await ringing).channelId).toBe(one);
    await ari.waitForEvent((event) => event.type === 'Dial' && event.dialstatus === 'RINGING');
    expect(ari.eventsOf('hotline', 'StasisStart', one)).toHaveLength(0);

    phone.answer();
    const started = await ari.waitForEvent((event) => event.type === 'StasisStart' && channelId(event) === one);

    expect(started.args).toEqual(['agent', '8001']);
    const types = ari.events.filter((event) => channelId(event) === one || (event.peer as { id: string } | undefined)?.id === one).map((event) => `${event.type}${event.dialstatus === undefined ? '' : `:${event.dialstatus}`}`);
    expect(types).toEqual(['Dial:', 'ChannelStateChange', 'Dial:RINGING', 'ChannelStateChange', 'Dial:ANSWER', 'ChannelVarset', 'StasisStart']);
  });

  it('raises events on both Local halves', async () => {
    sim.addPhone({ extension: '8001', answer: 'manual' });

    const response = await ari.request('POST', '/channels?endpoint=Local/8001@agent-phones&app=hotline&callerId=13800000001');
    await ari.waitForEvent((event) => event.type === 'Dial' && event.dialstatus === 'RINGING');

    const names = new Set(ari.events.map((event) => ((event.channel ?? event.peer) as { name: string }).name));
    expect(response.body.name).toMatch(/^Local\/8001@agent-phones-[0-9a-f]{8};1$/);
    expect(names).toEqual(new Set([response.body.name, response.body.name.replace(';1', ';2')]));
    const seen = ari.events.map((event) => `${event.type} ${((event.channel ?? event.peer) as { name: string }).name.slice(-2)}`);
    expect(seen).toEqual(['ChannelCallerId ;2', 'ChannelConnectedLine ;2', 'Dial ;1', 'ChannelDialplan ;2', 'ChannelStateChange ;1', 'Dial ;1']);
  });

  it('shapes ids, names and timestamps like Asterisk', async () => {
    const caller = await answeredCaller();
    const event = await ari.waitForEvent((candidate) => candidate.type === 'ChannelStateChange');
    const channel = event.channel as Record<string, unknown>;

    expect(caller.channelId).toMatch(/^\d{10}\.\d+$/);
    expect(event.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(Object.keys(channel)).toEqual(['id', 'name', 'state', 'protocol_id', 'caller', 'connected', 'accountcode', 'dialplan', 'creationtime', 'language']);
    expect(channel.dialplan).toEqual({ context: 'from-trunk', exten: '12345', priority: 1, app_name: 'Stasis', app_data: 'hotline,inbound' });
    expect(event.asterisk_id).toBe('02:fc:00:00:00:01');
    expect(event.application).toBe('hotline');
  });

  it('hangs up with the cause of the reason', async () => {
    const caller = await answeredCaller();

    const invalid = await ari.request('DELETE', `/channels/${caller.channelId}?reason=sleepy`);
    const accepted = await ari.request('DELETE', `/channels/${caller.channelId}?reason=busy`);
    const hungUp = await caller.waitFor('hungup');

    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ message: 'Invalid reason for hangup provided' });
    expect(accepted.status).toBe(204);
    expect(hungUp.event).toMatchObject({ cause: 17, cause_txt: 'User busy' });
    const request = ari.eventsOf('hotline', 'ChannelHangupRequest', caller.channelId);
    expect(request.map((event) => [event.cause, event.soft])).toEqual([[32, true]]);
  });

  it('requires credentials on REST and WebSocket', async () => {
    const wrong = `Basic ${Buffer.from('hotline:wrong').toString('base64')}`;
    const response = await ari.request('GET', '/channels', { authorization: wrong });
    expect(response.status).toBe(401);

    const status = await handshakeStatus(`${sim.ariUrl.replace('http', 'ws')}/ari/events?app=hotline&api_key=hotline:wrong`);
    expect(status).toBe(401);
  });

  it('refuses a WebSocket without an application', async () => {
    const status = await handshakeStatus(`${sim.ariUrl.replace('http', 'ws')}/ari/events?api_key=hotline:secret`);
    expect(status).toBe(400);
  });

  it('checks required parameters and unknown paths', async () => {
    const missing = await ari.request('POST', '/channels?app=hotline');
    const unknown = await ari.request('GET', '/nothing-here');
    const noApp = await ari.request('POST', '/channels?endpoint=Local/8001@agent-phones');

    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ message: 'Missing parameter endpoint' });
    expect(unknown.status).toBe(404);
    expect(noApp.status).toBe(400);
    expect(noApp.body).toEqual({ message: 'Application or extension must be specified' });
  });

  it('keeps calls in Stasis across a dropped event socket', async () => {
    const caller = await answeredCaller();

    sim.dropEventSockets();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const late = await sim.dial({ from: '13800000009' });
    const lateGone = await late.waitFor('hungup');
    const again = new RawAri(sim.ariUrl, 'hotline', 'secret');
    await again.connect(['hotline']);
    const application = await again.request('GET', '/applications/hotline');
    const channels = await again.request('GET', '/channels');
    await again.close();

    expect(caller.state).toBe('up');
    expect(lateGone.event).toMatchObject({ cause: 0 });
    expect(application.body.channel_ids).toEqual([caller.channelId]);
    expect(channels.body.map((channel: { id: string }) => channel.id)).toContain(caller.channelId);
  });
});
