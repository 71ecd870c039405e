import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AmiConnection } from '../../ivr/ami/ami-connection';
import { AmiActionError, AmiActionTimeoutError, AmiNotConnectedError } from '../../ivr/ami/errors';
import { FakeAmiServer } from './support/fake-ami-server';
import { failOnUnhandledErrors, waitUntil } from './support/guards';

const logger = pino({ level: 'silent' });
failOnUnhandledErrors();

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(options: Partial<ConstructorParameters<typeof FakeAmiServer>[0]> = {}): Promise<FakeAmiServer> {
  const server = new FakeAmiServer({ user: 'hotline', secret: 'ami-secret', ...options });
  await server.start();
  cleanups.push(() => server.stop());
  return server;
}

function connect(port: number, overrides: Partial<ConstructorParameters<typeof AmiConnection>[0]> = {}): AmiConnection {
  const ami = new AmiConnection(
    { host: '127.0.0.1', port, user: 'hotline', secret: 'ami-secret', actionTimeoutMs: 300, reconnectInitialDelayMs: 20, reconnectMaxDelayMs: 100, ...overrides },
    logger,
  );
  ami.start();
  cleanups.push(() => ami.stop());
  return ami;
}

describe('AmiConnection', () => {
  it('logs in and answers a ping', async () => {
    const server = await startServer();
    const ami = connect(server.port);
    await waitUntil(() => ami.isConnected(), 'AMI is connected');

    await expect(ami.ping()).resolves.toBeUndefined();
    expect(server.actions.map((action) => action.action.toLowerCase())).toEqual(['login', 'ping']);
  });

  it('counts channels with CoreShowChannels', async () => {
    const server = await startServer({ channels: ['PJSIP/8001-00000001', 'Local/12345@from-trunk-00000038;2'] });
    const ami = connect(server.port);
    await waitUntil(() => ami.isConnected(), 'AMI is connected');

    await expect(ami.countChannels()).resolves.toBe(2);
  });

  it('rejects an unanswered action with AmiActionTimeoutError', async () => {
    const server = await startServer({ silentActions: ['ping'] });
    const ami = connect(server.port);
    await waitUntil(() => ami.isConnected(), 'AMI is connected');

    const error = await ami.ping().catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(AmiActionTimeoutError);
    expect((error as AmiActionTimeoutError).code).toBe('AMI_ACTION_TIMEOUT');
    expect((error as AmiActionTimeoutError).action).toBe('Ping');
  });

  it('rejects an error response with AmiActionError', async () => {
    const server = await startServer();
    const ami = connect(server.port);
    await waitUntil(() => ami.isConnected(), 'AMI is connected');

    const error = await ami.action({ action: 'NoSuchAction' }).catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(AmiActionError);
    expect((error as AmiActionError).reason).toBe('Invalid/unknown command');
  });

  it('rejects actions at once while disconnected', async () => {
    const ami = connect(1);

    await expect(ami.ping()).rejects.toBeInstanceOf(AmiNotConnectedError);
  });

  it('surfaces DeviceStateChange as a typed event', async () => {
    const server = await startServer();
    const ami = connect(server.port);
    await waitUntil(() => ami.isConnected(), 'AMI is connected');
    const states: { device: string; state: string }[] = [];
    ami.events.on('device-state', ({ device, state }) => states.push({ device, state }));

    server.sendEvent({ Event: 'DeviceStateChange', Privilege: 'call,all', Device: 'PJSIP/8001', State: 'INUSE' });
    server.sendEvent({ Event: 'DeviceStateChange', Privilege: 'call,all', Device: 'PJSIP/8002', State: 'SOMETHING_NEW' });
    await waitUntil(() => states.length === 2, 'two device states arrived');

    expect(states).toEqual([
      { device: 'PJSIP/8001', state: 'INUSE' },
      { device: 'PJSIP/8002', state: 'UNKNOWN' },
    ]);
  });

  it('reconnects after the connection drops', async () => {
    const server = await startServer();
    const ami = connect(server.port);
    await waitUntil(() => ami.isConnected(), 'AMI is connected');

    server.dropConnections();
    await waitUntil(() => !ami.isConnected(), 'AMI noticed the drop');
    await waitUntil(() => ami.isConnected(), 'AMI reconnected');

    await expect(ami.ping()).resolves.toBeUndefined();
  });

  it('keeps retrying with a wrong secret and never connects', async () => {
    const server = await startServer();
    const ami = connect(server.port, { secret: 'wrong' });

    await waitUntil(() => server.actions.filter((action) => action.action.toLowerCase() === 'login').length >= 2, 'two login attempts');

    expect(ami.isConnected()).toBe(false);
    expect(server.actions.every((action) => action.secret === 'wrong')).toBe(true);
  });

  it('connects once the server comes up', async () => {
    const probe = new FakeAmiServer({ user: 'hotline', secret: 'ami-secret' });
    await probe.start();
    const port = probe.port;
    await probe.stop();
    const ami = connect(port);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ami.isConnected()).toBe(false);

    const server = new FakeAmiServer({ user: 'hotline', secret: 'ami-secret' });
    await server.start(port);
    cleanups.push(() => server.stop());

    await waitUntil(() => ami.isConnected(), 'AMI connected after the server came up');
  });
});
