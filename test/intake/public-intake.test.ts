/**
 * The public web intake and progress pages: no account, the credit code checked, a case number
 * and query code in return, progress by number and code only, and limits per client address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeCreditCode } from '../../server/domain/credit-code';
import { DIALECTS, startTestPlatform, type TestPlatform } from '../server/support/test-platform';

const INTAKE_LIMIT = 3;

describe.each(DIALECTS)('public intake on %s', (dialect) => {
  let test: TestPlatform;
  let nextAddress = 1;

  beforeAll(async () => {
    test = await startTestPlatform(dialect, { env: { PUBLIC_INTAKE_LIMIT: String(INTAKE_LIMIT), PUBLIC_PROGRESS_LIMIT: '20' } });
  });
  afterAll(async () => {
    await test?.stop();
  });

  /**
   * A new client address per call: the server trusts X-Forwarded-For from loopback, as behind
   * a reverse proxy, so each test has its own rate-limit budget.
   */
  const newAddress = () => `198.51.100.${nextAddress++}`;

  async function post(path: string, body: unknown, address: string) {
    const response = await fetch(`${test.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  function form(overrides: Record<string, unknown> = {}) {
    return {
      enterpriseName: '民权县宏达机械制造有限公司',
      creditCode: completeCreditCode('91411421MA9HDJX8Q'),
      contactName: '孙经理',
      contactPhone: '13812345678',
      kind: 'complaint',
      title: '厂区门前道路长期积水',
      content: '雨后厂区门前道路积水严重，货车无法进出，影响正常生产。',
      confidential: true,
      ...overrides,
    };
  }

  async function countRows() {
    const { Case, CaseEvent, Enterprise, CaseQueryCode } = test.platform.db.models;
    return { cases: await Case.count(), events: await CaseEvent.count(), enterprises: await Enterprise.count(), codes: await CaseQueryCode.count() };
  }

  it('registers a web case and returns number and code', async () => {
    const response = await post('/api/public/intake', form(), newAddress());

    expect(response.status).toBe(201);
    expect(response.body.caseNo).toMatch(/^MQ\d{12}$/);
    expect(response.body.queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const row = await test.platform.db.models.Case.findOne({ where: { caseNo: response.body.caseNo }, include: ['enterprise', 'createdBy'] });
    expect(row?.channel).toBe('web');
    expect(row?.confidential).toBe(true);
    expect(row?.enterprise?.name).toBe('民权县宏达机械制造有限公司');
    expect(row?.createdBy?.active).toBe(false);
  });

  it('rejects a bad credit code in Chinese and writes nothing', async () => {
    const before = await countRows();

    const response = await post('/api/public/intake', form({ creditCode: '91411421MA9HDJX8Q1' }), newAddress());

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.fields).toEqual([{ field: 'creditCode', message: '统一社会信用代码校验位不正确，请核对' }]);
    expect(await countRows()).toEqual(before);
  });

  it('names every invalid field in Chinese', async () => {
    const response = await post('/api/public/intake', form({ contactPhone: '12345', title: '', content: '长'.repeat(2001) }), newAddress());

    expect(response.status).toBe(400);
    const fields = Object.fromEntries(response.body.error.fields.map((problem: { field: string; message: string }) => [problem.field, problem.message]));
    expect(fields.contactPhone).toBe('联系电话应为11位手机号或带区号的固定电话');
    expect(fields.title).toBe('请填写标题');
    expect(fields.content).toBe('诉求内容不能超过2000个字');
  });

  it('rejects unknown fields', async () => {
    const response = await post('/api/public/intake', form({ handlingUnitId: 1 }), newAddress());

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('handlingUnitId');
  });

  it('limits submissions per client address', async () => {
    const address = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i <= INTAKE_LIMIT; i++) statuses.push((await post('/api/public/intake', form({ title: `第${i}次提交` }), address)).status);
    const otherAddress = await post('/api/public/intake', form(), newAddress());
    const limited = await post('/api/public/intake', form(), address);

    expect(statuses).toEqual([...Array(INTAKE_LIMIT).fill(201), 429]);
    expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED', message: '提交过于频繁，请一小时后再试，或拨打 12345 热线' });
    expect(otherAddress.status).toBe(201);
  });

  it('shows progress without confidential data', async () => {
    const submitted = await post('/api/public/intake', form(), newAddress());

    const response = await post('/api/public/progress', { caseNo: submitted.body.caseNo, queryCode: submitted.body.queryCode.toLowerCase() }, newAddress());

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ caseNo: submitted.body.caseNo, state: 'registered', stateLabel: '已登记', kindLabel: '投诉' });
    expect(response.body.timeline).toEqual([{ at: expect.any(String), state: 'registered', stateLabel: '已登记' }]);
    const text = JSON.stringify(response.body);
    for (const secret of ['孙经理', '13812345678', '宏达', '自助受理', submitted.body.queryCode]) expect(text).not.toContain(secret);
  });

  it('answers a wrong code like an unknown number', async () => {
    const submitted = await post('/api/public/intake', form(), newAddress());
    const wrongCode = submitted.body.queryCode === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA';

    const wrong = await post('/api/public/progress', { caseNo: submitted.body.caseNo, queryCode: wrongCode }, newAddress());
    const unknown = await post('/api/public/progress', { caseNo: 'MQ209901010001', queryCode: submitted.body.queryCode }, newAddress());

    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.message).toBe('工单编号或查询码不正确，请核对后重试');
  });

  it('gives no progress for a case registered at the desk', async () => {
    const agent = await test.login('agent1');
    const categories = await test.request('GET', '/api/categories', { token: agent });
    const desk = await test.request('POST', '/api/cases', {
      token: agent,
      body: { channel: 'phone', kind: 'consultation', categoryId: categories.body[0].id, callerName: '刘先生', callerNumber: '13700000001', title: '咨询', content: '咨询开办企业流程。' },
    });

    const response = await post('/api/public/progress', { caseNo: desk.body.caseNo, queryCode: 'AAAAAAAA' }, newAddress());

    expect(desk.status).toBe(201);
    expect(response.status).toBe(404);
  });

  it('checks the case number format', async () => {
    const response = await post('/api/public/progress', { caseNo: 'abc', queryCode: 'AAAAAAAA' }, newAddress());

    expect(response.status).toBe(400);
    expect(response.body.error.fields[0]).toEqual({ field: 'caseNo', message: '工单编号格式不正确，应为 MQ 加数字，如 MQ202603050001' });
  });

  it('serves both pages in Chinese with their assets', async () => {
    for (const [path, heading] of [['/intake', '企业诉求网上受理'], ['/progress', '办理进度查询']]) {
      const page = await fetch(`${test.url}${path}`);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(html).toContain(heading);

      const script = html.match(/src="(\/public-assets\/[^"]+\.js)"/)?.[1];
      const stylesheet = html.match(/href="(\/public-assets\/[^"]+\.css)"/)?.[1];
      expect((await fetch(`${test.url}${script}`)).status).toBe(200);
      expect((await fetch(`${test.url}${stylesheet}`)).status).toBe(200);
    }
  });
});
