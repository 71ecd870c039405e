/**
 * Playbacks on channels and bridges. A target plays one playback at a time; later ones wait in
 * its queue. A media list (`media=a,b`) plays in order with `PlaybackContinuing` between items.
 * Media that cannot be found still starts, then finishes as `failed`, as in Asterisk 22.
 */
import { ariTimestamp, type SimTimer } from '../clock';
import type { SimBridge } from './bridge';
import type { SimChannel } from './channel';
import type { Engine } from './engine';

export type PlaybackTarget = { kind: 'channel'; channel: SimChannel } | { kind: 'bridge'; bridge: SimBridge };
export type PlaybackState = 'queued' | 'playing' | 'paused' | 'done' | 'failed' | 'canceled';

export interface PlaybackJson {
  id: string;
  media_uri: string;
  next_media_uri?: string;
  target_uri: string;
  language: string;
  state: PlaybackState;
}

export class SimPlayback {
  state: PlaybackState = 'queued';
  index = 0;
  timer: SimTimer | null = null;
  /** Simulated milliseconds left of the current media when paused or started. */
  remainingMs = 0;
  /** `performance.now()` when the current media (re)started. */
  startedAt = 0;

  constructor(
    readonly id: string,
    readonly media: string[],
    readonly target: PlaybackTarget,
    readonly language: string,
    readonly skipMs: number,
  ) {}

  get targetUri(): string {
    return this.target.kind === 'channel' ? `channel:${this.target.channel.id}` : `bridge:${this.target.bridge.id}`;
  }

  toJson(): PlaybackJson {
    const json: PlaybackJson = { id: this.id, media_uri: this.media[this.index], target_uri: this.targetUri, language: this.language, state: this.state };
    if (this.index + 1 < this.media.length) json.next_media_uri = this.media[this.index + 1];
    return json;
  }
}

const queues = new WeakMap<object, SimPlayback[]>();

function targetKey(target: PlaybackTarget): object {
  return target.kind === 'channel' ? target.channel : target.bridge;
}

function queueOf(target: PlaybackTarget): SimPlayback[] {
  const key = targetKey(target);
  let queue = queues.get(key);
  if (!queue) {
    queue = [];
    queues.set(key, queue);
  }
  return queue;
}

/** Duration in simulated ms of one media URI; undefined when Asterisk would not find it, Infinity for tones. */
export function mediaDuration(engine: Engine, uri: string): number | undefined {
  const colon = uri.indexOf(':');
  const scheme = colon < 0 ? '' : uri.slice(0, colon);
  const value = uri.slice(colon + 1);
  switch (scheme) {
    case 'sound':
      return engine.soundDuration(value);
    case 'recording':
      return engine.storedRecordings.has(value) ? engine.storedRecordings.get(value)!.durationSeconds * 1000 : undefined;
    case 'digits':
    case 'characters':
      return value.length > 0 ? value.length * 450 : undefined;
    case 'number':
      return /^-?\d+$/.test(value) ? Math.max(1, value.replace('-', '').length) * 500 : undefined;
    case 'tone':
      return value.length > 0 ? Infinity : undefined;
    default:
      return undefined;
  }
}

/** Queues a playback; it starts now when the target is idle. */
export function startPlayback(engine: Engine, playback: SimPlayback): void {
  engine.playbacks.set(playback.id, playback);
  const queue = queueOf(playback.target);
  queue.push(playback);
  if (queue.length === 1) playCurrent(engine, playback, 'PlaybackStarted');
}

function playCurrent(engine: Engine, playback: SimPlayback, eventType: 'PlaybackStarted' | 'PlaybackContinuing'): void {
  playback.state = 'playing';
  publish(engine, playback, eventType);
  const duration = mediaDuration(engine, playback.media[playback.index]);
  if (duration === undefined) {
    playback.state = 'failed';
    finish(engine, playback);
    return;
  }
  playback.remainingMs = duration;
  runTimer(engine, playback);
}

