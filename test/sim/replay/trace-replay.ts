/**
 * Replays the REST requests of a recorded Asterisk trace against the simulator and collects
 * what the simulator sends back, so tests can compare both event streams.
 *
 * Channel ids differ between the trace and the simulator, so both sides name each channel by an
 * entity key: its name without the sequence number (`Local/8001@agent-phones;1`). A request
 * waits until every trace id in it is known on the simulator's side, and until the simulator
 * has sent the events that the trace shows before that request was sent.
 */
import { readFileSync } from 'node:fs';
import type { Simulator } from '../index';
import { RawAri, type AriEvent } from '../testing/raw-ari';

export type TraceFileLine =
  | { t: number; kind: 'rest'; request: string; status: number; response: unknown }
  | { t: number; kind: 'event'; event: AriEvent }
  | { t: number; kind: 'note' };

export function readTrace(path: string): TraceFileLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TraceFileLine);
}

interface Named {
  id: string;
  name: string;
}

/** Maps channel ids to entity keys for one side (trace or simulator). */
export class EntityNames {
  private readonly keys = new Map<string, string>();
  private readonly ids = new Map<string, string>();

  /** Learns the channels an event or REST response mentions. */
  learn(value: unknown): void {
    for (const channel of channelsIn(value)) {
      if (this.keys.has(channel.id)) continue;
      const key = this.keyOfName(channel.name);
      this.keys.set(channel.id, key);
      this.ids.set(key, channel.id);
    }
  }

  keyOf(id: string): string | undefined {
    return this.keys.get(id);
  }

  idOf(key: string): string | undefined {
    return this.ids.get(key);
  }

  private keyOfName(name: string): string {
    const snoop = /^Snoop\/(.+)-[0-9a-f]{8}$/.exec(name);
    if (snoop) return `Snoop/${this.keys.get(snoop[1]) ?? snoop[1]}`;
    return name.replace(/-[0-9a-f]{8}(;[12])?$/, '$1');
  }
}

