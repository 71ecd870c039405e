/** Channels entering and leaving Stasis applications, and channel variables. */
import { SOFT_HANGUP } from './causes';
import type { SimChannel } from './channel';
import type { Engine } from './engine';

/** Sets a channel variable and publishes `ChannelVarset`, as `Set()` or Asterisk itself would. */
export function setVariable(engine: Engine, channel: SimChannel, variable: string, value: string): void {
  channel.variables.set(variable, value);
  engine.bus.channelEvent(channel, 'ChannelVarset', { variable, value });
}

/**
 * Puts `channel` into Stasis application `app`: `STASISSTATUS` is cleared, then `StasisStart`
 * goes to that application only. Returns false (and sets `STASISSTATUS=FAILED`) when no event
 * socket has registered the application, because `Stasis()` fails for an inactive application.
 */
export function enterStasis(engine: Engine, channel: SimChannel, app: string, args: string[], options: { announceStatus: boolean }): boolean {
  if (options.announceStatus) setVariable(engine, channel, 'STASISSTATUS', '');
  if (!engine.apps.isActive(app)) {
    engine.log.warn({ channel: channel.name, app }, 'Stasis application is not registered; the channel leaves Stasis');
    setVariable(engine, channel, 'STASISSTATUS', 'FAILED');
    return false;
  }
  channel.stasis = { app, args };
  engine.bus.channelEvent(channel, 'StasisStart', { args }, new Set([app]));
  return true;
}

/**
 * Takes `channel` out of Stasis: `StasisEnd` to its application, then `STASISSTATUS=SUCCESS`
 * to the applications still watching it. A channel whose dialplan continues after `Stasis()` then gets the
 * soft hang-up request that ends that dialplan, as Asterisk 22 does for every `;2` half.
 */
export function leaveStasis(engine: Engine, channel: SimChannel): void {
  const stasis = channel.stasis;
  if (!stasis) return;
  engine.bus.channelEvent(channel, 'StasisEnd', {}, new Set([stasis.app]));
  channel.stasis = null;
  setVariable(engine, channel, 'STASISSTATUS', 'SUCCESS');
  if (channel.dialplanAfterStasis) {
    engine.bus.channelEvent(channel, 'ChannelHangupRequest', { cause: SOFT_HANGUP.appUnload, soft: true });
  }
}

/** Reads a channel variable or one of the dialplan functions the simulator implements; undefined when unset. */
export function readVariable(channel: SimChannel, variable: string): string | undefined {
  const builtin: Record<string, () => string> = {
    'CALLERID(num)': () => channel.caller.number,
    'CALLERID(name)': () => channel.caller.name,
    'CALLERID(all)': () => (channel.caller.name ? `"${channel.caller.name}" <${channel.caller.number}>` : channel.caller.number),
    'CONNECTEDLINE(num)': () => channel.connected.number,
    'CONNECTEDLINE(name)': () => channel.connected.name,
    'CHANNEL(name)': () => channel.name,
    'CHANNEL(uniqueid)': () => channel.id,
    'CHANNEL(linkedid)': () => channel.linkedid,
    'CHANNEL(state)': () => channel.state,
    'CHANNEL(language)': () => channel.language,
    UNIQUEID: () => channel.id,
    CONTEXT: () => channel.dialplan.context,
    EXTEN: () => channel.dialplan.exten,
  };
  const read = builtin[variable];
  if (read) return read();
  return channel.variables.get(variable);
}
