/**
 * A plain ARI client for the simulator's tests: REST through `fetch`, events through `ws`, both
 * logged in one list in the order they reached the client.
 */
import WebSocket from 'ws';

export interface AriEvent {
  type: string;
  application: string;
  [field: string]: unknown;
}

export type ClientLogEntry =
  | { kind: 'event'; event: AriEvent }
  | { kind: 'rest'; request: string; status: number; body: unknown };

export interface RestResponse {
  status: number;
  body: any;
}

export class RawAri {
  readonly log: ClientLogEntry[] = [];
  private socket: WebSocket | null = null;
  private readonly waiters = new Set<() => void>();
  private readonly authorization: string;

  constructor(
    private readonly baseUrl: string,
    user: string,
    password: string,
  ) {
    this.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }

  get events(): AriEvent[] {
    return this.log.flatMap((entry) => (entry.kind === 'event' ? [entry.event] : []));
  }

  /** Opens the events WebSocket for `apps` with `api_key` credentials. */
  async connect(apps: string[], credentials = 'hotline:secret'): Promise<void> {
    const url = `${this.baseUrl.replace('http', 'ws')}/ari/events?app=${apps.join(',')}&api_key=${encodeURIComponent(credentials)}`;
    const socket = new WebSocket(url);
    socket.on('message', (data) => {
      this.log.push({ kind: 'event', event: JSON.parse(String(data)) as AriEvent });
      this.wake();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) => reject(new Error(`WebSocket refused with HTTP ${response.statusCode}`)));
    });
    this.socket = socket;
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close();
    });
  }

  /** Sends `METHOD /ari/path?query`; the path is given without `/ari`. */
  async request(method: string, path: string, options: { body?: unknown; authorization?: string } = {}): Promise<RestResponse> {
    const response = await fetch(`${this.baseUrl}/ari${path}`, {
      method,
      headers: {
        authorization: options.authorization ?? this.authorization,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const body = text === '' ? null : (JSON.parse(text) as unknown);
    this.log.push({ kind: 'rest', request: `${method} ${path}`, status: response.status, body });
    this.wake();
    return { status: response.status, body };
  }

  /** Resolves with the first logged event (past or future) matching `predicate`. */
  async waitForEvent(predicate: (event: AriEvent) => boolean, timeoutMs = 5000): Promise<AriEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms; saw ${this.events.map((event) => `${event.application}:${event.type}`).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Events of `type` for `application` about channel `channelId` (or any channel when omitted). */
  eventsOf(application: string, type: string, channelId?: string): AriEvent[] {
    return this.events.filter(
      (event) => event.application === application && event.type === type && (channelId === undefined || (event.channel as { id: string } | undefined)?.id === channelId),
    );
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const waiter of waiters) waiter();
  }
}

/** Waits `ms` real milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
