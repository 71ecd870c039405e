/**
 * The simulator's AMI against the recorded session: a wrong secret, then a good login, Ping,
 * CoreShowChannels with a caller in Stasis, Getvar, an Originate that times out and Logoff,
 * first over raw TCP, then through the npm package `asterisk-manager`.
 */
import createManager, { type AmiMessage as ManagerMessage, type Manager } from 'asterisk-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { RawAmi } from './testing/raw-ami';
import { RawAri } from './testing/raw-ari';

describe('simulated AMI', () => {
  let sim: Simulator;
  let ari: RawAri;
  const clients: RawAmi[] = [];

  async function open(): Promise<RawAmi> {
    const client = await RawAmi.open(sim.amiPort);
    clients.push(client);
    return client;
  }

  /** A caller answered by the `hotline` application and sitting in Stasis. */
  async function callerInStasis() {
    const caller = await sim.dial({ from: '13800000007' });
    await ari.waitForEvent((event) => event.type === 'StasisStart');
    await ari.request('POST', `/channels/${caller.channelId}/answer`);
    await caller.waitFor('answered');
    return caller;
  }

  beforeEach(async () => {
    sim = await startSimulator({ ariUser: 'hotline', ariPassword: 'secret', amiUser: 'hotline', amiSecret: 'hotline-ami', timeScale: 0.05 });
    ari = new RawAri(sim.ariUrl, 'hotline', 'secret');
    await ari.connect(['hotline']);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await ari.close();
    await sim.stop();
  });

  it('rejects a wrong secret, then closes', async () => {
    const client = await open();
    client.send({ Action: 'Login', ActionID: '1', Username: 'hotline', Secret: 'wrong' });

    const response = await client.waitFor((message) => message.get('ActionID') === '1');
    await client.waitForClose();

    expect(client.banner).toBe('Asterisk Call Manager/11.0.0');
    expect(response.get('Response')).toBe('Error');
    expect(response.get('Message')).toBe('Authentication failed');
    expect(client.closed).toBe(true);
  });

  it('refuses actions before login', async () => {
    const client = await open();
    client.send({ Action: 'Ping', ActionID: '9' });

    const response = await client.waitFor((message) => message.get('ActionID') === '9');

    expect(response.get('Response')).toBe('Error');
    expect(response.get('Message')).toBe('Permission denied');
  });

  it('replays the recorded session', async () => {
    sim.addPhone({ extension: '8001', answer: 'never' });
    const client = await open();
    client.send({ Action: 'Login', ActionID: '2', Username: 'hotline', Secret: 'hotline-ami' });
    const login = await client.waitFor((message) => message.get('ActionID') === '2');
    const booted = await client.waitFor((message) => message.get('Event') === 'FullyBooted');
    expect(login.get('Response')).toBe('Success');
    expect(login.get('Message')).toBe('Authentication accepted');
    expect(booted.get('Status')).toBe('Fully Booted');

    client.send({ Action: 'Ping', ActionID: '3' });
    const pong = await client.waitFor((message) => message.get('ActionID') === '3');
    expect(pong.get('Ping')).toBe('Pong');
    expect(pong.get('Timestamp')).toMatch(/^\d+\.\d{6}$/);

    const caller = await callerInStasis();
    client.send({ Action: 'CoreShowChannels', ActionID: '4' });
    await client.waitFor((message) => message.get('Event') === 'CoreShowChannelsComplete');
    const listing = client.answersTo('4');
    expect(listing.map((message) => message.get('Response') ?? message.get('Event'))).toEqual(['Success', 'CoreShowChannel', 'CoreShowChannel', 'CoreShowChannelsComplete']);
    expect(listing[0].get('EventList')).toBe('start');
    expect(listing[1].get('Uniqueid')).toBe(caller.channelId);
    expect(listing[1].get('Application')).toBe('Stasis');
    expect(listing[1].get('ApplicationData')).toBe('hotline,inbound');
    expect(listing[1].get('Duration')).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(listing[3].get('ListItems')).toBe('2');

    const lineName = listing[2].get('Channel')!;
    client.send({ Action: 'Getvar', ActionID: '5', Channel: lineName, Variable: 'CALLERID(num)' });
    const variable = await client.waitFor((message) => message.get('ActionID') === '5');
    expect(variable.get('Value')).toBe('13800000007');

    client.send({ Action: 'Originate', ActionID: '6', Channel: 'Local/8001@agent-phones', Application: 'Wait', Data: '1', Async: 'true', Timeout: '2000' });
    const queued = await client.waitFor((message) => message.get('ActionID') === '6');
    const originated = await client.waitFor((message) => message.get('Event') === 'OriginateResponse');
    expect(queued.get('Message')).toBe('Originate successfully queued');
    expect(originated.get('Response')).toBe('Failure');
    expect(originated.get('Reason')).toBe('3');
    expect(originated.get('Channel')).toBe('Local/8001@agent-phones');
    const hangup = await client.waitFor((message) => message.get('Event') === 'Hangup' && message.get('Channel')?.endsWith(';1') === true && message.get('Channel')!.startsWith('Local/8001@agent-phones'));
    expect(hangup.get('Cause')).toBe('19');
    expect(hangup.get('Cause-txt')).toBe('User alerting, no answer');
    expect(client.messages.indexOf(hangup)).toBeLessThan(client.messages.indexOf(originated));
    expect(client.messages.some((message) => message.get('Event') === 'Newchannel')).toBe(true);

    await caller.hangup();
    await client.waitFor((message) => message.get('Event') === 'Hangup' && message.get('Uniqueid') === caller.channelId);

    client.send({ Action: 'Logoff', ActionID: '7' });
    const goodbye = await client.waitFor((message) => message.get('ActionID') === '7');
    await client.waitForClose();
    expect(goodbye.get('Response')).toBe('Goodbye');
    expect(goodbye.get('Message')).toBe('Thanks for all the fish.');
  });

  it('reports phone device states', async () => {
    const client = await open();
    client.send({ Action: 'Login', ActionID: '1', Username: 'hotline', Secret: 'hotline-ami' });
    await client.waitFor((message) => message.get('ActionID') === '1');

    const phone = sim.addPhone({ extension: '8005', answer: 'manual' });
    await client.waitFor((message) => message.get('Device') === 'PJSIP/8005' && message.get('State') === 'NOT_INUSE');
    phone.unregister();
    await client.waitFor((message) => message.get('Device') === 'PJSIP/8005' && message.get('State') === 'UNAVAILABLE');

    client.send({ Action: 'NoSuchAction', ActionID: '2' });
    const unknown = await client.waitFor((message) => message.get('ActionID') === '2');
    expect(unknown.get('Message')).toBe('Invalid/unknown command');
  });
});

