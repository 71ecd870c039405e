import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  casesForScreenPop,
  countRecentCalls,
  createCase,
  findEnterpriseByCreditCode,
  findEnterpriseByPhone,
  normalizePhoneNumber,
  seed,
  startCall,
  transitionCase,
  type CreateCaseInput,
} from '../../db';
import { DIALECTS, openTestDatabase, type TestDatabase } from './test-database';

const DAY = 24 * 3600 * 1000;
const NOW = new Date('2026-06-15T02:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

const CALLER = '13937000101';
const OTHER_CALLER = '13700000002';

describe('phone number normalisation', () => {
  it.each([
    ['13937000101', '13937000101'],
    ['+86 139 3700 0101', '13937000101'],
    ['008613937000101', '13937000101'],
    ['8613937000101', '13937000101'],
    ['0370-5551201', '03705551201'],
    ['+86 370 5551201', '03705551201'],
    ['12345', '12345'],
  ])('reduces %s to %s', (raw, digits) => {
    expect(normalizePhoneNumber(raw)).toBe(digits);
  });
});

describe.each(DIALECTS)('screen pop on %s', (dialect) => {
  let test: TestDatabase;
  let agentId: number;
  let enterpriseId: number;
  const titles: Record<string, number> = {};

  const register = async (title: string, days: number, extra: Partial<CreateCaseInput>) => {
    const summary = await createCase(
      test.db,
      { channel: 'phone', kind: 'complaint', title, content: `${title}的详细内容`, ...extra },
      { userId: agentId },
      { now: daysAgo(days) },
    );
    titles[title] = summary.id;
    return summary;
  };

  beforeAll(async () => {
    test = await openTestDatabase(dialect, { migrated: true });
    await seed(test.db, { demo: true, now: NOW });
    agentId = (await test.db.models.User.findOne({ where: { username: 'agent2' } }))!.id;
    enterpriseId = (await findEnterpriseByPhone(test.db, CALLER))!.id;

    // The demo seed gave the enterprise 4 cases, and these come on top.
    await register('很早以前的开放工单', 90, { callerNumber: CALLER });
    const closed = await register('已直接办理的咨询', 30, { callerNumber: CALLER, kind: 'consultation' });
    await transitionCase(test.db, { caseId: closed.id, from: 'registered', to: 'answered-on-spot', type: 'answered-on-spot', actorUserId: agentId });
    await register('企业其他联系人的工单', 1, { callerNumber: '03705551201', enterpriseId });
    await register('其他来电人的工单', 1, { callerNumber: OTHER_CALLER });
  });
  afterAll(async () => {
    await test.drop();
  });

  it('matches an enterprise by any notation of its number', async () => {
    const enterprise = await findEnterpriseByPhone(test.db, '+86 139-3700-0101');

    expect(enterprise).toMatchObject({ name: '民权县葵丘制冷配件有限公司', township: '绿洲街道' });
    expect(await findEnterpriseByPhone(test.db, OTHER_CALLER)).toBeNull();
    expect(await findEnterpriseByPhone(test.db, '')).toBeNull();
  });

  it('finds an enterprise by its credit code in any case', async () => {
    const enterprise = await findEnterpriseByPhone(test.db, CALLER);

    expect(await findEnterpriseByCreditCode(test.db, enterprise!.creditCode.toLowerCase())).toEqual(enterprise);
    expect(await findEnterpriseByCreditCode(test.db, '91411421MA00000000')).toBeNull();
  });

  it('returns earlier cases of the number and the enterprise, newest first', async () => {
    const pop = await casesForScreenPop(test.db, { callerNumber: CALLER, enterpriseId, limit: 20 });

    const earlier = pop.earlierCases.map((summary) => summary.title);
    expect(earlier).toContain('企业其他联系人的工单');
    expect(earlier).toContain('已直接办理的咨询');
    expect(earlier).toContain('很早以前的开放工单');
    expect(earlier).toContain('夜间频繁停电影响冷库温度');
    expect(earlier).not.toContain('其他来电人的工单');
    const times = pop.earlierCases.map((summary) => summary.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('returns only open cases as open', async () => {
    const pop = await casesForScreenPop(test.db, { callerNumber: CALLER, enterpriseId, limit: 20 });

    const open = pop.openCases.map((summary) => summary.title);
    expect(open).toContain('很早以前的开放工单');
    expect(open).toContain('企业其他联系人的工单');
    expect(open).not.toContain('已直接办理的咨询');
    expect(open).not.toContain('咨询冷库扩建项目备案需要哪些材料');
    for (const summary of pop.openCases) {
      expect(pop.earlierCases).toContainEqual(summary);
    }
  });

  it('keeps an old open case that the limit cuts from the recent ones', async () => {
    const caller = '13500000005';
    await register('五十天前仍在办理的投诉', 50, { callerNumber: caller });
    for (const days of [3, 2, 1]) {
      const summary = await register(`${days}天前已办结的咨询`, days, { callerNumber: caller, kind: 'consultation' });
      await transitionCase(test.db, { caseId: summary.id, from: 'registered', to: 'answered-on-spot', type: 'answered-on-spot', actorUserId: agentId });
    }

    const pop = await casesForScreenPop(test.db, { callerNumber: caller, enterpriseId: null, limit: 2 });

    expect(pop.earlierCases.map((summary) => summary.title)).toEqual(['1天前已办结的咨询', '2天前已办结的咨询', '五十天前仍在办理的投诉']);
    expect(pop.openCases.map((summary) => summary.title)).toEqual(['五十天前仍在办理的投诉']);
  });

  it('finds the cases of a number without an enterprise', async () => {
    const pop = await casesForScreenPop(test.db, { callerNumber: `+86${OTHER_CALLER}`, enterpriseId: null, limit: 10 });

    expect(pop.earlierCases.map((summary) => summary.title)).toEqual(['其他来电人的工单']);
    expect(pop.openCases.map((summary) => summary.title)).toEqual(['其他来电人的工单']);
  });

  it('returns nothing without a number or an enterprise', async () => {
    expect(await casesForScreenPop(test.db, { callerNumber: null, enterpriseId: null, limit: 10 })).toEqual({ earlierCases: [], openCases: [] });
    expect(await casesForScreenPop(test.db, { callerNumber: '13600000000', enterpriseId: null, limit: 10 })).toEqual({ earlierCases: [], openCases: [] });
  });

  it('counts recent calls for the repeat-caller flag', async () => {
    await startCall(test.db, { callId: 'pop-now', channelId: 'c1', callerNumber: `+86${CALLER}`, callerName: '', calledNumber: '12345', startedAt: NOW });

    // The demo seed stored one call of this number two days before NOW.
    expect(await countRecentCalls(test.db, CALLER, daysAgo(7))).toBe(2);
    expect(await countRecentCalls(test.db, CALLER, daysAgo(7), { excludeCallId: 'pop-now' })).toBe(1);
    expect(await countRecentCalls(test.db, CALLER, daysAgo(1), { excludeCallId: 'pop-now' })).toBe(0);
    expect(await countRecentCalls(test.db, OTHER_CALLER, daysAgo(7))).toBe(0);
  });
});
