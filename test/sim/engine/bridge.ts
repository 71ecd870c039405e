/** One simulated Stasis bridge and its ARI JSON form. */
import { ariTimestamp } from '../clock';
import type { SimChannel } from './channel';

export type BridgeType = 'mixing' | 'holding';

export interface BridgeJson {
  id: string;
  technology: string;
  bridge_type: BridgeType;
  bridge_class: 'stasis';
  creator: 'Stasis';
  name: string;
  channels: string[];
  creationtime: string;
  video_mode: 'talker';
}

export class SimBridge {
  /** Members in the order they joined, including the hidden Recorder and Announcer channels. */
  readonly members: SimChannel[] = [];
  /**
   * Applications subscribed to the bridge, counted per joining channel. A channel in Stasis
   * subscribes its application when it joins, and `removeChannel` unsubscribes it again; a
   * hang-up does not, which is why the traces show `BridgeDestroyed` only for bridges whose
   * channels hung up.
   */
  readonly appRefs = new Map<string, number>();
  /** Applications subscribed through `POST /applications/{name}/subscription`. */
  readonly subscribers = new Set<string>();
  readonly creationtime = ariTimestamp();
  mohClass: string | null = null;
  /** Asterisk switches a mixing bridge from `simple_bridge` to `softmix` once a third party joins, and keeps it. */
  private softmix = false;
  destroyed = false;

  constructor(
    readonly id: string,
    readonly type: BridgeType,
    readonly name: string,
  ) {}

  /** Channels that count as parties: every member but the hidden media channels. */
  get participants(): SimChannel[] {
    return this.members.filter((member) => member.kind !== 'media');
  }

  noteParticipantCount(): void {
    if (this.type === 'mixing' && this.participants.length > 2) this.softmix = true;
  }

  get technology(): string {
    if (this.type === 'holding') return 'holding_bridge';
    return this.softmix ? 'softmix' : 'simple_bridge';
  }

  toJson(): BridgeJson {
    return {
      id: this.id,
      technology: this.technology,
      bridge_type: this.type,
      bridge_class: 'stasis',
      creator: 'Stasis',
      name: this.name,
      channels: this.participants.map((channel) => channel.id),
      creationtime: this.creationtime,
      video_mode: 'talker',
    };
  }
}
