/**
 * The ARI event WebSocket (`/ari/events`), opened here rather than by ari-client. ari-client 2.2
 * gives up on a lost socket after 10 retries (its backoff-func default) and has no way to stop
 * a scheduled retry, but the hotline must reconnect forever on its own schedule.
 */
import WebSocket from 'ws';

export interface EventSocketOptions {
  /** Base URL of Asterisk's HTTP server, e.g. `http://127.0.0.1:8088`. */
  url: string;
  user: string;
  password: string;
  app: string;
  /** Milliseconds to wait for the socket to open. */
  openTimeoutMs: number;
  /** Milliseconds between pings; a socket that missed the previous pong is closed. */
  pingIntervalMs: number;
}

export interface EventSocket {
  /** Resolves once the socket closed, for whatever reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** Builds the events URL; the credentials travel in `api_key`, as Asterisk expects. */
function eventsUrl(options: EventSocketOptions): string {
  const base = new URL(options.url);
  base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  base.pathname = `${base.pathname.replace(/\/$/, '')}/ari/events`;
  base.search = new URLSearchParams({
    app: options.app,
    api_key: `${options.user}:${options.password}`,
    subscribeAll: 'false',
  }).toString();
  return base.toString();
}

/**
 * Opens the socket and resolves once it is open; rejects when it cannot open in time or
 * `signal` aborts first. `onMessage` receives each text frame in order.
 */
export function openEventSocket(options: EventSocketOptions, onMessage: (text: string) => void, signal: AbortSignal): Promise<EventSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(eventsUrl(options), { handshakeTimeout: options.openTimeoutMs });
    const onAbort = () => socket.terminate();
    signal.addEventListener('abort', onAbort, { once: true });
    let opened = false;
    let pingTimer: NodeJS.Timeout | null = null;
    let awaitingPong = false;
    let resolveClosed: (value: { code: number; reason: string }) => void = () => {};
    const closed = new Promise<{ code: number; reason: string }>((done) => {
      resolveClosed = done;
    });

    socket.on('message', (data, isBinary) => {
      if (!isBinary) onMessage(data.toString());
    });

    socket.on('pong', () => {
      awaitingPong = false;
    });

    socket.on('open', () => {
      opened = true;
      pingTimer = setInterval(() => {
        if (awaitingPong) {
          socket.terminate();
          return;
        }
        awaitingPong = true;
        socket.ping();
      }, options.pingIntervalMs);
      resolve({ closed, close: () => socket.close() });
    });

    // `error` is always followed by `close`; the close handler settles everything.
    let lastError = '';
    socket.on('error', (error) => {
      lastError = error.message;
    });

    socket.on('close', (code, reason) => {
      signal.removeEventListener('abort', onAbort);
      if (pingTimer) clearInterval(pingTimer);
      if (!opened) {
        reject(new Error(lastError || `event socket closed before opening (code ${code})`));
      }
      resolveClosed({ code, reason: reason.toString() || lastError });
    });
  });
}
