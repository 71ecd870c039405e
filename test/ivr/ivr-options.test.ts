import { describe, expect, it } from 'vitest';
import { ivrOptionsFromConfig } from '../../ivr/index';
import { loadConfig } from '../../server/config';

describe('ivrOptionsFromConfig', () => {
  it('turns seconds into milliseconds', () => {
    const config = loadConfig({
      JWT_SECRET: 'a-test-secret-that-is-long-enough-for-the-check',
      MENU_TIMEOUT_S: '6',
      AGENT_RING_TIMEOUT_S: '20',
      SKILL_FALLBACK_S: '45',
      QUEUE_ANNOUNCE_INTERVAL_S: '40',
    });

    const options = ivrOptionsFromConfig(config);

    expect(options.menuTimeoutMs).toBe(6_000);
    expect(options.agentRingTimeoutMs).toBe(20_000);
    expect(options.skillFallbackMs).toBe(45_000);
    expect(options.queueAnnounceIntervalMs).toBe(40_000);
  });

  it('copies the links and the dial strings', () => {
    const config = loadConfig({
      JWT_SECRET: 'a-test-secret-that-is-long-enough-for-the-check',
      ARI_URL: 'http://127.0.0.1:8088',
      ARI_PASSWORD: 'ari-secret',
      AMI_ENABLED: 'false',
      AMI_ACTION_TIMEOUT_MS: '2500',
      AGENT_DIAL_TEMPLATE: 'Local/{extension}@agent-phones',
    });

    const options = ivrOptionsFromConfig(config);

    expect(options.ari).toEqual({ url: 'http://127.0.0.1:8088', user: 'hotline', password: 'ari-secret', app: 'hotline' });
    expect(options.ami.enabled).toBe(false);
    expect(options.ami.actionTimeoutMs).toBe(2_500);
    expect(options.agentDialTemplate).toBe('Local/{extension}@agent-phones');
    expect(options.menuRetries).toBe(2);
    expect(options.recordingFormat).toBe('wav');
  });
});
