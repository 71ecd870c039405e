/**
 * The two bridges of one call: the holding bridge, where the caller hears music on hold while
 * queued or held, and the mixing bridge of the talk with the agent, which is recorded.
 */
import type { Logger } from 'pino';
import type { AriRest } from '../ari/ari-rest';
import { isGone } from '../ari/errors';

export class CallBridges {
  readonly holdBridgeId: string;
  readonly talkBridgeId: string;
  /** Bridges created or being created; registered first, so that teardown and the reconnect check know them. */
  private readonly created = new Set<string>();

  constructor(
    private readonly rest: AriRest,
    callId: string,
    private readonly logger: Logger,
  ) {
    this.holdBridgeId = `hold-${callId}`;
    this.talkBridgeId = `call-${callId}`;
  }

  owns(bridgeId: string): boolean {
    return this.created.has(bridgeId);
  }

  /** Creates the holding bridge with music on hold and puts the caller in it. */
  async openHolding(callerChannelId: string, mohClass: string): Promise<void> {
    this.created.add(this.holdBridgeId);
    await this.rest.createBridge(this.holdBridgeId, 'holding');
    await this.rest.addToBridge(this.holdBridgeId, [callerChannelId]);
    await this.rest.startBridgeMoh(this.holdBridgeId, mohClass);
  }

  /**
   * Creates the mixing bridge, moves the caller there from the holding bridge together with the
   * agent leg and starts recording it as `recordingName`. Returns the recording name, or null
   * when recording failed: the talk goes on unrecorded rather than dropping the caller.
   */
  async openTalk(callerChannelId: string, agentChannelId: string, recordingName: string, format: string): Promise<string | null> {
    this.created.add(this.talkBridgeId);
    await this.rest.createBridge(this.talkBridgeId, 'mixing');
    await this.rest.removeFromBridge(this.holdBridgeId, callerChannelId);
    await this.rest.addToBridge(this.talkBridgeId, [callerChannelId, agentChannelId]);

    try {
      await this.rest.recordBridge(this.talkBridgeId, recordingName, format);
      return recordingName;
    } catch (error) {
      if (isGone(error)) throw error;
      this.logger.error({ err: error, recordingName }, 'recording the call failed; the talk goes on unrecorded');
      return null;
    }
  }

  /** Moves the caller from the talk to the holding bridge (`toHold`) or back. */
  async moveCaller(callerChannelId: string, toHold: boolean): Promise<void> {
    const from = toHold ? this.talkBridgeId : this.holdBridgeId;
    const to = toHold ? this.holdBridgeId : this.talkBridgeId;
    await this.rest.removeFromBridge(from, callerChannelId);
    await this.rest.addToBridge(to, [callerChannelId]);
  }

  /** Destroys every bridge of the call; one already gone is normal. Never rejects. */
  async destroyAll(): Promise<void> {
    const requests = [...this.created].map(async (bridgeId) => {
      try {
        await this.rest.destroyBridge(bridgeId);
      } catch (error) {
        if (isGone(error)) this.logger.debug({ bridgeId }, 'bridge already gone');
        else this.logger.warn({ err: error, bridgeId }, 'destroying a bridge failed');
      }
    });
    await Promise.all(requests);
  }
}
