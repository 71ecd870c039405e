/** Handlers of the ARI `channels` resource. */
import { randomUUID } from 'node:crypto';
import { HANGUP_REASONS } from '../engine/causes';
import type { AnswerAction } from '../engine/channel';
import type { Engine } from '../engine/engine';
import { hangupChannel } from '../engine/hangup';
import { answerChannel, continueInDialplan, holdChannel, ringChannel, sendDtmf, setChannelMoh, snoopChannel } from '../engine/media';
import { originate } from '../engine/originate';
import { SimPlayback, startPlayback } from '../engine/playbacks';
import { LiveRecording, RECORDING_FORMATS, startRecording, type RecordingOptions } from '../engine/recordings';
import { readVariable, setVariable } from '../engine/stasis';
import {
  container,
  integer,
  list,
  NO_CONTENT,
  ok,
  requireChannel,
  requireStasisChannel,
  splitArgs,
  text,
  type AriReply,
  type HandlerTable,
} from './context';
import { AriError, ariError, type Params } from './router';

function originateChannel(engine: Engine, params: Params, channelId: string | undefined): AriReply {
  const app = text(params, 'app');
  const extension = text(params, 'extension');
  if (!app && !extension) throw ariError(400, 'Application or extension must be specified');
  const onAnswer: AnswerAction = app
    ? { kind: 'stasis', app, args: splitArgs(text(params, 'appArgs')) }
    : { kind: 'dialplan', context: text(params, 'context') ?? 'default', exten: extension!, priority: integer(params, 'priority') ?? 1 };
  const outcome = originate(engine, {
    endpoint: text(params, 'endpoint')!,
    callerId: text(params, 'callerId'),
    timeoutSeconds: integer(params, 'timeout') ?? 30,
    onAnswer,
    originator: app,
    channelId,
    otherChannelId: text(params, 'otherChannelId'),
    variables: container(params, 'variables'),
  });
  if (!outcome.ok) throw new AriError(outcome.status, outcome.body);
  return ok(outcome.channel.toJson());
}

/** Starts a playback; a missing sound is still accepted (201) and then fails, as in Asterisk 22. */
export function playOn(engine: Engine, target: SimPlayback['target'], params: Params, language: string): AriReply {
  const id = text(params, 'playbackId') ?? randomUUID();
  if (engine.playbacks.has(id)) throw ariError(409, `Playback with id '${id}' already exists`);
  const playback = new SimPlayback(id, list(params, 'media'), target, text(params, 'lang') ?? language, integer(params, 'skipms') ?? 3000);
  startPlayback(engine, playback);
  return ok({ ...playback.toJson(), state: playback.state === 'failed' ? 'failed' : 'queued' }, 201);
}

/** Reads and checks the parameters of `POST .../record` (name, format, `ifExists`) like Asterisk. */
export function recordingOptions(engine: Engine, params: Params): RecordingOptions {
  const name = text(params, 'name')!;
  const format = text(params, 'format')!;
  const ifExists = (text(params, 'ifExists') ?? 'fail') as RecordingOptions['ifExists'];
  if (name.startsWith('/') || name.split('/').includes('..')) throw ariError(400, 'Recording name invalid');
  if (!RECORDING_FORMATS.includes(format)) throw ariError(422, 'specified format is unknown on this system');
  if (engine.liveRecordings.has(name) || (ifExists === 'fail' && engine.storedRecordings.has(name))) {
    throw ariError(409, `Recording '${name}' already exists and can not be overwritten`);
  }
  return { name, format, maxDurationSeconds: integer(params, 'maxDurationSeconds') ?? 0, terminateOn: text(params, 'terminateOn') ?? 'none', ifExists };
}

/** Starts a live recording; the 201 response shows it `queued`, `RecordingStarted` follows. */
export function startRecordingReply(engine: Engine, recording: LiveRecording): AriReply {
  startRecording(engine, recording);
  return ok(recording.toJson(engine), 201);
}

