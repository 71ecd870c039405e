/**
 * Plays prompts to one channel, one at a time, and stops the current one on request.
 */
import type { Logger } from 'pino';
import type { AriConnection } from '../ari/ari-connection';
import { isGone } from '../ari/errors';
import type { PlaybackEndState } from '../ari/model';

/** End state of a prompt; `gone` means the channel hung up or Asterisk rejected the playback. */
export type PromptEnd = PlaybackEndState | 'gone';

interface CurrentPlayback {
  playbackId: string;
  /** Whether Asterisk accepted the playback, so that stopping it needs a request. */
  accepted: boolean;
  stopped: boolean;
  settled: boolean;
  /** Stops delivering the playback's events; set once Asterisk accepted the playback. */
  unwatch: (() => void) | null;
  settle: (end: PromptEnd) => void;
}

export class PromptPlayer {
  private current: CurrentPlayback | null = null;
  private sequence = 0;
  private disposed = false;

  constructor(
    private readonly ari: AriConnection,
    private readonly channelId: string,
    /** Prefix of our playback ids, so that they are unique across calls. */
    private readonly idPrefix: string,
    private readonly language: string,
    private readonly logger: Logger,
  ) {}

  /** Plays the sound `soundId` and resolves when it ends; never rejects. A new prompt stops the current one. */
  play(soundId: string): Promise<PromptEnd> {
    if (this.disposed) return Promise.resolve('gone');
    this.stop();

    const playbackId = `${this.idPrefix}-pb-${++this.sequence}`;
    return new Promise((resolve) => {
      const playback: CurrentPlayback = {
        playbackId,
        accepted: false,
        stopped: false,
        settled: false,
        unwatch: null,
        settle: (end) => {
          if (playback.settled) return;
          playback.settled = true;
          playback.unwatch?.();
          if (this.current === playback) this.current = null;
          resolve(end);
        },
      };
      this.current = playback;

      const request = this.ari.play(this.channelId, playbackId, `sound:${soundId}`, this.language, (event) => {
        if (event.type !== 'playback-finished') return;
        if (event.state === 'failed') this.logger.warn({ soundId, playbackId }, 'prompt failed to play; is the sound file missing?');
        playback.settle(event.state);
      });
      request.then(
        (unwatch) => {
          playback.accepted = true;
          playback.unwatch = unwatch;
          // Stopped while the request was on its way: the playback exists only now.
          if (playback.stopped) this.sendStop(playbackId);
          if (playback.settled) unwatch();
        },
        (error: unknown) => {
          if (isGone(error)) this.logger.debug({ soundId }, 'prompt not played: channel gone');
          else this.logger.warn({ err: error, soundId }, 'prompt not played');
          playback.settle('gone');
        },
      );
    });
  }

  /** Stops the current prompt; its `play` resolves with `stopped` at once. */
  stop(): void {
    const playback = this.current;
    if (!playback) return;

    this.current = null;
    playback.stopped = true;
    playback.settle('stopped');
    if (playback.accepted && !this.disposed) this.sendStop(playback.playbackId);
  }

  /**
   * Stops the current prompt and refuses new ones. With `channelGone` no stop request is sent,
   * because Asterisk ends the playbacks of a channel that hung up.
   */
  dispose(channelGone: boolean): void {
    if (channelGone) this.disposed = true;
    this.stop();
    this.disposed = true;
  }

  private sendStop(playbackId: string): void {
    this.ari.rest.stopPlayback(playbackId).catch((error: unknown) => {
      // The playback may have just finished by itself.
      if (isGone(error)) this.logger.debug({ playbackId }, 'stopping prompt: already finished');
      else this.logger.warn({ err: error, playbackId }, 'stopping prompt failed');
    });
  }
}
