/**
 * Bridge operations. Membership changes publish `ChannelEnteredBridge`/`ChannelLeftBridge` to
 * the bridge's subscribers. In a mixing bridge the members' `BRIDGEPEER` variables follow, and
 * with two members their connected lines too, as in Asterisk 22.
 */
import { SimBridge, type BridgeType } from './bridge';
import { SimChannel } from './channel';
import type { Engine } from './engine';
import { stopTargetPlaybacks } from './playbacks';
import { finishTargetRecordings } from './recordings';
import { setVariable } from './stasis';

export function createBridge(engine: Engine, id: string, type: BridgeType, name: string): SimBridge {
  const bridge = new SimBridge(id, type, name);
  engine.bridges.set(id, bridge);
  engine.bus.bridgeEvent(bridge, 'BridgeCreated');
  return bridge;
}

/** Parses the `type` parameter of `POST /bridges` (a comma list such as `mixing,dtmf_events`). */
export function parseBridgeType(value: string | undefined): BridgeType {
  const flags = (value ?? '').split(',').map((flag) => flag.trim());
  return flags.includes('holding') ? 'holding' : 'mixing';
}

/** Adds channels in order; a channel in another bridge leaves that one first. */
export function addToBridge(engine: Engine, bridge: SimBridge, channels: SimChannel[]): void {
  for (const channel of channels) {
    if (channel.bridge === bridge) continue;
    if (channel.bridge) leaveBridge(engine, channel, { unsubscribe: true });
    bridge.members.push(channel);
    channel.bridge = bridge;
    bridge.noteParticipantCount();
    if (channel.stasis) {
      const app = channel.stasis.app;
      bridge.appRefs.set(app, (bridge.appRefs.get(app) ?? 0) + 1);
    }
    if (channel.kind !== 'media') engine.bus.bridgeEvent(bridge, 'ChannelEnteredBridge', {}, channel);
  }
  updatePeers(engine, bridge);
}

/**
 * Takes `channel` out of its bridge. `unsubscribe` is true for `removeChannel` and moves between
 * bridges, which end the application's interest in the bridge; a hang-up keeps it.
 */
export function leaveBridge(engine: Engine, channel: SimChannel, options: { unsubscribe: boolean }): void {
  const bridge = channel.bridge;
  if (!bridge) return;

  if (channel.variables.get('BRIDGEPEER')) setVariable(engine, channel, 'BRIDGEPEER', '');
  bridge.members.splice(bridge.members.indexOf(channel), 1);
  channel.bridge = null;
  if (channel.kind !== 'media') engine.bus.bridgeEvent(bridge, 'ChannelLeftBridge', {}, channel);
  if (options.unsubscribe && channel.stasis) {
    const app = channel.stasis.app;
    bridge.appRefs.set(app, Math.max(0, (bridge.appRefs.get(app) ?? 0) - 1));
  }

  updatePeers(engine, bridge);
  if (bridge.participants.length === 0) releaseMediaChannels(engine, bridge);
}

/** Destroys `bridge`: its channels leave (they stay in Stasis), then `BridgeDestroyed`. */
export function destroyBridge(engine: Engine, bridge: SimBridge): void {
  for (const member of [...bridge.members]) {
    if (member.kind === 'media') continue;
    leaveBridge(engine, member, { unsubscribe: false });
  }
  releaseMediaChannels(engine, bridge);
  bridge.destroyed = true;
  engine.bridges.delete(bridge.id);
  engine.bus.bridgeEvent(bridge, 'BridgeDestroyed');
}

/** Adds a hidden media channel (`Recorder/ARI-...;2` or `Announcer/ARI-...;2`) to a bridge. */
export function addMediaChannel(engine: Engine, bridge: SimBridge, technology: 'Recorder' | 'Announcer'): SimChannel {
  const channel = new SimChannel(engine.nextUniqueId(), `${technology}/ARI-${engine.nextUnrealSuffix()};2`, 'media', {
    state: 'Up',
    caller: { name: '', number: '' },
    dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' },
  });
  engine.channels.set(channel.id, channel);
  addToBridge(engine, bridge, [channel]);
  return channel;
}

/**
 * Releases the hidden Recorder and Announcer channels once no party is left, as Asterisk does
 * with "lonely" channels. This ends the bridge's recordings and playbacks, so
 * `RecordingFinished` comes as the last party hangs up.
 */
function releaseMediaChannels(engine: Engine, bridge: SimBridge): void {
  finishTargetRecordings(engine, { kind: 'bridge', bridge });
  stopTargetPlaybacks(engine, { kind: 'bridge', bridge });
  for (const member of bridge.members.filter((candidate) => candidate.kind === 'media')) removeMediaChannel(engine, member);
}

/** Takes a hidden media channel out of its bridge and discards it; the parties' `BRIDGEPEER` follows. */
export function removeMediaChannel(engine: Engine, channel: SimChannel): void {
  const bridge = channel.bridge;
  channel.destroyed = true;
  engine.channels.delete(channel.id);
  if (!bridge) return;
  const position = bridge.members.indexOf(channel);
  if (position >= 0) bridge.members.splice(position, 1);
  channel.bridge = null;
  updatePeers(engine, bridge);
}

/** Refreshes `BRIDGEPEER` of every member and, with exactly two members, their connected lines. */
function updatePeers(engine: Engine, bridge: SimBridge): void {
  if (bridge.type !== 'mixing' || bridge.members.length < 2) return;

  for (const member of bridge.members) {
    if (member.kind === 'media') continue;
    const value = peerNames(bridge, member);
    if (member.variables.get('BRIDGEPEER') !== value) setVariable(engine, member, 'BRIDGEPEER', value);
  }

  if (bridge.members.length !== 2) return;
  const [first, second] = bridge.members;
  for (const [member, other] of [
    [first, second],
    [second, first],
  ] as const) {
    if (member.kind === 'media') continue;
    if (member.connected.name === other.caller.name && member.connected.number === other.caller.number) continue;
    member.connected = { ...other.caller };
    engine.bus.channelEvent(member, 'ChannelConnectedLine');
    // A `Local` half passes its new connected line on as the other half's caller ID.
    if (member.peer) member.peer.pendingCallerId = { ...other.caller };
  }
}

/**
 * Names of the other members, hidden media channels first and the rest sorted by name.
 * NOTE: this reproduces the orders recorded from Asterisk 22.10.1; Asterisk itself lists them in
 * hash-container order.
 */
function peerNames(bridge: SimBridge, member: SimChannel): string {
  const others = bridge.members.filter((other) => other !== member);
  const media = others.filter((other) => other.kind === 'media').map((other) => other.name);
  const parties = others.filter((other) => other.kind !== 'media').map((other) => other.name).sort();
  return [...media, ...parties].join(',');
}
