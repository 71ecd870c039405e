/**
 * Swagger models of the simulator's ARI: resource objects, and one model per event type.
 * `ari-client` looks up each incoming event's model by `type` and turns every property whose
 * type is a known resource (Channel, Bridge, Playback, LiveRecording...) into an object with
 * methods, so every event the simulator sends must be listed here.
 */

/** Model name to property name to Swagger type. */
export type ModelTable = Record<string, Record<string, string>>;

export const RESOURCE_MODELS: ModelTable = {
  CallerID: { name: 'string', number: 'string' },
  DialplanCEP: { context: 'string', exten: 'string', priority: 'long', app_name: 'string', app_data: 'string' },
  Channel: {
    id: 'string',
    name: 'string',
    state: 'string',
    protocol_id: 'string',
    caller: 'CallerID',
    connected: 'CallerID',
    accountcode: 'string',
    dialplan: 'DialplanCEP',
    creationtime: 'Date',
    language: 'string',
    channelvars: 'object',
  },
  Bridge: {
    id: 'string',
    technology: 'string',
    bridge_type: 'string',
    bridge_class: 'string',
    creator: 'string',
    name: 'string',
    channels: 'List[string]',
    creationtime: 'Date',
    video_mode: 'string',
    video_source_id: 'string',
  },
  Playback: { id: 'string', media_uri: 'string', next_media_uri: 'string', target_uri: 'string', language: 'string', state: 'string' },
  LiveRecording: {
    name: 'string',
    format: 'string',
    target_uri: 'string',
    state: 'string',
    duration: 'int',
    talking_duration: 'int',
    silence_duration: 'int',
    cause: 'string',
  },
  StoredRecording: { name: 'string', format: 'string' },
  Application: {
    name: 'string',
    channel_ids: 'List[string]',
    bridge_ids: 'List[string]',
    endpoint_ids: 'List[string]',
    device_names: 'List[string]',
    events_allowed: 'List[object]',
    events_disallowed: 'List[object]',
  },
  Endpoint: { technology: 'string', resource: 'string', state: 'string', channel_ids: 'List[string]' },
  FormatLangPair: { language: 'string', format: 'string' },
  Sound: { id: 'string', text: 'string', formats: 'List[FormatLangPair]' },
  DeviceState: { name: 'string', state: 'string' },
  Mailbox: { name: 'string', old_messages: 'int', new_messages: 'int' },
  Variable: { value: 'string' },
  AsteriskPing: { asterisk_id: 'string', ping: 'string', timestamp: 'string' },
  AsteriskInfo: { build: 'object', system: 'object', config: 'object', status: 'object' },
};

const EVENT_BASE = { type: 'string', asterisk_id: 'string', application: 'string', timestamp: 'Date' };
const CHANNEL = { channel: 'Channel' };

/** Event type to its own properties (the common ones are added by `eventModels`). */
const EVENTS: ModelTable = {
  ApplicationReplaced: {},
  BridgeCreated: { bridge: 'Bridge' },
  BridgeDestroyed: { bridge: 'Bridge' },
  ChannelCallerId: { caller_presentation: 'int', caller_presentation_txt: 'string', ...CHANNEL },
  ChannelConnectedLine: CHANNEL,
  ChannelCreated: CHANNEL,
  ChannelDestroyed: { cause: 'int', cause_txt: 'string', ...CHANNEL },
  ChannelDialplan: { dialplan_app: 'string', dialplan_app_data: 'string', ...CHANNEL },
  ChannelDtmfReceived: { digit: 'string', duration_ms: 'int', ...CHANNEL },
  ChannelEnteredBridge: { bridge: 'Bridge', ...CHANNEL },
  ChannelHangupRequest: { cause: 'int', soft: 'boolean', ...CHANNEL },
  ChannelHold: { musicclass: 'string', ...CHANNEL },
  ChannelLeftBridge: { bridge: 'Bridge', ...CHANNEL },
  ChannelStateChange: CHANNEL,
  ChannelUnhold: CHANNEL,
  ChannelUserevent: { eventname: 'string', userevent: 'object', bridge: 'Bridge', endpoint: 'Endpoint', ...CHANNEL },
  ChannelVarset: { variable: 'string', value: 'string', ...CHANNEL },
  DeviceStateChanged: { device_state: 'DeviceState' },
  Dial: { caller: 'Channel', peer: 'Channel', forwarded: 'Channel', forward: 'string', dialstring: 'string', dialstatus: 'string' },
  EndpointStateChange: { endpoint: 'Endpoint' },
  PlaybackContinuing: { playback: 'Playback' },
  PlaybackFinished: { playback: 'Playback' },
  PlaybackStarted: { playback: 'Playback' },
  RecordingFailed: { recording: 'LiveRecording' },
  RecordingFinished: { recording: 'LiveRecording' },
  RecordingStarted: { recording: 'LiveRecording' },
  StasisEnd: CHANNEL,
  StasisStart: { args: 'List[string]', replace_channel: 'Channel', ...CHANNEL },
};

/** Returns every event model, plus the `Message` and `Event` base models. */
export function eventModels(): ModelTable {
  const models: ModelTable = { Message: { type: 'string', asterisk_id: 'string' }, Event: EVENT_BASE };
  for (const [name, properties] of Object.entries(EVENTS)) models[name] = { ...EVENT_BASE, ...properties };
  return models;
}

export const EVENT_TYPES = Object.keys(EVENTS);
