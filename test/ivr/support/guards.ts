/** Shared test helpers: polling for a condition, and failing a test on any unhandled rejection. */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** Polls `condition` every 10 ms until it holds; throws with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Collects unhandled promise rejections and uncaught exceptions of the test process; each test
 * then fails when any occurred during it.
 */
export function failOnUnhandledErrors(): void {
  const problems: unknown[] = [];
  const record = (reason: unknown) => problems.push(reason);

  beforeAll(() => {
    process.on('unhandledRejection', record);
    process.on('uncaughtException', record);
  });
  afterEach(async () => {
    // Give rejections of the test's last microtasks a chance to surface.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const seen = problems.splice(0);
    expect(seen, 'unhandled rejections or uncaught exceptions').toEqual([]);
  });
  afterAll(() => {
    process.off('unhandledRejection', record);
    process.off('uncaughtException', record);
  });
}
