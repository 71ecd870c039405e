/**
 * The ARI operations the simulator serves, one row each. The same table generates the Swagger
 * resource descriptions that `ari-client` loads and drives request routing and parameter checks.
 *
 * Parameter notation: `name` (optional string), `name!` (required), `name:int`, `name:boolean`,
 * `name*` (a list, comma-separated or repeated), `name=a|b|c` (allowed values),
 * `name@body` (a JSON body field). Path parameters come from `{braces}` in the path.
 */

export const RESOURCES = [
  'asterisk',
  'endpoints',
  'channels',
  'bridges',
  'recordings',
  'sounds',
  'playbacks',
  'deviceStates',
  'mailboxes',
  'events',
  'applications',
] as const;
export type ResourceName = (typeof RESOURCES)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type ParamDataType = 'string' | 'int' | 'boolean' | 'containers';

export interface ParamSpec {
  name: string;
  paramType: 'path' | 'query' | 'body';
  dataType: ParamDataType;
  required: boolean;
  allowMultiple: boolean;
  allowedValues?: string[];
}

export interface OperationSpec {
  resource: ResourceName;
  method: HttpMethod;
  path: string;
  nickname: string;
  /** Swagger response class: `void`, `binary`, a model name or `List[Model]`. */
  responseClass: string;
  params: ParamSpec[];
}

function parseParam(token: string): ParamSpec {
  const match = /^([A-Za-z_]+)(!)?(?::(int|boolean))?(\*)?(?:=([\w|#*]+))?(@body)?$/.exec(token);
  if (!match) throw new Error(`invalid parameter notation: ${token}`);
  const [, name, required, type, multiple, values, body] = match;
  return {
    name,
    paramType: body ? 'body' : 'query',
    dataType: body ? 'containers' : ((type as ParamDataType | undefined) ?? 'string'),
    required: Boolean(required),
    allowMultiple: Boolean(multiple),
    ...(values ? { allowedValues: values.split('|') } : {}),
  };
}

function op(resource: ResourceName, route: string, nickname: string, responseClass: string, params = ''): OperationSpec {
  const [method, path] = route.split(' ') as [HttpMethod, string];
  const pathParams: ParamSpec[] = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    paramType: 'path',
    dataType: 'string',
    required: true,
    allowMultiple: false,
  }));
  const other = params.split(/\s+/).filter(Boolean).map(parseParam);
  return { resource, method, path, nickname, responseClass, params: [...pathParams, ...other] };
}

const DIRECTIONS = 'both|in|out|none';
const ORIGINATE = 'extension context priority:int label app appArgs callerId timeout:int variables@body otherChannelId originator formats';
const RECORD = 'name! format! maxDurationSeconds:int maxSilenceSeconds:int ifExists=fail|overwrite|append beep:boolean terminateOn=none|any|*|#';
const PLAY = 'media!* lang offsetms:int skipms:int';

