/** Handlers of the ARI `bridges` resource. */
import { randomUUID } from 'node:crypto';
import type { SimChannel } from '../engine/channel';
import type { Engine } from '../engine/engine';
import { addMediaChannel, addToBridge, createBridge, destroyBridge, leaveBridge, parseBridgeType } from '../engine/bridges';
import { NO_CONTENT, list, ok, requireBridge, text, type AriReply, type HandlerTable } from './context';
import { playOn, recordingOptions, startRecordingReply } from './channels';
import { LiveRecording } from '../engine/recordings';
import { ariError, type Params } from './router';

function create(engine: Engine, params: Params): AriReply {
  const id = text(params, 'bridgeId') ?? randomUUID();
  if (engine.bridges.has(id)) throw ariError(409, `Bridge with id '${id}' already exists`);
  const bridge = createBridge(engine, id, parseBridgeType(text(params, 'type')), text(params, 'name') ?? '');
  return ok(bridge.toJson());
}

/**
 * Looks up the channels of `addChannel`/`removeChannel` and checks them like Asterisk: an unknown
 * channel is a 400 `Channel not found`, one outside Stasis a 422.
 */
function stasisChannels(engine: Engine, params: Params): SimChannel[] {
  return list(params, 'channel').map((id) => {
    const channel = engine.findChannel(id);
    if (!channel || channel.hangingUp) throw ariError(400, 'Channel not found');
    if (!channel.stasis) throw ariError(422, 'Channel not in Stasis application');
    return channel;
  });
}

function setMoh(engine: Engine, params: Params, mohClass: string | null): AriReply {
  const bridge = requireBridge(engine, text(params, 'bridgeId')!);
  if (mohClass && bridge.mohClass === null) engine.nextUnrealSuffix(); // Asterisk plays bridge MOH through an Announcer channel.
  bridge.mohClass = mohClass;
  engine.bus.emit('event', { body: { type: mohClass ? 'SimMohStarted' : 'SimMohStopped', timestamp: '' }, apps: [], bridge });
  return NO_CONTENT;
}

export const bridgeHandlers: HandlerTable = {
  list: (engine) => ok([...engine.bridges.values()].map((bridge) => bridge.toJson())),
  create: (engine, params) => create(engine, params),
  createWithId: (engine, params) => create(engine, params),
  get: (engine, params) => ok(requireBridge(engine, text(params, 'bridgeId')!).toJson()),

  destroy: (engine, params) => {
    destroyBridge(engine, requireBridge(engine, text(params, 'bridgeId')!));
    return NO_CONTENT;
  },

  addChannel: (engine, params) => {
    const bridge = requireBridge(engine, text(params, 'bridgeId')!);
    addToBridge(engine, bridge, stasisChannels(engine, params));
    return NO_CONTENT;
  },

  removeChannel: (engine, params) => {
    const bridge = requireBridge(engine, text(params, 'bridgeId')!);
    const channels = stasisChannels(engine, params);
    if (channels.some((channel) => channel.bridge !== bridge)) throw ariError(422, 'Channel not in this bridge');
    for (const channel of channels) leaveBridge(engine, channel, { unsubscribe: true });
    return NO_CONTENT;
  },

  startMoh: (engine, params) => setMoh(engine, params, text(params, 'mohClass') ?? 'default'),
  stopMoh: (engine, params) => setMoh(engine, params, null),

  play: (engine, params) => {
    const bridge = requireBridge(engine, text(params, 'bridgeId')!);
    return playOn(engine, { kind: 'bridge', bridge }, params, 'en');
  },
  playWithId: (engine, params) => {
    const bridge = requireBridge(engine, text(params, 'bridgeId')!);
    return playOn(engine, { kind: 'bridge', bridge }, params, 'en');
  },

  record: (engine, params) => {
    const bridge = requireBridge(engine, text(params, 'bridgeId')!);
    const recording = new LiveRecording(recordingOptions(engine, params), { kind: 'bridge', bridge });
    recording.mediaChannel = addMediaChannel(engine, bridge, 'Recorder');
    return startRecordingReply(engine, recording);
  },
};