function channelsIn(value: unknown): Named[] {
  if (!value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap(channelsIn);
  const record = value as Record<string, unknown>;
  const found: Named[] = [];
  if (typeof record.id === 'string' && typeof record.name === 'string' && 'dialplan' in record) found.push({ id: record.id, name: record.name });
  for (const field of ['channel', 'peer', 'caller', 'replace_channel']) found.push(...channelsIn(record[field]));
  return found;
}

/**
 * The entity an event is about, and a label of its type with the details that must match
 * (dial status, hang-up cause, variable, playback and recording state, channel state).
 */
export function describeEvent(event: AriEvent, names: EntityNames): { entity: string; label: string } {
  const channel = (event.channel ?? event.peer) as Named | undefined;
  const playback = event.playback as { id: string; state: string } | undefined;
  const recording = event.recording as { name: string; state: string } | undefined;
  const bridge = event.bridge as { id: string } | undefined;
  let entity = event.type;
  if (channel) entity = names.keyOf(channel.id) ?? channel.name;
  else if (playback) entity = `playback:${playback.id}`;
  else if (recording) entity = `recording:${recording.name}`;
  else if (bridge) entity = `bridge:${bridge.id}`;

  const details: Record<string, () => string> = {
    Dial: () => String(event.dialstatus),
    ChannelHangupRequest: () => `${String(event.cause)}${event.soft ? ' soft' : ''}`,
    ChannelVarset: () => (event.variable === 'STASISSTATUS' ? `STASISSTATUS=${String(event.value)}` : String(event.variable)),
    ChannelDestroyed: () => String(event.cause),
    ChannelStateChange: () => (channel as unknown as { state: string }).state,
    PlaybackFinished: () => playback?.state ?? '',
    RecordingFinished: () => recording?.state ?? '',
    StasisStart: () => (event.args as string[]).join(','),
  };
  const detail = details[event.type]?.();
  return { entity, label: detail === undefined ? event.type : `${event.type}(${detail})` };
}

/** Events of `application` grouped by entity, each as its sequence of labels. */
export function sequencesByEntity(events: AriEvent[], names: EntityNames, application: string): Record<string, string[]> {
  const sequences: Record<string, string[]> = {};
  for (const event of events) {
    if (event.application !== application) continue;
    const { entity, label } = describeEvent(event, names);
    (sequences[entity] ??= []).push(label);
  }
  return sequences;
}

export interface ReplayResult {
  trace: { events: AriEvent[]; names: EntityNames };
  simulator: { events: AriEvent[]; names: EntityNames };
  /** `request → trace status / simulator status` for every REST line. */
  statuses: Array<{ request: string; expected: number; actual: number }>;
}

const ID_PATTERN = /\d{10}\.\d+/g;

/** Replays `lines` against `sim` with one event socket for `hotline` and `test-phones`, as the recorder had. */
export async function replayTrace(sim: Simulator, lines: TraceFileLine[], options: { timeoutMs?: number } = {}): Promise<ReplayResult> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const traceNames = new EntityNames();
  const simNames = new EntityNames();
  for (const line of lines) {
    if (line.kind === 'event') traceNames.learn(line.event);
    if (line.kind === 'rest') traceNames.learn(line.response);
  }

  const client = new RawAri(sim.ariUrl, 'hotline', 'secret');
  await client.connect(['hotline', 'test-phones']);
  const statuses: ReplayResult['statuses'] = [];
  const traceEvents = lines.flatMap((line) => (line.kind === 'event' ? [line.event] : []));
  const counted = (events: AriEvent[], names: EntityNames) => {
    const counts = new Map<string, number>();
    for (const event of events) {
      const { entity, label } = describeEvent(event, names);
      const key = `${event.application} ${entity} ${label}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };
  const simulatorEvents = () => {
    for (const event of client.events) simNames.learn(event);
    return client.events;
  };

  /** Waits until the simulator has sent at least the events in `expected` (by application, entity and label). */
  const waitForEvents = async (expected: AriEvent[], what: string) => {
    const needed = counted(expected, traceNames);
    const missing = () => {
      const have = counted(simulatorEvents(), simNames);
      return [...needed].filter(([key, count]) => (have.get(key) ?? 0) < count).map(([key]) => key);
    };
    const deadline = Date.now() + timeoutMs;
    while (missing().length > 0) {
      if (Date.now() > deadline) throw new Error(`simulator did not send, ${what}: ${missing().join('; ')}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  const restLines = lines.map((line, index) => ({ line, index })).filter((entry) => entry.line.kind === 'rest');
  let previousRest = -1;
  for (const { line, index } of restLines) {
    if (line.kind !== 'rest') continue;
    // Events logged before the previous REST response, or clearly earlier than this request, came before it was sent.
    const before = lines
      .slice(0, index)
      .flatMap((candidate, position) => (candidate.kind === 'event' && (position < previousRest || candidate.t < line.t - 2) ? [candidate.event] : []));
    await waitForEvents(before, `before ${line.request}`);

    const request = await mapIds(line.request, traceNames, simNames, simulatorEvents, timeoutMs);
    const [method, target] = request.split(' ');
    const answer = await client.request(method, target.replace(/^\/ari/, ''));
    simNames.learn(answer.body);
    statuses.push({ request: line.request, expected: line.status, actual: answer.status });
    previousRest = index;
  }

  await waitForEvents(traceEvents, 'by the end of the scenario');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const events = simulatorEvents();
  await client.close();
  return { trace: { events: traceEvents, names: traceNames }, simulator: { events, names: simNames }, statuses };
}

/** Rewrites the trace's channel ids in `request` to the simulator's, waiting until each is known. */
async function mapIds(request: string, traceNames: EntityNames, simNames: EntityNames, refresh: () => unknown, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    refresh();
    let unknown = '';
    const mapped = request.replace(ID_PATTERN, (id) => {
      const key = traceNames.keyOf(id);
      const simId = key ? simNames.idOf(key) : undefined;
      if (!simId) unknown = key ?? id;
      return simId ?? id;
    });
    if (!unknown) return mapped;
    if (Date.now() > deadline) throw new Error(`no simulator channel for ${unknown} in ${request}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
