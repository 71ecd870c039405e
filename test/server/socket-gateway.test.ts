import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, JWT_SECRET, nextEvent, request, startTestPlatform, type TestPlatform } from './support/test-platform';

describe.each(DIALECTS)('socket gateway on %s', (dialect) => {
  let test: TestPlatform;

  beforeAll(async () => {
    test = await startTestPlatform(dialect);
  });
  afterAll(async () => {
    await test?.stop();
  });

  it('rejects a connection without a token with AUTH_REQUIRED', async () => {
    const error = await test.connect(null).then(
      () => null,
      (rejection: Error & { data?: { code: string; message: string } }) => rejection,
    );

    expect(error?.message).toBe('AUTH_REQUIRED');
    expect(error?.data).toEqual({ code: 'AUTH_REQUIRED', message: '请先登录' });
  });

  it('rejects a connection with a garbage token with AUTH_INVALID', async () => {
    const error = await test.connect('garbage').then(
      () => null,
      (rejection: Error & { data?: { code: string } }) => rejection,
    );

    expect(error?.message).toBe('AUTH_INVALID');
    expect(error?.data?.code).toBe('AUTH_INVALID');
  });

  it('sends the agent status on connect', async () => {
    const token = await test.login('agent2');
    const desktop = await test.connect(token);

    const status = await nextEvent(desktop, 'agent:status');

    expect(status).toMatchObject({ agentId: 'agent2', state: 'not-ready', callId: null, pop: null });
    desktop.disconnect();
  });

  it('sets the agent ready and not ready', async () => {
    const desktop = await test.connect(await test.login('agent3'));
    await nextEvent(desktop, 'agent:status');

    const ready = await request(desktop, 'agent:set-state', { state: 'ready' });
    const notReady = await request(desktop, 'agent:set-state', { state: 'not-ready', reason: 'meal' });

    expect(ready).toMatchObject({ ok: true, data: { state: 'ready', reason: null } });
    expect(notReady).toMatchObject({ ok: true, data: { state: 'not-ready', reason: 'meal' } });
    expect(test.platform.agents.status('agent3')?.reason).toBe('meal');
    desktop.disconnect();
  });

  it.each([
    ['a missing request', 'agent:set-state', undefined],
    ['an unknown state', 'agent:set-state', { state: 'talking' }],
    ['an unknown reason', 'agent:set-state', { state: 'not-ready', reason: 'nap' }],
    ['a number instead of an object', 'call:hold', 42],
    ['a call id of the wrong type', 'call:hangup', { callId: { $ne: null } }],
  ])('answers %s with VALIDATION_FAILED', async (_name, event, payload) => {
    const desktop = await test.connect(await test.login('agent1'));

    const reply = await request(desktop, event, payload);

    expect(reply.ok).toBe(false);
    expect(reply.code).toBe('VALIDATION_FAILED');
    expect(reply.message).toMatch(/[\u4e00-\u9fff]/);
    desktop.disconnect();
  });

  it('stays usable after malformed messages without an ack', async () => {
    const desktop = await test.connect(await test.login('agent1'));
    const emit = (event: string, ...args: unknown[]) => (desktop.emit as (event: string, ...args: unknown[]) => void).call(desktop, event, ...args);

    emit('agent:set-state');
    emit('agent:set-state', 'not json');
    emit('call:hold', null);
    emit('no-such-event', { anything: true });
    const reply = await request(desktop, 'agent:set-state', { state: 'not-ready', reason: 'training' });

    expect(reply).toMatchObject({ ok: true, data: { state: 'not-ready', reason: 'training' } });
    expect(desktop.connected).toBe(true);
    expect((await test.request('GET', '/api/health')).status).toBe(200);
    desktop.disconnect();
  });

  it('accepts a request whose only argument is the ack', async () => {
    const desktop = await test.connect(await test.login('agent1'));

    const reply = await new Promise<any>((resolve) => {
      (desktop.emit as (event: string, ...args: unknown[]) => void).call(desktop, 'agent:end-wrap-up', resolve);
    });

    expect(reply).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    desktop.disconnect();
  });

  it('serves an agent created after the start from its first request on', async () => {
    const { User, AgentProfile } = test.platform.db.models;
    const template = await User.findOne({ where: { username: 'agent1' } });
    const user = await User.create({ username: 'agent9', passwordHash: template!.passwordHash, displayName: '新坐席', role: 'agent', orgUnitId: template!.orgUnitId });
    await AgentProfile.create({ userId: user.id, extension: '8009', skills: ['general'] });
    const token = jwt.sign({ role: 'agent', agentId: 'agent9' }, JWT_SECRET, { subject: String(user.id), expiresIn: 60 });

    const desktop = await test.connect(token);
    const reply = await request(desktop, 'agent:set-state', { state: 'ready' });

    expect(reply).toMatchObject({ ok: true, data: { agentId: 'agent9', state: 'ready' } });
    desktop.disconnect();
  });

  it('refuses agent requests from a leader with FORBIDDEN', async () => {
    const desktop = await test.connect(await test.login('leader1'));

    const reply = await request(desktop, 'agent:set-state', { state: 'ready' });

    expect(reply.ok).toBe(false);
    expect(reply.code).toBe('FORBIDDEN');
    desktop.disconnect();
  });

  it('refuses call commands on a call that is not the agent’s own', async () => {
    const desktop = await test.connect(await test.login('agent1'));

    const reply = await request(desktop, 'call:hold', { callId: 'someone-elses-call' });

    expect(reply).toEqual({ ok: false, code: 'CALL_NOT_FOUND', message: '通话不存在或已结束' });
    expect(test.hotline.commands).toEqual([]);
    desktop.disconnect();
  });
});
