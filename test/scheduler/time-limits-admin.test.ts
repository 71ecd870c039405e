import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIME_LIMIT_SETTINGS } from '../../server/workflow/time-limits';
import { DIALECTS, startTestPlatform, type TestPlatform } from '../server/support/test-platform';
import { BEFORE_NATIONAL_DAY, dispatchCase, stageOf } from './support';

describe.each(DIALECTS)('time-limit admin routes on %s', (dialect) => {
  let test: TestPlatform;
  let admin: string;

  beforeAll(async () => {
    test = await startTestPlatform(dialect);
    admin = await test.login('admin');
  });
  afterAll(async () => {
    await test?.stop();
  });

  it('lists the seeded days of a year', async () => {
    const response = await test.request('GET', '/api/admin/calendar?year=2026', { token: admin });

    expect(response.status).toBe(200);
    expect(response.body.years).toContain(2026);
    expect(response.body.days).toContainEqual(expect.objectContaining({ date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' }));
    expect(response.body.days.every((day: { date: string }) => day.date.startsWith('2026-'))).toBe(true);
  });

  it('rejects other roles and anonymous requests', async () => {
    for (const username of ['monitor1', 'agent1', 'unit1', 'leader1']) {
      const token = await test.login(username);
      const read = await test.request('GET', '/api/admin/calendar', { token });
      const write = await test.request('PUT', '/api/admin/calendar/2026-10-12', { token, body: { kind: 'holiday', name: '县庆' } });
      const settings = await test.request('PUT', '/api/admin/time-limits', { token, body: DEFAULT_TIME_LIMIT_SETTINGS });

      expect(read.status, username).toBe(403);
      expect(write.status, username).toBe(403);
      expect(settings.status, username).toBe(403);
      expect(write.body.error.message).toBe('您的角色无权维护工作日历');
    }
    expect((await test.request('GET', '/api/admin/time-limits')).status).toBe(401);
  });

  it('moves the next due date after an admin edit', async () => {
    const saved = await test.request('PUT', '/api/admin/calendar/2026-10-12', { token: admin, body: { kind: 'holiday', name: ' 县庆 ' } });
    const { deadlines: withHoliday } = await dispatchCase(test.platform.db, BEFORE_NATIONAL_DAY);
    const removed = await test.request('DELETE', '/api/admin/calendar/2026-10-12', { token: admin });
    const { deadlines: without } = await dispatchCase(test.platform.db, BEFORE_NATIONAL_DAY);

    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ date: '2026-10-12', kind: 'holiday', name: '县庆' });
    expect(stageOf(withHoliday, 'complete').dueAt).toBe('2026-10-21T15:59:59.000Z');
    expect(removed.status).toBe(204);
    expect(stageOf(without, 'complete').dueAt).toBe('2026-10-20T15:59:59.000Z');
  });

  it('rejects invalid calendar days in Chinese', async () => {
    const weekdayWorkday = await test.request('PUT', '/api/admin/calendar/2026-10-14', { token: admin, body: { kind: 'workday', name: '调休' } });
    const badDate = await test.request('PUT', '/api/admin/calendar/2026-02-30', { token: admin, body: { kind: 'holiday', name: '假日' } });
    const noName = await test.request('PUT', '/api/admin/calendar/2026-10-12', { token: admin, body: { kind: 'holiday', name: '' } });
    const badKind = await test.request('PUT', '/api/admin/calendar/2026-10-12', { token: admin, body: { kind: 'rest', name: '假日' } });
    const missing = await test.request('DELETE', '/api/admin/calendar/2026-03-03', { token: admin });

    expect(weekdayWorkday.status).toBe(400);
    expect(weekdayWorkday.body.error.fields).toEqual([{ field: 'date', message: '2026-10-14 是周一至周五，本就是工作日，调休上班日只能是周六或周日' }]);
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toContain('YYYY-MM-DD');
    expect(noName.status).toBe(400);
    expect(noName.body.error.fields[0].field).toBe('name');
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toContain('调休上班');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('replaces the days of a whole year', async () => {
    const days = [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-06', kind: 'workday', name: '春节调休上班' },
    ];

    const first = await test.request('PUT', '/api/admin/calendar/years/2027', { token: admin, body: { days } });
    const second = await test.request('PUT', '/api/admin/calendar/years/2027', { token: admin, body: { days: days.slice(0, 1) } });
    const listed = await test.request('GET', '/api/admin/calendar?year=2027', { token: admin });

    expect(first.status).toBe(200);
    expect(first.body.years).toContain(2027);
    expect(second.body.days).toHaveLength(1);
    expect(listed.body.days.map((day: { date: string }) => day.date)).toEqual(['2027-01-01']);
  });

  it('rejects a year with foreign or duplicate days', async () => {
    const outside = await test.request('PUT', '/api/admin/calendar/years/2027', { token: admin, body: { days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }] } });
    const duplicate = await test.request('PUT', '/api/admin/calendar/years/2027', {
      token: admin,
      body: { days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-01-01', kind: 'holiday', name: '元旦' }] },
    });

    expect(outside.status).toBe(400);
    expect(outside.body.error.fields).toEqual([{ field: 'days.0.date', message: '2028-01-01 不在 2027 年内' }]);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.fields[0].field).toBe('days.1.date');
  });

  it('stores time-limit settings and reads them back', async () => {
    const before = await test.request('GET', '/api/admin/time-limits', { token: admin });
    const settings = { ...DEFAULT_TIME_LIMIT_SETTINGS, byCategory: { E01: { complete: { amount: 7, unit: 'working-days' } } } };
    const saved = await test.request('PUT', '/api/admin/time-limits', { token: admin, body: settings });
    const after = await test.request('GET', '/api/admin/time-limits', { token: admin });
    await test.request('PUT', '/api/admin/time-limits', { token: admin, body: DEFAULT_TIME_LIMIT_SETTINGS });

    expect(before.body.isDefault).toBe(true);
    expect(saved.status).toBe(200);
    expect(after.body.isDefault).toBe(false);
    expect(after.body.settings.byCategory).toEqual({ E01: { complete: { amount: 7, unit: 'working-days' } } });
  });

  it('rejects invalid time-limit settings in Chinese', async () => {
    const tooLong = { ...DEFAULT_TIME_LIMIT_SETTINGS, byKind: { ...DEFAULT_TIME_LIMIT_SETTINGS.byKind, help: { ...DEFAULT_TIME_LIMIT_SETTINGS.byKind.help, complete: { amount: 400, unit: 'working-days' } } } };
    const unknownCategory = { ...DEFAULT_TIME_LIMIT_SETTINGS, byCategory: { Z99: { sign: { amount: 1, unit: 'working-days' } } } };

    const long = await test.request('PUT', '/api/admin/time-limits', { token: admin, body: tooLong });
    const unknown = await test.request('PUT', '/api/admin/time-limits', { token: admin, body: unknownCategory });
    const empty = await test.request('PUT', '/api/admin/time-limits', { token: admin, body: {} });

    expect(long.status).toBe(400);
    expect(long.body.error.fields).toEqual([{ field: 'byKind.help.complete', message: '时限过长：最多 250 个工作日或 200 个工作小时' }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('诉求分类代码“Z99”不存在');
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('各类诉求的时限为必填项');
  });
});
