/**
 * Simulated time: every duration the simulator waits for (ringing, prompts, DTMF, time-outs)
 * passes through `SimClock`, which multiplies it by `timeScale` so tests can run calls fast.
 */
import type { Logger } from 'pino';

export interface SimTimer {
  cancel(): void;
}

export class SimClock {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    /** Factor applied to every simulated duration; 1 is real time, 0.05 runs twenty times faster. */
    readonly timeScale: number,
    private readonly log: Logger,
  ) {}

  /** Runs `action` after `simulatedMs` simulated milliseconds; errors are logged, never thrown. */
  after(simulatedMs: number, action: () => void): SimTimer {
    const delay = Math.max(0, simulatedMs * this.timeScale);
    return this.schedule(delay, action);
  }

  /** Runs `action` after a short real delay that is not scaled, to let other I/O run first. */
  soon(action: () => void, realMs = 0): SimTimer {
    return this.schedule(realMs, action);
  }

  /** Simulated milliseconds elapsed since `startRealMs` (a `performance.now()` value). */
  simulatedSince(startRealMs: number): number {
    return (performance.now() - startRealMs) / this.timeScale;
  }

  /** Cancels every pending timer; later `after` calls do nothing. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(delay: number, action: () => void): SimTimer {
    if (this.stopped) return { cancel: () => undefined };
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      try {
        action();
      } catch (error) {
        this.log.error({ err: error }, 'simulated timer failed');
      }
    }, delay);
    this.timers.add(timer);
    return {
      cancel: () => {
        clearTimeout(timer);
        this.timers.delete(timer);
      },
    };
  }
}

/** Formats a time the way ARI events and resources do: `2026-12-04T19:43:19.038+0000` (UTC). */
export function ariTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace('Z', '+0000');
}
