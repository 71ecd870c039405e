/**
 * One simulated Asterisk channel and its ARI JSON form. Behaviour (dialling, bridging, hang-up)
 * lives in the other engine modules, so this class only stores state.
 */
import { ariTimestamp, type SimTimer } from '../clock';
import type { SimBridge } from './bridge';

export type ChannelState = 'Down' | 'Ring' | 'Ringing' | 'Up' | 'Busy';

export interface PartyId {
  name: string;
  number: string;
}

export interface DialplanLocation {
  context: string;
  exten: string;
  priority: number;
  app_name: string;
  app_data: string;
}

export interface ChannelJson {
  id: string;
  name: string;
  state: ChannelState;
  protocol_id: string;
  caller: PartyId;
  connected: PartyId;
  accountcode: string;
  dialplan: DialplanLocation;
  creationtime: string;
  language: string;
}

/**
 * Kind of channel. `local` is a half of a `Local/...` pair, `pjsip` a phone or trunk leg, `snoop`
 * a spy or whisper channel, and `media` one of the hidden Recorder and Announcer channels that
 * Asterisk puts into bridges.
 */
export type ChannelKind = 'local' | 'pjsip' | 'snoop' | 'media';

/** What an originated channel does once the far end answers. */
export type AnswerAction =
  | { kind: 'stasis'; app: string; args: string[] }
  | { kind: 'dialplan'; context: string; exten: string; priority: number }
  | { kind: 'application'; name: string; data: string }
  | { kind: 'none' };

/** A dial in progress: the originate or AMI request that created the channel and waits for an answer. */
export interface PendingDial {
  dialstring: string;
  onAnswer: AnswerAction;
  timeout: SimTimer | null;
  /** Called once with `answered` or the cause that ended the attempt. */
  settle?: (outcome: { answered: true } | { answered: false; cause: number }) => void;
}

export class SimChannel {
  state: ChannelState;
  caller: PartyId;
  connected: PartyId;
  dialplan: DialplanLocation;
  language = 'en';
  readonly creationtime: string;
  /** `performance.now()` at creation, for AMI `Duration`. */
  readonly createdAt = performance.now();
  linkedid: string;
  readonly variables = new Map<string, string>();

  /** Applications that originated this channel; they receive its events until it is destroyed. */
  readonly originators = new Set<string>();
  /** Applications subscribed through `POST /applications/{name}/subscription`. */
  readonly subscribers = new Set<string>();
  /** The Stasis application the channel is in, with its arguments. */
  stasis: { app: string; args: string[] } | null = null;
  /** True when a dialplan runs on after `Stasis()` returns (the `;2` half, dialplan-entered channels). */
  dialplanAfterStasis = false;

  /** The other half of a `Local` pair. */
  peer: SimChannel | null = null;
  half: 1 | 2 | null = null;
  bridge: SimBridge | null = null;
  dial: PendingDial | null = null;
  /** Caller ID this half takes over from its peer's connected line, reported only once it is gone. */
  pendingCallerId: PartyId | null = null;

  hangupCause: number | null = null;
  hangingUp = false;
  destroyed = false;
  onHold = false;
  mohClass: string | null = null;
  /** Snoop channels spying on this channel. */
  readonly snoops = new Set<SimChannel>();
  /** Extension of the simulated phone this channel rings, when it is a phone leg. */
  phoneExtension: string | null = null;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly kind: ChannelKind,
    init: { state: ChannelState; caller: PartyId; dialplan: DialplanLocation; connected?: PartyId },
  ) {
    this.state = init.state;
    this.caller = { ...init.caller };
    this.connected = { ...(init.connected ?? init.caller) };
    this.dialplan = { ...init.dialplan };
    this.creationtime = ariTimestamp();
    this.linkedid = id;
  }

  get isUp(): boolean {
    return this.state === 'Up';
  }

  /** Returns the `channel` object of ARI events and REST responses. */
  toJson(): ChannelJson {
    return {
      id: this.id,
      name: this.name,
      state: this.state,
      protocol_id: '',
      caller: { ...this.caller },
      connected: { ...this.connected },
      accountcode: '',
      dialplan: { ...this.dialplan },
      creationtime: this.creationtime,
      language: this.language,
    };
  }
}

/** Parses a caller ID as ARI accepts it: `"Name" <number>`, `Name <number>` or a bare number. */
export function parseCallerId(value: string | undefined): PartyId {
  if (!value) return { name: '', number: '' };
  const match = /^\s*(?:"([^"]*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(value);
  if (match) return { name: (match[1] ?? match[2] ?? '').trim(), number: match[3].trim() };
  return { name: '', number: value.trim() };
}
