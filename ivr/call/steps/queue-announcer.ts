/**
 * Announcements to a caller waiting in the queue: `hotline-queue-enter` at once, then every
 * interval the caller's position. The caller hears music on hold from the holding bridge in
 * between; Asterisk pauses it for that caller while a prompt plays to the channel.
 */
import { MAX_SPOKEN_POSITION, type PromptId, numberPromptId } from '../../../asterisk-config/prompts/prompts';
import { sleep } from '../../backoff';
import type { PromptPlayer } from '../prompt-player';
import type { IvrStep } from './step';

const ENTER: PromptId = 'hotline-queue-enter';

/**
 * Sounds that tell a caller at `position` (1 is next) how many callers wait ahead:
 * "you are next", "N callers ahead of you", or "many callers" beyond the spoken numbers.
 */
export function positionPrompts(position: number): string[] {
  if (position <= 1) return ['hotline-queue-first' satisfies PromptId];
  const ahead = position - 1;
  if (ahead > MAX_SPOKEN_POSITION) return ['hotline-queue-many' satisfies PromptId];
  return ['hotline-queue-ahead' satisfies PromptId, numberPromptId(ahead), 'hotline-queue-ahead-tail' satisfies PromptId];
}

export class QueueAnnouncer implements IvrStep<void> {
  private readonly stopping = new AbortController();

  constructor(
    private readonly player: PromptPlayer,
    private readonly intervalMs: number,
    /** The caller's current position, or null once the caller left the queue. */
    private readonly position: () => number | null,
  ) {}

  /** Runs until `stop`; resolves then. */
  async start(): Promise<void> {
    const signal = this.stopping.signal;
    await this.player.play(ENTER);

    while (!signal.aborted) {
      await sleep(this.intervalMs, signal);
      const position = this.position();
      if (signal.aborted || position === null) return;

      for (const sound of positionPrompts(position)) {
        const end = await this.player.play(sound);
        if (signal.aborted || end === 'gone' || end === 'stopped') break;
      }
    }
  }

  stop(): void {
    this.stopping.abort();
    this.player.stop();
  }
}
