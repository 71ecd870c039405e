/**
 * Live recordings of channels and bridges, and the stored recordings they leave. Recording a
 * bridge puts a hidden `Recorder/ARI-...;2` channel into it. A recording ends on stop, on its
 * maximum duration, on a terminating DTMF digit, when its channel hangs up or its bridge empties.
 */
import { ariTimestamp, type SimTimer } from '../clock';
import type { SimBridge } from './bridge';
import type { SimChannel } from './channel';
import type { Engine } from './engine';
import { removeMediaChannel } from './bridges';

export type RecordingTarget = { kind: 'channel'; channel: SimChannel } | { kind: 'bridge'; bridge: SimBridge };
export type RecordingState = 'queued' | 'recording' | 'paused' | 'done' | 'failed' | 'canceled';

/** Formats Asterisk 22 can write with its default modules. */
export const RECORDING_FORMATS = ['wav', 'wav16', 'gsm', 'ulaw', 'alaw', 'sln', 'g722', 'g729', 'ogg'];

export interface StoredRecording {
  name: string;
  format: string;
  durationSeconds: number;
}

export interface RecordingOptions {
  name: string;
  format: string;
  maxDurationSeconds: number;
  terminateOn: string;
  ifExists: 'fail' | 'overwrite' | 'append';
}

export class LiveRecording {
  state: RecordingState = 'queued';
  timer: SimTimer | null = null;
  /** `performance.now()` when recording (re)started, and simulated ms recorded before that. */
  startedAt = 0;
  recordedMs = 0;
  mediaChannel: SimChannel | null = null;

  constructor(
    readonly options: RecordingOptions,
    readonly target: RecordingTarget,
  ) {}

  get name(): string {
    return this.options.name;
  }

  get targetUri(): string {
    return this.target.kind === 'channel' ? `channel:${this.target.channel.id}` : `bridge:${this.target.bridge.id}`;
  }

  durationSeconds(engine: Engine): number {
    const running = this.state === 'recording' ? engine.clock.simulatedSince(this.startedAt) : 0;
    return Math.floor((this.recordedMs + running) / 1000);
  }

  /** Returns the `recording` object of events and REST responses; finished channel recordings carry talk and silence times. */
  toJson(engine: Engine): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, format: this.options.format, state: this.state, target_uri: this.targetUri };
    if (this.state === 'done' || this.state === 'canceled') {
      json.duration = this.durationSeconds(engine);
      // NOTE: the simulator has no audio, so all recorded time counts as neither talk nor silence.
      if (this.target.kind === 'channel') Object.assign(json, { talking_duration: 0, silence_duration: 0 });
    }
    return json;
  }
}

/** Starts recording after the REST response has gone out, because Asterisk sends `RecordingStarted` after its 201. */
export function startRecording(engine: Engine, recording: LiveRecording): void {
  engine.liveRecordings.set(recording.name, recording);
  engine.clock.soon(() => {
    if (recording.state !== 'queued') return;
    recording.state = 'recording';
    recording.startedAt = performance.now();
    publish(engine, recording, 'RecordingStarted');
    if (recording.options.maxDurationSeconds > 0) {
      recording.timer = engine.clock.after(recording.options.maxDurationSeconds * 1000, () => finishRecording(engine, recording, 'done'));
    }
  }, 1);
}

/** Ends a live recording as `done` (stored) or `canceled` (discarded); publishes `RecordingFinished`. */
export function finishRecording(engine: Engine, recording: LiveRecording, state: 'done' | 'canceled'): void {
  if (!engine.liveRecordings.has(recording.name) || engine.liveRecordings.get(recording.name) !== recording) return;
  recording.timer?.cancel();
  if (recording.state === 'recording') recording.recordedMs += engine.clock.simulatedSince(recording.startedAt);
  const started = recording.state !== 'queued';
  recording.state = state;
  engine.liveRecordings.delete(recording.name);
  if (state === 'done') store(engine, recording);
  if (started) publish(engine, recording, 'RecordingFinished');
  if (recording.mediaChannel) removeMediaChannel(engine, recording.mediaChannel);
}

export function pauseRecording(engine: Engine, recording: LiveRecording, paused: boolean): boolean {
  if (paused && recording.state === 'recording') {
    recording.recordedMs += engine.clock.simulatedSince(recording.startedAt);
    recording.state = 'paused';
    return true;
  }
  if (!paused && recording.state === 'paused') {
    recording.startedAt = performance.now();
    recording.state = 'recording';
    return true;
  }
  return false;
}

/** Ends the recordings of a target that hangs up or empties. */
export function finishTargetRecordings(engine: Engine, target: RecordingTarget): void {
  for (const recording of [...engine.liveRecordings.values()]) {
    const same = target.kind === 'channel'
      ? recording.target.kind === 'channel' && recording.target.channel === target.channel
      : recording.target.kind === 'bridge' && recording.target.bridge === target.bridge;
    if (same) finishRecording(engine, recording, 'done');
  }
}

/** Ends channel recordings whose `terminateOn` matches a DTMF digit received on `channel`. */
export function recordingDtmf(engine: Engine, channel: SimChannel, digit: string): void {
  for (const recording of [...engine.liveRecordings.values()]) {
    if (recording.target.kind !== 'channel' || recording.target.channel !== channel) continue;
    const terminateOn = recording.options.terminateOn;
    if (terminateOn === 'any' || terminateOn === digit) finishRecording(engine, recording, 'done');
  }
}

function store(engine: Engine, recording: LiveRecording): void {
  const previous = engine.storedRecordings.get(recording.name);
  const seconds = recording.durationSeconds(engine);
  const durationSeconds = recording.options.ifExists === 'append' && previous ? previous.durationSeconds + seconds : seconds;
  engine.storedRecordings.set(recording.name, { name: recording.name, format: recording.options.format, durationSeconds });
}

function publish(engine: Engine, recording: LiveRecording, type: string): void {
  const target = recording.target;
  const apps = target.kind === 'channel' ? engine.bus.channelApps(target.channel) : engine.bus.bridgeApps(target.bridge);
  const about = target.kind === 'channel' ? { channel: target.channel } : { bridge: target.bridge };
  engine.bus.publish(apps, { type, timestamp: ariTimestamp(), recording: recording.toJson(engine) }, about);
}

/** Builds a WAV file of silence (8 kHz, 16-bit mono) as long as the stored recording, for `GET .../file`. */
export function silentWav(seconds: number): Buffer {
  const samples = Math.min(seconds, 3600) * 8000;
  const dataBytes = samples * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([header, Buffer.alloc(dataBytes)]);
}
