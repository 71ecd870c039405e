/**
 * The ARI HTTP server on 127.0.0.1: REST under `/ari` with HTTP basic authentication (or
 * `api_key=user:pass`), the generated Swagger descriptions under `/ari/api-docs`, and the events
 * WebSocket. A reply goes out after the events its request caused, so clients see those events
 * first, the race the traces show for `answer`, `play`, `addChannel` and `DELETE`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Engine } from '../engine/engine';
import { apiDeclaration, isResourceName, resourceListing } from './api-docs';
import { bridgeHandlers } from './bridges';
import { channelHandlers } from './channels';
import type { AriReply, HandlerTable } from './context';
import { playbackHandlers, recordingHandlers } from './media-resources';
import type { ResourceName } from './operations';
import {
  applicationHandlers,
  asteriskHandlers,
  deviceStateHandlers,
  endpointHandlers,
  eventHandlers,
  mailboxHandlers,
  soundHandlers,
} from './resources';
import { AriError, matchRoute, readParams } from './router';
import { EventSockets } from './websocket';

const HANDLERS: Record<ResourceName, HandlerTable> = {
  asterisk: asteriskHandlers,
  endpoints: endpointHandlers,
  channels: channelHandlers,
  bridges: bridgeHandlers,
  recordings: recordingHandlers,
  sounds: soundHandlers,
  playbacks: playbackHandlers,
  deviceStates: deviceStateHandlers,
  mailboxes: mailboxHandlers,
  events: eventHandlers,
  applications: applicationHandlers,
};

const MAX_BODY_BYTES = 1024 * 1024;

/** One REST request and its response, for trace recording. */
export interface RestExchange {
  request: string;
  body: unknown;
  status: number;
  response: unknown;
}

export interface AriServerOptions {
  user: string;
  password: string;
  onExchange: (exchange: RestExchange) => void;
}

export class AriServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  readonly events: EventSockets;

  constructor(
    private readonly engine: Engine,
    private readonly options: AriServerOptions,
  ) {
    this.server = createServer((request, response) => this.handle(request, response));
    this.events = new EventSockets({ apps: engine.apps, authorize: (request, url) => this.authorized(request, url), log: engine.log });
    this.server.on('upgrade', (request, socket, head) => {
      if (!this.events.handleUpgrade(request, socket, head)) socket.destroy();
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.events.close();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private authorized(request: IncomingMessage, url: URL): boolean {
    const expected = `${this.options.user}:${this.options.password}`;
    const apiKey = url.searchParams.get('api_key');
    if (apiKey !== null) return apiKey === expected;
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    return Buffer.from(header.slice(6), 'base64').toString('utf8') === expected;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        send(response, { status: 413, body: { message: 'Request body too large' } });
        return;
      }
      this.dispatch(request, Buffer.concat(chunks).toString('utf8'), response);
    });
  }

  private dispatch(request: IncomingMessage, rawBody: string, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    if (!url.pathname.startsWith('/ari/')) {
      send(response, { status: 404, body: { message: 'Not found' } });
      return;
    }
    if (!this.authorized(request, url)) {
      response.setHeader('WWW-Authenticate', 'Basic realm="Asterisk REST Interface"');
      send(response, { status: 401, body: { message: 'Authentication required' } });
      return;
    }

    const docs = /^\/ari\/api-docs\/(\w+)\.json$/.exec(url.pathname);
    if (docs && method === 'GET') {
      const baseUrl = `http://${request.headers.host ?? '127.0.0.1'}`;
      if (docs[1] === 'resources') send(response, { status: 200, body: resourceListing(baseUrl) });
      else if (isResourceName(docs[1])) send(response, { status: 200, body: apiDeclaration(baseUrl, docs[1]) });
      else send(response, { status: 404, body: { message: 'Resource not found' } });
      return;
    }

    let body: unknown = null;
    let reply: AriReply;
    try {
      body = parseBody(request, rawBody, url);
      const match = matchRoute(method, url.pathname.slice('/ari'.length));
      const params = readParams(match, url.searchParams, body);
      const handler = HANDLERS[match.operation.resource][match.operation.nickname];
      reply = handler ? handler(this.engine, params) : { status: 501, body: { message: 'Not implemented' } };
    } catch (error) {
      if (error instanceof AriError) {
        reply = { status: error.status, body: error.body };
      } else {
        this.engine.log.error({ err: error, method, url: url.pathname }, 'ARI request failed');
        reply = { status: 500, body: { message: 'Internal Server Error' } };
      }
    }

    // Let the events this request published reach the WebSocket first.
    setImmediate(() => {
      send(response, reply);
      const responseBody = reply.binary ? `<${reply.binary.length} bytes>` : (reply.body ?? null);
      this.options.onExchange({ request: `${method} ${url.pathname}${url.search}`, body, status: reply.status, response: responseBody });
    });
  }
}

/** Reads a JSON or form body; form fields count as query parameters, as in Asterisk. */
function parseBody(request: IncomingMessage, rawBody: string, url: URL): unknown {
  if (rawBody.trim() === '') return null;
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(rawBody)) url.searchParams.append(name, value);
    return null;
  }
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new AriError(400, { message: 'Invalid JSON body' });
  }
}

function send(response: ServerResponse, reply: AriReply): void {
  if (response.writableEnded) return;
  if (reply.binary) {
    response.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/octet-stream', 'Content-Length': reply.binary.length });
    response.end(reply.binary);
    return;
  }
  if (reply.body === undefined || reply.status === 204) {
    response.writeHead(reply.status);
    response.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
