/**
 * Our own small view of ARI objects and events. Raw ARI JSON is translated here, in one place,
 * and nothing outside `ivr/ari/` sees an ARI payload.
 */

/** A channel as call control needs it. */
export interface ChannelInfo {
  id: string;
  name: string;
  /** Asterisk channel state: `Down`, `Ring`, `Ringing`, `Up`, ... */
  state: string;
  callerNumber: string;
  callerName: string;
  /** Extension the channel was dialled at, which is the called number for an inbound call. */
  dialedExtension: string;
  /** Stasis application the channel currently runs, from its dialplan location; null outside Stasis. */
  stasisApp: string | null;
  /** Arguments of that Stasis application. */
  stasisArgs: string[];
}

/** Events about one channel, delivered to whoever watches that channel. */
export type ChannelEvent =
  | { type: 'stasis-start'; channel: ChannelInfo; args: string[] }
  | { type: 'stasis-end'; channelId: string }
  | { type: 'hangup-request'; channelId: string; cause: number }
  /** The channel is gone. `cause` is the Q.850 cause; `missed` marks a loss found after a reconnect. */
  | { type: 'destroyed'; channelId: string; cause: number; causeText: string; missed: boolean }
  | { type: 'dtmf'; channelId: string; digit: string }
  | { type: 'state-change'; channel: ChannelInfo }
  | { type: 'entered-bridge'; channelId: string; bridgeId: string }
  | { type: 'left-bridge'; channelId: string; bridgeId: string };

/** How a playback ended: `failed` covers a missing sound file. */
export type PlaybackEndState = 'done' | 'failed' | 'stopped';

export type PlaybackEvent =
  | { type: 'playback-started'; playbackId: string }
  | { type: 'playback-finished'; playbackId: string; state: PlaybackEndState };

export type RecordingEvent = {
  type: 'recording-started' | 'recording-finished' | 'recording-failed';
  name: string;
  target: string;
  cause: string | null;
};

export type BridgeEvent = { type: 'bridge-destroyed'; bridgeId: string };

export type AriEvent = ChannelEvent | PlaybackEvent | RecordingEvent | BridgeEvent;

/** Q.850 cause of a call that rang and was not answered. */
export const CAUSE_NO_ANSWER = 19;

/** What the app sees after it (re)connects: the state Asterisk holds, read over REST. */
export interface AriSnapshot {
  /** Every channel Asterisk has. */
  channels: ChannelInfo[];
  /** Ids of channels the application is subscribed to. */
  appChannelIds: string[];
  /** Ids of bridges the application is subscribed to. */
  appBridgeIds: string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Splits a dialplan `Stasis` argument, `hotline,inbound`, into the application and its arguments. */
function stasisLocation(dialplan: Json | undefined): { app: string | null; args: string[] } {
  if (!dialplan || text(dialplan.app_name) !== 'Stasis') return { app: null, args: [] };
  const [app, ...args] = text(dialplan.app_data).split(',');
  return { app: app || null, args };
}

/** Translates an ARI `Channel` object; returns null when it is not one. */
export function toChannelInfo(raw: unknown): ChannelInfo | null {
  if (!isObject(raw) || typeof raw.id !== 'string') return null;
  const caller = isObject(raw.caller) ? raw.caller : {};
  const dialplan = isObject(raw.dialplan) ? raw.dialplan : undefined;
  const location = stasisLocation(dialplan);
  return {
    id: raw.id,
    name: text(raw.name),
    state: text(raw.state),
    callerNumber: text(caller.number),
    callerName: text(caller.name),
    dialedExtension: dialplan ? text(dialplan.exten) : '',
    stasisApp: location.app,
    stasisArgs: location.args,
  };
}

function channelIdOf(raw: Json): string | null {
  return isObject(raw.channel) && typeof raw.channel.id === 'string' ? raw.channel.id : null;
}

function playbackEndState(value: unknown): PlaybackEndState {
  if (value === 'failed') return 'failed';
  if (value === 'canceled' || value === 'stopped') return 'stopped';
  return 'done';
}

/**
 * Translates one WebSocket event. Returns null for event types call control does not use and for
 * payloads that lack what the type needs.
 */
export function toAriEvent(raw: unknown): AriEvent | null {
  if (!isObject(raw)) return null;
  const channelId = channelIdOf(raw);

  switch (raw.type) {
    case 'StasisStart': {
      const channel = toChannelInfo(raw.channel);
      if (!channel) return null;
      const args = Array.isArray(raw.args) ? raw.args.map(text) : [];
      return { type: 'stasis-start', channel, args };
    }
    case 'StasisEnd':
      return channelId ? { type: 'stasis-end', channelId } : null;
    case 'ChannelHangupRequest':
      return channelId ? { type: 'hangup-request', channelId, cause: Number(raw.cause ?? 0) } : null;
    case 'ChannelDestroyed':
      return channelId
        ? { type: 'destroyed', channelId, cause: Number(raw.cause ?? 0), causeText: text(raw.cause_txt), missed: false }
        : null;
    case 'ChannelDtmfReceived':
      return channelId && typeof raw.digit === 'string' ? { type: 'dtmf', channelId, digit: raw.digit } : null;
    case 'ChannelStateChange': {
      const channel = toChannelInfo(raw.channel);
      return channel ? { type: 'state-change', channel } : null;
    }
    case 'ChannelEnteredBridge':
    case 'ChannelLeftBridge': {
      const bridgeId = isObject(raw.bridge) ? text(raw.bridge.id) : '';
      if (!channelId || !bridgeId) return null;
      return { type: raw.type === 'ChannelEnteredBridge' ? 'entered-bridge' : 'left-bridge', channelId, bridgeId };
    }
    case 'PlaybackStarted':
    case 'PlaybackFinished': {
      const playback = isObject(raw.playback) ? raw.playback : null;
      if (!playback || typeof playback.id !== 'string') return null;
      if (raw.type === 'PlaybackStarted') return { type: 'playback-started', playbackId: playback.id };
      return { type: 'playback-finished', playbackId: playback.id, state: playbackEndState(playback.state) };
    }
    case 'RecordingStarted':
    case 'RecordingFinished':
    case 'RecordingFailed': {
      const recording = isObject(raw.recording) ? raw.recording : null;
      if (!recording) return null;
      const type =
        raw.type === 'RecordingStarted' ? 'recording-started' : raw.type === 'RecordingFinished' ? 'recording-finished' : 'recording-failed';
      return { type, name: text(recording.name), target: text(recording.target_uri), cause: text(recording.cause) || null };
    }
    case 'BridgeDestroyed': {
      const bridgeId = isObject(raw.bridge) ? text(raw.bridge.id) : '';
      return bridgeId ? { type: 'bridge-destroyed', bridgeId } : null;
    }
    default:
      return null;
  }
}

/** Translates the `Application` object of `GET /applications/{app}`. */
export function toApplicationIds(raw: unknown): { channelIds: string[]; bridgeIds: string[] } {
  if (!isObject(raw)) return { channelIds: [], bridgeIds: [] };
  const ids = (value: unknown) => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);
  return { channelIds: ids(raw.channel_ids), bridgeIds: ids(raw.bridge_ids) };
}
