/** Handlers of the ARI `playbacks` and `recordings` resources. */
import { controlPlayback, stopPlayback } from '../engine/playbacks';
import { finishRecording, pauseRecording, silentWav } from '../engine/recordings';
import type { Engine } from '../engine/engine';
import { NO_CONTENT, ok, text, type HandlerTable } from './context';
import { ariError, type Params } from './router';

function requirePlayback(engine: Engine, params: Params) {
  const playback = engine.playbacks.get(text(params, 'playbackId')!);
  if (!playback) throw ariError(404, 'Playback not found');
  return playback;
}

function requireLive(engine: Engine, params: Params) {
  const recording = engine.liveRecordings.get(text(params, 'recordingName')!);
  if (!recording) throw ariError(404, 'Recording not found');
  return recording;
}

function requireStored(engine: Engine, params: Params) {
  const recording = engine.storedRecordings.get(text(params, 'recordingName')!);
  if (!recording) throw ariError(404, 'Recording not found');
  return recording;
}

export const playbackHandlers: HandlerTable = {
  get: (engine, params) => ok(requirePlayback(engine, params).toJson()),
  stop: (engine, params) => {
    stopPlayback(engine, requirePlayback(engine, params));
    return NO_CONTENT;
  },
  control: (engine, params) => {
    const playback = requirePlayback(engine, params);
    if (!controlPlayback(engine, playback, text(params, 'operation')!)) throw ariError(409, 'Playback not in a state that allows this operation');
    return NO_CONTENT;
  },
};

export const recordingHandlers: HandlerTable = {
  listStored: (engine) => ok([...engine.storedRecordings.values()].map(({ name, format }) => ({ name, format }))),
  getStored: (engine, params) => {
    const { name, format } = requireStored(engine, params);
    return ok({ name, format });
  },
  deleteStored: (engine, params) => {
    engine.storedRecordings.delete(requireStored(engine, params).name);
    return NO_CONTENT;
  },
  getStoredFile: (engine, params) => {
    const recording = requireStored(engine, params);
    return { status: 200, binary: silentWav(recording.durationSeconds), contentType: 'audio/wav' };
  },
  copyStored: (engine, params) => {
    const source = requireStored(engine, params);
    const destination = text(params, 'destinationRecordingName')!;
    if (engine.storedRecordings.has(destination)) throw ariError(409, 'A recording with the same name already exists on the system');
    engine.storedRecordings.set(destination, { ...source, name: destination });
    return ok({ name: destination, format: source.format });
  },

  getLive: (engine, params) => ok(requireLive(engine, params).toJson(engine)),
  cancel: (engine, params) => {
    finishRecording(engine, requireLive(engine, params), 'canceled');
    return NO_CONTENT;
  },
  stop: (engine, params) => {
    finishRecording(engine, requireLive(engine, params), 'done');
    return NO_CONTENT;
  },
  pause: (engine, params) => {
    if (!pauseRecording(engine, requireLive(engine, params), true)) throw ariError(409, 'Recording not in session');
    return NO_CONTENT;
  },
  unpause: (engine, params) => {
    if (!pauseRecording(engine, requireLive(engine, params), false)) throw ariError(409, 'Recording not in session');
    return NO_CONTENT;
  },
  mute: (engine, params) => {
    requireLive(engine, params);
    return NO_CONTENT;
  },
  unmute: (engine, params) => {
    requireLive(engine, params);
    return NO_CONTENT;
  },
};
