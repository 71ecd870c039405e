/**
 * Recording what the simulator's ARI clients see, in the line format of the recorded Asterisk
 * traces: REST exchanges and events (one line per receiving application), `t` in ms since start.
 */
import type { EventBus, PublishedEvent } from './engine/bus';
import type { RestExchange } from './ari/server';

export type TraceLine =
  | { t: number; kind: 'rest'; request: string; body: unknown; status: number; response: unknown }
  | { t: number; kind: 'event'; event: Record<string, unknown> };

export class TraceRecorder {
  private readonly active = new Set<{ start: number; lines: TraceLine[] }>();

  constructor(
    bus: EventBus,
    private readonly asteriskId: string,
  ) {
    bus.on('event', (event) => this.recordEvent(event));
  }

  /** Starts a recording; the returned function stops it and returns its lines. */
  start(): () => TraceLine[] {
    const recording = { start: performance.now(), lines: [] as TraceLine[] };
    this.active.add(recording);
    return () => {
      this.active.delete(recording);
      return recording.lines;
    };
  }

  recordRest(exchange: RestExchange): void {
    for (const recording of this.active) {
      recording.lines.push({ t: elapsed(recording.start), kind: 'rest', ...exchange });
    }
  }

  private recordEvent(event: PublishedEvent): void {
    if (this.active.size === 0) return;
    for (const recording of this.active) {
      for (const application of event.apps) {
        recording.lines.push({ t: elapsed(recording.start), kind: 'event', event: { ...event.body, asterisk_id: this.asteriskId, application } });
      }
    }
  }
}

function elapsed(start: number): number {
  return Math.round(performance.now() - start);
}
