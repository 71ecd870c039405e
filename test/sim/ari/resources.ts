/** Handlers of the ARI `asterisk`, `endpoints`, `sounds`, `deviceStates`, `mailboxes`, `events` and `applications` resources. */
import { ariTimestamp } from '../clock';
import type { Engine } from '../engine/engine';
import { NO_CONTENT, container, list, ok, text, integer, type HandlerTable } from './context';
import { ariError, type Params } from './router';

export const ASTERISK_VERSION = '22.10.1';

function applicationJson(engine: Engine, name: string) {
  const channelIds = engine.visibleChannels()
    .filter((channel) => channel.stasis?.app === name || channel.originators.has(name) || channel.subscribers.has(name))
    .map((channel) => channel.id);
  const bridgeIds = [...engine.bridges.values()]
    .filter((bridge) => (bridge.appRefs.get(name) ?? 0) > 0 || bridge.subscribers.has(name))
    .map((bridge) => bridge.id);
  return { name, channel_ids: channelIds, bridge_ids: bridgeIds, endpoint_ids: [], device_names: [], events_allowed: [], events_disallowed: [] };
}

function requireApplication(engine: Engine, params: Params): string {
  const name = text(params, 'applicationName')!;
  if (!engine.apps.known.has(name)) throw ariError(404, 'Application not found');
  return name;
}

/** Applies `eventSource` URIs (`channel:`, `bridge:`) to an application's explicit subscriptions. */
function changeSubscription(engine: Engine, params: Params, subscribe: boolean) {
  const app = requireApplication(engine, params);
  for (const source of list(params, 'eventSource')) {
    const [scheme, ...rest] = source.split(':');
    const id = rest.join(':');
    if (scheme !== 'channel' && scheme !== 'bridge') throw ariError(400, 'Invalid event source URI scheme');
    const target = scheme === 'channel' ? engine.findChannel(id) : engine.bridges.get(id);
    if (!target) throw ariError(422, 'Event source does not exist');
    if (subscribe) target.subscribers.add(app);
    else target.subscribers.delete(app);
  }
  return ok(applicationJson(engine, app));
}

/** PJSIP endpoints: every registered phone, plus the trunks, which are always reachable. */
function endpoints(engine: Engine) {
  const channelsOf = (resource: string) =>
    engine.visibleChannels().filter((channel) => channel.phoneExtension === resource).map((channel) => channel.id);
  const phones = [...engine.phones.keys()].map((resource) => ({ technology: 'PJSIP', resource, state: 'online', channel_ids: channelsOf(resource) }));
  const trunks = engine.settings.trunks.map((resource) => ({ technology: 'PJSIP', resource, state: 'online', channel_ids: [] as string[] }));
  return [...phones, ...trunks];
}

export const asteriskHandlers: HandlerTable = {
  getInfo: (engine) =>
    ok({
      build: { os: 'Linux', kernel: '6.1.0', machine: 'x86_64', options: '', date: '2026-01-01 00:00:00 UTC', user: 'simulator' },
      system: { version: ASTERISK_VERSION, entity_id: engine.settings.asteriskId },
      config: { name: '', default_language: 'en', setid: { user: '', group: '' } },
      status: { startup_time: ariTimestamp(engine.startedAt), last_reload_time: ariTimestamp(engine.startedAt) },
    }),
  ping: (engine) => ok({ asterisk_id: engine.settings.asteriskId, ping: 'pong', timestamp: ariTimestamp() }),
  getGlobalVar: (engine, params) => ok({ value: engine.globalVariables.get(text(params, 'variable')!) ?? '' }),
  setGlobalVar: (engine, params) => {
    engine.globalVariables.set(text(params, 'variable')!, text(params, 'value') ?? '');
    return NO_CONTENT;
  },
};

export const endpointHandlers: HandlerTable = {
  list: (engine) => ok(endpoints(engine)),
  listByTech: (engine, params) => {
    if (text(params, 'tech')!.toUpperCase() !== 'PJSIP') throw ariError(404, `No Endpoints found - invalid tech ${text(params, 'tech')}`);
    return ok(endpoints(engine));
  },
  get: (engine, params) => {
    const found = endpoints(engine).find((endpoint) => endpoint.technology === text(params, 'tech') && endpoint.resource === text(params, 'resource'));
    if (!found) throw ariError(404, 'Endpoint not found');
    return ok(found);
  },
};

export const soundHandlers: HandlerTable = {
  list: (engine) => ok([...engine.settings.sounds.keys()].map((id) => ({ id, text: '', formats: [{ language: 'zh', format: 'wav' }] }))),
  get: (engine, params) => {
    const id = text(params, 'soundId')!;
    if (!engine.settings.sounds.has(id)) throw ariError(404, 'Sound not found');
    return ok({ id, text: '', formats: [{ language: 'zh', format: 'wav' }] });
  },
};

export const deviceStateHandlers: HandlerTable = {
  list: (engine) => ok([...engine.deviceStates].map(([name, state]) => ({ name, state }))),
  get: (engine, params) => {
    const name = text(params, 'deviceName')!;
    const state = engine.deviceStates.get(name);
    if (state === undefined) throw ariError(404, 'Device state not found');
    return ok({ name, state });
  },
  update: (engine, params) => {
    const name = text(params, 'deviceName')!;
    if (!name.startsWith('Stasis:')) throw ariError(409, 'Uncontrolled device specified');
    engine.deviceStates.set(name, text(params, 'deviceState')!);
    return NO_CONTENT;
  },
  delete: (engine, params) => {
    if (!engine.deviceStates.delete(text(params, 'deviceName')!)) throw ariError(404, 'Device not found');
    return NO_CONTENT;
  },
};

export const mailboxHandlers: HandlerTable = {
  list: (engine) => ok([...engine.mailboxes].map(([name, counts]) => ({ name, old_messages: counts.old, new_messages: counts.new }))),
  get: (engine, params) => {
    const name = text(params, 'mailboxName')!;
    const counts = engine.mailboxes.get(name);
    if (!counts) throw ariError(404, 'Mailbox not found');
    return ok({ name, old_messages: counts.old, new_messages: counts.new });
  },
  update: (engine, params) => {
    engine.mailboxes.set(text(params, 'mailboxName')!, { old: integer(params, 'oldMessages')!, new: integer(params, 'newMessages')! });
    return NO_CONTENT;
  },
  delete: (engine, params) => {
    if (!engine.mailboxes.delete(text(params, 'mailboxName')!)) throw ariError(404, 'Mailbox not found');
    return NO_CONTENT;
  },
};

export const eventHandlers: HandlerTable = {
  eventWebsocket: () => {
    throw ariError(400, 'This endpoint accepts WebSocket upgrades only');
  },
  userEvent: (engine, params) => {
    const application = text(params, 'application')!;
    if (!engine.apps.isActive(application)) throw ariError(404, 'Application not found');
    const body = { type: 'ChannelUserevent', timestamp: ariTimestamp(), eventname: text(params, 'eventName')!, userevent: container(params, 'variables') };
    engine.bus.publish([application], body, {});
    return NO_CONTENT;
  },
};

export const applicationHandlers: HandlerTable = {
  list: (engine) => ok([...engine.apps.known].map((name) => applicationJson(engine, name))),
  get: (engine, params) => ok(applicationJson(engine, requireApplication(engine, params))),
  subscribe: (engine, params) => changeSubscription(engine, params, true),
  unsubscribe: (engine, params) => changeSubscription(engine, params, false),
};
