import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCaseEvent,
  agentProfiles,
  createCase,
  findUserById,
  findUserByUsername,
  getCase,
  listCases,
  listCategories,
  searchEnterprises,
  seed,
  transitionCase,
  type CaseSummary,
} from '../../db';
import { DIALECTS, openTestDatabase, type TestDatabase } from './test-database';

const NOW = new Date('2026-08-10T02:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

describe.each(DIALECTS)('case queries on %s', (dialect) => {
  let test: TestDatabase;
  let agent1: number;
  let agent2: number;
  let bureauId: number;
  let percentCase: CaseSummary;

  beforeAll(async () => {
    test = await openTestDatabase(dialect, { migrated: true });
    await seed(test.db, { password: 'Test-Password-1' });
    agent1 = (await findUserByUsername(test.db, 'agent1'))!.id;
    agent2 = (await findUserByUsername(test.db, 'agent2'))!.id;
    bureauId = (await test.db.models.OrgUnit.findOne({ where: { name: '县市场监督管理局' } }))!.id;

    const base = { channel: 'phone', kind: 'complaint', content: '详细情况见来电记录。' } as const;
    await createCase(test.db, { ...base, title: '食品摊贩占道经营' }, { userId: agent1 }, { now: minutesAgo(30) });
    await createCase(test.db, { ...base, title: '超市价格标签不一致', callerNumber: '13811112222' }, { userId: agent2 }, { now: minutesAgo(20) });
    percentCase = await createCase(test.db, { ...base, title: '贷款利率上浮100%是否合规' }, { userId: agent2 }, { now: minutesAgo(10) });
  });
  afterAll(async () => {
    await test.drop();
  });

  it('lists cases newest first with the total', async () => {
    const list = await listCases(test.db, { limit: 2 });

    expect(list.total).toBe(3);
    expect(list.items.map((item) => item.title)).toEqual(['贷款利率上浮100%是否合规', '超市价格标签不一致']);
    expect((await listCases(test.db, { limit: 2, offset: 2 })).items.map((item) => item.title)).toEqual(['食品摊贩占道经营']);
  });

  it('filters by creator, state and text', async () => {
    expect((await listCases(test.db, { createdById: agent1, limit: 10 })).items.map((item) => item.title)).toEqual(['食品摊贩占道经营']);
    expect((await listCases(test.db, { q: '1111', limit: 10 })).items.map((item) => item.title)).toEqual(['超市价格标签不一致']);
    expect((await listCases(test.db, { q: percentCase.caseNo.toLowerCase(), limit: 10 })).total).toBe(1);
    expect((await listCases(test.db, { state: 'closed', limit: 10 })).total).toBe(0);
  });

  it('treats % and _ in the search text literally', async () => {
    expect((await listCases(test.db, { q: '100%', limit: 10 })).items.map((item) => item.title)).toEqual(['贷款利率上浮100%是否合规']);
    expect((await listCases(test.db, { q: '%', limit: 10 })).total).toBe(1);
    expect((await listCases(test.db, { q: '_', limit: 10 })).total).toBe(0);
  });

  it('dispatches a case and shows the timeline', async () => {
    const dispatched = await transitionCase(
      test.db,
      { caseId: percentCase.id, from: 'registered', to: 'dispatched', type: 'dispatched', actorUserId: agent2, note: '转市场监管局', handlingUnitId: bureauId },
      { now: minutesAgo(5) },
    );

    const detail = await getCase(test.db, percentCase.id);
    expect(dispatched.state).toBe('dispatched');
    expect(detail).toMatchObject({ state: 'dispatched', handlingUnitId: bureauId, handlingUnitName: '县市场监督管理局', createdByName: '李娜' });
    expect(detail!.events.map(({ type, fromState, toState, actorName }) => ({ type, fromState, toState, actorName }))).toEqual([
      { type: 'registered', fromState: null, toState: 'registered', actorName: '李娜' },
      { type: 'dispatched', fromState: 'registered', toState: 'dispatched', actorName: '李娜' },
    ]);
    expect((await listCases(test.db, { state: ['dispatched', 'signed'], limit: 10 })).items.map((item) => item.id)).toEqual([percentCase.id]);
  });

  it('refuses a transition from a state the case has left', async () => {
    const eventsBefore = await test.db.models.CaseEvent.count({ where: { caseId: percentCase.id } });

    const stale = transitionCase(test.db, { caseId: percentCase.id, from: 'registered', to: 'answered-on-spot', type: 'answered-on-spot', actorUserId: agent1 });

    await expect(stale).rejects.toMatchObject({ code: 'INVALID_STATE', status: 409 });
    expect((await getCase(test.db, percentCase.id))!.state).toBe('dispatched');
    expect(await test.db.models.CaseEvent.count({ where: { caseId: percentCase.id } })).toBe(eventsBefore);
  });

  it('reports unknown cases as not found', async () => {
    expect(await getCase(test.db, 999_999)).toBeNull();
    await expect(transitionCase(test.db, { caseId: 999_999, from: 'registered', to: 'dispatched', type: 'dispatched', actorUserId: agent1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(addCaseEvent(test.db, { caseId: 999_999, type: 'note', actorUserId: agent1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('creates a new enterprise with the case and reuses it next time', async () => {
    const enterprise = { name: '民权县新登记制冷有限公司', creditCode: '91350100m000100y43' };
    const first = await createCase(
      test.db,
      { channel: 'phone', kind: 'help', title: '求助办理环评', content: '新厂区需要办理环评手续。', callerName: '钱经理', callerNumber: '13912340000', enterprise },
      { userId: agent1 },
    );
    const second = await createCase(test.db, { channel: 'web', kind: 'consultation', title: '咨询环评时限', content: '环评审批需要多长时间？', enterprise }, { userId: agent1 });

    const [firstDetail, secondDetail] = [await getCase(test.db, first.id), await getCase(test.db, second.id)];
    expect(firstDetail!.enterprise).toMatchObject({ name: '民权县新登记制冷有限公司', creditCode: '91350100M000100Y43' });
    expect(secondDetail!.enterprise!.id).toBe(firstDetail!.enterprise!.id);
    expect(await test.db.models.EnterpriseContact.findAll({ where: { enterpriseId: firstDetail!.enterprise!.id }, raw: true })).toMatchObject([
      { phone: '13912340000', name: '钱经理' },
    ]);
  });

  it('rejects a new enterprise with an invalid credit code', async () => {
    const attempt = createCase(
      test.db,
      { channel: 'phone', kind: 'help', title: '求助', content: '内容', enterprise: { name: '某公司', creditCode: '91350100M000100Y44' } },
      { userId: agent1 },
    );

    await expect(attempt).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'enterprise.creditCode', message: '统一社会信用代码校验位不正确，请核对' }],
    });
  });

  it('searches enterprises by name and credit code prefix', async () => {
    expect((await searchEnterprises(test.db, { q: '制冷', limit: 10 })).map((enterprise) => enterprise.name)).toEqual(['民权县新登记制冷有限公司']);
    expect((await searchEnterprises(test.db, { q: '91350100', limit: 10 })).map((enterprise) => enterprise.name)).toEqual(['民权县新登记制冷有限公司']);
    expect(await searchEnterprises(test.db, { q: '   ', limit: 10 })).toEqual([]);
    expect(await searchEnterprises(test.db, { q: '%', limit: 10 })).toEqual([]);
  });

  it('lists the category tree by code', async () => {
    const categories = await listCategories(test.db);
    const byCode = new Map(categories.map((category) => [category.code, category]));

    expect(categories.map((category) => category.code)).toEqual([...categories.map((category) => category.code)].sort());
    expect(byCode.get('E')).toMatchObject({ name: '涉企事项', parentId: null });
    expect(byCode.get('E06')).toMatchObject({ name: '招商引资承诺不兑现', parentId: byCode.get('E')!.id });
    expect(byCode.get('P0402')).toMatchObject({ name: '供电', parentId: byCode.get('P04')!.id });
  });

  it('hides deactivated categories unless asked', async () => {
    await test.db.models.Category.update({ active: false }, { where: { code: 'P99' } });

    expect((await listCategories(test.db)).map((category) => category.code)).not.toContain('P99');
    expect((await listCategories(test.db, { includeInactive: true })).map((category) => category.code)).toContain('P99');
  });

  it('returns users without the password hash except for login', async () => {
    const credentials = await findUserByUsername(test.db, ' monitor1 ');
    const user = await findUserById(test.db, credentials!.id);

    expect(credentials).toMatchObject({ username: 'monitor1', role: 'supervisor', active: true });
    expect(credentials!.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(user).not.toHaveProperty('passwordHash');
    expect(await findUserByUsername(test.db, 'nobody')).toBeNull();
  });

  it('leaves deactivated agents out of the profiles', async () => {
    await test.db.models.User.update({ active: false }, { where: { username: 'agent3' } });

    expect((await agentProfiles(test.db)).map((profile) => profile.username)).toEqual(['agent1', 'agent2']);
  });
});