function runTimer(engine: Engine, playback: SimPlayback): void {
  playback.startedAt = performance.now();
  playback.timer?.cancel();
  playback.timer = Number.isFinite(playback.remainingMs) ? engine.clock.after(playback.remainingMs, () => mediaEnded(engine, playback)) : null;
}

function mediaEnded(engine: Engine, playback: SimPlayback): void {
  playback.timer = null;
  if (playback.index + 1 < playback.media.length) {
    playback.index += 1;
    playCurrent(engine, playback, 'PlaybackContinuing');
    return;
  }
  playback.state = 'done';
  finish(engine, playback);
}

/** Stops a playback (`DELETE /playbacks/{id}`): a playing one finishes `done`, a queued one `canceled`. */
export function stopPlayback(engine: Engine, playback: SimPlayback): void {
  if (playback.state === 'done' || playback.state === 'failed' || playback.state === 'canceled') return;
  playback.timer?.cancel();
  playback.timer = null;
  playback.state = playback.state === 'queued' ? 'canceled' : 'done';
  finish(engine, playback);
}

/** Applies `POST /playbacks/{id}/control`; returns false when the playback is not in a state that allows it. */
export function controlPlayback(engine: Engine, playback: SimPlayback, operation: string): boolean {
  if (operation === 'pause') {
    if (playback.state !== 'playing') return false;
    playback.timer?.cancel();
    playback.remainingMs -= engine.clock.simulatedSince(playback.startedAt);
    playback.state = 'paused';
    return true;
  }
  if (operation === 'unpause') {
    if (playback.state !== 'paused') return false;
    playback.state = 'playing';
    runTimer(engine, playback);
    return true;
  }
  if (playback.state !== 'playing' && playback.state !== 'paused') return false;
  const full = mediaDuration(engine, playback.media[playback.index]) ?? 0;
  const left = playback.state === 'playing' ? playback.remainingMs - engine.clock.simulatedSince(playback.startedAt) : playback.remainingMs;
  if (operation === 'restart') playback.remainingMs = full;
  else if (operation === 'reverse') playback.remainingMs = Math.min(full, left + playback.skipMs);
  else if (operation === 'forward') playback.remainingMs = Math.max(0, left - playback.skipMs);
  else return false;
  if (playback.state === 'playing') runTimer(engine, playback);
  return true;
}

/** Ends every playback of a target that hangs up or goes away, without starting queued ones. */
export function stopTargetPlaybacks(engine: Engine, target: PlaybackTarget): void {
  const key = targetKey(target);
  const queue = queues.get(key);
  if (!queue) return;
  queues.delete(key);
  const [current, ...waiting] = queue;
  for (const playback of waiting) {
    playback.state = 'canceled';
    engine.playbacks.delete(playback.id);
  }
  if (current && current.state !== 'queued') {
    current.timer?.cancel();
    current.state = 'done';
    publish(engine, current, 'PlaybackFinished');
    engine.playbacks.delete(current.id);
  }
}

/** Returns the playback currently running on a target, if any. */
export function currentPlayback(target: PlaybackTarget): SimPlayback | undefined {
  return queues.get(targetKey(target))?.[0];
}

function finish(engine: Engine, playback: SimPlayback): void {
  publish(engine, playback, 'PlaybackFinished');
  engine.playbacks.delete(playback.id);
  const queue = queues.get(targetKey(playback.target));
  if (!queue) return;
  const position = queue.indexOf(playback);
  if (position < 0) return;
  queue.splice(position, 1);
  const wasCurrent = position === 0;
  if (wasCurrent && queue.length > 0) playCurrent(engine, queue[0], 'PlaybackStarted');
}

function publish(engine: Engine, playback: SimPlayback, type: string): void {
  const target = playback.target;
  const apps = target.kind === 'channel' ? engine.bus.channelApps(target.channel) : engine.bus.bridgeApps(target.bridge);
  const about = target.kind === 'channel' ? { channel: target.channel } : { bridge: target.bridge };
  engine.bus.publish(apps, { type, timestamp: ariTimestamp(), playback: playback.toJson() }, about);
}
