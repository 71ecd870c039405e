/** Messages between the benchmark driver and its child processes, and the bench agents' names. */

/** Between the driver and the platform process (platform-process.ts). */
export type BenchMessage =
  /** The platform listens at `url`; `tokens[i]` is the login token of bench agent i. */
  | { type: 'ready'; url: string; tokens: string[] }
  | { type: 'usage' }
  /** CPU time since the platform listened; event-loop delay since the previous `usage` request. */
  | { type: 'usage'; cpuMicros: number; rssBytes: number; heapUsedBytes: number; loopDelayP99Ms: number; loopDelayMaxMs: number }
  | { type: 'stop' };

/** Requests from the driver to the simulator process (simulator-process.ts). */
export type SimulatorRequest =
  /** Starts the simulator with one auto-answering phone per extension. */
  | { type: 'start'; ariPassword: string; amiSecret: string; timeScale: number; extensions: string[]; answerAfterMs: number }
  /** Dials one call per number, spread evenly over `rampMs`; each caller presses 1 when the welcome starts. */
  | { type: 'dial'; numbers: string[]; rampMs: number }
  /** Asks for the simulator's CPU time and event-loop delay since the last `dial`. */
  | { type: 'usage' }
  /** Hangs up every caller still on the line. */
  | { type: 'hang-up' }
  | { type: 'stop' };

/** Reports from the simulator process to the driver. Times are `performance.timeOrigin + performance.now()`. */
export type SimulatorReport =
  | { type: 'started'; ariUrl: string; amiPort: number }
  /** A phone started ringing for a caller. */
  | { type: 'ringing'; extension: string; callerNumber: string; at: number }
  | { type: 'dial-failed'; callerNumber: string; message: string }
  | { type: 'usage'; cpuMicros: number; loopDelayP99Ms: number; loopDelayMaxMs: number }
  | { type: 'hung-up' };

export function benchAgentUsername(index: number): string {
  return `bench${String(index + 1).padStart(3, '0')}`;
}

/** Extensions 7001 and up, apart from the seeded agents' 80xx. */
export function benchAgentExtension(index: number): string {
  return String(7001 + index);
}

/** Caller number of the `index`-th bench call. */
export function benchCallerNumber(index: number): string {
  return `1390000${String(index).padStart(4, '0')}`;
}

/** Password of the bench agents, created in a throw-away database for one round. */
export const BENCH_PASSWORD = 'Bench@2026';

/** Milliseconds on a clock that every process on this machine shares (the Unix epoch, sub-millisecond). */
export function sharedClockMs(): number {
  return performance.timeOrigin + performance.now();
}
