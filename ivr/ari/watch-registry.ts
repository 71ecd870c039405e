/**
 * The registry of channel and playback watches: delivery of their events, and reconciliation
 * of the watches with a snapshot read after a (re)connect.
 *
 * A snapshot is read over REST while events keep arriving, so it can be older than a watch. A
 * change counter, bumped at every registration and delivered event, lets the reconciliation
 * correct only the watches that did not change since it started reading.
 */
import type { Logger } from 'pino';
import type { AriSnapshot, ChannelEvent, ChannelInfo, PlaybackEvent } from './model';

interface ChannelWatch {
  listener: (event: ChannelEvent) => void;
  /** Whether the channel is known to be in Stasis, so that a missed `stasis-start` can be made up. */
  inStasis: boolean;
  /**
   * Whether the channel is known to exist. Until then (an originate still in flight) its absence
   * from `GET /channels` proves nothing.
   */
  exists: boolean;
  /** Value of the change counter when the watch was registered or last changed. */
  changedAt: number;
}

interface PlaybackWatch {
  listener: (event: PlaybackEvent) => void;
  /** Whether Asterisk accepted the playback; as for channels, absence proves nothing before. */
  exists: boolean;
  changedAt: number;
}

/** A registered watch: `confirm` marks the target as existing once Asterisk accepted the request. */
export interface WatchHandle {
  confirm(): void;
  unwatch(): void;
}

export class WatchRegistry {
  private readonly channels = new Map<string, ChannelWatch>();
  private readonly playbacks = new Map<string, PlaybackWatch>();
  private changeCounter = 0;
  /** Start of the reconciliation in progress, or null. */
  private readingFrom: number | null = null;
  /** Channels whose watch ended while a reconciliation was reading; its snapshot may still show them in Stasis. */
  private readonly endedWhileReading = new Set<string>();

  constructor(private readonly logger: Logger) {}

  /** Watches a channel; `inStasis` is true for a channel in the application already (an inbound call). */
  watchChannel(channelId: string, listener: (event: ChannelEvent) => void, inStasis: boolean): WatchHandle {
    const watch: ChannelWatch = { listener, inStasis, exists: inStasis, changedAt: ++this.changeCounter };
    this.channels.set(channelId, watch);
    return {
      confirm: () => {
        watch.exists = true;
        watch.changedAt = ++this.changeCounter;
      },
      unwatch: () => {
        if (this.channels.get(channelId) === watch) this.removeChannel(channelId);
      },
    };
  }

  watchPlayback(playbackId: string, listener: (event: PlaybackEvent) => void): WatchHandle {
    const watch: PlaybackWatch = { listener, exists: false, changedAt: ++this.changeCounter };
    this.playbacks.set(playbackId, watch);
    return {
      confirm: () => {
        watch.exists = true;
        watch.changedAt = ++this.changeCounter;
      },
      unwatch: () => {
        if (this.playbacks.get(playbackId) === watch) this.playbacks.delete(playbackId);
      },
    };
  }

  isWatched(channelId: string): boolean {
    return this.channels.has(channelId);
  }

  get watchedChannels(): number {
    return this.channels.size;
  }

  clear(): void {
    this.channels.clear();
    this.playbacks.clear();
  }

  /** Delivers a channel event to its watcher; ends the watch after `stasis-end` or `destroyed`. Returns whether anyone watched. */
  deliverChannel(channelId: string, event: ChannelEvent): boolean {
    const watch = this.channels.get(channelId);
    if (!watch) return false;

    watch.exists = true;
    watch.changedAt = ++this.changeCounter;
    if (event.type === 'stasis-start') watch.inStasis = true;
    if (event.type === 'stasis-end' || event.type === 'destroyed') this.removeChannel(channelId);
    try {
      watch.listener(event);
    } catch (error) {
      this.logger.error({ err: error, channelId, event: event.type }, 'channel event listener failed');
    }
    return true;
  }

  /** Delivers a playback event to its watcher; ends the watch after `playback-finished`. */
  deliverPlayback(event: PlaybackEvent): void {
    const watch = this.playbacks.get(event.playbackId);
    if (!watch) return;

    watch.exists = true;
    watch.changedAt = ++this.changeCounter;
    if (event.type === 'playback-finished') this.playbacks.delete(event.playbackId);
    try {
      watch.listener(event);
    } catch (error) {
      this.logger.error({ err: error, playbackId: event.playbackId }, 'playback event listener failed');
    }
  }

  /** Marks the start of a reconciliation, before its snapshot is read. */
  beginReading(): void {
    this.readingFrom = ++this.changeCounter;
  }

  endReading(): void {
    this.readingFrom = null;
    this.endedWhileReading.clear();
  }

  /**
   * Makes up the channel events missed while disconnected, for the watches unchanged since the
   * snapshot was read: `destroyed` (with `missed`) for a channel that vanished, `stasis-start`
   * for one that entered the application, `stasis-end` for one that left it.
   */
  reconcileChannels(snapshot: AriSnapshot, app: string): void {
    const readFrom = this.readingFrom ?? 0;
    const existing = new Map(snapshot.channels.map((channel) => [channel.id, channel]));

    for (const [channelId, watch] of [...this.channels]) {
      if (watch.changedAt >= readFrom || this.channels.get(channelId) !== watch) continue;
      const channel = existing.get(channelId);
      if (!channel) {
        if (!watch.exists) continue;
        this.logger.info({ channelId }, 'watched channel vanished while disconnected');
        this.deliverChannel(channelId, { type: 'destroyed', channelId, cause: 0, causeText: 'Unknown', missed: true });
        continue;
      }
      const inStasisNow = channel.stasisApp === app;
      if (inStasisNow && !watch.inStasis) {
        this.logger.info({ channelId }, 'watched channel entered Stasis while disconnected');
        this.deliverChannel(channelId, { type: 'stasis-start', channel, args: channel.stasisArgs });
      } else if (!inStasisNow && watch.inStasis) {
        this.logger.info({ channelId }, 'watched channel left Stasis while disconnected');
        this.deliverChannel(channelId, { type: 'stasis-end', channelId });
      }
    }
  }

  /** Accepted playbacks unchanged since the snapshot was read, which may have finished unseen. */
  playbacksToCheck(): string[] {
    const readFrom = this.readingFrom ?? 0;
    return [...this.playbacks].filter(([, watch]) => watch.exists && watch.changedAt < readFrom).map(([playbackId]) => playbackId);
  }

  /** Channels in the application (subscribed or running `Stasis(app)`) without a watch. */
  orphans(snapshot: AriSnapshot, app: string): ChannelInfo[] {
    const existing = new Map(snapshot.channels.map((channel) => [channel.id, channel]));
    const candidates = new Set(snapshot.appChannelIds.filter((id) => existing.has(id)));
    for (const channel of snapshot.channels) {
      if (channel.stasisApp === app) candidates.add(channel.id);
    }
    return [...candidates].filter((id) => !this.channels.has(id) && !this.endedWhileReading.has(id)).map((id) => existing.get(id)!);
  }

  private removeChannel(channelId: string): void {
    this.channels.delete(channelId);
    if (this.readingFrom !== null) this.endedWhileReading.add(channelId);
  }
}
