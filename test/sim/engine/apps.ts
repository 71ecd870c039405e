/**
 * Stasis applications and the event sockets that registered them. Like Asterisk 22, an
 * application is active while a WebSocket holds it; a newer socket for the same name replaces
 * the older one (which gets `ApplicationReplaced`); when the socket goes, the application turns
 * inactive but its channels stay in Stasis until they hang up or the application comes back.
 */
import { ariTimestamp } from '../clock';

/** Where events for an application go: one WebSocket connection. */
export interface EventSink {
  send(text: string): void;
}

export class StasisApps {
  private readonly handlers = new Map<string, EventSink>();
  private readonly subscribeAllSinks = new Map<string, boolean>();
  /** Every application name ever registered, for `GET /applications`. */
  readonly known = new Set<string>();

  constructor(private readonly asteriskId: string) {}

  /** Registers `names` on `sink`; `subscribeAll` makes those applications see every channel and bridge. */
  register(names: string[], sink: EventSink, subscribeAll: boolean): void {
    for (const name of names) {
      const previous = this.handlers.get(name);
      if (previous && previous !== sink) {
        const replaced = { type: 'ApplicationReplaced', timestamp: ariTimestamp(), application: name, asterisk_id: this.asteriskId };
        previous.send(JSON.stringify(replaced));
      }
      this.handlers.set(name, sink);
      this.subscribeAllSinks.set(name, subscribeAll);
      this.known.add(name);
    }
  }

  /** Deactivates every application that `sink` still holds. */
  unregister(sink: EventSink): void {
    for (const [name, holder] of this.handlers) {
      if (holder !== sink) continue;
      this.handlers.delete(name);
      this.subscribeAllSinks.delete(name);
    }
  }

  isActive(name: string): boolean {
    return this.handlers.has(name);
  }

  /** Active applications registered with `subscribeAll=true`. */
  subscribedToAll(): string[] {
    return [...this.subscribeAllSinks].filter(([, all]) => all).map(([name]) => name);
  }

  /** Sends `body` to `app` with `asterisk_id` and `application` added; returns false when the application is inactive. */
  send(app: string, body: Record<string, unknown>): boolean {
    const sink = this.handlers.get(app);
    if (!sink) return false;
    sink.send(JSON.stringify({ ...body, asterisk_id: this.asteriskId, application: app }));
    return true;
  }
}
