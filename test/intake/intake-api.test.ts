/**
 * The intake API of the WeChat, app and Weibo front ends: API keys per channel, and idempotency
 * keys so that a retried request never makes a second case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeCreditCode } from '../../server/domain/credit-code';
import { DIALECTS, startTestPlatform, type TestPlatform } from '../server/support/test-platform';

describe.each(DIALECTS)('intake API on %s', (dialect) => {
  let test: TestPlatform;
  let admin: string;
  let wechatKey: string;
  let wechatKeyId: number;

  beforeAll(async () => {
    test = await startTestPlatform(dialect);
    admin = await test.login('admin');
    const created = await test.request('POST', '/api/admin/intake-api-keys', { token: admin, body: { name: '微信公众号', channel: 'wechat' } });
    expect(created.status).toBe(201);
    wechatKey = created.body.key;
    wechatKeyId = created.body.id;
  });
  afterAll(async () => {
    await test?.stop();
  });

  function submission(overrides: Record<string, unknown> = {}) {
    return {
      kind: 'help',
      title: '办理食品经营许可证遇到困难',
      content: '网上申请提交后一直显示待审核，已经过了十个工作日。',
      callerName: '周女士',
      callerNumber: '13900000011',
      enterprise: { name: '民权县甜香食品有限公司', creditCode: completeCreditCode('91411421MA9GXXY0X') },
      ...overrides,
    };
  }

  async function send(body: unknown, headers: Record<string, string>) {
    const response = await fetch(`${test.url}/api/intake/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  }

  const countCases = () => test.platform.db.models.Case.count();

  it('creates a case with the channel of the key', async () => {
    const response = await send(submission(), { 'x-api-key': wechatKey, 'idempotency-key': 'create-1' });

    expect(response.status).toBe(201);
    expect(response.body.caseNo).toMatch(/^MQ\d{12}$/);
    expect(response.body.queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const row = await test.platform.db.models.Case.findOne({ where: { caseNo: response.body.caseNo } });
    expect(row?.channel).toBe('wechat');
    expect(row?.callerName).toBe('周女士');
  });

  it('returns the same case for a repeated request', async () => {
    const headers = { 'x-api-key': wechatKey, 'idempotency-key': 'retry-1' };
    const before = await countCases();

    const first = await send(submission(), headers);
    const second = await send(submission(), headers);

    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.caseNo).toBe(first.body.caseNo);
    expect(second.body.queryCode).toBe(first.body.queryCode);
    expect(await countCases()).toBe(before + 1);
  });

  it('treats a body with reordered keys as the same request', async () => {
    const headers = { 'x-api-key': wechatKey, 'idempotency-key': 'reordered-1' };
    const body = submission();
    const reordered = Object.fromEntries(Object.entries(body).reverse());

    const first = await send(body, headers);
    const second = await send(reordered, headers);

    expect(second.status).toBe(200);
    expect(second.body.caseNo).toBe(first.body.caseNo);
  });

  it('rejects the same key with another body', async () => {
    const headers = { 'x-api-key': wechatKey, 'idempotency-key': 'conflict-1' };
    await send(submission(), headers);
    const before = await countCases();

    const response = await send(submission({ title: '另一件事' }), headers);

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CONFLICT');
    expect(response.body.error.message).toContain('幂等键');
    expect(await countCases()).toBe(before);
  });

  it('creates one case for concurrent duplicates', async () => {
    const headers = { 'x-api-key': wechatKey, 'idempotency-key': 'concurrent-1' };
    const before = await countCases();

    const responses = await Promise.all(Array.from({ length: 6 }, () => send(submission(), headers)));

    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((response) => response.body.caseNo)).size).toBe(1);
    expect(new Set(responses.map((response) => response.body.queryCode)).size).toBe(1);
    expect(await countCases()).toBe(before + 1);
  });

  it('keeps idempotency keys apart per API key', async () => {
    const other = await test.request('POST', '/api/admin/intake-api-keys', { token: admin, body: { name: '民权发布客户端', channel: 'app' } });
    const first = await send(submission(), { 'x-api-key': wechatKey, 'idempotency-key': 'shared-1' });
    const second = await send(submission(), { 'x-api-key': other.body.key, 'idempotency-key': 'shared-1' });

    expect(second.status).toBe(201);
    expect(second.body.caseNo).not.toBe(first.body.caseNo);
    expect(second.body.channel).toBe('app');
  });

  it('rejects a missing or unknown API key', async () => {
    const before = await countCases();
    const missing = await send(submission(), { 'idempotency-key': 'no-key-1' });
    const unknown = await send(submission(), { 'x-api-key': `mqk_${'A'.repeat(43)}`, 'idempotency-key': 'no-key-2' });

    expect(missing.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('AUTH_INVALID');
    expect(await countCases()).toBe(before);
  });

  it('requires an idempotency key', async () => {
    const response = await send(submission(), { 'x-api-key': wechatKey });

    expect(response.status).toBe(400);
    expect(response.body.error.fields[0].message).toContain('Idempotency-Key');
  });

  it('rejects a bad credit code with a Chinese message', async () => {
    const before = await countCases();
    const response = await send(submission({ enterprise: { name: '某公司', creditCode: '91411421MA9GXXY0X0' } }), {
      'x-api-key': wechatKey,
      'idempotency-key': 'bad-code-1',
    });

    expect(response.status).toBe(400);
    expect(response.body.error.fields).toContainEqual({ field: 'enterprise.creditCode', message: '统一社会信用代码校验位不正确，请核对' });
    expect(await countCases()).toBe(before);
  });

  it('refuses a revoked key', async () => {
    const created = await test.request('POST', '/api/admin/intake-api-keys', { token: admin, body: { name: '微博', channel: 'weibo' } });
    const revoked = await test.request('POST', `/api/admin/intake-api-keys/${created.body.id}/revoke`, { token: admin });
    const response = await send(submission(), { 'x-api-key': created.body.key, 'idempotency-key': 'revoked-1' });

    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect(response.status).toBe(401);
  });

  it('lists keys without the secret and only for admins', async () => {
    const agent = await test.login('agent1');
    const listed = await test.request('GET', '/api/admin/intake-api-keys', { token: admin });
    const refused = await test.request('GET', '/api/admin/intake-api-keys', { token: agent });

    expect(listed.status).toBe(200);
    const wechat = listed.body.find((key: { id: number }) => key.id === wechatKeyId);
    expect(wechat.keyPrefix).toBe(wechatKey.slice(0, 12));
    expect(JSON.stringify(listed.body)).not.toContain(wechatKey);
    expect(refused.status).toBe(403);
  });

  it('stores only hashes of keys and query codes', async () => {
    const response = await send(submission(), { 'x-api-key': wechatKey, 'idempotency-key': 'hash-1' });
    const { IntakeApiKey, CaseQueryCode, Case } = test.platform.db.models;
    const row = await Case.findOne({ where: { caseNo: response.body.caseNo } });
    const code = await CaseQueryCode.findByPk(row!.id);
    const key = await IntakeApiKey.findByPk(wechatKeyId);

    expect(code?.codeHash).toMatch(/^scrypt\$/);
    expect(code?.codeHash).not.toContain(response.body.queryCode);
    expect(key?.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(key?.keyHash).not.toContain(wechatKey.slice(4));
  });
});
