/**
 * A simulated caller reaching the hotline through the carrier trunk. Like the traces' callers it
 * is a `Local/{to}@from-trunk` pair: the `;2` half (`channelId`) runs the dialplan into the ARI
 * application, the `;1` half is the caller's own line, which sends DTMF and hangs up.
 */
import { EventEmitter } from 'node:events';
import type { PublishedEvent } from '../engine/bus';
import { CAUSE } from '../engine/causes';
import type { SimChannel } from '../engine/channel';
import type { Engine } from '../engine/engine';
import { hangupChannel } from '../engine/hangup';
import { sendDtmf } from '../engine/media';
import type { CallerRouter } from './caller-router';

export type CallerState = 'ringing' | 'up' | 'hungup';

/**
 * What a caller can wait for: `answered`; `bridged` (talking: in a mixing bridge with another
 * party) and `unbridged` (no longer); `holding` (entered a holding bridge, such as the queue);
 * `moh`, `hold`, `unhold`, `recording`, `dtmf`, `hungup`; or the type of any ARI event about the
 * caller's channel, its playbacks or its bridge's playbacks (`PlaybackStarted`, `StasisStart`...).
 */
export type CallerHappening = string;

export interface Happening {
  kind: CallerHappening;
  /** The ARI event behind it. */
  event: Record<string, unknown>;
}

export class SimCaller extends EventEmitter {
  state: CallerState = 'ringing';
  /** Media URIs played to the caller, in order (`sound:hotline-welcome`...); media that failed to play is left out. */
  readonly heard: string[] = [];
  private readonly history: Happening[] = [];
  /** Index in `history` after the last happening a `waitFor` returned. */
  private cursor = 0;
  private readonly failedPlaybacks = new Set<string>();
  /** Whether the caller is in a mixing bridge with another party. */
  private talking = false;
  /** Rejects the pending `waitFor` calls; set while any is pending. */
  private readonly pendingWaits = new Set<(error: Error) => void>();
  /** Stops the router's delivery of events to this caller. */
  private readonly unfollow: () => void;

  constructor(
    private readonly engine: Engine,
    /** The caller's own line (`;1`). */
    readonly line: SimChannel,
    /** The channel the platform controls (`;2`). */
    readonly channel: SimChannel,
    readonly number: string,
    router: CallerRouter,
  ) {
    super();
    this.unfollow = router.follow(channel, (event) => this.observe(event));
  }

  /** Id of the channel the ARI application controls. */
  get channelId(): string {
    return this.channel.id;
  }

  /** Presses DTMF keys on the caller's phone; they reach the application as `ChannelDtmfReceived`. */
  sendDtmf(digits: string, timing: { durationMs?: number; betweenMs?: number } = {}): void {
    if (this.state === 'hungup') throw new Error(`caller ${this.number} has hung up and cannot send DTMF`);
    sendDtmf(this.engine, this.line, digits, { before: 0, between: timing.betweenMs ?? 100, duration: timing.durationMs ?? 100, after: 0 });
  }

  /** Hangs up the caller's line; resolves once the call is gone. */
  async hangup(): Promise<void> {
    if (this.state === 'hungup') return;
    const gone = this.waitFor('hungup');
    hangupChannel(this.engine, this.line, CAUSE.normal, 'explicit');
    await gone;
  }

