/** ARI REST requests after a blocked event loop missed the server closing idle connections. */
import { afterEach, describe, expect, it } from 'vitest';
import { AriConnection } from '../../ivr/ari/ari-connection';
import { failOnUnhandledErrors, waitUntil } from './support/guards';
import { ARI_PASSWORD, ARI_USER, CapturedLog, startSim } from './support/harness';

failOnUnhandledErrors();

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Blocks the event loop for `durationMs` milliseconds, as a burst of bcrypt checks does. */
function blockEventLoop(durationMs: number): void {
  const end = Date.now() + durationMs;
  while (Date.now() < end) {
    // busy
  }
}

describe('AriConnection after a busy event loop', () => {
  it('answers requests after a long block', async () => {
    // The simulator's HTTP server closes idle connections after Node's default 5 s keep-alive time-out.
    const sim = await startSim();
    cleanups.push(() => sim.stop());
    const ari = new AriConnection({ url: sim.ariUrl, user: ARI_USER, password: ARI_PASSWORD, app: 'hotline', requestTimeoutMs: 2_000 }, new CapturedLog().logger);
    ari.start();
    cleanups.push(() => ari.stop());
    await waitUntil(() => ari.isConnected(), 'ARI is connected');
    await Promise.all(Array.from({ length: 5 }, () => ari.rest.listChannels()));


    blockEventLoop(6_000);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => ari.rest.listChannels()));

    expect(results.map((result) => (result.status === 'rejected' ? String(result.reason) : 'answered'))).toEqual(Array(5).fill('answered'));
  }, 20_000);
});