describe('asterisk-manager against the simulated AMI', () => {
  let sim: Simulator;
  let manager: Manager | null = null;

  beforeEach(async () => {
    sim = await startSimulator({ ariUser: 'hotline', ariPassword: 'secret', amiUser: 'hotline', amiSecret: 'hotline-ami', timeScale: 0.05 });
  });

  afterEach(async () => {
    manager?.disconnect();
    manager = null;
    await sim.stop();
  });

  function login(secret: string): Promise<ManagerMessage | undefined> {
    const created = createManager(0, '127.0.0.1', 'hotline', secret, true);
    manager = created;
    return new Promise((resolve) => {
      created.connect(sim.amiPort, '127.0.0.1', () => created.login((error) => resolve(error)));
    });
  }

  async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  function action(fields: Record<string, string>): Promise<ManagerMessage> {
    return new Promise((resolve, reject) => {
      manager!.action(fields, (error, response) => (error ? reject(new Error(String(error.message))) : resolve(response)));
    });
  }

  it('fails the login with a wrong secret', async () => {
    const error = await login('wrong');

    expect(error?.message).toBe('Authentication failed');
  });

  it('runs the recorded session', async () => {
    expect(await login('hotline-ami')).toBeUndefined();
    const events: ManagerMessage[] = [];
    manager!.on('managerevent', (event: ManagerMessage) => events.push(event));
    sim.addPhone({ extension: '8001', answer: 'never' });

    const pong = await action({ action: 'Ping' });
    expect(pong.ping).toBe('Pong');

    const ari = new RawAri(sim.ariUrl, 'hotline', 'secret');
    await ari.connect(['hotline']);
    const caller = await sim.dial({ from: '13800000008' });
    await ari.waitForEvent((event) => event.type === 'StasisStart');
    await ari.close();

    const listing = await action({ action: 'CoreShowChannels' });
    expect(listing.eventlist).toBe('start');
    await until(() => events.some((event) => event.event === 'CoreShowChannelsComplete'));
    const listed = events.filter((event) => event.event === 'CoreShowChannel').map((event) => event.channel);
    expect(listed).toEqual([caller.channel.name, caller.line.name]);

    const variable = await action({ action: 'Getvar', channel: caller.line.name, variable: 'CALLERID(num)' });
    expect(variable.value).toBe('13800000008');

    const queued = await action({ action: 'Originate', channel: 'Local/8001@agent-phones', application: 'Wait', data: '1', async: 'true', timeout: '2000' });
    expect(queued.message).toBe('Originate successfully queued');
    await until(() => events.some((event) => event.event === 'OriginateResponse'));
    expect(events.find((event) => event.event === 'OriginateResponse')).toMatchObject({ response: 'Failure', reason: '3' });

    const hungUp = await action({ action: 'Hangup', channel: caller.channel.name });
    expect(hungUp.message).toBe('Channel Hungup');
    await until(() => events.some((event) => event.event === 'Hangup' && event.uniqueid === caller.channelId));
    expect(events.find((event) => event.event === 'Hangup' && event.uniqueid === caller.channelId)?.cause).toBe('16');

    const goodbye = await action({ action: 'Logoff' });
    expect(goodbye.response).toBe('Goodbye');
  });
});
