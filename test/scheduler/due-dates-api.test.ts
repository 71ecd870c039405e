import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay, startOfShanghaiDay, WorkingCalendar, type CalendarOverride } from '../../server/workflow/working-calendar';
import { DIALECTS, startTestPlatform, type TestPlatform } from '../server/support/test-platform';
import { marketRegulationUnitId } from './support';

const DAY_MS = 24 * 3600 * 1000;

/** Returns the Asia/Shanghai day `days` after today. */
function dayFromToday(days: number): string {
  return shanghaiDay(new Date(startOfShanghaiDay(shanghaiDay(new Date())).getTime() + days * DAY_MS + DAY_MS / 2));
}

describe.each(DIALECTS)('due dates through the API on %s', (dialect) => {
  let test: TestPlatform;
  let admin: string;
  let agent: string;
  let supervisor: string;
  let unit: string;
  let unitId: number;
  const holidays: string[] = [];
  let makeUpDay = '';

  beforeAll(async () => {
    test = await startTestPlatform(dialect);
    [admin, agent, supervisor, unit] = await Promise.all(['admin', 'agent1', 'monitor1', 'unit1'].map((name) => test.login(name)));
    unitId = await marketRegulationUnitId(test.platform.db);

    // A week-long holiday starting the day after tomorrow, and the Saturday after it worked in exchange.
    for (let offset = 2; offset <= 8; offset += 1) holidays.push(dayFromToday(offset));
    for (let offset = 9; makeUpDay === ''; offset += 1) {
      const day = dayFromToday(offset);
      if (new Date(`${day}T00:00:00Z`).getUTCDay() === 6) makeUpDay = day;
    }
    for (const day of holidays) {
      const response = await test.request('PUT', `/api/admin/calendar/${day}`, { token: admin, body: { kind: 'holiday', name: '测试假期' } });
      expect(response.status).toBe(200);
    }
    const workday = await test.request('PUT', `/api/admin/calendar/${makeUpDay}`, { token: admin, body: { kind: 'workday', name: '测试假期调休上班' } });
    expect(workday.status).toBe(200);
  });
  afterAll(async () => {
    await test?.stop();
  });

  async function storedCalendar(): Promise<CalendarOverride[]> {
    const response = await test.request('GET', '/api/admin/calendar', { token: admin });
    return response.body.days.map(({ date, kind, name }: CalendarOverride) => ({ date, kind, name }));
  }

  async function dispatchNewCase(): Promise<{ id: number; detail: any }> {
    const category = await test.platform.db.models.Category.findOne({ where: { code: 'E01' } });
    const created = await test.request('POST', '/api/cases', {
      token: agent,
      body: { channel: 'phone', kind: 'complaint', categoryId: category!.id, title: '审批超时', content: '企业反映许可证审批超过承诺时限。', callerName: '孙丽', callerNumber: '13937000202' },
    });
    expect(created.status).toBe(201);
    const dispatched = await test.request('POST', `/api/cases/${created.body.id}/actions`, { token: supervisor, body: { action: 'dispatch', leadUnitId: unitId } });
    expect(dispatched.status).toBe(200);
    return { id: created.body.id, detail: dispatched.body };
  }

  it('counts the admin’s holiday and make-up day in a dispatch', async () => {
    const { detail } = await dispatchNewCase();
    const overrides = await storedCalendar();
    const dispatchedAt = new Date(detail.dispatchedAt);
    const withEdits = new WorkingCalendar(overrides);
    const withoutMakeUpDay = new WorkingCalendar(overrides.filter((override) => override.date !== makeUpDay));
    const withoutEdits = new WorkingCalendar(overrides.filter((override) => override.name !== '测试假期' && override.date !== makeUpDay));

    const complete = new Date(detail.dueDates.complete.dueAt);

    expect(complete).toEqual(withEdits.addWorkingDays(dispatchedAt, 10));
    expect(complete.getTime()).toBeLessThan(withoutMakeUpDay.addWorkingDays(dispatchedAt, 10).getTime());
    expect(complete.getTime()).toBeGreaterThan(withoutEdits.addWorkingDays(dispatchedAt, 10).getTime());
    expect(detail.dueDates.complete.level).toBe('normal');
    // A fresh clock has its whole limit ahead, so even the 1-day sign-for limit starts normal.
    expect(detail.dueDates.sign.level).toBe('normal');
    expect(detail.deadlineLevel).toBe('normal');
  });

  it('moves the completion due date by an approved extension', async () => {
    const { id, detail } = await dispatchNewCase();
    const calendar = new WorkingCalendar(await storedCalendar());
    const dueBefore = new Date(detail.dueDates.complete.dueAt);

    for (const [token, body] of [
      [unit, { action: 'sign' }],
      [unit, { action: 'contact', method: 'phone', note: '已电话联系企业，约定下周上门核实' }],
      [unit, { action: 'request-extension', workingDays: 3, reason: '需要会同住建部门现场核查' }],
      [supervisor, { action: 'approve-extension', workingDays: 3 }],
    ] as const) {
      const response = await test.request('POST', `/api/cases/${id}/actions`, { token, body });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    }
    const after = await test.request('GET', `/api/cases/${id}`, { token: supervisor });

    expect(new Date(after.body.dueDates.complete.dueAt)).toEqual(calendar.addWorkingDays(dueBefore, 3));
    expect(after.body.dueDates.sign.metAt).not.toBeNull();
    expect(after.body.dueDates['first-contact'].metAt).not.toBeNull();
  });
});
