/**
 * The ARI events WebSocket, `/ari/events?app=NAME[,NAME2]&api_key=user:pass[&subscribeAll=true]`
 * (HTTP basic authentication works too). Each socket registers its applications; closing it
 * deactivates them.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventSink, StasisApps } from '../engine/apps';

export interface EventSocketOptions {
  apps: StasisApps;
  authorize: (request: IncomingMessage, url: URL) => boolean;
  log: Logger;
}

export class EventSockets {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sockets = new Map<WebSocket, EventSink>();

  constructor(private readonly options: EventSocketOptions) {}

  /** Handles an HTTP upgrade; returns false when the path is not the events socket. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ari/events') return false;
    if (!this.options.authorize(request, url)) {
      reject(socket, 401, 'Unauthorized');
      return true;
    }
    const names = url.searchParams.getAll('app').flatMap((value) => value.split(',')).filter(Boolean);
    if (names.length === 0) {
      reject(socket, 400, 'Bad Request');
      return true;
    }
    const subscribeAll = url.searchParams.get('subscribeAll') === 'true';
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws, names, subscribeAll));
    return true;
  }

  private accept(ws: WebSocket, names: string[], subscribeAll: boolean): void {
    const { apps, log } = this.options;
    const sink: EventSink = {
      send: (text: string) => {
        if (ws.readyState === ws.OPEN) ws.send(text);
      },
    };
    this.sockets.set(ws, sink);
    apps.register(names, sink, subscribeAll);
    log.info({ apps: names, subscribeAll }, 'ARI event socket connected');
    ws.on('close', () => {
      this.sockets.delete(ws);
      apps.unregister(sink);
      log.info({ apps: names }, 'ARI event socket closed');
    });
    ws.on('error', (error) => log.warn({ err: error, apps: names }, 'ARI event socket failed'));
  }

  /** Cuts every event socket without a closing handshake, as an Asterisk restart or a network cut would. */
  dropAll(): void {
    for (const [ws, sink] of this.sockets) {
      // The applications go at once, so a call arriving right after the cut finds them inactive.
      this.options.apps.unregister(sink);
      ws.terminate();
    }
  }

  close(): void {
    this.dropAll();
    this.server.close();
  }
}

function reject(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
