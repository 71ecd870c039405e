/**
 * Hands each published event only to the scripted callers it can be about: the caller whose
 * channel the event names, and the callers in the bridge it names (playbacks and recordings
 * name their target channel or bridge too). Every caller listening to every event made each
 * event cost as much as there are calls, which slowed the simulator down with a few hundred.
 */
import type { EventBus, PublishedEvent } from '../engine/bus';
import type { SimChannel } from '../engine/channel';

export type CallerObserver = (event: PublishedEvent) => void;

export class CallerRouter {
  private readonly observers = new Map<SimChannel, CallerObserver>();

  constructor(bus: EventBus) {
    bus.on('event', (event) => this.route(event));
  }

  /** Delivers the events about `channel` and its bridge to `observer`; returns the function that stops it. */
  follow(channel: SimChannel, observer: CallerObserver): () => void {
    this.observers.set(channel, observer);
    return () => {
      if (this.observers.get(channel) === observer) this.observers.delete(channel);
    };
  }

  private route(event: PublishedEvent): void {
    if (this.observers.size === 0) return;
    const targets = new Set<CallerObserver>();
    const add = (channel: SimChannel) => {
      const observer = this.observers.get(channel);
      if (observer) targets.add(observer);
    };
    if (event.channel) add(event.channel);
    if (event.bridge) for (const member of event.bridge.members) add(member);
    for (const observer of targets) observer(event);
  }
}
