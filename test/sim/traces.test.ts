/**
 * Each recorded Asterisk 22 scenario, replayed against the simulator: every REST request must
 * get the recorded status, and the `hotline` application (and `test-phones`, which plays the
 * phones' part) must see the same events per channel, bridge, playback and recording, in the same
 * order. Only the interleaving between different
 * entities may differ, which Asterisk does not fix either: each channel and bridge publishes on
 * its own Stasis topic, and topics are delivered independently.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, traceDialplan, type Simulator } from './index';
import { EVENT_TYPES } from './ari/models';
import { readTrace, replayTrace, sequencesByEntity } from './replay/trace-replay';

const TRACE_DIR = '/work/shared/asterisk-traces';
const scenarios = readdirSync(TRACE_DIR).filter((file) => /^0[1-7]-.*\.jsonl$/.test(file)).sort();

describe('recorded Asterisk traces replayed on the simulator', () => {
  let sim: Simulator | undefined;

  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('finds the seven recorded scenarios', () => {
    expect(scenarios).toHaveLength(7);
  });

  it.each(scenarios)('%s', async (file) => {
    sim = await startSimulator({
      ariUser: 'hotline',
      ariPassword: 'secret',
      amiUser: 'hotline',
      amiSecret: 'secret',
      timeScale: 0.05,
      dialplan: traceDialplan(),
    });
    const lines = readTrace(join(TRACE_DIR, file));

    const result = await replayTrace(sim, lines);

    for (const { request, expected, actual } of result.statuses) {
      expect(actual, request).toBe(expected);
    }
    // ari-client throws on an event type its Swagger models do not describe.
    for (const type of new Set(result.simulator.events.map((event) => event.type))) {
      expect(EVENT_TYPES, type).toContain(type);
    }
    for (const application of ['hotline', 'test-phones']) {
      const expectedSequences = sequencesByEntity(result.trace.events, result.trace.names, application);
      const actualSequences = sequencesByEntity(result.simulator.events, result.simulator.names, application);
      expect(actualSequences, application).toEqual(expectedSequences);
    }
  });
});
