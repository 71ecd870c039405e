/**
 * Typed REST calls over one `ari-client` connection. Every call has a time-out, because the
 * HTTP client inside ari-client 2.2 never settles a request whose connection fails, and every
 * failure becomes an `AriRequestError`.
 */
import type { AriClient } from 'ari-client';
import { AriRequestError, toAriRequestError } from './errors';
import { type ChannelInfo, toApplicationIds, toChannelInfo } from './model';

type Parameters = Record<string, string | number | boolean | undefined>;

export interface OriginateRequest {
  endpoint: string;
  /** Id we choose, so that events about the channel can be matched before the REST answer arrives. */
  channelId: string;
  app: string;
  appArgs: string;
  callerId?: string;
  /** Seconds to ring before Asterisk gives up with cause 19. */
  timeoutSeconds: number;
}

export type BridgeType = 'mixing' | 'holding';

/**
 * REST calls of the hotline. The client is looked up at each call, so the same object keeps
 * working across reconnects; without a client every call rejects as `disconnected`.
 */
export class AriRest {
  constructor(
    private readonly currentClient: () => AriClient | null,
    private readonly timeoutMs: number,
  ) {}

  async answer(channelId: string): Promise<void> {
    await this.call('channels', 'answer', { channelId });
  }

  async hangup(channelId: string): Promise<void> {
    await this.call('channels', 'hangup', { channelId, reason: 'normal' });
  }

  /** Starts playing `media` (e.g. `sound:hotline-welcome`) to a channel; the playback id is ours. */
  async playOnChannel(channelId: string, playbackId: string, media: string, language: string): Promise<void> {
    await this.call('channels', 'playWithId', { channelId, playbackId, media, lang: language });
  }

  /** Resolves when the playback still exists; rejects with a `gone` error once it finished. */
  async getPlayback(playbackId: string): Promise<void> {
    await this.call('playbacks', 'get', { playbackId });
  }

  async stopPlayback(playbackId: string): Promise<void> {
    await this.call('playbacks', 'stop', { playbackId });
  }

  async originate(request: OriginateRequest): Promise<void> {
    await this.call('channels', 'originate', {
      endpoint: request.endpoint,
      channelId: request.channelId,
      app: request.app,
      appArgs: request.appArgs,
      callerId: request.callerId,
      timeout: request.timeoutSeconds,
    });
  }

  async createBridge(bridgeId: string, type: BridgeType): Promise<void> {
    await this.call('bridges', 'createWithId', { bridgeId, type, name: bridgeId });
  }

  async addToBridge(bridgeId: string, channelIds: string[]): Promise<void> {
    await this.call('bridges', 'addChannel', { bridgeId, channel: channelIds.join(','), role: 'participant' });
  }

  async removeFromBridge(bridgeId: string, channelId: string): Promise<void> {
    await this.call('bridges', 'removeChannel', { bridgeId, channel: channelId });
  }

  async startBridgeMoh(bridgeId: string, mohClass: string): Promise<void> {
    await this.call('bridges', 'startMoh', { bridgeId, mohClass });
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    await this.call('bridges', 'destroy', { bridgeId });
  }

  /** Records everything said in a bridge into the stored recording `name`. */
  async recordBridge(bridgeId: string, name: string, format: string): Promise<void> {
    await this.call('bridges', 'record', { bridgeId, name, format, ifExists: 'overwrite' });
  }

  async listChannels(): Promise<ChannelInfo[]> {
    const body = await this.call('channels', 'list', {});
    if (!Array.isArray(body)) return [];
    return body.map(toChannelInfo).filter((channel): channel is ChannelInfo => channel !== null);
  }

  async getApplication(app: string): Promise<{ channelIds: string[]; bridgeIds: string[] }> {
    return toApplicationIds(await this.call('applications', 'get', { applicationName: app }));
  }

  /** Subscribes the application to the events of a channel it did not create. */
  async subscribeToChannel(app: string, channelId: string): Promise<void> {
    await this.call('applications', 'subscribe', { applicationName: app, eventSource: `channel:${channelId}` });
  }

  private call(resource: keyof AriClient, operation: string, parameters: Parameters): Promise<unknown> {
    const name = `${resource}.${operation}`;
    const client = this.currentClient();
    if (!client) return Promise.reject(new AriRequestError(name, 'disconnected', 'not connected to Asterisk'));
    const run = client[resource]?.[operation];
    if (!run) return Promise.reject(new AriRequestError(name, 'rejected', 'operation missing from the ARI description'));

    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new AriRequestError(name, 'timeout', `no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      let request: PromiseLike<unknown>;
      try {
        request = run(parameters);
      } catch (error) {
        clearTimeout(timer);
        reject(toAriRequestError(name, error));
        return;
      }
      // Both handlers are attached at once, so a late failure after the time-out is never unhandled.
      request.then(
        (body) => {
          clearTimeout(timer);
          resolve(body);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(toAriRequestError(name, error));
        },
      );
    });
  }
}
