/**
 * Calls to simulated phones. A phone leg is the channel that rings the phone: the `;2` half of
 * `Local/{ext}@agent-phones` (its `Dial(PJSIP/{ext})`) or a `PJSIP/...` channel itself. Ringing
 * marks the dialled channel `Ringing` (like a SIP 180); answering brings the leg Up and the
 * dialled channel with it.
 */
import { CAUSE } from './causes';
import type { SimChannel } from './channel';
import type { Engine, PhoneDevice, PhoneLeg } from './engine';
import { hangupChannel } from './hangup';
import { answerDialled, indicateRinging } from './dialing';

const legs = new WeakMap<SimChannel, { device: PhoneDevice; leg: PhoneLeg }>();

/** Returns the phone registered for a PJSIP endpoint or extension, if any. */
export function findPhone(engine: Engine, extension: string): PhoneDevice | undefined {
  return engine.phones.get(extension);
}

/**
 * Rings the phone `extension` on `channel`. Returns the Q.850 cause when that fails: no phone
 * registered (`No route to destination`, what chan_pjsip reports for an endpoint it cannot
 * reach) or the phone is busy (`User busy`).
 */
export function ringPhone(engine: Engine, channel: SimChannel, originated: SimChannel, extension: string): number | null {
  const device = findPhone(engine, extension);
  if (!device) return CAUSE.noRoute;
  const leg: PhoneLeg = { channel, originated, caller: { ...originated.caller } };
  if (!device.offer(leg)) return CAUSE.busy;
  legs.set(channel, { device, leg });
  channel.phoneExtension = extension;
  indicateRinging(engine, channel);
  return null;
}

/** Picks up the ringing call on a phone leg. */
export function answerPhoneLeg(engine: Engine, leg: PhoneLeg): void {
  if (leg.channel.destroyed || leg.channel.hangingUp || leg.channel.isUp) return;
  answerDialled(engine, leg.channel);
}

/** Ends a phone leg from the phone: a rejected ringing call (SIP 486 Busy Here) or a hang-up (BYE). */
export function endPhoneLeg(engine: Engine, leg: PhoneLeg, cause: number): void {
  const channel = leg.channel;
  if (channel.destroyed || channel.hangingUp) return;
  // A `;2` half ends its dialplan without a request of its own; a PJSIP channel gets the far end's hang-up.
  hangupChannel(engine, channel, cause, channel.kind === 'local' ? 'silent' : 'remote');
}

/** Tells the phone that its leg is gone, whichever side ended it. Called for every destroyed channel. */
export function phoneLegEnded(engine: Engine, channel: SimChannel, cause: number): void {
  const entry = legs.get(channel);
  if (!entry) return;
  legs.delete(channel);
  try {
    entry.device.ended(entry.leg, cause);
  } catch (error) {
    engine.log.error({ err: error, channel: channel.name }, 'phone failed to handle the end of a call');
  }
}

export function phoneLegOf(channel: SimChannel): PhoneLeg | undefined {
  return legs.get(channel)?.leg;
}
