/**
 * The main menu, where one key chooses the service. No key within the time-out, or a key
 * without a meaning, plays the invalid-input prompt and repeats the menu up to `retries` times.
 * After that the caller goes to an agent with the choice `none`.
 */
import type { PromptId } from '../../../asterisk-config/prompts/prompts';
import type { IvrChoice } from '../../../server/domain/terms';
import { type IvrStep, type StepContext, playAndCollect } from './step';

/** Menu keys and what they choose; the menu prompt reads them out in this order. */
export const MENU_KEYS: Readonly<Record<string, Exclude<IvrChoice, 'none'>>> = {
  '1': 'enterprise',
  '2': 'general',
  '0': 'agent',
};

const MENU: PromptId = 'hotline-menu';
const INVALID: PromptId = 'hotline-invalid';

export interface MenuOptions {
  /** Milliseconds to wait for a key after the menu prompt ended. */
  timeoutMs: number;
  /** How often the menu repeats after no key or a wrong key. */
  retries: number;
}

export class MenuStep implements IvrStep<IvrChoice> {
  private readonly stopping = new AbortController();

  constructor(
    private readonly context: StepContext,
    private readonly options: MenuOptions,
    /** A key pressed during the welcome, taken as the first answer. */
    private readonly firstKey: string | null,
  ) {}

  /** Resolves with the caller's choice; `none` after the retries ran out or when stopped. */
  async start(): Promise<IvrChoice> {
    const signal = this.stopping.signal;
    let key = this.firstKey;

    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      key ??= await playAndCollect(this.context, MENU, this.options.timeoutMs, signal);
      if (signal.aborted) return 'none';

      const choice = key === null ? undefined : MENU_KEYS[key];
      if (choice) return choice;
      if (attempt === this.options.retries) break;

      // A key pressed during the invalid-input prompt answers the repeated menu.
      key = await playAndCollect(this.context, INVALID, 0, signal);
      if (signal.aborted) return 'none';
    }
    return 'none';
  }

  stop(): void {
    this.stopping.abort();
    this.context.player.stop();
  }
}
