/** DTMF keys of the caller, kept until an IVR step takes them. */

/** Keys kept while no step listens; a caller who types ahead needs one, a few guard against noise. */
const MAX_BUFFERED_DIGITS = 4;

export class DigitBuffer {
  private readonly digits: string[] = [];
  private waiter: ((digit: string | null) => void) | null = null;

  push(digit: string): void {
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      waiter(digit);
      return;
    }
    this.digits.push(digit);
    if (this.digits.length > MAX_BUFFERED_DIGITS) this.digits.shift();
  }

  /** Returns the oldest key pressed while no step listened, or null. */
  take(): string | null {
    return this.digits.shift() ?? null;
  }

  /** Resolves with the next key, or with null when `cancel` is called first. One waiter at a time. */
  next(): Promise<string | null> {
    this.cancel();
    const buffered = this.take();
    if (buffered !== null) return Promise.resolve(buffered);
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  /** Resolves the pending `next` with null. */
  cancel(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.(null);
  }

  clear(): void {
    this.digits.length = 0;
  }
}
