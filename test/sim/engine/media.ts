/** Channel media controls: answer, ring, DTMF, hold, music on hold, snoop, continue. */
import { CAUSE } from './causes';
import { SimChannel } from './channel';
import type { Engine } from './engine';
import { answerDialled, indicateRinging } from './dialing';
import { hangupChannel } from './hangup';
import { recordingDtmf } from './recordings';
import { enterStasis, leaveStasis } from './stasis';

export interface DtmfTiming {
  /** Simulated milliseconds before the first digit, between digits, per digit and after the last. */
  before: number;
  between: number;
  duration: number;
  after: number;
}

const DTMF_DIGIT = /^[0-9A-D*#]$/i;

/** Answers a channel; answering the `;2` half of a dialled `Local` pair answers the dial. */
export function answerChannel(engine: Engine, channel: SimChannel): void {
  if (channel.isUp) return;
  if (channel.kind === 'local' && channel.half === 2) {
    answerDialled(engine, channel);
    return;
  }
  channel.state = 'Up';
  engine.bus.channelEvent(channel, 'ChannelStateChange');
}

/** Indicates ringing on a channel; on a `;2` half this makes the dialled `;1` half `Ringing`. */
export function ringChannel(engine: Engine, channel: SimChannel): void {
  indicateRinging(engine, channel);
}

/**
 * Sends DTMF from `channel`. Through a `Local` pair the digits arrive on the other half as
 * `ChannelDtmfReceived`, each at the end of its tone. A phone leg receives them without events.
 * Commas pause for 500 ms, and other characters are skipped.
 */
export function sendDtmf(engine: Engine, channel: SimChannel, digits: string, timing: DtmfTiming): void {
  const receiver = channel.kind === 'local' ? channel.peer : null;
  let offset = timing.before;
  for (const digit of digits) {
    if (digit === ',') {
      offset += 500;
      continue;
    }
    if (!DTMF_DIGIT.test(digit)) continue;
    const endsAt = offset + timing.duration;
    if (receiver) engine.clock.after(endsAt, () => receiveDtmf(engine, receiver, digit.toUpperCase(), timing.duration));
    offset = endsAt + timing.between;
  }
}

/** Delivers a DTMF digit to `channel`, as if its caller pressed it. */
export function receiveDtmf(engine: Engine, channel: SimChannel, digit: string, durationMs: number): void {
  if (channel.destroyed || channel.hangingUp) return;
  engine.bus.channelEvent(channel, 'ChannelDtmfReceived', { digit, duration_ms: durationMs });
  recordingDtmf(engine, channel, digit);
}

export function holdChannel(engine: Engine, channel: SimChannel, held: boolean): void {
  channel.onHold = held;
  engine.bus.channelEvent(channel, held ? 'ChannelHold' : 'ChannelUnhold');
}

/** Starts (class name) or stops (null) music on hold on a channel; Asterisk publishes no ARI event for it. */
export function setChannelMoh(engine: Engine, channel: SimChannel, mohClass: string | null): void {
  channel.mohClass = mohClass;
  engine.bus.emit('event', { body: { type: mohClass ? 'SimMohStarted' : 'SimMohStopped', timestamp: '' }, apps: [], channel });
}

/**
 * Creates a snoop channel on `target` (`Snoop/<target id>-<n>`, Up) and puts it into `app`;
 * `StasisStart` arrives before the REST response. The snoop channel ends when its target does.
 */
export function snoopChannel(engine: Engine, target: SimChannel, options: { app: string; args: string[]; snoopId?: string; spy: string; whisper: string }): SimChannel {
  const snoop = new SimChannel(options.snoopId ?? engine.nextUniqueId(), `Snoop/${target.id}-${engine.nextSnoopSuffix()}`, 'snoop', {
    state: 'Up',
    caller: { name: '', number: '' },
    dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' },
  });
  snoop.variables.set('SNOOP_SPY', options.spy);
  snoop.variables.set('SNOOP_WHISPER', options.whisper);
  engine.channels.set(snoop.id, snoop);
  engine.bus.channelEvent(snoop, 'ChannelCreated');
  target.snoops.add(snoop);
  snoop.dialplan = { ...snoop.dialplan, app_name: 'Stasis', app_data: [options.app, ...options.args].join(',') };
  if (!enterStasis(engine, snoop, options.app, options.args, { announceStatus: false })) {
    hangupChannel(engine, snoop, CAUSE.normal, 'silent');
  }
  return snoop;
}

/**
 * `POST /channels/{id}/continue`: the channel leaves Stasis and its dialplan goes on. The
 * simulated dialplans end right after `Stasis()`, so the channel then hangs up normally.
 */
export function continueInDialplan(engine: Engine, channel: SimChannel): void {
  leaveStasis(engine, channel);
  hangupChannel(engine, channel, CAUSE.normal, 'silent');
}
