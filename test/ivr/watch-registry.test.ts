import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AriSnapshot, ChannelEvent, ChannelInfo, PlaybackEvent } from '../../ivr/ari/model';
import { WatchRegistry } from '../../ivr/ari/watch-registry';

const logger = pino({ level: 'silent' });

function channel(id: string, stasisApp: string | null): ChannelInfo {
  return { id, name: `PJSIP/${id}`, state: 'Up', callerNumber: '', callerName: '', dialedExtension: '', stasisApp, stasisArgs: stasisApp ? ['inbound'] : [] };
}

function snapshot(channels: ChannelInfo[], appChannelIds: string[] = []): AriSnapshot {
  return { channels, appChannelIds, appBridgeIds: [] };
}

function recordInto(events: ChannelEvent[]) {
  return (event: ChannelEvent) => events.push(event);
}

describe('WatchRegistry', () => {
  it('makes up a channel that vanished', () => {
    const registry = new WatchRegistry(logger);
    const events: ChannelEvent[] = [];
    registry.watchChannel('c1', recordInto(events), true);

    registry.beginReading();
    registry.reconcileChannels(snapshot([]), 'hotline');

    expect(events).toEqual([{ type: 'destroyed', channelId: 'c1', cause: 0, causeText: 'Unknown', missed: true }]);
    expect(registry.isWatched('c1')).toBe(false);
  });

  it('makes up a missed stasis-start', () => {
    const registry = new WatchRegistry(logger);
    const events: ChannelEvent[] = [];
    registry.watchChannel('leg', recordInto(events), false).confirm();

    registry.beginReading();
    registry.reconcileChannels(snapshot([channel('leg', 'hotline')]), 'hotline');

    expect(events.map((event) => event.type)).toEqual(['stasis-start']);
    expect(registry.isWatched('leg')).toBe(true);
  });

  it('leaves an unconfirmed originate alone', () => {
    const registry = new WatchRegistry(logger);
    const events: ChannelEvent[] = [];
    registry.watchChannel('leg', recordInto(events), false);

    registry.beginReading();
    registry.reconcileChannels(snapshot([]), 'hotline');

    expect(events).toEqual([]);
    expect(registry.isWatched('leg')).toBe(true);
  });

  it('trusts a watch registered after reading began', () => {
    const registry = new WatchRegistry(logger);
    const events: ChannelEvent[] = [];

    registry.beginReading();
    registry.watchChannel('c1', recordInto(events), true);
    registry.reconcileChannels(snapshot([channel('c1', null)]), 'hotline');

    expect(events).toEqual([]);
    expect(registry.isWatched('c1')).toBe(true);
  });

  it('trusts an event newer than the snapshot', () => {
    const registry = new WatchRegistry(logger);
    const events: ChannelEvent[] = [];
    registry.watchChannel('leg', recordInto(events), false).confirm();

    registry.beginReading();
    registry.deliverChannel('leg', { type: 'stasis-start', channel: channel('leg', 'hotline'), args: [] });
    registry.reconcileChannels(snapshot([channel('leg', null)]), 'hotline');

    expect(events.map((event) => event.type)).toEqual(['stasis-start']);
  });

  it('ends a watch at stasis-end', () => {
    const registry = new WatchRegistry(logger);
    const events: ChannelEvent[] = [];
    registry.watchChannel('c1', recordInto(events), true);

    expect(registry.deliverChannel('c1', { type: 'stasis-end', channelId: 'c1' })).toBe(true);
    expect(registry.deliverChannel('c1', { type: 'destroyed', channelId: 'c1', cause: 16, causeText: 'Normal Clearing', missed: false })).toBe(false);

    expect(events.map((event) => event.type)).toEqual(['stasis-end']);
  });

  it('keeps delivering after a listener throws', () => {
    const registry = new WatchRegistry(logger);
    registry.watchChannel('c1', () => {
      throw new Error('listener bug');
    }, true);

    expect(registry.deliverChannel('c1', { type: 'dtmf', channelId: 'c1', digit: '1' })).toBe(true);
    expect(registry.deliverChannel('c1', { type: 'dtmf', channelId: 'c1', digit: '2' })).toBe(true);
  });

  it('reports unwatched channels in the application as orphans', () => {
    const registry = new WatchRegistry(logger);
    registry.watchChannel('mine', () => {}, true);
    registry.beginReading();
    registry.watchChannel('ending', () => {}, true).unwatch();

    const orphans = registry.orphans(
      snapshot([channel('mine', 'hotline'), channel('left', 'hotline'), channel('ending', 'hotline'), channel('subscribed', null), channel('elsewhere', 'other')], ['subscribed']),
      'hotline',
    );

    expect(orphans.map((orphan) => orphan.id).sort()).toEqual(['left', 'subscribed']);
  });

  it('checks only accepted, unchanged playbacks', () => {
    const registry = new WatchRegistry(logger);
    const finished: PlaybackEvent[] = [];
    registry.watchPlayback('accepted', (event) => finished.push(event)).confirm();
    registry.watchPlayback('pending', () => {});

    registry.beginReading();
    registry.watchPlayback('late', () => {}).confirm();

    expect(registry.playbacksToCheck()).toEqual(['accepted']);
    registry.deliverPlayback({ type: 'playback-finished', playbackId: 'accepted', state: 'done' });
    expect(finished).toEqual([{ type: 'playback-finished', playbackId: 'accepted', state: 'done' }]);
  });
});
