/**
 * Translates the engine's ARI events into the AMI events Asterisk 22 sends for the same
 * happenings, and tracks device states for `DeviceStateChange`.
 */
import type { PublishedEvent } from '../engine/bus';
import type { SimBridge } from '../engine/bridge';
import type { SimChannel } from '../engine/channel';
import type { Engine } from '../engine/engine';
import type { AmiFields } from './protocol';

const STATE_NUMBERS: Record<string, number> = { Down: 0, Rsrvd: 1, OffHook: 2, Dialing: 3, Ring: 4, Ringing: 5, Up: 6, Busy: 7 };

const orUnknown = (value: string) => (value === '' ? '<unknown>' : value);

/** Builds the channel block of AMI events; `prefix` (`Dest`, `LocalOne`...) names one of two channels in an event. */
export function channelFields(channel: SimChannel, prefix = ''): AmiFields {
  return [
    [`${prefix}Channel`, channel.name],
    [`${prefix}ChannelState`, String(STATE_NUMBERS[channel.state] ?? 0)],
    [`${prefix}ChannelStateDesc`, channel.state],
    [`${prefix}CallerIDNum`, orUnknown(channel.caller.number)],
    [`${prefix}CallerIDName`, orUnknown(channel.caller.name)],
    [`${prefix}ConnectedLineNum`, orUnknown(channel.connected.number)],
    [`${prefix}ConnectedLineName`, orUnknown(channel.connected.name)],
    [`${prefix}Language`, channel.language],
    [`${prefix}AccountCode`, ''],
    [`${prefix}Context`, channel.dialplan.context],
    [`${prefix}Exten`, channel.dialplan.exten],
    [`${prefix}Priority`, String(channel.dialplan.priority)],
    [`${prefix}Uniqueid`, channel.id],
    [`${prefix}Linkedid`, channel.linkedid],
  ];
}

function bridgeFields(bridge: SimBridge): AmiFields {
  return [
    ['BridgeUniqueid', bridge.id],
    ['BridgeType', bridge.type === 'holding' ? 'holding' : 'basic'],
    ['BridgeTechnology', bridge.technology],
    ['BridgeCreator', 'Stasis'],
    ['BridgeName', bridge.name],
    ['BridgeNumChannels', String(bridge.participants.length)],
    ['BridgeVideoSourceMode', 'talker'],
  ];
}

function event(name: string, privilege: string, fields: AmiFields): AmiFields {
  return [['Event', name], ['Privilege', privilege], ...fields];
}

/** AMI events for one published ARI event; empty when AMI has no counterpart. */
export function amiEventsFor(published: PublishedEvent): AmiFields[] {
  const { body, channel, bridge } = published;
  if (channel?.kind === 'media') return [];
  if (body.type === 'Dial') return dialEvents(published);
  if (!channel) return [];
  const base = channelFields(channel);
  switch (body.type) {
    case 'ChannelCreated':
      return [event('Newchannel', 'call,all', base)];
    case 'ChannelStateChange':
      return [event('Newstate', 'call,all', base)];
    case 'ChannelDialplan':
      return [event('Newexten', 'dialplan,all', [...base, ['Extension', channel.dialplan.exten], ['Application', String(body.dialplan_app)], ['AppData', String(body.dialplan_app_data)]])];
    case 'ChannelVarset':
      return [event('VarSet', 'dialplan,all', [...base, ['Variable', String(body.variable)], ['Value', String(body.value)]])];
    case 'ChannelCallerId':
      return [event('NewCallerid', 'call,all', [...base, ['CID-CallingPres', `${String(body.caller_presentation)} (${String(body.caller_presentation_txt)})`]])];
    case 'ChannelConnectedLine':
      return [event('NewConnectedLine', 'call,all', base)];
    case 'ChannelHangupRequest':
      return [event(body.soft ? 'SoftHangupRequest' : 'HangupRequest', 'call,all', [...base, ['Cause', String(body.cause)]])];
    case 'ChannelDestroyed':
      return [event('Hangup', 'call,all', [...base, ['Cause', String(body.cause)], ['Cause-txt', String(body.cause_txt)]])];
    case 'ChannelEnteredBridge':
      return bridge ? [event('BridgeEnter', 'call,all', [...bridgeFields(bridge), ...base])] : [];
    case 'ChannelLeftBridge':
      return bridge ? [event('BridgeLeave', 'call,all', [...bridgeFields(bridge), ...base])] : [];
    case 'ChannelHold':
      return [event('Hold', 'call,all', base)];
    case 'ChannelUnhold':
      return [event('Unhold', 'call,all', base)];
    case 'ChannelDtmfReceived':
      return [event('DTMFEnd', 'dtmf,all', [...base, ['Digit', String(body.digit)], ['DurationMs', String(body.duration_ms)], ['Direction', 'Received']])];
    default:
      return [];
  }
}

