/**
 * What happens on a dialled channel: the `;2` half runs its dialplan, the far end rings and
 * answers, and the answered channel goes where its originator sent it. `StasisStart` of an
 * originated channel therefore comes only once the far end answers.
 */
import { ariTimestamp } from '../clock';
import { CAUSE } from './causes';
import type { SimChannel } from './channel';
import type { Engine } from './engine';
import { hangupChannel } from './hangup';
import { mediaDuration } from './playbacks';
import { ringPhone } from './phones';
import { enterStasis } from './stasis';

/** Publishes ARI `Dial` about the dialled channel `peer` to the applications that watch it. */
export function publishDial(engine: Engine, peer: SimChannel, dialstatus: string, dialstring: string): void {
  const body = { type: 'Dial', timestamp: ariTimestamp(), dialstatus, forward: '', dialstring, peer: peer.toJson() };
  engine.bus.publish(engine.bus.channelApps(peer), body, { channel: peer });
}

/** Runs the dialplan of a `Local` pair's `;2` half; an unknown extension hangs the pair up with cause 0. */
export function runLocalLeg(engine: Engine, one: SimChannel, two: SimChannel): void {
  const rule = engine.settings.dialplan[two.dialplan.context];
  const step = rule?.(two.dialplan.exten) ?? null;
  if (!step) {
    engine.log.info({ channel: two.name }, 'no such extension in the simulated dialplan');
    hangupChannel(engine, two, CAUSE.unknown, 'silent');
    return;
  }
  publishDial(engine, one, '', one.dial?.dialstring ?? `${two.dialplan.exten}@${two.dialplan.context}`);

  if (step.kind === 'stasis') {
    if (step.noop !== undefined) runApplicationStep(engine, two, 'NoOp', step.noop);
    if (step.noop !== undefined) two.dialplan.priority += 1;
    runApplicationStep(engine, two, 'Stasis', [step.app, ...step.args].join(','));
    two.dialplanAfterStasis = true;
    if (!enterStasis(engine, two, step.app, step.args, { announceStatus: true })) hangupChannel(engine, two, CAUSE.unknown, 'silent');
    return;
  }

  runApplicationStep(engine, two, 'Dial', `PJSIP/${step.extension}`);
  const cause = ringPhone(engine, two, one, step.extension);
  if (cause !== null) hangupChannel(engine, two, cause, 'silent');
}

/** Rings the phone behind a PJSIP channel; a busy or vanished phone ends the channel like a SIP error. */
export function ringPjsipLeg(engine: Engine, channel: SimChannel, extension: string): void {
  const cause = ringPhone(engine, channel, channel, extension);
  if (cause !== null) hangupChannel(engine, channel, cause, 'remote');
}

function runApplicationStep(engine: Engine, channel: SimChannel, app: string, data: string): void {
  channel.dialplan = { ...channel.dialplan, app_name: app, app_data: data };
  engine.bus.channelEvent(channel, 'ChannelDialplan', { dialplan_app: app, dialplan_app_data: data });
}

/** Reports that the far end rings: the dialled channel turns `Ringing` and its watchers get `Dial` RINGING. */
export function indicateRinging(engine: Engine, leg: SimChannel): void {
  const dialled = leg.kind === 'local' ? leg.peer : leg;
  if (!dialled?.dial || dialled.state !== 'Down') return;
  dialled.state = 'Ringing';
  engine.bus.channelEvent(dialled, 'ChannelStateChange');
  publishDial(engine, dialled, 'RINGING', dialled.dial.dialstring);
}

/** Brings `leg` Up as the far end answers, and the dialled channel with it, which then runs its answer action. */
export function answerDialled(engine: Engine, leg: SimChannel): void {
  if (!leg.isUp) {
    leg.state = 'Up';
    engine.bus.channelEvent(leg, 'ChannelStateChange');
  }
  const dialled = leg.kind === 'local' ? leg.peer : leg;
  const dial = dialled?.dial;
  if (!dialled || !dial) return;

  dialled.dial = null;
  dial.timeout?.cancel();
  if (!dialled.isUp) {
    dialled.state = 'Up';
    engine.bus.channelEvent(dialled, 'ChannelStateChange');
  }
  publishDial(engine, dialled, 'ANSWER', dial.dialstring);
  dial.settle?.({ answered: true });

  const action = dial.onAnswer;
  if (action.kind === 'stasis') {
    dialled.dialplan = { ...dialled.dialplan, app_name: 'Stasis', app_data: [action.app, ...action.args].join(',') };
    if (!enterStasis(engine, dialled, action.app, action.args, { announceStatus: true })) hangupChannel(engine, dialled, CAUSE.normal, 'silent');
  } else if (action.kind === 'dialplan') {
    runDialplanAfterAnswer(engine, dialled, action.context, action.exten);
  } else if (action.kind === 'application') {
    runApplication(engine, dialled, action.name, action.data);
  }
}

/** Runs the dialplan on an answered channel (AMI `Originate` with `Context`/`Exten`). */
function runDialplanAfterAnswer(engine: Engine, channel: SimChannel, context: string, exten: string): void {
  channel.dialplan = { context, exten, priority: 1, app_name: '', app_data: '' };
  const step = engine.settings.dialplan[context]?.(exten) ?? null;
  if (step?.kind !== 'stasis') {
    // NOTE: only Stasis steps run after an answer; a `Dial` from an originated channel is not simulated.
    hangupChannel(engine, channel, CAUSE.normal, 'silent');
    return;
  }
  runApplicationStep(engine, channel, 'Stasis', [step.app, ...step.args].join(','));
  channel.dialplanAfterStasis = true;
  if (!enterStasis(engine, channel, step.app, step.args, { announceStatus: true })) hangupChannel(engine, channel, CAUSE.normal, 'silent');
}

/** Runs a dialplan application on an answered channel (AMI `Originate` with `Application`). */
function runApplication(engine: Engine, channel: SimChannel, name: string, data: string): void {
  channel.dialplan = { ...channel.dialplan, app_name: name, app_data: data };
  const done = () => hangupChannel(engine, channel, CAUSE.normal, 'silent');
  switch (name.toLowerCase()) {
    case 'wait':
      engine.clock.after((Number.parseFloat(data) || 0) * 1000, done);
      return;
    case 'playback': {
      const duration = mediaDuration(engine, `sound:${data.split(',')[0]}`) ?? 0;
      engine.clock.after(duration, done);
      return;
    }
    case 'stasis': {
      const [app, ...args] = data.split(',');
      if (!enterStasis(engine, channel, app, args, { announceStatus: true })) done();
      return;
    }
    case 'echo':
    case 'milliwatt':
    case 'musiconhold':
      return;
    default:
      engine.log.info({ channel: channel.name, application: name }, 'dialplan application not simulated; hanging up');
      done();
  }
}
