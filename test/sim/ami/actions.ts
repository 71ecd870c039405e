/**
 * AMI actions: Ping, CoreShowChannels, Getvar, Setvar, Originate, Hangup, DeviceStateList,
 * Events and Logoff (the session handles Login). Responses have the fields Asterisk 22 sends.
 */
import { CAUSE } from '../engine/causes';
import type { AnswerAction } from '../engine/channel';
import type { Engine } from '../engine/engine';
import { hangupChannel } from '../engine/hangup';
import { originate } from '../engine/originate';
import { readVariable, setVariable } from '../engine/stasis';
import { channelFields, type DeviceStates } from './events';
import type { AmiFields, AmiMessage } from './protocol';

/** What an action handler can do on its session. */
export interface AmiSessionPort {
  reply(fields: AmiFields): void;
  /** Sends an event to every logged-in session that receives events. */
  broadcast(fields: AmiFields): void;
  setEvents(enabled: boolean): void;
  close(): void;
}

export interface ActionContext {
  engine: Engine;
  devices: DeviceStates;
  session: AmiSessionPort;
  message: AmiMessage;
  actionId: AmiFields;
}

type ActionHandler = (context: ActionContext) => void;

const success = (context: ActionContext, fields: AmiFields = []) => context.session.reply([['Response', 'Success'], ...context.actionId, ...fields]);
const failure = (context: ActionContext, message: string) => context.session.reply([['Response', 'Error'], ...context.actionId, ['Message', message]]);

function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const parts = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  return parts.map((part) => String(part).padStart(2, '0')).join(':');
}

/** OriginateResponse `Reason`: the last control frame Asterisk saw (3 ringing, 4 answered, 5 busy, 8 congestion). */
function originateReason(cause: number): string {
  if (cause === CAUSE.noAnswer) return '3';
  if (cause === CAUSE.busy) return '5';
  if (cause === CAUSE.congestion) return '8';
  return '1';
}

function originateAction(context: ActionContext): void {
  const { engine, message } = context;
  const endpoint = message.get('Channel');
  if (!endpoint) return failure(context, 'Channel not specified');
  const application = message.get('Application');
  const exten = message.get('Exten');
  let onAnswer: AnswerAction;
  if (application) onAnswer = { kind: 'application', name: application, data: message.get('Data') ?? '' };
  else if (exten) onAnswer = { kind: 'dialplan', context: message.get('Context') ?? 'default', exten, priority: Number(message.get('Priority') ?? 1) };
  else return failure(context, 'Exten or Application not specified');

  const async = ['true', 'yes', '1'].includes((message.get('Async') ?? '').toLowerCase());
  const timeoutMs = Number(message.get('Timeout') ?? 30000);
  const variables = Object.fromEntries(message.getAll('Variable').flatMap((entry) => entry.split(',')).map((pair) => {
    const equals = pair.indexOf('=');
    return [pair.slice(0, equals), pair.slice(equals + 1)];
  }).filter(([name]) => name));
  const target: AmiFields = application ? [['Application', application], ['Data', message.get('Data') ?? '']] : [['Context', message.get('Context') ?? 'default'], ['Exten', exten!]];

  const respond = (outcome: { answered: boolean; cause?: number; channelName?: string; uniqueId?: string; caller?: { number: string; name: string } }) => {
    if (!async) {
      if (outcome.answered) success(context, [['Message', 'Originate successfully queued']]);
      else failure(context, 'Originate failed');
    }
    context.session.broadcast([
      ['Event', 'OriginateResponse'],
      ['Privilege', 'call,all'],
      ...context.actionId,
      ['Response', outcome.answered ? 'Success' : 'Failure'],
      ['Channel', outcome.answered ? (outcome.channelName ?? endpoint) : endpoint],
      ...target,
      ['Reason', outcome.answered ? '4' : originateReason(outcome.cause ?? CAUSE.normal)],
      ['Uniqueid', outcome.answered ? (outcome.uniqueId ?? '<unknown>') : '<unknown>'],
      ['CallerIDNum', outcome.caller?.number || '<unknown>'],
      ['CallerIDName', outcome.caller?.name || '<unknown>'],
    ]);
  };

  const result = originate(engine, {
    endpoint,
    callerId: message.get('CallerID'),
    timeoutSeconds: timeoutMs / 1000,
    onAnswer,
    variables,
    settle: (outcome) => {
      const channel = result.ok ? result.channel : undefined;
      if (outcome.answered) respond({ answered: true, channelName: channel?.name, uniqueId: channel?.id, caller: channel?.caller });
      else respond({ answered: false, cause: outcome.cause });
    },
  });
  if (async) success(context, [['Message', 'Originate successfully queued']]);
  if (!result.ok) respond({ answered: false, cause: 0 });
}

