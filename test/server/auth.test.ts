import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, JWT_SECRET, startTestPlatform, type TestPlatform } from './support/test-platform';

describe.each(DIALECTS)('login and roles on %s', (dialect) => {
  let test: TestPlatform;

  beforeAll(async () => {
    test = await startTestPlatform(dialect, { loginRateLimit: { maxFailures: 3, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await test?.stop();
  });

  it('logs an agent in with token and profile', async () => {
    const response = await test.request('POST', '/api/auth/login', { body: { username: 'agent1', password: 'Hotline@2026' } });

    expect(response.status).toBe(200);
    expect(typeof response.body.token).toBe('string');
    expect(response.body.user).toMatchObject({
      username: 'agent1',
      displayName: '王静',
      role: 'agent',
      agentId: 'agent1',
      extension: '8001',
      skills: ['enterprise', 'general'],
    });
    expect(response.body.user.id).toEqual(expect.any(Number));
  });

  it('logs a supervisor in without agent fields', async () => {
    const response = await test.request('POST', '/api/auth/login', { body: { username: 'monitor1', password: 'Hotline@2026' } });

    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ role: 'supervisor', agentId: null, extension: null, skills: [] });
  });

  it('rejects a wrong password', async () => {
    const response = await test.request('POST', '/api/auth/login', { body: { username: 'agent2', password: 'wrong-password' } });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('LOGIN_FAILED');
    expect(response.body.error.message).toBe('用户名或密码错误');
    expect(response.body.token).toBeUndefined();
  });

  it('rejects an unknown user like a wrong password', async () => {
    const response = await test.request('POST', '/api/auth/login', { body: { username: 'nobody', password: 'Hotline@2026' } });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('LOGIN_FAILED');
  });

  it('rejects a login without password with a field message', async () => {
    const response = await test.request('POST', '/api/auth/login', { body: { username: 'agent1' } });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.fields).toEqual([{ field: 'password', message: '请填写密码' }]);
  });

  it('answers malformed JSON with a Chinese validation error', async () => {
    const response = await test.request('POST', '/api/auth/login', { rawBody: '{"username": "agent1",' });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.message).toBe('请求内容不是有效的 JSON');
  });

  it('rate-limits repeated failures for one username', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const failed = await test.request('POST', '/api/auth/login', { body: { username: 'agent3', password: 'bad' } });
      expect(failed.status).toBe(401);
    }

    const blocked = await test.request('POST', '/api/auth/login', { body: { username: 'agent3', password: 'Hotline@2026' } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');

    const otherUser = await test.request('POST', '/api/auth/login', { body: { username: 'admin', password: 'Hotline@2026' } });
    expect(otherUser.status).toBe(200);
  });

  it('returns the signed-in user from /api/me', async () => {
    const token = await test.login('agent2');

    const response = await test.request('GET', '/api/me', { token });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ username: 'agent2', role: 'agent', agentId: 'agent2', extension: '8002' });
  });

  it('requires a token', async () => {
    const response = await test.request('GET', '/api/me');

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('AUTH_REQUIRED');
    expect(response.body.error.message).toBe('请先登录');
  });

  it('rejects a garbage token', async () => {
    const response = await test.request('GET', '/api/me', { token: 'not-a-jwt' });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('AUTH_INVALID');
  });

  it('rejects an expired token', async () => {
    const expired = jwt.sign({ role: 'agent', agentId: 'agent1', exp: Math.floor(Date.now() / 1000) - 60 }, JWT_SECRET, { subject: '1' });

    const response = await test.request('GET', '/api/me', { token: expired });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('AUTH_INVALID');
  });

  it('rejects a token signed with another secret', async () => {
    const forged = jwt.sign({ role: 'admin', agentId: null }, 'another-secret-that-is-also-long-enough', { subject: '1', expiresIn: 60 });

    const response = await test.request('GET', '/api/cases', { token: forged });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('AUTH_INVALID');
  });

  it.each([
    ['unit1', 'GET', '/api/cases'],
    ['unit1', 'POST', '/api/cases'],
    ['leader1', 'GET', '/api/enterprises?q=民权'],
    ['leader1', 'GET', '/api/cases/1'],
    ['agent1', 'GET', '/api/agents'],
  ])('refuses %s on %s %s with FORBIDDEN', async (username, method, path) => {
    const token = await test.login(username);

    const response = await test.request(method, path, { token, body: method === 'POST' ? {} : undefined });

    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
    expect(response.body.error.message).toMatch(/^您的角色无权/);
  });

  it('lists every agent for a supervisor', async () => {
    const token = await test.login('monitor1');

    const response = await test.request('GET', '/api/agents', { token });

    expect(response.status).toBe(200);
    expect(response.body.map((agent: { agentId: string }) => agent.agentId)).toEqual(expect.arrayContaining(['agent1', 'agent2', 'agent3']));
    expect(response.body[0]).toMatchObject({ state: expect.any(String), callId: null, pop: null });
  });

  it('answers an unknown API route with NOT_FOUND', async () => {
    const token = await test.login('admin');

    const response = await test.request('GET', '/api/no-such-thing', { token });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  it('reports health without login', async () => {
    const response = await test.request('GET', '/api/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: { ok: true }, asterisk: { ari: true, ami: null } });
  });

  it('reports a degraded state while Asterisk is disconnected', async () => {
    test.hotline.connected = false;
    try {
      const response = await test.request('GET', '/api/health');

      expect(response.status).toBe(200);
      expect(response.body.status).toBe('degraded');
      expect(response.body.asterisk.ari).toBe(false);
    } finally {
      test.hotline.connected = true;
    }
  });
});
