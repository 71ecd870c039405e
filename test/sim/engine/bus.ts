/**
 * Publishes ARI events. Each event goes to the Stasis applications subscribed to what it is
 * about (the rules are in `channelApps` and `bridgeApps`), and to in-process listeners (AMI,
 * scripted phones and callers, trace recording) whether or not any application receives it.
 */
import { EventEmitter } from 'node:events';
import { ariTimestamp } from '../clock';
import type { StasisApps } from './apps';
import type { SimBridge } from './bridge';
import type { SimChannel } from './channel';

/** One published event: the ARI body (without `asterisk_id` and `application`) and who received it. */
export interface PublishedEvent {
  body: Record<string, unknown> & { type: string; timestamp: string };
  apps: string[];
  channel?: SimChannel;
  bridge?: SimBridge;
}

/** Event types whose own fields come before `type`, as Asterisk orders them. */
const FIELDS_FIRST = new Set(['ChannelVarset', 'ChannelHangupRequest']);

export class EventBus extends EventEmitter<{ event: [PublishedEvent] }> {
  constructor(private readonly apps: StasisApps) {
    super();
    this.setMaxListeners(0);
  }

  /**
   * Applications that receive events about `channel`: those that originated it (for its whole
   * life), the Stasis application it is in, explicit subscribers and `subscribeAll` applications.
   */
  channelApps(channel: SimChannel): Set<string> {
    const apps = new Set<string>([...channel.originators, ...channel.subscribers]);
    if (channel.stasis) apps.add(channel.stasis.app);
    if (channel.kind !== 'media') for (const app of this.apps.subscribedToAll()) apps.add(app);
    return apps;
  }

  /** Applications subscribed to `bridge`: through its Stasis channels, explicitly, or to everything. */
  bridgeApps(bridge: SimBridge): Set<string> {
    const apps = new Set<string>(bridge.subscribers);
    for (const [app, count] of bridge.appRefs) if (count > 0) apps.add(app);
    for (const app of this.apps.subscribedToAll()) apps.add(app);
    return apps;
  }

  /** Publishes a channel event; `only` restricts it (StasisStart and StasisEnd go to the Stasis application alone). */
  channelEvent(channel: SimChannel, type: string, fields: Record<string, unknown> = {}, only?: Set<string>): void {
    const head = { type, timestamp: ariTimestamp() };
    const body = FIELDS_FIRST.has(type)
      ? { ...fields, ...head, channel: channel.toJson() }
      : { ...head, ...fields, channel: channel.toJson() };
    this.publish(only ?? this.channelApps(channel), body, { channel });
  }

  /** Publishes an event about a bridge (membership changes, destruction). */
  bridgeEvent(bridge: SimBridge, type: string, fields: Record<string, unknown> = {}, channel?: SimChannel): void {
    const body: Record<string, unknown> = { type, timestamp: ariTimestamp(), bridge: bridge.toJson() };
    Object.assign(body, fields);
    if (channel) body.channel = channel.toJson();
    this.publish(this.bridgeApps(bridge), body as PublishedEvent['body'], { bridge, channel });
  }

  /** Publishes `body` to `targets` and to in-process listeners. */
  publish(targets: Iterable<string>, body: PublishedEvent['body'], about: { channel?: SimChannel; bridge?: SimBridge }): void {
    const delivered: string[] = [];
    for (const app of targets) {
      if (this.apps.send(app, body)) delivered.push(app);
    }
    this.emit('event', { body, apps: delivered, ...about });
  }
}
