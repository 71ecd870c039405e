/**
 * The simulated Asterisk's state: channels, bridges, playbacks, recordings, phones and the id
 * counters. The operations on this state live in the sibling modules and take the engine first.
 */
import type { Logger } from 'pino';
import type { SimClock } from '../clock';
import type { StasisApps } from './apps';
import type { SimBridge } from './bridge';
import type { EventBus } from './bus';
import type { PartyId, SimChannel } from './channel';
import type { Dialplan } from './dialplan';
import type { SimPlayback } from './playbacks';
import type { LiveRecording, StoredRecording } from './recordings';

/** A ringing or connected call, as offered to a simulated phone. */
export interface PhoneLeg {
  /** The channel that rings the phone: the `;2` half of a `Local` pair or the PJSIP channel. */
  channel: SimChannel;
  /** The channel the requester created and watches (`;1` of a `Local` pair, or the PJSIP channel). */
  originated: SimChannel;
  caller: PartyId;
}

/** What the engine needs from a registered phone (implemented by the scripting `SimPhone`). */
export interface PhoneDevice {
  readonly extension: string;
  /** Offers a call; returns false when the phone is busy. */
  offer(leg: PhoneLeg): boolean;
  /** The call stopped ringing or ended; `cause` is the Q.850 cause. */
  ended(leg: PhoneLeg, cause: number): void;
}

export interface EngineSettings {
  asteriskId: string;
  dialplan: Dialplan;
  /** PJSIP endpoints that are trunks: `PJSIP/{number}@{trunk}` reaches the phone registered as `number`. */
  trunks: string[];
  /** Sound name to duration in simulated milliseconds. */
  sounds: Map<string, number>;
}

export class Engine {
  readonly channels = new Map<string, SimChannel>();
  readonly bridges = new Map<string, SimBridge>();
  readonly playbacks = new Map<string, SimPlayback>();
  readonly liveRecordings = new Map<string, LiveRecording>();
  readonly storedRecordings = new Map<string, StoredRecording>();
  readonly phones = new Map<string, PhoneDevice>();
  readonly globalVariables = new Map<string, string>();
  readonly deviceStates = new Map<string, string>();
  readonly mailboxes = new Map<string, { old: number; new: number }>();
  readonly startedAt = new Date();

  private uniqueCounter = 0;
  private unrealCounter = 0;
  private pjsipCounter = 0;
  private snoopCounter = 0;

  constructor(
    readonly settings: EngineSettings,
    readonly clock: SimClock,
    readonly bus: EventBus,
    readonly apps: StasisApps,
    readonly log: Logger,
  ) {}

  /** Returns a channel unique id as Asterisk makes them: creation epoch seconds, a dot, a global counter. */
  nextUniqueId(): string {
    return `${Math.floor(Date.now() / 1000)}.${this.uniqueCounter++}`;
  }

  /** Suffix of `Local`, `Recorder` and `Announcer` channel names, which share one counter. */
  nextUnrealSuffix(): string {
    return hex8(this.unrealCounter++);
  }

  nextPjsipSuffix(): string {
    return hex8(this.pjsipCounter++);
  }

  nextSnoopSuffix(): string {
    return hex8(this.snoopCounter++);
  }

  /** Live channels that ARI lists: every channel but the hidden bridge media channels. */
  visibleChannels(): SimChannel[] {
    return [...this.channels.values()].filter((channel) => channel.kind !== 'media');
  }

  findChannel(id: string): SimChannel | undefined {
    const channel = this.channels.get(id);
    return channel && !channel.destroyed && channel.kind !== 'media' ? channel : undefined;
  }

  findChannelByName(name: string): SimChannel | undefined {
    return this.visibleChannels().find((channel) => channel.name === name);
  }

  soundDuration(name: string): number | undefined {
    return this.settings.sounds.get(name);
  }
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}
