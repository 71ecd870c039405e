/**
 * Scripted callers for the demo: enterprises that dial the hotline through the simulator, press
 * a menu key (or none), wait in the queue for a while and hang up after talking, or give up
 * when the wait is too long. Numbers are drawn partly from the seeded demo enterprises so that
 * screen pops show matched enterprises and earlier cases.
 */
import type { Logger } from 'pino';
import type { SimCaller, Simulator } from '../sim/index';

export interface TrafficOptions {
  /** Mean seconds between new calls. */
  meanIntervalSeconds: number;
  /** Maximum number of calls in progress at once; no new call starts while it is reached. */
  maxConcurrentCalls: number;
  /** Caller numbers that belong to known enterprises; about half of the calls come from them. */
  knownNumbers: readonly string[];
  /** Seconds a caller waits in the queue before giving up. */
  patienceSeconds: [min: number, max: number];
  /** Seconds a caller talks with the agent before hanging up. */
  talkSeconds: [min: number, max: number];
  logger: Logger;
  /** Random source in [0, 1); injectable for tests. */
  random?: () => number;
}

export interface Traffic {
  /** Calls placed so far. */
  readonly placed: number;
  /** Stops placing calls and hangs up the ones in progress. */
  stop(): Promise<void>;
}

/** Caller-ID names as a carrier sends them for mobile callers: usually none, sometimes a person's. */
const CALLER_NAMES = ['', '', '', '张先生', '李女士'];
const MENU_KEYS = ['1', '1', '1', '2', '0', ''];

/** Starts placing calls at random intervals until `stop()`. */
export function startTraffic(sim: Simulator, options: TrafficOptions): Traffic {
  const random = options.random ?? Math.random;
  const active = new Set<SimCaller>();
  let placed = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const between = ([min, max]: [number, number]) => min + (max - min) * random();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

  const scheduleNext = () => {
    if (stopped) return;
    const delayMs = -Math.log(1 - random()) * options.meanIntervalSeconds * 1000;
    timer = setTimeout(() => {
      if (active.size < options.maxConcurrentCalls) void placeCall();
      scheduleNext();
    }, delayMs);
  };

  const placeCall = async () => {
    // The first call comes from a known enterprise, so a newcomer sees a matched pop at once.
    const known = options.knownNumbers.length > 0 && (placed === 0 || random() < 0.5);
    let from = `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
    if (known) from = placed === 0 ? options.knownNumbers[0] : pick(options.knownNumbers);
    const log = options.logger.child({ caller: from });
    let caller: SimCaller;
    try {
      caller = await sim.dial({ from, name: pick(CALLER_NAMES) });
    } catch (error) {
      log.warn({ err: error }, 'simulated call could not be placed');
      return;
    }
    placed++;
    active.add(caller);
    log.info({ channelId: caller.channelId }, 'simulated caller dialled the hotline');

    try {
      await caller.waitFor('PlaybackStarted', 15_000);
      const key = pick(MENU_KEYS);
      if (key) {
        await delay(1500 + 2000 * random());
        if (caller.state !== 'hungup') caller.sendDtmf(key);
      }
      await caller.waitFor('bridged', between(options.patienceSeconds) * 1000);
      log.info('simulated caller is talking to an agent');
      await caller.waitFor('hungup', between(options.talkSeconds) * 1000).catch(() => caller.hangup());
    } catch {
      // Gave up waiting, or the call ended early: hang up if still there.
      if (caller.state !== 'hungup') {
        log.info('simulated caller gave up and hung up');
        await caller.hangup().catch(() => undefined);
      }
    } finally {
      active.delete(caller);
    }
  };

  scheduleNext();
  return {
    get placed() {
      return placed;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([...active].map((caller) => caller.hangup().catch(() => undefined)));
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
