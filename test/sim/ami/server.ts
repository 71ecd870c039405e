/**
 * The AMI server on 127.0.0.1 (`Asterisk Call Manager/11.0.0`). Like Asterisk 22, it sends
 * `Authentication failed` about a second after a wrong login, then closes the connection.
 * Logged-in sessions receive events unless they log in with `Events: off`.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { PublishedEvent } from '../engine/bus';
import type { Engine } from '../engine/engine';
import { runAction } from './actions';
import { amiEventsFor, devicesOf, DeviceStates } from './events';
import { AmiParser, formatAmi, type AmiFields, type AmiMessage } from './protocol';

const BANNER = 'Asterisk Call Manager/11.0.0\r\n';
/** Simulated delay before the reply to a failed login (Asterisk 22 waits about one second). */
const FAILED_LOGIN_DELAY_MS = 1000;

export interface AmiServerOptions {
  user: string;
  secret: string;
}

class AmiSession {
  authenticated = false;
  events = true;
  closed = false;
  private readonly parser = new AmiParser();

  constructor(
    readonly socket: Socket,
    private readonly server: AmiServer,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      for (const message of this.parser.push(chunk)) server.handle(this, message);
    });
    socket.on('close', () => {
      this.closed = true;
    });
    socket.on('error', () => {
      this.closed = true;
    });
  }

  send(fields: AmiFields): void {
    if (!this.closed) this.socket.write(formatAmi(fields));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.end();
  }
}

export class AmiServer {
  private readonly server: Server;
  private readonly sessions = new Set<AmiSession>();
  private readonly devices: DeviceStates;
  private readonly startedAt = performance.now();
  private readonly pendingDevices = new Set<string>();
  private flushScheduled = false;

  constructor(
    private readonly engine: Engine,
    private readonly options: AmiServerOptions,
  ) {
    this.devices = new DeviceStates(engine);
    this.server = createServer((socket) => {
      const session = new AmiSession(socket, this);
      this.sessions.add(session);
      socket.on('close', () => this.sessions.delete(session));
      socket.write(BANNER);
    });
    engine.bus.on('event', (event) => this.forward(event));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  handle(session: AmiSession, message: AmiMessage): void {
    const action = message.get('Action');
    const actionIdValue = message.get('ActionID');
    const actionId: AmiFields = actionIdValue === undefined ? [] : [['ActionID', actionIdValue]];
    if (!action) {
      session.send([['Response', 'Error'], ...actionId, ['Message', 'Missing action in request']]);
      return;
    }
    if (action.toLowerCase() === 'login') {
      this.login(session, message, actionId);
      return;
    }
    if (!session.authenticated) {
      session.send([['Response', 'Error'], ...actionId, ['Message', 'Permission denied']]);
      return;
    }
    runAction(action, {
      engine: this.engine,
      devices: this.devices,
      message,
      actionId,
      session: {
        reply: (fields) => session.send(fields),
        broadcast: (fields) => this.broadcast(fields),
        setEvents: (enabled) => {
          session.events = enabled;
        },
        close: () => session.close(),
      },
    });
  }

  private login(session: AmiSession, message: AmiMessage, actionId: AmiFields): void {
    if (message.get('Username') !== this.options.user || message.get('Secret') !== this.options.secret) {
      this.engine.log.warn({ username: message.get('Username') }, 'AMI login failed');
      this.engine.clock.after(FAILED_LOGIN_DELAY_MS, () => {
        session.send([['Response', 'Error'], ...actionId, ['Message', 'Authentication failed']]);
        session.close();
      });
      return;
    }
    session.authenticated = true;
    session.events = (message.get('Events') ?? 'on').toLowerCase() !== 'off';
    session.send([['Response', 'Success'], ...actionId, ['Message', 'Authentication accepted']]);
    const uptime = String(Math.floor((performance.now() - this.startedAt) / 1000));
    if (!session.events) return;
    session.send([['Event', 'FullyBooted'], ['Privilege', 'system,all'], ['Uptime', uptime], ['LastReload', uptime], ['Status', 'Fully Booted']]);
    const address = session.socket.address() as AddressInfo;
    session.send([
      ['Event', 'SuccessfulAuth'],
      ['Privilege', 'security,all'],
      ['EventTV', new Date().toISOString().replace('Z', '+0000')],
      ['Severity', 'Informational'],
      ['Service', 'AMI'],
      ['EventVersion', '1'],
      ['AccountID', this.options.user],
      ['SessionID', `0x${Math.floor(Math.random() * 0xffffffff).toString(16)}`],
      ['LocalAddress', `IPV4/TCP/${address.address}/${address.port}`],
      ['RemoteAddress', `IPV4/TCP/${session.socket.remoteAddress ?? '127.0.0.1'}/${session.socket.remotePort ?? 0}`],
      ['UsingPassword', '0'],
      ['SessionTV', new Date().toISOString().replace('Z', '+0000')],
    ]);
  }

  private forward(published: PublishedEvent): void {
    for (const fields of amiEventsFor(published)) this.broadcast(fields);
    if (published.channel) for (const device of devicesOf(published.channel)) this.pendingDevices.add(device);
    const extension = published.body.extension;
    if (published.body.type === 'SimPhoneRegistration' && typeof extension === 'string') this.pendingDevices.add(`PJSIP/${extension}`);
    if (this.pendingDevices.size > 0 && !this.flushScheduled) {
      // Device states settle once the whole cascade (hang-up of both Local halves...) has run.
      this.flushScheduled = true;
      setImmediate(() => this.flushDeviceChanges());
    }
  }

  private flushDeviceChanges(): void {
    this.flushScheduled = false;
    const devices = [...this.pendingDevices];
    this.pendingDevices.clear();
    for (const [device, state] of this.devices.changes(devices)) {
      this.broadcast([['Event', 'DeviceStateChange'], ['Privilege', 'call,all'], ['Device', device], ['State', state]]);
    }
  }

  private broadcast(fields: AmiFields): void {
    for (const session of this.sessions) {
      if (session.authenticated && session.events) session.send(fields);
    }
  }
}