function dialEvents(published: PublishedEvent): AmiFields[] {
  const { body, channel } = published;
  if (!channel) return [];
  const dest = channelFields(channel, 'Dest');
  const status = String(body.dialstatus);
  if (status === '') {
    const events: AmiFields[] = [];
    if (channel.kind === 'local' && channel.peer) {
      events.push(event('LocalBridge', 'call,all', [
        ...channelFields(channel, 'LocalOne'),
        ...channelFields(channel.peer, 'LocalTwo'),
        ['Context', channel.dialplan.context],
        ['Exten', channel.dialplan.exten],
        ['LocalOptimization', 'Yes'],
      ]));
    }
    events.push(event('DialBegin', 'call,all', [...dest, ['DialString', String(body.dialstring)]]));
    return events;
  }
  if (status === 'RINGING') return [event('DialState', 'call,all', [...dest, ['DialStatus', status]])];
  return [event('DialEnd', 'call,all', [...dest, ['DialStatus', status]])];
}

/**
 * Device states as `DeviceStateChange` reports them: `PJSIP/{ext}` for each registered phone
 * (UNAVAILABLE once unregistered) and `Local/{exten}@{context}` for Local channels.
 */
export class DeviceStates {
  private readonly last = new Map<string, string>();

  constructor(private readonly engine: Engine) {}

  /** Devices whose state changed since the last call, with their new state. */
  changes(devices: Iterable<string>): Array<[string, string]> {
    const changed: Array<[string, string]> = [];
    for (const device of devices) {
      const state = this.stateOf(device);
      if (this.last.get(device) === state) continue;
      this.last.set(device, state);
      changed.push([device, state]);
    }
    return changed;
  }

  /** Returns every device known so far with its current state. */
  all(): Array<[string, string]> {
    for (const extension of this.engine.phones.keys()) this.changes([`PJSIP/${extension}`]);
    return [...this.last].map(([device]) => [device, this.stateOf(device)] as [string, string]);
  }

  stateOf(device: string): string {
    const channels = this.engine.visibleChannels().filter((channel) => devicesOf(channel).includes(device));
    if (channels.some((channel) => channel.isUp)) return 'INUSE';
    if (channels.some((channel) => channel.state === 'Ring' || channel.state === 'Ringing')) return 'RINGING';
    if (device.startsWith('PJSIP/') && !this.engine.phones.has(device.slice('PJSIP/'.length)) && !this.engine.settings.trunks.includes(device.slice('PJSIP/'.length))) {
      return 'UNAVAILABLE';
    }
    return 'NOT_INUSE';
  }
}

/** Device names a channel counts towards. */
export function devicesOf(channel: SimChannel): string[] {
  const devices: string[] = [];
  if (channel.phoneExtension) devices.push(`PJSIP/${channel.phoneExtension}`);
  if (channel.kind === 'local') devices.push(`Local/${channel.dialplan.exten}@${channel.dialplan.context}`);
  if (channel.kind === 'pjsip') devices.push(channel.name.replace(/-[0-9a-f]{8}$/, ''));
  return [...new Set(devices)];
}
