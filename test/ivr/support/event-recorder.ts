/** Records every call event of a hotline in order, for assertions and for waiting on events. */
import type { CallEventMap, CallEventName } from '../../../ivr/contract';
import type { TypedEmitter } from '../../../ivr/typed-emitter';

export const CALL_EVENT_NAMES: CallEventName[] = [
  'call.started',
  'call.menu',
  'call.queued',
  'call.offered',
  'call.offer-ended',
  'call.answered',
  'call.held',
  'call.resumed',
  'call.ended',
];

export type RecordedEvent = { [Name in CallEventName]: { name: Name; payload: CallEventMap[Name] } }[CallEventName];

export class EventRecorder {
  readonly events: RecordedEvent[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(emitter: TypedEmitter<CallEventMap>) {
    for (const name of CALL_EVENT_NAMES) {
      emitter.on(name, (payload) => {
        this.events.push({ name, payload } as RecordedEvent);
        for (const waiter of [...this.waiters]) waiter();
      });
    }
  }

  /** Payloads of every `name` event, optionally of one call only. */
  all<Name extends CallEventName>(name: Name, callId?: string): CallEventMap[Name][] {
    return this.events
      .filter((event) => event.name === name && (callId === undefined || event.payload.callId === callId))
      .map((event) => event.payload as CallEventMap[Name]);
  }

  /** Names of the events of one call, in order. */
  namesOf(callId: string): CallEventName[] {
    return this.events.filter((event) => event.payload.callId === callId).map((event) => event.name);
  }

  /** Resolves with the first `name` event (already recorded or coming) that matches; rejects after `timeoutMs`. */
  waitFor<Name extends CallEventName>(name: Name, match: (payload: CallEventMap[Name]) => boolean = () => true, timeoutMs = 8_000): Promise<CallEventMap[Name]> {
    const find = () => this.all(name).find(match);
    const found = find();
    if (found) return Promise.resolve(found);

    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${name}; events so far: ${this.events.map((event) => event.name).join(', ')}`));
      }, timeoutMs);
      const check = () => {
        const payload = find();
        if (!payload) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(payload);
      };
      this.waiters.add(check);
    });
  }
}