  /**
   * Resolves with the next `kind` happening after the one the previous `waitFor` returned, so a
   * test that waits step by step misses nothing that happened in between. Rejects after
   * `timeoutMs` real milliseconds, or at once when the caller has hung up and `kind` cannot come.
   */
  waitFor(kind: CallerHappening, timeoutMs = 10_000): Promise<Happening> {
    const found = this.history.findIndex((happening, index) => index >= this.cursor && happening.kind === kind);
    if (found >= 0) {
      this.cursor = found + 1;
      return Promise.resolve(this.history[found]);
    }
    if (this.state === 'hungup') {
      return Promise.reject(new Error(`caller ${this.number} hung up before ${kind}; saw ${this.describe()}`));
    }
    return new Promise((resolve, reject) => {
      const onHappening = (happening: Happening) => {
        if (happening.kind === kind) {
          finish();
          this.cursor = this.history.indexOf(happening) + 1;
          resolve(happening);
        } else if (happening.kind === 'hungup') {
          finish();
          reject(new Error(`caller ${this.number} hung up before ${kind}; saw ${this.describe()}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`caller ${this.number} saw no ${kind} within ${timeoutMs} ms; saw ${this.describe()}`));
      }, timeoutMs);
      const abandon = (error: Error) => {
        finish();
        reject(error);
      };
      const finish = () => {
        clearTimeout(timer);
        this.off('happening', onHappening);
        this.pendingWaits.delete(abandon);
      };
      this.on('happening', onHappening);
      this.pendingWaits.add(abandon);
    });
  }

  /** Stops following the call and rejects pending `waitFor` calls; the simulator calls it when it stops. */
  dispose(): void {
    this.unfollow();
    for (const abandon of [...this.pendingWaits]) abandon(new Error(`caller ${this.number}: the simulator stopped`));
  }

  private describe(): string {
    return this.history.map((happening) => happening.kind).join(', ') || 'nothing';
  }

  private observe(published: PublishedEvent): void {
    const { body } = published;
    const aboutChannel = published.channel === this.channel;
    const playback = body.playback as { id: string; media_uri: string; target_uri: string; state: string } | undefined;
    const recording = body.recording as { target_uri: string } | undefined;
    const bridgeTarget = this.channel.bridge ? `bridge:${this.channel.bridge.id}` : null;
    const targetsCaller = (uri: string) => uri === `channel:${this.channel.id}` || uri === bridgeTarget;

    if (playback && targetsCaller(playback.target_uri)) {
      this.trackHeard(body.type, playback);
      this.record(body.type, body);
      return;
    }
    if (recording && targetsCaller(recording.target_uri)) {
      if (body.type === 'RecordingStarted') this.record('recording', body);
      this.record(body.type, body);
      return;
    }
    if (body.type === 'SimMohStarted' && (aboutChannel || (published.bridge && published.bridge === this.channel.bridge))) {
      this.record('moh', body);
      return;
    }
    if (published.bridge && published.bridge === this.channel.bridge && !aboutChannel) {
      this.followOtherParty(body);
      return;
    }
    if (!aboutChannel || body.type.startsWith('Sim')) return;

    if (body.type === 'ChannelStateChange' && this.channel.isUp && this.state === 'ringing') {
      this.state = 'up';
      this.record('answered', body);
    } else if (body.type === 'ChannelEnteredBridge') {
      const bridge = this.channel.bridge;
      if (bridge?.type === 'holding') this.record('holding', body);
      if (bridge?.mohClass) this.record('moh', body);
      if (bridge?.type === 'mixing' && bridge.participants.length > 1) this.setTalking(true, body);
    } else if (body.type === 'ChannelLeftBridge') {
      this.setTalking(false, body);
    } else if (body.type === 'ChannelHold' || body.type === 'ChannelUnhold') {
      this.record(body.type === 'ChannelHold' ? 'hold' : 'unhold', body);
    } else if (body.type === 'ChannelDtmfReceived') {
      this.record('dtmf', body);
    }
    if (body.type === 'ChannelDestroyed') {
      this.record(body.type, body);
      this.state = 'hungup';
      this.unfollow();
      this.record('hungup', body);
      return;
    }
    this.record(body.type, body);
  }

  /** Another party entered or left the caller's bridge. */
  private followOtherParty(body: Record<string, unknown> & { type: string }): void {
    const bridge = this.channel.bridge;
    if (!bridge || bridge.type !== 'mixing') return;
    if (body.type === 'ChannelEnteredBridge') this.setTalking(bridge.participants.length > 1, body);
    if (body.type === 'ChannelLeftBridge') this.setTalking(bridge.participants.length > 1, body);
  }

  private setTalking(talking: boolean, event: Record<string, unknown>): void {
    if (talking === this.talking) return;
    this.talking = talking;
    this.record(talking ? 'bridged' : 'unbridged', event);
  }

  private trackHeard(type: string, playback: { id: string; media_uri: string; state: string }): void {
    if (type === 'PlaybackStarted' || type === 'PlaybackContinuing') this.heard.push(playback.media_uri);
    if (type === 'PlaybackFinished' && playback.state === 'failed' && !this.failedPlaybacks.has(playback.id)) {
      this.failedPlaybacks.add(playback.id);
      const index = this.heard.lastIndexOf(playback.media_uri);
      if (index >= 0) this.heard.splice(index, 1);
    }
  }

  private record(kind: CallerHappening, event: Record<string, unknown>): void {
    const happening = { kind, event };
    this.history.push(happening);
    this.emit('happening', happening);
    this.emit(kind, happening);
  }
}
