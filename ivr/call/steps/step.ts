/** The IVR step contract and the helpers steps share. */
import type { DigitBuffer } from '../digit-buffer';
import type { PromptPlayer } from '../prompt-player';

/** One unit of the IVR dialogue. `stop` ends it early; `start` then resolves soon with a neutral result. */
export interface IvrStep<Result> {
  start(): Promise<Result>;
  stop(): void;
}

/** The caller's side of the call, as the steps see it. */
export interface StepContext {
  player: PromptPlayer;
  digits: DigitBuffer;
}

/**
 * Plays `soundId`, which a key interrupts, and resolves with the key, or with null when no key
 * came within `waitMs` after the prompt ended or when `signal` aborts. A key pressed before the
 * prompt (typed ahead) is taken at once and the prompt is skipped.
 */
export function playAndCollect(context: StepContext, soundId: string, waitMs: number, signal: AbortSignal): Promise<string | null> {
  const typedAhead = context.digits.take();
  if (typedAhead !== null) return Promise.resolve(typedAhead);
  if (signal.aborted) return Promise.resolve(null);

  return new Promise((resolve) => {
    let done = false;
    let timer: NodeJS.Timeout | null = null;
    const finish = (digit: string | null) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      context.digits.cancel();
      resolve(digit);
    };
    const onAbort = () => finish(null);
    signal.addEventListener('abort', onAbort, { once: true });

    void context.digits.next().then((digit) => {
      if (digit === null || done) return;
      context.player.stop();
      finish(digit);
    });

    void context.player.play(soundId).then((end) => {
      if (done) return;
      if (end === 'gone' || waitMs <= 0) finish(null);
      else timer = setTimeout(() => finish(null), waitMs);
    });
  });
}
