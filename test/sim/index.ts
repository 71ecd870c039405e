/**
 * An in-process fake Asterisk 22 for tests, the demo and benchmarks. The product reaches it only
 * over the real protocols on 127.0.0.1: ARI (REST, Swagger descriptions, events WebSocket) and
 * AMI (TCP). Scripted phones and callers drive calls from the outside. See README.md here.
 */
import { AmiServer } from './ami/server';
import { AriServer } from './ari/server';
import { SimClock } from './clock';
import { StasisApps } from './engine/apps';
import type { BridgeJson } from './engine/bridge';
import { EventBus } from './engine/bus';
import type { ChannelJson } from './engine/channel';
import { Engine } from './engine/engine';
import { originate } from './engine/originate';
import { resolveOptions, type SimulatorOptions } from './options';
import { SimCaller } from './script/caller';
import { CallerRouter } from './script/caller-router';
import { announcePhoneRegistration, SimPhone, type PhoneOptions } from './script/phone';
import { TraceRecorder, type TraceLine } from './trace';

export type { SimulatorOptions } from './options';
export type { SimPhone, PhoneOptions, PhoneCallInfo, PhoneHangupInfo, AnswerMode } from './script/phone';
export type { SimCaller, CallerState, Happening } from './script/caller';
export type { TraceLine } from './trace';
export type { ChannelJson } from './engine/channel';
export type { BridgeJson } from './engine/bridge';
export { defaultDialplan, traceDialplan, stasisStep, phoneStep, type Dialplan, type DialplanStep } from './engine/dialplan';

export interface DialOptions {
  /** Caller number, e.g. `13800000001`. */
  from: string;
  /** Caller name (CNAM), e.g. `民权某某有限公司`. */
  name?: string;
  /** Number dialled on the trunk; default `12345`. */
  to?: string;
}

export interface StoredRecordingInfo {
  name: string;
  format: string;
  durationSeconds: number;
}

export interface Simulator {
  /** `http://127.0.0.1:PORT`, without `/ari`. */
  readonly ariUrl: string;
  readonly amiPort: number;
  /** Registers a phone; throws if the extension is taken. */
  addPhone(options: PhoneOptions): SimPhone;
  /** The phone registered as `extension`. */
  phone(extension: string): SimPhone | undefined;
  /** Places a call from the carrier trunk into the dialplan (`from-trunk`). */
  dial(options: DialOptions): Promise<SimCaller>;
  channels(): ChannelJson[];
  bridges(): BridgeJson[];
  storedRecordings(): StoredRecordingInfo[];
  /** Closes every ARI WebSocket, as an Asterisk restart or network cut would; calls stay up. */
  dropEventSockets(): void;
  /** Starts recording REST exchanges and events in the trace format; the returned function stops and returns them. */
  recordTrace(): () => TraceLine[];
  stop(): Promise<void>;
}

const ASTERISK_ID = '02:fc:00:00:00:01';

/** Starts the simulator's ARI and AMI servers on free ports of 127.0.0.1. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const resolved = resolveOptions(options);
  const log = resolved.logger;
  const clock = new SimClock(resolved.timeScale, log);
  const apps = new StasisApps(ASTERISK_ID);
  const bus = new EventBus(apps);
  const engine = new Engine(
    { asteriskId: ASTERISK_ID, dialplan: resolved.dialplan, trunks: resolved.trunks, sounds: resolved.sounds },
    clock,
    bus,
    apps,
    log,
  );
  const traces = new TraceRecorder(bus, ASTERISK_ID);
  const ari = new AriServer(engine, { user: resolved.ariUser, password: resolved.ariPassword, onExchange: (exchange) => traces.recordRest(exchange) });
  const ami = new AmiServer(engine, { user: resolved.amiUser, secret: resolved.amiSecret });
  const ariPort = await ari.listen();
  const amiPort = await ami.listen();
  log.info({ ariPort, amiPort, timeScale: resolved.timeScale }, 'Asterisk simulator started');

  let stopped = false;
  const callers = new Set<SimCaller>();
  const callerRouter = new CallerRouter(bus);
  return {
    ariUrl: `http://127.0.0.1:${ariPort}`,
    amiPort,

    addPhone(phoneOptions) {
      if (!/^[0-9A-Za-z_.-]+$/.test(phoneOptions.extension)) throw new Error(`invalid phone extension: "${phoneOptions.extension}"`);
      if (engine.phones.has(phoneOptions.extension)) throw new Error(`a phone is already registered as ${phoneOptions.extension}`);
      const phone = new SimPhone(engine, phoneOptions, resolved.phoneAnswerAfterMs);
      engine.phones.set(phone.extension, phone);
      announcePhoneRegistration(engine, phone.extension);
      return phone;
    },

    phone(extension) {
      const device = engine.phones.get(extension);
      return device instanceof SimPhone ? device : undefined;
    },

    async dial({ from, name = '', to = '12345' }) {
      if (!from) throw new Error('dial needs a caller number in `from`');
      const callerId = name ? `"${name}" <${from}>` : from;
      const outcome = originate(engine, { endpoint: `Local/${to}@from-trunk`, callerId, timeoutSeconds: 0, onAnswer: { kind: 'none' } });
      if (!outcome.ok) throw new Error(`dial from ${from} to ${to} failed: ${JSON.stringify(outcome.body)}`);
      const line = outcome.channel;
      const caller = new SimCaller(engine, line, line.peer!, from, callerRouter);
      callers.add(caller);
      caller.once('hungup', () => callers.delete(caller));
      await new Promise((resolve) => setImmediate(resolve));
      return caller;
    },

    channels: () => engine.visibleChannels().map((channel) => channel.toJson()),
    bridges: () => [...engine.bridges.values()].map((bridge) => bridge.toJson()),
    storedRecordings: () => [...engine.storedRecordings.values()].map((recording) => ({ ...recording })),
    dropEventSockets: () => ari.events.dropAll(),
    recordTrace: () => traces.start(),

    async stop() {
      if (stopped) return;
      stopped = true;
      clock.stop();
      for (const caller of callers) caller.dispose();
      callers.clear();
      await Promise.all([ari.close(), ami.close()]);
      log.info('Asterisk simulator stopped');
    },
  };
}
