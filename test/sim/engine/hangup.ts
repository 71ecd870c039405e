/**
 * Hanging up channels, in the order the traces show. For the channel that hangs up:
 * the hang-up request (if any), then leaving its bridge, playbacks, recordings and Stasis. For a
 * `Local` pair the other half then gets a hard `ChannelHangupRequest` with the cause, the first
 * half is destroyed, and the other half leaves everything and is destroyed in turn.
 */
import { causeText, SOFT_HANGUP } from './causes';
import type { SimChannel } from './channel';
import type { Engine } from './engine';
import { leaveBridge } from './bridges';
import { stopTargetPlaybacks } from './playbacks';
import { finishTargetRecordings } from './recordings';
import { phoneLegEnded } from './phones';
import { leaveStasis } from './stasis';

/**
 * How the hang-up starts. `explicit` is an ARI `DELETE` (a soft request with flag 32). `remote`
 * is the far end or the other `Local` half (a hard request carrying the cause). `silent` is a
 * dial time-out or a dialplan that ends, which Asterisk does without a hang-up request event.
 */
export type HangupStart = 'explicit' | 'remote' | 'silent';

/** Hangs up `channel` with Q.850 `cause` and, for a `Local` half, its peer. Does nothing if it is already going. */
export function hangupChannel(engine: Engine, channel: SimChannel, cause: number, start: HangupStart): void {
  if (channel.hangingUp || channel.destroyed) return;
  channel.hangingUp = true;
  channel.hangupCause = cause;
  engine.log.debug({ channel: channel.name, cause, start }, 'hanging up channel');

  if (start === 'explicit') {
    engine.bus.channelEvent(channel, 'ChannelHangupRequest', { cause: SOFT_HANGUP.explicit, soft: true });
  } else if (start === 'remote') {
    engine.bus.channelEvent(channel, 'ChannelHangupRequest', { cause });
  }
  // The dial's requester (AMI OriginateResponse) learns of the failure once the channel is gone.
  const reportDial = failPendingDial(channel, cause);
  teardown(engine, channel);

  const peer = channel.peer;
  if (!peer || peer.hangingUp || peer.destroyed) {
    destroyChannel(engine, channel, cause);
    reportDial();
    return;
  }

  peer.hangingUp = true;
  // A `;1` half still being dialled just fails its dial, and an answered half gets a hang-up request.
  const peerUnanswered = peer.half === 1 && peer.dial !== null;
  if (!peerUnanswered) engine.bus.channelEvent(peer, 'ChannelHangupRequest', { cause });
  peer.hangupCause = cause;
  const reportPeerDial = failPendingDial(peer, cause);
  destroyChannel(engine, channel, cause);
  reportDial();
  teardown(engine, peer);
  // Asterisk 22 reports cause 0 for a `;2` half that never reached Up.
  destroyChannel(engine, peer, peerUnanswered || peer.isUp ? cause : 0);
  reportPeerDial();
}

/** Ends every dial, recording, playback, bridge membership and Stasis session of a hanging-up channel. */
function teardown(engine: Engine, channel: SimChannel): void {
  stopTargetPlaybacks(engine, { kind: 'channel', channel });
  finishTargetRecordings(engine, { kind: 'channel', channel });
  if (channel.bridge) leaveBridge(engine, channel, { unsubscribe: false });
  leaveStasis(engine, channel);
}

/** Ends a pending dial; returns the function that reports the failure to the requester of the dial. */
function failPendingDial(channel: SimChannel, cause: number): () => void {
  const dial = channel.dial;
  if (!dial) return () => undefined;
  channel.dial = null;
  dial.timeout?.cancel();
  return () => dial.settle?.({ answered: false, cause });
}

function destroyChannel(engine: Engine, channel: SimChannel, cause: number): void {
  if (channel.destroyed) return;
  // The phone hears the cause that ended the call, even where Asterisk reports 0 for the half.
  const endedBy = channel.hangupCause ?? cause;
  channel.destroyed = true;
  channel.hangupCause = cause;
  channel.dialplan = channel.dialplanAfterStasis
    ? { ...channel.dialplan, app_name: '', app_data: '' }
    : channel.half === 1 || channel.kind === 'pjsip'
      ? { ...channel.dialplan, app_name: 'AppDial2', app_data: '(Outgoing Line)' }
      : channel.dialplan;
  engine.bus.channelEvent(channel, 'ChannelDestroyed', { cause, cause_txt: causeText(cause) });
  engine.channels.delete(channel.id);
  phoneLegEnded(engine, channel, endedBy);

  // Asterisk 22 reports the caller ID a half took over from its peer's connected line only now.
  if (channel.pendingCallerId) {
    channel.caller = channel.pendingCallerId;
    channel.pendingCallerId = null;
    const allowed = channel.caller.number !== '';
    engine.bus.channelEvent(channel, 'ChannelCallerId', {
      caller_presentation: allowed ? 0 : 67,
      caller_presentation_txt: allowed ? 'Presentation Allowed, Not Screened' : 'Number Unavailable',
    });
  }

  for (const snoop of channel.snoops) hangupChannel(engine, snoop, cause, 'silent');
  channel.snoops.clear();
}
