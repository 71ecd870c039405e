/**
 * An inbox for a test's agent desktop (a socket.io client): it keeps every event from the
 * socket's creation on, so that a test never misses one that arrived before it started waiting.
 */
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/realtime/socket-events';

export type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

interface Waiter {
  event: string;
  accept: (payload: any) => boolean;
  resolve: (payload: any) => void;
}

interface Inbox {
  received: { event: string; payload: unknown }[];
  waiting: Waiter[];
}

const inboxes = new WeakMap<DeskSocket, Inbox>();

/** Starts keeping the socket's events; call it right after creating the socket. */
export function recordEvents(socket: DeskSocket): void {
  const inbox: Inbox = { received: [], waiting: [] };
  inboxes.set(socket, inbox);
  socket.onAny((event: string, payload: unknown) => {
    const waiter = inbox.waiting.find((candidate) => candidate.event === event && candidate.accept(payload));
    if (waiter) {
      inbox.waiting.splice(inbox.waiting.indexOf(waiter), 1);
      waiter.resolve(payload);
      return;
    }
    inbox.received.push({ event, payload });
  });
}

function inboxOf(socket: DeskSocket): Inbox {
  const inbox = inboxes.get(socket);
  if (!inbox) throw new Error('the socket records no events: call recordEvents(socket) when creating it');
  return inbox;
}

/**
 * Resolves with the first `event` that satisfies `accept` and that no earlier call took, whether
 * it arrived already or arrives later. With `timeoutMs`, rejects when none arrives in time.
 */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: DeskSocket,
  event: E,
  accept: (payload: Payload<E>) => boolean = () => true,
  timeoutMs?: number,
): Promise<Payload<E>> {
  const inbox = inboxOf(socket);
  const index = inbox.received.findIndex((entry) => entry.event === event && accept(entry.payload as Payload<E>));
  if (index >= 0) {
    const [entry] = inbox.received.splice(index, 1);
    return Promise.resolve(entry.payload as Payload<E>);
  }

  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const waiter: Waiter = {
      event,
      accept: accept as (payload: any) => boolean,
      resolve: (payload) => {
        clearTimeout(timer);
        resolve(payload);
      },
    };
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        inbox.waiting.splice(inbox.waiting.indexOf(waiter), 1);
        reject(new Error(`no ${event} within ${timeoutMs} ms`));
      }, timeoutMs);
    }
    inbox.waiting.push(waiter);
  });
}

/** Events of this name received and not yet taken by `nextEvent`. */
export function receivedEvents<E extends keyof ServerToClientEvents>(socket: DeskSocket, event: E): Payload<E>[] {
  return inboxOf(socket)
    .received.filter((entry) => entry.event === event)
    .map((entry) => entry.payload as Payload<E>);
}

/** Forgets the events received so far, so the next `nextEvent` waits for a new one. */
export function clearEvents(socket: DeskSocket): void {
  inboxOf(socket).received.length = 0;
}

/** Sends a client request and resolves with its ack. */
export function request(socket: DeskSocket, event: keyof ClientToServerEvents | string, payload?: unknown): Promise<any> {
  return new Promise((resolve) => {
    (socket.emit as (name: string, ...args: unknown[]) => void)(event, payload, resolve);
  });
}
