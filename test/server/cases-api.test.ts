import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeCreditCode } from '../../server/domain/credit-code';
import { findUserByUsername, markAnswered, startCall } from '../../db/repositories';
import { DEMO_CALLER_NUMBER, DEMO_ENTERPRISES } from '../../db/seed/demo-data';
import { DIALECTS, nextEvent, startTestPlatform, type TestPlatform } from './support/test-platform';

describe.each(DIALECTS)('cases API on %s', (dialect) => {
  let test: TestPlatform;
  let agent1: string;
  let agent2: string;
  let supervisor: string;
  let categoryId: number;

  beforeAll(async () => {
    test = await startTestPlatform(dialect);
    [agent1, agent2, supervisor] = await Promise.all([test.login('agent1'), test.login('agent2'), test.login('monitor1')]);
    const categories = await test.request('GET', '/api/categories', { token: agent1 });
    categoryId = categories.body.find((category: { code: string }) => category.code === 'E01').id;
  });
  afterAll(async () => {
    await test?.stop();
  });

  function validCase(overrides: Record<string, unknown> = {}) {
    return {
      channel: 'phone',
      kind: 'consultation',
      categoryId,
      callerName: '刘先生',
      callerNumber: '13700000001',
      anonymous: false,
      confidential: false,
      title: '咨询开办企业流程',
      content: '想在民权县开办一家食品加工企业，咨询需要办理哪些手续。',
      ...overrides,
    };
  }

  async function countRows() {
    const { Case, CaseEvent, Enterprise } = test.platform.db.models;
    return { cases: await Case.count(), events: await CaseEvent.count(), enterprises: await Enterprise.count() };
  }

  it('lists the active categories', async () => {
    const response = await test.request('GET', '/api/categories', { token: agent1 });

    expect(response.status).toBe(200);
    expect(response.body.length).toBeGreaterThan(5);
    expect(response.body[0]).toEqual({ id: expect.any(Number), code: expect.any(String), name: expect.any(String), parentId: null });
  });

  it('saves a case and reads it back with its timeline', async () => {
    const created = await test.request('POST', '/api/cases', { token: agent1, body: validCase() });

    expect(created.status).toBe(201);
    expect(created.body.caseNo).toMatch(/^MQ\d{8}\d+$/);
    expect(created.body.state).toBe('registered');

    const read = await test.request('GET', `/api/cases/${created.body.id}`, { token: agent1 });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: created.body.id,
      channel: 'phone',
      kind: 'consultation',
      categoryId,
      callerName: '刘先生',
      callerNumber: '13700000001',
      title: '咨询开办企业流程',
      content: '想在民权县开办一家食品加工企业，咨询需要办理哪些手续。',
      createdByName: '王静',
      enterprise: null,
    });
    expect(read.body.timeline).toHaveLength(1);
    expect(read.body.timeline[0]).toMatchObject({ type: 'registered', fromState: null, toState: 'registered', actorName: '王静' });
  });

  it('tells the desktops of the user about the saved case', async () => {
    const desktop = await test.connect(agent1);
    const saved = nextEvent(desktop, 'case:saved');

    const created = await test.request('POST', '/api/cases', { token: agent1, body: validCase({ title: '咨询企业年报' }) });

    expect((await saved).id).toBe(created.body.id);
    desktop.disconnect();
  });

  it('links a stored enterprise by id', async () => {
    const found = await test.request('GET', `/api/enterprises?creditCode=${DEMO_ENTERPRISES[1].creditCode}`, { token: agent1 });
    expect(found.body).toHaveLength(1);

    const created = await test.request('POST', '/api/cases', { token: agent1, body: validCase({ enterpriseId: found.body[0].id }) });

    expect(created.status).toBe(201);
    expect(created.body.enterprise).toMatchObject({ name: DEMO_ENTERPRISES[1].name });
  });

  it('registers a new enterprise given with the case', async () => {
    const creditCode = completeCreditCode('91411421MA48D9W6K');

    const created = await test.request('POST', '/api/cases', {
      token: agent1,
      body: validCase({ enterprise: { name: '民权县测试新材料有限公司', creditCode: creditCode.toLowerCase(), address: '民权县产业集聚区' } }),
    });

    expect(created.status).toBe(201);
    expect(created.body.enterprise).toMatchObject({ name: '民权县测试新材料有限公司', creditCode, address: '民权县产业集聚区' });
    const found = await test.request('GET', `/api/enterprises?creditCode=${creditCode}`, { token: agent1 });
    expect(found.body).toHaveLength(1);
  });

  it('uses the stored enterprise when a new one has a known credit code', async () => {
    const before = await countRows();

    const created = await test.request('POST', '/api/cases', {
      token: agent1,
      body: validCase({ enterprise: { name: '别名', creditCode: DEMO_ENTERPRISES[0].creditCode } }),
    });

    expect(created.status).toBe(201);
    expect(created.body.enterprise.name).toBe(DEMO_ENTERPRISES[0].name);
    expect((await countRows()).enterprises).toBe(before.enterprises);
  });

  it('rejects a bad credit code, empty content and an unknown category, writing nothing', async () => {
    const before = await countRows();
    const badCode = `${completeCreditCode('91411421MA48D9W6K').slice(0, 17)}0`;

    const response = await test.request('POST', '/api/cases', {
      token: agent1,
      body: validCase({ content: '   ', enterprise: { name: '某公司', creditCode: badCode } }),
    });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.fields).toEqual(
      expect.arrayContaining([
        { field: 'enterprise.creditCode', message: '统一社会信用代码校验位不正确，请核对' },
        { field: 'content', message: '请填写诉求内容' },
      ]),
    );
    expect(await countRows()).toEqual(before);

    const unknownCategory = await test.request('POST', '/api/cases', {
      token: agent1,
      body: validCase({ categoryId: 999_999, enterprise: { name: '某公司', creditCode: completeCreditCode('91411421MA49E1X7L') } }),
    });
    expect(unknownCategory.status).toBe(400);
    expect(unknownCategory.body.error.fields).toEqual([{ field: 'categoryId', message: '所选诉求分类不存在' }]);
    expect(await countRows()).toEqual(before);
  });

  it.each([
    ['a credit code of the wrong length', { enterprise: { name: '某公司', creditCode: '9141' } }, 'enterprise.creditCode', '统一社会信用代码应为18位'],
    ['a missing kind', { kind: undefined }, 'kind', '请选择诉求类型'],
    ['an unknown channel', { channel: 'fax' }, 'channel', '请选择受理渠道'],
    ['a title that is too long', { title: '长'.repeat(101) }, 'title', '标题不能超过100个字'],
    ['content that is too long', { content: '长'.repeat(4001) }, 'content', '诉求内容不能超过4000个字'],
    ['a caller number with letters', { callerNumber: '138abc' }, 'callerNumber', '来电号码只能包含数字，3至20位'],
    ['a named case without a name', { callerName: '' }, 'callerName', '请填写诉求人姓名，或勾选“匿名”'],
    ['both a stored and a new enterprise', { enterpriseId: 1, enterprise: { name: '某公司', creditCode: completeCreditCode('91411421MA49E1X7L') } }, 'enterprise', '请只选择已登记的企业，或只填写新企业'],
    ['a call that does not exist', { callId: 'no-such-call' }, 'callId', '关联的通话记录不存在'],
  ])('rejects %s with a field message', async (_name, overrides, field, message) => {
    const response = await test.request('POST', '/api/cases', { token: agent1, body: validCase(overrides) });

    expect(response.status).toBe(400);
    expect(response.body.error.fields).toContainEqual({ field, message });
  });

  it('accepts an anonymous case without a name', async () => {
    const response = await test.request('POST', '/api/cases', { token: agent1, body: validCase({ anonymous: true, callerName: '' }) });

    expect(response.status).toBe(201);
    expect(response.body.anonymous).toBe(true);
  });

  it('rejects linking a call that another agent answered', async () => {
    const response = await test.request('POST', '/api/cases', { token: agent2, body: validCase({ callId: 'demo-call-0001' }) });

    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([{ field: 'callId', message: '只能关联您本人接听的通话' }]);
  });

  it('shows an agent only the cases it may see', async () => {
    const mine = await test.request('POST', '/api/cases', { token: agent2, body: validCase({ title: '李娜登记的工单' }) });

    const ofAgent2 = await test.request('GET', '/api/cases?limit=100', { token: agent2 });
    const ofAgent1 = await test.request('GET', '/api/cases?limit=100', { token: agent1 });

    expect(ofAgent2.status).toBe(200);
    expect(ofAgent2.body.items.map((item: { id: number }) => item.id)).toContain(mine.body.id);
    expect(ofAgent1.body.items.map((item: { id: number }) => item.id)).not.toContain(mine.body.id);
    expect(ofAgent1.body.total).toBe(ofAgent1.body.items.length);

    const forbidden = await test.request('GET', `/api/cases/${mine.body.id}`, { token: agent1 });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
  });

  it('shows a supervisor every case, paged', async () => {
    const all = await test.request('GET', '/api/cases?limit=2&offset=0', { token: supervisor });
    const { Case } = test.platform.db.models;

    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(2);
    expect(all.body.total).toBe(await Case.count());
  });

  it('filters cases by state and text', async () => {
    const dispatched = await test.request('GET', '/api/cases?state=dispatched', { token: supervisor });
    const byText = await test.request('GET', `/api/cases?q=${encodeURIComponent('冷库温度')}`, { token: supervisor });
    const mine = await test.request('GET', '/api/cases?mine=1&limit=100', { token: supervisor });

    expect(dispatched.body.items.every((item: { state: string }) => item.state === 'dispatched')).toBe(true);
    expect(dispatched.body.total).toBeGreaterThan(0);
    expect(byText.body.items.map((item: { title: string }) => item.title)).toEqual(['夜间频繁停电影响冷库温度']);
    expect(mine.body.total).toBe(0);
  });

  it('rejects invalid list parameters with field messages', async () => {
    const response = await test.request('GET', '/api/cases?limit=0&state=unknown', { token: agent1 });

    expect(response.status).toBe(400);
    expect(response.body.error.fields.map((problem: { field: string }) => problem.field).sort()).toEqual(['limit', 'state']);
    expect(response.body.error.fields.find((problem: { field: string }) => problem.field === 'limit').message).toBe('每页条数不能小于 1');
  });

  it('answers an unknown case with NOT_FOUND and a bad id with VALIDATION_FAILED', async () => {
    const missing = await test.request('GET', '/api/cases/987654', { token: supervisor });
    const badId = await test.request('GET', '/api/cases/abc', { token: supervisor });

    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    expect(badId.status).toBe(400);
    expect(badId.body.error.fields[0].field).toBe('id');
  });

  it('finds enterprises by name and by credit code', async () => {
    const byName = await test.request('GET', `/api/enterprises?q=${encodeURIComponent('葡萄酒')}`, { token: agent1 });
    const byCode = await test.request('GET', `/api/enterprises?creditCode=${DEMO_ENTERPRISES[0].creditCode}`, { token: agent1 });
    const neither = await test.request('GET', '/api/enterprises', { token: agent1 });

    expect(byName.body.map((enterprise: { name: string }) => enterprise.name)).toEqual([DEMO_ENTERPRISES[1].name]);
    expect(byCode.body).toEqual([expect.objectContaining({ name: DEMO_ENTERPRISES[0].name, township: '绿洲街道' })]);
    expect(neither.status).toBe(400);
    expect(neither.body.error.fields[0].message).toBe('请提供统一社会信用代码或企业名称关键字之一');
  });

  it('lets the agent who answered a call see the case a supervisor registered for it', async () => {
    const { db } = test.platform;
    const agent1User = await findUserByUsername(db, 'agent1');
    const startedAt = new Date();
    await startCall(db, { callId: 'answered-by-agent1', channelId: 'ch-1', callerNumber: DEMO_CALLER_NUMBER, callerName: '', calledNumber: '12345', startedAt });
    await markAnswered(db, { callId: 'answered-by-agent1', agentUserId: agent1User!.id, bridgeId: 'b-1', recordingName: null, answeredAt: startedAt });

    const created = await test.request('POST', '/api/cases', { token: supervisor, body: validCase({ title: '班长代登记', callId: 'answered-by-agent1' }) });
    expect(created.status).toBe(201);

    const ofAgent1 = await test.request('GET', '/api/cases?limit=100', { token: agent1 });
    const ofAgent2 = await test.request('GET', '/api/cases?limit=100', { token: agent2 });
    expect(ofAgent1.body.items.map((item: { id: number }) => item.id)).toContain(created.body.id);
    expect(ofAgent2.body.items.map((item: { id: number }) => item.id)).not.toContain(created.body.id);
    expect((await test.request('GET', `/api/cases/${created.body.id}`, { token: agent1 })).status).toBe(200);
    expect((await test.request('GET', `/api/cases/${created.body.id}`, { token: agent2 })).status).toBe(403);
  });

  it('rejects a second case for the same call with CONFLICT', async () => {
    const response = await test.request('POST', '/api/cases', { token: supervisor, body: validCase({ callId: 'demo-call-0001' }) });

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CONFLICT');
  });
});
