import { describe, expect, it } from 'vitest';
import { AriRequestError, isGone, toAriRequestError } from '../../ivr/ari/errors';
import { toAriEvent, toApplicationIds, toChannelInfo } from '../../ivr/ari/model';

/** A caller's channel as Asterisk 22 sends it while the call runs `Stasis(hotline,inbound)`. */
const callerChannel = {
  id: '1796413399.86',
  name: 'Local/12345@from-trunk-00000029;2',
  state: 'Ring',
  protocol_id: '',
  caller: { name: '民权某某有限公司', number: '13800000001' },
  connected: { name: '民权某某有限公司', number: '13800000001' },
  accountcode: '',
  dialplan: { context: 'from-trunk', exten: '12345', priority: 2, app_name: 'Stasis', app_data: 'hotline,inbound' },
  creationtime: '2026-12-04T19:43:19.038+0000',
  language: 'en',
};

describe('toAriEvent', () => {
  it('translates StasisStart with its arguments', () => {
    const event = toAriEvent({ type: 'StasisStart', args: ['inbound'], channel: callerChannel, application: 'hotline' });

    expect(event).toEqual({
      type: 'stasis-start',
      args: ['inbound'],
      channel: {
        id: '1796413399.86',
        name: 'Local/12345@from-trunk-00000029;2',
        state: 'Ring',
        callerNumber: '13800000001',
        callerName: '民权某某有限公司',
        dialedExtension: '12345',
        stasisApp: 'hotline',
        stasisArgs: ['inbound'],
      },
    });
  });

  it('translates a key press', () => {
    expect(toAriEvent({ type: 'ChannelDtmfReceived', digit: '1', duration_ms: 100, channel: callerChannel })).toEqual({
      type: 'dtmf',
      channelId: '1796413399.86',
      digit: '1',
    });
  });

  it('translates a ring time-out into destroyed with cause 19', () => {
    const event = toAriEvent({ type: 'ChannelDestroyed', cause: 19, cause_txt: 'User alerting, no answer', channel: { ...callerChannel, id: '1796413404.95' } });

    expect(event).toEqual({ type: 'destroyed', channelId: '1796413404.95', cause: 19, causeText: 'User alerting, no answer', missed: false });
  });

  it('keeps the failed state of a playback of a missing sound', () => {
    const event = toAriEvent({
      type: 'PlaybackFinished',
      playback: { id: 'pb-missing', media_uri: 'sound:no-such-prompt', target_uri: 'channel:1796413399.86', language: 'zh', state: 'failed' },
    });

    expect(event).toEqual({ type: 'playback-finished', playbackId: 'pb-missing', state: 'failed' });
  });

  it('translates bridge entry and recording events', () => {
    expect(toAriEvent({ type: 'ChannelEnteredBridge', bridge: { id: 'call-1', channels: [] }, channel: callerChannel })).toEqual({
      type: 'entered-bridge',
      channelId: '1796413399.86',
      bridgeId: 'call-1',
    });
    expect(toAriEvent({ type: 'RecordingFinished', recording: { name: 'call-1', format: 'wav', state: 'done', target_uri: 'bridge:call-1' } })).toEqual({
      type: 'recording-finished',
      name: 'call-1',
      target: 'bridge:call-1',
      cause: null,
    });
  });

  it('ignores event types call control does not use', () => {
    expect(toAriEvent({ type: 'ChannelVarset', variable: 'STASISSTATUS', value: '', channel: callerChannel })).toBeNull();
  });

  it('ignores payloads without what the type needs', () => {
    expect(toAriEvent({ type: 'StasisStart', args: [] })).toBeNull();
    expect(toAriEvent({ type: 'ChannelDtmfReceived', channel: callerChannel })).toBeNull();
    expect(toAriEvent('StasisStart')).toBeNull();
    expect(toAriEvent(null)).toBeNull();
  });
});

describe('toChannelInfo', () => {
  it('reports no Stasis application for a channel in the dialplan', () => {
    const info = toChannelInfo({ ...callerChannel, dialplan: { context: 'agent-phones', exten: '8001', priority: 1, app_name: 'AppDial2', app_data: '(Outgoing Line)' } });

    expect(info?.stasisApp).toBeNull();
    expect(info?.stasisArgs).toEqual([]);
  });

  it('rejects something that is not a channel', () => {
    expect(toChannelInfo({ name: 'no id' })).toBeNull();
  });
});

describe('toApplicationIds', () => {
  it('reads channel and bridge ids', () => {
    expect(toApplicationIds({ name: 'hotline', channel_ids: ['1796413414.113'], bridge_ids: ['hold-1'], endpoint_ids: [] })).toEqual({
      channelIds: ['1796413414.113'],
      bridgeIds: ['hold-1'],
    });
  });
});

describe('toAriRequestError', () => {
  it('treats Channel not found as gone', () => {
    const error = toAriRequestError('channels.hangup', new Error('{"message":"Channel not found"}'));

    expect(error).toBeInstanceOf(AriRequestError);
    expect(error.failure).toBe('gone');
    expect(error.reason).toBe('Channel not found');
    expect(isGone(error)).toBe(true);
  });

  it('treats a channel that left Stasis as gone', () => {
    expect(toAriRequestError('channels.answer', new Error('{"message": "Channel not in Stasis application"}')).failure).toBe('gone');
  });

  it('treats a refused originate as rejected', () => {
    const error = toAriRequestError('channels.originate', new Error('{"error": "Allocation failed"}'));

    expect(error.failure).toBe('rejected');
    expect(error.reason).toBe('Allocation failed');
    expect(isGone(error)).toBe(false);
  });

  it('keeps a transport error message', () => {
    expect(toAriRequestError('channels.list', new Error('socket hang up')).reason).toBe('socket hang up');
  });
});
