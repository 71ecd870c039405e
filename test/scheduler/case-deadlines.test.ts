import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelCaseDeadlines,
  deleteCalendarDay,
  extendCaseDeadlines,
  getCaseDueDates,
  markStageMet,
  restartCaseStage,
  saveCalendarDay,
  saveTimeLimitSettings,
  seed,
  startCaseDeadlines,
} from '../../db';
import { runDeadlinePass } from '../../server/scheduler/deadline-pass';
import { DEFAULT_TIME_LIMIT_SETTINGS } from '../../server/workflow/time-limits';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../db/test-database';
import { BEFORE_NATIONAL_DAY, dispatchCase, stageOf } from './support';

describe.each(DIALECTS)('case deadlines on %s', (dialect) => {
  let test: TestDatabase;
  let adminId: number;

  beforeAll(async () => {
    test = await openTestDatabase(dialect, { migrated: true });
    await seed(test.db, { demo: true });
    adminId = (await test.db.models.User.findOne({ where: { username: 'admin' } }))!.id;
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('seeds the calendar from the published arrangements', async () => {
    const nationalDay = await test.db.models.CalendarDay.findByPk('2026-10-01');
    const makeUpDay = await test.db.models.CalendarDay.findByPk('2026-10-10');

    expect(nationalDay?.kind).toBe('holiday');
    expect(nationalDay?.name).toBe('国庆节');
    expect(makeUpDay?.kind).toBe('workday');
  });

  it('counts due dates across National Day and its make-up Saturday', async () => {
    const { deadlines } = await dispatchCase(test.db, BEFORE_NATIONAL_DAY, 'complaint');

    // 1 to 7 October are holidays; Thursday 8 October is the first working day after 30 September.
    expect(stageOf(deadlines, 'sign').dueAt).toBe('2026-10-08T15:59:59.000Z');
    expect(stageOf(deadlines, 'first-contact').dueAt).toBe('2026-10-09T15:59:59.000Z');
    // Saturday 10 October is worked, so the tenth working day is Tuesday 20 October, not the 21st.
    expect(stageOf(deadlines, 'complete').dueAt).toBe('2026-10-20T15:59:59.000Z');
    expect(stageOf(deadlines, 'complete').limit).toEqual({ amount: 10, unit: 'working-days' });
  });

  it('counts a request for help in office hours', async () => {
    const { deadlines } = await dispatchCase(test.db, new Date('2026-09-30T09:00:00Z'), 'help');

    // 17:00 on 30 September leaves one office hour that day; three more follow on 8 October from 08:30.
    expect(stageOf(deadlines, 'sign').dueAt).toBe('2026-10-08T03:30:00.000Z');
    expect(stageOf(deadlines, 'sign').limit).toEqual({ amount: 4, unit: 'working-hours' });
  });

  it('starts the warning on the due day by default', async () => {
    const { deadlines } = await dispatchCase(test.db, BEFORE_NATIONAL_DAY, 'complaint');
    const complete = stageOf(deadlines, 'complete');

    // The limit runs 10 working days and 14 hours from 10:00 on 30 September. Its last quarter,
    // about 2.65 working days and more than the 1-day minimum, starts at 08:30 on Friday 16 October.
    expect(complete.warnAt).toBe('2026-10-16T00:30:00.000Z');
    expect(complete.level).toBe('normal');
  });

  it('keeps a Saturday dispatch normal', async () => {
    // 10:00 on Saturday 7 November 2026. The 1-working-day sign-for limit runs through Monday 9 November.
    const saturday = new Date('2026-11-07T02:00:00Z');
    const { caseId, deadlines } = await dispatchCase(test.db, saturday, 'complaint');
    const sign = stageOf(deadlines, 'sign');

    expect(sign.dueAt).toBe('2026-11-09T15:59:59.000Z');
    expect(sign.level).toBe('normal');
    expect(new Date(sign.warnAt).getTime()).toBeGreaterThan(new Date('2026-11-09T00:00:00Z').getTime());

    const mondayMorning = await getCaseDueDates(test.db, caseId, { now: new Date('2026-11-09T01:00:00Z') });
    expect(mondayMorning.dueDates.sign?.level).toBe('normal');
    expect(mondayMorning.deadlineLevel).toBe('normal');

    const mondayNight = await getCaseDueDates(test.db, caseId, { now: new Date('2026-11-09T13:00:00Z') });
    expect(mondayNight.dueDates.sign?.level).toBe('yellow');
  });

  it('applies category limits from the site settings', async () => {
    const category = await test.db.models.Category.findOne({ where: { parentId: null }, order: [['code', 'ASC']] });
    await saveTimeLimitSettings(test.db, { ...DEFAULT_TIME_LIMIT_SETTINGS, byCategory: { [category!.code]: { complete: { amount: 3, unit: 'working-days' } } } }, adminId);

    const { deadlines } = await dispatchCase(test.db, BEFORE_NATIONAL_DAY, 'complaint', category!.id);
    await saveTimeLimitSettings(test.db, DEFAULT_TIME_LIMIT_SETTINGS, adminId);

    expect(stageOf(deadlines, 'complete').dueAt).toBe('2026-10-10T15:59:59.000Z');
    expect(stageOf(deadlines, 'sign').dueAt).toBe('2026-10-08T15:59:59.000Z');
  });

  it('uses calendar edits for clocks started afterwards', async () => {
    await saveCalendarDay(test.db, { date: '2026-10-12', kind: 'holiday', name: '县庆' }, adminId);
    const { deadlines } = await dispatchCase(test.db, BEFORE_NATIONAL_DAY, 'complaint');
    await deleteCalendarDay(test.db, '2026-10-12');

    expect(stageOf(deadlines, 'complete').dueAt).toBe('2026-10-21T15:59:59.000Z');
  });

  it('moves the completion due date by an extension', async () => {
    const { caseId } = await dispatchCase(test.db, BEFORE_NATIONAL_DAY, 'complaint');

    const extended = await extendCaseDeadlines(test.db, caseId, { amount: 5, unit: 'working-days' }, new Date('2026-10-12T02:00:00Z'));
    const { dueDates } = await getCaseDueDates(test.db, caseId, { now: new Date('2026-10-12T02:00:00Z') });

    expect(extended.dueAt).toBe('2026-10-27T15:59:59.000Z');
    expect(dueDates.complete?.dueAt).toBe('2026-10-27T15:59:59.000Z');
    expect(dueDates.sign?.dueAt).toBe('2026-10-08T15:59:59.000Z');
  });

  it('rejects an extension without a running completion clock', async () => {
    const { caseId } = await dispatchCase(test.db, BEFORE_NATIONAL_DAY, 'complaint');
    await markStageMet(test.db, caseId, 'complete', new Date('2026-10-09T02:00:00Z'));

    await expect(extendCaseDeadlines(test.db, caseId, { amount: 5, unit: 'working-days' }, new Date())).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('reports levels and the worst running level', async () => {
    const { caseId } = await dispatchCase(test.db, BEFORE_NATIONAL_DAY, 'complaint');
    await markStageMet(test.db, caseId, 'sign', new Date('2026-10-09T01:00:00Z'));

    const { dueDates, deadlineLevel } = await getCaseDueDates(test.db, caseId, { now: new Date('2026-10-09T17:00:00Z') });

    expect(dueDates.sign?.level).toBe('red');
    expect(dueDates.sign?.metAt).toBe('2026-10-09T01:00:00.000Z');
    expect(dueDates['first-contact']?.level).toBe('red');
    expect(dueDates.complete?.level).toBe('normal');
    expect(deadlineLevel).toBe('red');
  });

  it('restarts the clocks on a new dispatch', async () => {
    const { caseId } = await dispatchCase(test.db, BEFORE_NATIONAL_DAY, 'complaint');

    const restarted = await startCaseDeadlines(test.db, caseId, new Date('2026-10-12T02:00:00Z'));
    const rows = await test.db.models.CaseDeadline.findAll({ where: { caseId } });

    expect(stageOf(restarted, 'sign').dueAt).toBe('2026-10-13T15:59:59.000Z');
    expect(rows.filter((row) => row.cancelledAt !== null)).toHaveLength(3);
    expect(rows.filter((row) => row.cancelledAt === null)).toHaveLength(3);
  });

  it('restarts the completion clock for rework', async () => {
    const { caseId } = await dispatchCase(test.db, BEFORE_NATIONAL_DAY, 'complaint');
    for (const stage of ['sign', 'first-contact', 'complete'] as const) await markStageMet(test.db, caseId, stage, new Date('2026-10-08T02:00:00Z'));

    const rework = await restartCaseStage(test.db, caseId, 'complete', new Date('2026-10-14T02:00:00Z'));
    const { dueDates, deadlineLevel } = await getCaseDueDates(test.db, caseId, { now: new Date('2026-10-14T03:00:00Z') });

    expect(rework.dueAt).toBe('2026-10-28T15:59:59.000Z');
    expect(dueDates.complete?.id).toBe(rework.id);
    expect(dueDates.complete?.metAt).toBeNull();
    expect(deadlineLevel).toBe('normal');
  });

  it('cancels every running clock', async () => {
    const { caseId } = await dispatchCase(test.db, BEFORE_NATIONAL_DAY, 'complaint');

    const cancelled = await cancelCaseDeadlines(test.db, caseId, new Date('2026-10-08T02:00:00Z'));
    const { deadlineLevel } = await getCaseDueDates(test.db, caseId);

    expect(cancelled).toBe(3);
    expect(deadlineLevel).toBeNull();
  });

  it('takes part in the caller’s transaction', async () => {
    const { caseId } = await dispatchCase(test.db, BEFORE_NATIONAL_DAY, 'complaint');

    await expect(
      test.db.transaction(async (transaction) => {
        await markStageMet(test.db, caseId, 'sign', new Date('2026-10-08T02:00:00Z'), transaction);
        throw new Error('the workflow action failed');
      }),
    ).rejects.toThrow('the workflow action failed');
    const { dueDates } = await getCaseDueDates(test.db, caseId);

    expect(dueDates.sign?.metAt).toBeNull();
  });

  it('passes over a notice that already exists', async () => {
    const { caseId, deadlines, orgUnitId } = await dispatchCase(test.db, BEFORE_NATIONAL_DAY, 'complaint');
    const sign = stageOf(deadlines, 'sign');
    await test.db.models.SupervisionNotice.create({ caseId, deadlineId: sign.id, orgUnitId, stage: 'sign', dueAt: new Date(sign.dueAt), createdAt: new Date(sign.dueAt) });

    const result = await runDeadlinePass(test.db, new Date('2026-10-09T02:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    const notices = await test.db.models.SupervisionNotice.findAll({ where: { caseId, stage: 'sign' } });

    expect(result.levelChanges).toContainEqual(expect.objectContaining({ caseId, stage: 'sign', level: 'red' }));
    expect(result.notices.filter((notice) => notice.caseId === caseId && notice.stage === 'sign')).toEqual([]);
    expect(notices).toHaveLength(1);
  });

  it('rejects an unknown case', async () => {
    await expect(startCaseDeadlines(test.db, 999_999, new Date())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
