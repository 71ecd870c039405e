/** The call bench's figures per round and the tables `run.ts` prints from them. */
import { availableParallelism } from 'node:os';

interface ProcessLoad {
  /** CPU time over the round's wall time, in % of one core. */
  cpuPercent: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export interface RoundResult {
  calls: number;
  /** Calls whose agent answered and was bridged with the caller. */
  answered: number;
  /** Screen-pop latencies in ms: the phone starts ringing → the pop reaches that agent's socket. */
  pops: number[];
  /** Ringing that ended without an answer, by outcome (`no-answer`, `unreachable`, `caller-gone`). */
  offersEnded: Record<string, number>;
  /** From the first dial to the last answer. */
  setupSeconds: number;
  platform: ProcessLoad & { rssMiB: number; heapMiB: number };
  driver: ProcessLoad;
  simulator: ProcessLoad;
}

export function printRounds(results: RoundResult[], setting: { database: string; rampSeconds: number }): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`\nscreen pop and call set-up: simulator → platform (${setting.database}), calls arriving over ${setting.rampSeconds} s`);
  out('calls | answered | pops | pop p50 ms | pop p99 ms | pop max ms | set-ups/s | platform CPU % | platform loop delay p99 / max ms | RSS MiB | heap MiB | offers ended unanswered');
  for (const result of results) {
    const sorted = [...result.pops].sort((a, b) => a - b);
    const unanswered = Object.entries(result.offersEnded).map(([outcome, count]) => `${outcome} ${count}`).join(', ') || 'none';
    out(
      [
        result.calls,
        result.answered,
        result.pops.length,
        percentile(sorted, 0.5).toFixed(1),
        percentile(sorted, 0.99).toFixed(1),
        (sorted.at(-1) ?? NaN).toFixed(1),
        (result.answered / result.setupSeconds).toFixed(1),
        result.platform.cpuPercent.toFixed(0),
        `${result.platform.loopDelayP99Ms.toFixed(1)} / ${result.platform.loopDelayMaxMs.toFixed(1)}`,
        result.platform.rssMiB.toFixed(0),
        result.platform.heapMiB.toFixed(0),
        unanswered,
      ].join(' | '),
    );
  }

  out('\nthe measuring side: driver (agent sockets) and simulator (phones and callers)');
  out('calls | driver CPU % | driver loop delay p99 / max ms | simulator CPU % | simulator loop delay p99 / max ms');
  for (const result of results) {
    const load = (process: ProcessLoad) => [process.cpuPercent.toFixed(0), `${process.loopDelayP99Ms.toFixed(1)} / ${process.loopDelayMaxMs.toFixed(1)}`];
    out([result.calls, ...load(result.driver), ...load(result.simulator)].join(' | '));
  }
  out(`CPU is in % of one core over the round, on ${availableParallelism()} cores.`);
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}
