/**
 * A minimal AMI server on 127.0.0.1 for adapter tests: greeting, Login, Ping, CoreShowChannels,
 * Logoff, pushed events, and actions configured to get no response.
 */
import net from 'node:net';

export interface FakeAmiOptions {
  user: string;
  secret: string;
  /** Channels listed by `CoreShowChannels`. */
  channels?: string[];
  /** Action names (lower case) that get no response. */
  silentActions?: string[];
}

export class FakeAmiServer {
  readonly actions: Record<string, string>[] = [];
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | null = null;
  port = 0;

  constructor(private readonly options: FakeAmiOptions) {}

  /** Listens on `port` (0 picks a free one); the same port can be reused after `stop`. */
  async start(port = this.port): Promise<void> {
    const server = net.createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
  }

  /** Sends an event to every logged-in connection. */
  sendEvent(fields: Record<string, string>): void {
    for (const socket of this.sockets) socket.write(format(fields));
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Drops every connection but keeps listening. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async stop(): Promise<void> {
    this.dropConnections();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private serve(socket: net.Socket): void {
    socket.setEncoding('utf8');
    socket.write('Asterisk Call Manager/11.0.0\r\n');
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
    let buffer = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf('\r\n\r\n');
      while (end >= 0) {
        this.handle(socket, parse(buffer.slice(0, end)));
        buffer = buffer.slice(end + 4);
        end = buffer.indexOf('\r\n\r\n');
      }
    });
  }

  private handle(socket: net.Socket, action: Record<string, string>): void {
    this.actions.push(action);
    const name = (action.action ?? '').toLowerCase();
    const actionId = action.actionid ?? '';
    if (this.options.silentActions?.includes(name)) return;

    switch (name) {
      case 'login':
        if (action.username === this.options.user && action.secret === this.options.secret) {
          this.sockets.add(socket);
          socket.write(format({ Response: 'Success', ActionID: actionId, Message: 'Authentication accepted' }));
        } else {
          socket.write(format({ Response: 'Error', ActionID: actionId, Message: 'Authentication failed' }));
          setTimeout(() => socket.end(), 20);
        }
        return;
      case 'ping':
        socket.write(format({ Response: 'Success', ActionID: actionId, Ping: 'Pong', Timestamp: '1796413457.084866' }));
        return;
      case 'coreshowchannels': {
        const channels = this.options.channels ?? [];
        socket.write(format({ Response: 'Success', ActionID: actionId, EventList: 'start', Message: 'Channels will follow' }));
        for (const channel of channels) socket.write(format({ Event: 'CoreShowChannel', ActionID: actionId, Channel: channel }));
        socket.write(format({ Event: 'CoreShowChannelsComplete', ActionID: actionId, EventList: 'Complete', ListItems: String(channels.length) }));
        return;
      }
      case 'logoff':
        socket.write(format({ Response: 'Goodbye', ActionID: actionId, Message: 'Thanks for all the fish.' }));
        socket.end();
        return;
      default:
        socket.write(format({ Response: 'Error', ActionID: actionId, Message: 'Invalid/unknown command' }));
    }
  }
}

function parse(block: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return fields;
}

function format(fields: Record<string, string>): string {
  return `${Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\r\n')}\r\n\r\n`;
}
