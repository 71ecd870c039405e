/**
 * Originating channels (`POST /channels`, AMI `Originate`, scripted callers). Supported channel
 * technologies are `Local` and `PJSIP`. Any other one is "not loaded" and fails like Asterisk
 * (500 `Allocation failed`). A dial string without a technology is a 400.
 */
import { CAUSE } from './causes';
import { SimChannel, parseCallerId, type AnswerAction, type PendingDial } from './channel';
import type { Engine } from './engine';
import { findPhone } from './phones';
import { hangupChannel } from './hangup';
import { publishDial, runLocalLeg, ringPjsipLeg } from './dialing';

export interface OriginateParams {
  endpoint: string;
  callerId?: string;
  /** Seconds the far end may ring; 0 or less rings until answered or hung up. */
  timeoutSeconds: number;
  onAnswer: AnswerAction;
  /** ARI application that originates, and so receives the channel's events (both halves for `Local`). */
  originator?: string;
  channelId?: string;
  otherChannelId?: string;
  variables?: Record<string, string>;
  settle?: PendingDial['settle'];
}

export type OriginateOutcome =
  | { ok: true; channel: SimChannel }
  | { ok: false; status: number; body: Record<string, string> };

const ALLOCATION_FAILED: OriginateOutcome = { ok: false, status: 500, body: { error: 'Allocation failed' } };

/** Creates the channel(s) for `params.endpoint` and starts dialling shortly after the HTTP response has gone out. */
export function originate(engine: Engine, params: OriginateParams): OriginateOutcome {
  const slash = params.endpoint.indexOf('/');
  if (slash <= 0 || slash === params.endpoint.length - 1) {
    return { ok: false, status: 400, body: { message: 'Invalid endpoint specified' } };
  }
  for (const id of [params.channelId, params.otherChannelId]) {
    if (id && engine.channels.has(id)) {
      return { ok: false, status: 409, body: { message: 'Channel with given unique ID already exists' } };
    }
  }
  const technology = params.endpoint.slice(0, slash).toLowerCase();
  const resource = params.endpoint.slice(slash + 1);
  if (technology === 'local') return originateLocal(engine, params, resource);
  if (technology === 'pjsip') return originatePjsip(engine, params, resource);
  engine.log.warn({ endpoint: params.endpoint }, 'originate to a channel technology that is not loaded');
  return ALLOCATION_FAILED;
}

function originateLocal(engine: Engine, params: OriginateParams, resource: string): OriginateOutcome {
  // `Local/exten@context/n`: options after a second slash do not change the simulation.
  const target = resource.split('/')[0];
  const at = target.indexOf('@');
  const exten = at < 0 ? target : target.slice(0, at);
  const context = at < 0 ? 'default' : target.slice(at + 1);
  const caller = parseCallerId(params.callerId);
  const suffix = engine.nextUnrealSuffix();
  const base = `Local/${exten}@${context}-${suffix}`;

  const one = new SimChannel(params.channelId ?? engine.nextUniqueId(), `${base};1`, 'local', {
    state: 'Down',
    caller,
    dialplan: { context, exten, priority: 1, app_name: 'AppDial2', app_data: '(Outgoing Line)' },
  });
  const two = new SimChannel(params.otherChannelId ?? engine.nextUniqueId(), `${base};2`, 'local', {
    state: 'Ring',
    caller,
    dialplan: { context, exten, priority: 1, app_name: '', app_data: '' },
  });
  one.peer = two;
  two.peer = one;
  one.half = 1;
  two.half = 2;
  two.linkedid = one.id;

  register(engine, [one, two], params);
  startDial(engine, one, `${exten}@${context}`, params);

  engine.clock.soon(() => {
    if (one.destroyed || one.hangingUp) return;
    if (params.callerId) {
      engine.bus.channelEvent(two, 'ChannelCallerId', { caller_presentation: 0, caller_presentation_txt: 'Presentation Allowed, Not Screened' });
      engine.bus.channelEvent(two, 'ChannelConnectedLine');
    }
    runLocalLeg(engine, one, two);
  }, 1);
  return { ok: true, channel: one };
}

function originatePjsip(engine: Engine, params: OriginateParams, resource: string): OriginateOutcome {
  const at = resource.indexOf('@');
  const user = at < 0 ? '' : resource.slice(0, at);
  const endpointName = at < 0 ? resource : resource.slice(at + 1);
  const isTrunk = engine.settings.trunks.includes(endpointName);
  // An endpoint without a registered contact cannot be dialled: chan_pjsip fails the request.
  if (!isTrunk && !findPhone(engine, endpointName)) {
    engine.log.info({ endpoint: params.endpoint }, 'originate to a PJSIP endpoint with no registered phone');
    return ALLOCATION_FAILED;
  }

  const channel = new SimChannel(params.channelId ?? engine.nextUniqueId(), `PJSIP/${endpointName}-${engine.nextPjsipSuffix()}`, 'pjsip', {
    state: 'Down',
    caller: parseCallerId(params.callerId),
    dialplan: { context: 'default', exten: 's', priority: 1, app_name: 'AppDial2', app_data: '(Outgoing Line)' },
  });
  register(engine, [channel], params);
  startDial(engine, channel, resource, params);

  engine.clock.soon(() => {
    if (channel.destroyed || channel.hangingUp) return;
    publishDial(engine, channel, '', resource);
    const extension = isTrunk ? user : endpointName;
    // Through a trunk, a number with no phone behind it is answered by the carrier with 404.
    if (isTrunk && !findPhone(engine, extension)) {
      hangupChannel(engine, channel, CAUSE.unallocated, 'remote');
      return;
    }
    ringPjsipLeg(engine, channel, extension);
  }, 1);
  return { ok: true, channel };
}

function register(engine: Engine, channels: SimChannel[], params: OriginateParams): void {
  for (const channel of channels) {
    for (const [name, value] of Object.entries(params.variables ?? {})) channel.variables.set(name, value);
    engine.channels.set(channel.id, channel);
    engine.bus.channelEvent(channel, 'ChannelCreated');
  }
  // The originating application subscribes after creation, so it never sees `ChannelCreated`.
  if (params.originator) for (const channel of channels) channel.originators.add(params.originator);
}

function startDial(engine: Engine, channel: SimChannel, dialstring: string, params: OriginateParams): void {
  channel.dial = { dialstring, onAnswer: params.onAnswer, timeout: null, settle: params.settle };
  if (params.timeoutSeconds > 0) {
    channel.dial.timeout = engine.clock.after(params.timeoutSeconds * 1000, () => {
      if (channel.dial) hangupChannel(engine, channel, CAUSE.noAnswer, 'silent');
    });
  }
}
