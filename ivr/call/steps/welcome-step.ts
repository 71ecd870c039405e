/** The welcome prompt. A key pressed during it skips the rest and is kept as the menu choice. */
import type { PromptId } from '../../../asterisk-config/prompts/prompts';
import { type IvrStep, type StepContext, playAndCollect } from './step';

const WELCOME: PromptId = 'hotline-welcome';

export class WelcomeStep implements IvrStep<string | null> {
  private readonly stopping = new AbortController();

  constructor(private readonly context: StepContext) {}

  /** Resolves with the key pressed during the welcome, or null. */
  start(): Promise<string | null> {
    return playAndCollect(this.context, WELCOME, 0, this.stopping.signal);
  }

  stop(): void {
    this.stopping.abort();
    this.context.player.stop();
  }
}