export const channelHandlers: HandlerTable = {
  list: (engine) => ok(orderedChannels(engine).map((channel) => channel.toJson())),
  originate: (engine, params) => originateChannel(engine, params, text(params, 'channelId')),
  originateWithId: (engine, params) => originateChannel(engine, params, text(params, 'channelId')),
  get: (engine, params) => ok(requireChannel(engine, text(params, 'channelId')!).toJson()),

  hangup: (engine, params) => {
    const channel = requireChannel(engine, text(params, 'channelId')!);
    const reasonCode = text(params, 'reason_code');
    const reason = text(params, 'reason');
    let cause = HANGUP_REASONS.normal;
    if (reasonCode !== undefined) {
      cause = Number.parseInt(reasonCode, 10);
      if (!Number.isInteger(cause)) throw ariError(400, 'Invalid reason for hangup provided');
    } else if (reason !== undefined) {
      if (!(reason in HANGUP_REASONS)) throw ariError(400, 'Invalid reason for hangup provided');
      cause = HANGUP_REASONS[reason];
    }
    hangupChannel(engine, channel, cause, 'explicit');
    return NO_CONTENT;
  },

  continueInDialplan: (engine, params) => {
    continueInDialplan(engine, requireStasisChannel(engine, text(params, 'channelId')!));
    return NO_CONTENT;
  },
  answer: (engine, params) => {
    answerChannel(engine, requireStasisChannel(engine, text(params, 'channelId')!));
    return NO_CONTENT;
  },
  ring: (engine, params) => {
    ringChannel(engine, requireStasisChannel(engine, text(params, 'channelId')!));
    return NO_CONTENT;
  },
  ringStop: (engine, params) => {
    requireStasisChannel(engine, text(params, 'channelId')!);
    return NO_CONTENT;
  },
  sendDTMF: (engine, params) => {
    const channel = requireStasisChannel(engine, text(params, 'channelId')!);
    const dtmf = text(params, 'dtmf');
    if (!dtmf) throw ariError(400, 'DTMF is required');
    sendDtmf(engine, channel, dtmf, {
      before: integer(params, 'before') ?? 0,
      between: integer(params, 'between') ?? 100,
      duration: integer(params, 'duration') ?? 100,
      after: integer(params, 'after') ?? 0,
    });
    return NO_CONTENT;
  },
  mute: (engine, params) => {
    requireStasisChannel(engine, text(params, 'channelId')!);
    return NO_CONTENT;
  },
  unmute: (engine, params) => {
    requireStasisChannel(engine, text(params, 'channelId')!);
    return NO_CONTENT;
  },
  hold: (engine, params) => {
    holdChannel(engine, requireStasisChannel(engine, text(params, 'channelId')!), true);
    return NO_CONTENT;
  },
  unhold: (engine, params) => {
    holdChannel(engine, requireStasisChannel(engine, text(params, 'channelId')!), false);
    return NO_CONTENT;
  },
  startMoh: (engine, params) => {
    setChannelMoh(engine, requireStasisChannel(engine, text(params, 'channelId')!), text(params, 'mohClass') ?? 'default');
    return NO_CONTENT;
  },
  stopMoh: (engine, params) => {
    setChannelMoh(engine, requireStasisChannel(engine, text(params, 'channelId')!), null);
    return NO_CONTENT;
  },
  startSilence: (engine, params) => {
    requireStasisChannel(engine, text(params, 'channelId')!);
    return NO_CONTENT;
  },
  stopSilence: (engine, params) => {
    requireStasisChannel(engine, text(params, 'channelId')!);
    return NO_CONTENT;
  },

  play: (engine, params) => {
    const channel = requireStasisChannel(engine, text(params, 'channelId')!);
    return playOn(engine, { kind: 'channel', channel }, params, channel.language);
  },
  playWithId: (engine, params) => {
    const channel = requireStasisChannel(engine, text(params, 'channelId')!);
    return playOn(engine, { kind: 'channel', channel }, params, channel.language);
  },
  record: (engine, params) => {
    const channel = requireStasisChannel(engine, text(params, 'channelId')!);
    return startRecordingReply(engine, new LiveRecording(recordingOptions(engine, params), { kind: 'channel', channel }));
  },

  getChannelVar: (engine, params) => {
    const channel = requireChannel(engine, text(params, 'channelId')!);
    const variable = text(params, 'variable');
    if (!variable) throw ariError(400, 'Variable name is required');
    const value = readVariable(channel, variable);
    if (value === undefined) throw ariError(404, 'Provided variable was not found');
    return ok({ value });
  },
  setChannelVar: (engine, params) => {
    const channel = requireChannel(engine, text(params, 'channelId')!);
    const variable = text(params, 'variable');
    if (!variable) throw ariError(400, 'Variable name is required');
    setVariable(engine, channel, variable, text(params, 'value') ?? '');
    return NO_CONTENT;
  },

  snoopChannel: (engine, params) => snoop(engine, params),
  snoopChannelWithId: (engine, params) => snoop(engine, params),
};

function snoop(engine: Engine, params: Params): AriReply {
  const target = requireChannel(engine, text(params, 'channelId')!);
  const spy = text(params, 'spy') ?? 'none';
  const whisper = text(params, 'whisper') ?? 'none';
  if (spy === 'none' && whisper === 'none') throw ariError(400, 'Sniff direction must be specified');
  const snoopId = text(params, 'snoopId');
  if (snoopId && engine.channels.has(snoopId)) throw ariError(409, 'Channel with given unique ID already exists');
  const channel = snoopChannel(engine, target, { app: text(params, 'app')!, args: splitArgs(text(params, 'appArgs')), snoopId, spy, whisper });
  return ok(channel.toJson());
}

/** Orders channels as Asterisk 22 lists them: by creation, the `;2` half of a pair before its `;1`. */
function orderedChannels(engine: Engine) {
  const channels = engine.visibleChannels();
  const ordered: typeof channels = [];
  for (const channel of channels) {
    if (ordered.includes(channel)) continue;
    if (channel.half === 1 && channel.peer && !channel.peer.destroyed) ordered.push(channel.peer);
    ordered.push(channel);
  }
  return ordered;
}