const ACTIONS: Record<string, ActionHandler> = {
  ping: (context) => success(context, [['Ping', 'Pong'], ['Timestamp', (Date.now() / 1000).toFixed(6)]]),

  coreshowchannels: (context) => {
    // Newest first, each `;2` half before its `;1`, as Asterisk 22 lists them.
    const ordered = [];
    for (const channel of [...context.engine.visibleChannels()].reverse()) {
      if (channel.half === 2) continue;
      if (channel.half === 1 && channel.peer && !channel.peer.destroyed) ordered.push(channel.peer);
      ordered.push(channel);
    }
    success(context, [['EventList', 'start'], ['Message', 'Channels will follow']]);
    for (const channel of ordered) {
      context.session.reply([
        ['Event', 'CoreShowChannel'],
        ...context.actionId,
        ...channelFields(channel),
        ['Application', channel.dialplan.app_name],
        ['ApplicationData', channel.dialplan.app_data],
        ['Duration', formatDuration(performance.now() - channel.createdAt)],
        ['BridgeId', channel.bridge?.id ?? ''],
      ]);
    }
    context.session.reply([['Event', 'CoreShowChannelsComplete'], ...context.actionId, ['EventList', 'Complete'], ['ListItems', String(ordered.length)]]);
  },

  getvar: (context) => {
    const variable = context.message.get('Variable');
    if (!variable) return failure(context, 'No variable specified');
    const name = context.message.get('Channel');
    if (!name) return success(context, [['Variable', variable], ['Value', context.engine.globalVariables.get(variable) ?? '']]);
    const channel = context.engine.findChannelByName(name);
    if (!channel) return failure(context, 'No such channel');
    success(context, [['Variable', variable], ['Value', readVariable(channel, variable) ?? '']]);
  },

  setvar: (context) => {
    const variable = context.message.get('Variable');
    if (!variable) return failure(context, 'No variable specified');
    const value = context.message.get('Value') ?? '';
    const name = context.message.get('Channel');
    if (!name) {
      context.engine.globalVariables.set(variable, value);
      return success(context, [['Message', 'Variable Set']]);
    }
    const channel = context.engine.findChannelByName(name);
    if (!channel) return failure(context, 'No such channel');
    setVariable(context.engine, channel, variable, value);
    success(context, [['Message', 'Variable Set']]);
  },

  originate: originateAction,

  hangup: (context) => {
    const name = context.message.get('Channel');
    if (!name) return failure(context, 'No channel specified');
    const channel = context.engine.findChannelByName(name);
    if (!channel) return failure(context, 'No such channel');
    hangupChannel(context.engine, channel, Number(context.message.get('Cause') ?? CAUSE.normal), 'explicit');
    success(context, [['Message', 'Channel Hungup']]);
  },

  devicestatelist: (context) => {
    const devices = context.devices.all();
    success(context, [['EventList', 'start'], ['Message', 'Device State Changes will follow']]);
    for (const [device, state] of devices) context.session.reply([['Event', 'DeviceStateChange'], ...context.actionId, ['Device', device], ['State', state]]);
    context.session.reply([['Event', 'DeviceStateListComplete'], ...context.actionId, ['EventList', 'Complete'], ['ListItems', String(devices.length)]]);
  },

  events: (context) => {
    const enabled = (context.message.get('EventMask') ?? 'on').toLowerCase() !== 'off';
    context.session.setEvents(enabled);
    success(context, [['Events', enabled ? 'On' : 'Off']]);
  },

  logoff: (context) => {
    context.session.reply([['Response', 'Goodbye'], ...context.actionId, ['Message', 'Thanks for all the fish.']]);
    context.session.close();
  },
};

/** Runs one action of a logged-in session. */
export function runAction(name: string, context: ActionContext): void {
  const handler = ACTIONS[name.toLowerCase()];
  if (!handler) return failure(context, 'Invalid/unknown command');
  handler(context);
}
