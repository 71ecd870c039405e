/**
 * A small typed wrapper over node's EventEmitter: event names and payloads come from one map,
 * so `emitter.on('call.offered', (event) => ...)` is checked against `CallEventMap`.
 */
import { EventEmitter } from 'node:events';

export type Listener<Payload> = (payload: Payload) => void;

/** The listening side of a typed emitter; what other parts of the platform receive. */
export interface TypedEmitter<Events extends object> {
  on<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): this;
  once<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): this;
  off<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): this;
}

type AnyListener = (payload: unknown) => void;

/**
 * The owning side, which also emits. A listener that throws is reported to `onListenerError`;
 * the error reaches neither the other listeners nor the code that emitted.
 */
export class TypedEventEmitter<Events extends object> implements TypedEmitter<Events> {
  private readonly emitter = new EventEmitter();
  /** Guarded wrapper of each registered listener, per event, so `off` finds it again. */
  private readonly wrappers = new Map<string, Map<AnyListener, AnyListener>>();

  constructor(private readonly onListenerError: (error: unknown, event: string) => void) {
    this.emitter.setMaxListeners(0);
  }

  on<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): this {
    this.emitter.on(event as string, this.wrap(event as string, listener as AnyListener, false));
    return this;
  }

  once<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): this {
    this.emitter.on(event as string, this.wrap(event as string, listener as AnyListener, true));
    return this;
  }

  off<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): this {
    const wrapper = this.wrappers.get(event as string)?.get(listener as AnyListener);
    if (wrapper) {
      this.emitter.off(event as string, wrapper);
      this.wrappers.get(event as string)?.delete(listener as AnyListener);
    }
    return this;
  }

  /** Calls every listener of `event` in registration order; returns whether there was any. */
  emit<Name extends keyof Events>(event: Name, payload: Events[Name]): boolean {
    return this.emitter.emit(event as string, payload);
  }

  removeAllListeners(): void {
    this.emitter.removeAllListeners();
    this.wrappers.clear();
  }

  private wrap(event: string, listener: AnyListener, once: boolean): AnyListener {
    const wrapper: AnyListener = (payload) => {
      if (once) this.off(event as keyof Events, listener);
      try {
        listener(payload);
      } catch (error) {
        this.onListenerError(error, event);
      }
    };
    let byListener = this.wrappers.get(event);
    if (!byListener) {
      byListener = new Map();
      this.wrappers.set(event, byListener);
    }
    byListener.set(listener, wrapper);
    return wrapper;
  }
}