export const OPERATIONS: OperationSpec[] = [
  op('asterisk', 'GET /asterisk/info', 'getInfo', 'AsteriskInfo', 'only*'),
  op('asterisk', 'GET /asterisk/ping', 'ping', 'AsteriskPing'),
  op('asterisk', 'GET /asterisk/variable', 'getGlobalVar', 'Variable', 'variable!'),
  op('asterisk', 'POST /asterisk/variable', 'setGlobalVar', 'void', 'variable! value'),

  op('endpoints', 'GET /endpoints', 'list', 'List[Endpoint]'),
  op('endpoints', 'GET /endpoints/{tech}', 'listByTech', 'List[Endpoint]'),
  op('endpoints', 'GET /endpoints/{tech}/{resource}', 'get', 'Endpoint'),

  op('channels', 'GET /channels', 'list', 'List[Channel]'),
  op('channels', 'POST /channels', 'originate', 'Channel', `endpoint! ${ORIGINATE} channelId`),
  op('channels', 'GET /channels/{channelId}', 'get', 'Channel'),
  op('channels', 'POST /channels/{channelId}', 'originateWithId', 'Channel', `endpoint! ${ORIGINATE}`),
  op('channels', 'DELETE /channels/{channelId}', 'hangup', 'void', 'reason_code reason'),
  op('channels', 'POST /channels/{channelId}/continue', 'continueInDialplan', 'void', 'context extension priority:int label'),
  op('channels', 'POST /channels/{channelId}/answer', 'answer', 'void'),
  op('channels', 'POST /channels/{channelId}/ring', 'ring', 'void'),
  op('channels', 'DELETE /channels/{channelId}/ring', 'ringStop', 'void'),
  op('channels', 'POST /channels/{channelId}/dtmf', 'sendDTMF', 'void', 'dtmf before:int between:int duration:int after:int'),
  op('channels', 'POST /channels/{channelId}/mute', 'mute', 'void', `direction=${DIRECTIONS}`),
  op('channels', 'DELETE /channels/{channelId}/mute', 'unmute', 'void', `direction=${DIRECTIONS}`),
  op('channels', 'POST /channels/{channelId}/hold', 'hold', 'void'),
  op('channels', 'DELETE /channels/{channelId}/hold', 'unhold', 'void'),
  op('channels', 'POST /channels/{channelId}/moh', 'startMoh', 'void', 'mohClass'),
  op('channels', 'DELETE /channels/{channelId}/moh', 'stopMoh', 'void'),
  op('channels', 'POST /channels/{channelId}/silence', 'startSilence', 'void'),
  op('channels', 'DELETE /channels/{channelId}/silence', 'stopSilence', 'void'),
  op('channels', 'POST /channels/{channelId}/play', 'play', 'Playback', `${PLAY} playbackId`),
  op('channels', 'POST /channels/{channelId}/play/{playbackId}', 'playWithId', 'Playback', PLAY),
  op('channels', 'POST /channels/{channelId}/record', 'record', 'LiveRecording', RECORD),
  op('channels', 'GET /channels/{channelId}/variable', 'getChannelVar', 'Variable', 'variable!'),
  op('channels', 'POST /channels/{channelId}/variable', 'setChannelVar', 'void', 'variable! value'),
  op('channels', 'POST /channels/{channelId}/snoop', 'snoopChannel', 'Channel', `spy=${DIRECTIONS} whisper=${DIRECTIONS} app! appArgs snoopId`),
  op('channels', 'POST /channels/{channelId}/snoop/{snoopId}', 'snoopChannelWithId', 'Channel', `spy=${DIRECTIONS} whisper=${DIRECTIONS} app! appArgs`),

  op('bridges', 'GET /bridges', 'list', 'List[Bridge]'),
  op('bridges', 'POST /bridges', 'create', 'Bridge', 'type bridgeId name'),
  op('bridges', 'POST /bridges/{bridgeId}', 'createWithId', 'Bridge', 'type name'),
  op('bridges', 'GET /bridges/{bridgeId}', 'get', 'Bridge'),
  op('bridges', 'DELETE /bridges/{bridgeId}', 'destroy', 'void'),
  op('bridges', 'POST /bridges/{bridgeId}/addChannel', 'addChannel', 'void', 'channel!* role absorbDTMF:boolean mute:boolean inhibitConnectedLineUpdates:boolean'),
  op('bridges', 'POST /bridges/{bridgeId}/removeChannel', 'removeChannel', 'void', 'channel!*'),
  op('bridges', 'POST /bridges/{bridgeId}/moh', 'startMoh', 'void', 'mohClass'),
  op('bridges', 'DELETE /bridges/{bridgeId}/moh', 'stopMoh', 'void'),
  op('bridges', 'POST /bridges/{bridgeId}/play', 'play', 'Playback', `${PLAY} playbackId`),
  op('bridges', 'POST /bridges/{bridgeId}/play/{playbackId}', 'playWithId', 'Playback', PLAY),
  op('bridges', 'POST /bridges/{bridgeId}/record', 'record', 'LiveRecording', RECORD),

  op('recordings', 'GET /recordings/stored', 'listStored', 'List[StoredRecording]'),
  op('recordings', 'GET /recordings/stored/{recordingName}', 'getStored', 'StoredRecording'),
  op('recordings', 'DELETE /recordings/stored/{recordingName}', 'deleteStored', 'void'),
  op('recordings', 'GET /recordings/stored/{recordingName}/file', 'getStoredFile', 'binary'),
  op('recordings', 'POST /recordings/stored/{recordingName}/copy', 'copyStored', 'StoredRecording', 'destinationRecordingName!'),
  op('recordings', 'GET /recordings/live/{recordingName}', 'getLive', 'LiveRecording'),
  op('recordings', 'DELETE /recordings/live/{recordingName}', 'cancel', 'void'),
  op('recordings', 'POST /recordings/live/{recordingName}/stop', 'stop', 'void'),
  op('recordings', 'POST /recordings/live/{recordingName}/pause', 'pause', 'void'),
  op('recordings', 'DELETE /recordings/live/{recordingName}/pause', 'unpause', 'void'),
  op('recordings', 'POST /recordings/live/{recordingName}/mute', 'mute', 'void'),
  op('recordings', 'DELETE /recordings/live/{recordingName}/mute', 'unmute', 'void'),

  op('sounds', 'GET /sounds', 'list', 'List[Sound]', 'lang format'),
  op('sounds', 'GET /sounds/{soundId}', 'get', 'Sound'),

  op('playbacks', 'GET /playbacks/{playbackId}', 'get', 'Playback'),
  op('playbacks', 'DELETE /playbacks/{playbackId}', 'stop', 'void'),
  op('playbacks', 'POST /playbacks/{playbackId}/control', 'control', 'void', 'operation!=restart|pause|unpause|reverse|forward'),

  op('deviceStates', 'GET /deviceStates', 'list', 'List[DeviceState]'),
  op('deviceStates', 'GET /deviceStates/{deviceName}', 'get', 'DeviceState'),
  op('deviceStates', 'PUT /deviceStates/{deviceName}', 'update', 'void', 'deviceState!=NOT_INUSE|INUSE|BUSY|INVALID|UNAVAILABLE|RINGING|RINGINUSE|ONHOLD'),
  op('deviceStates', 'DELETE /deviceStates/{deviceName}', 'delete', 'void'),

  op('mailboxes', 'GET /mailboxes', 'list', 'List[Mailbox]'),
  op('mailboxes', 'GET /mailboxes/{mailboxName}', 'get', 'Mailbox'),
  op('mailboxes', 'PUT /mailboxes/{mailboxName}', 'update', 'void', 'oldMessages!:int newMessages!:int'),
  op('mailboxes', 'DELETE /mailboxes/{mailboxName}', 'delete', 'void'),

  op('events', 'GET /events', 'eventWebsocket', 'Message', 'app!* subscribeAll:boolean'),
  op('events', 'POST /events/user/{eventName}', 'userEvent', 'void', 'application! source* variables@body'),

  op('applications', 'GET /applications', 'list', 'List[Application]'),
  op('applications', 'GET /applications/{applicationName}', 'get', 'Application'),
  op('applications', 'POST /applications/{applicationName}/subscription', 'subscribe', 'Application', 'eventSource!*'),
  op('applications', 'DELETE /applications/{applicationName}/subscription', 'unsubscribe', 'Application', 'eventSource!*'),
];
