/** Messages between the benchmark driver and the platform process, and the bench agents' names. */

export type BenchMessage =
  | { type: 'ready'; url: string }
  | { type: 'usage' }
  | { type: 'usage'; cpuMicros: number; rssBytes: number; heapUsedBytes: number }
  | { type: 'stop' };

export function benchAgentUsername(index: number): string {
  return `bench${String(index + 1).padStart(3, '0')}`;
}

/** Extensions 7001 and up, apart from the seeded agents' 80xx. */
export function benchAgentExtension(index: number): string {
  return String(7001 + index);
}

/** Password of the bench agents, created in a throw-away database for one round. */
export const BENCH_PASSWORD = 'Bench@2026';
