import { describe, expect, it } from 'vitest';
import { escalationCutoff } from '../../server/scheduler/escalation-cutoff';
import { warningStartsAt } from '../../server/scheduler/warning-start';
import { CN_CALENDAR_OVERRIDES } from '../../server/workflow/holidays-cn';
import { DEFAULT_WARNING } from '../../server/workflow/time-limits';
import { WorkingCalendar, type RunningDeadline } from '../../server/workflow/working-calendar';

const calendar = new WorkingCalendar(CN_CALENDAR_OVERRIDES);
const SECOND = 1000;

describe('warning start', () => {
  const cases: { name: string; deadline: RunningDeadline }[] = [
    {
      name: '10 working days across National Day',
      deadline: { startedAt: new Date('2026-09-30T02:00:00Z'), dueAt: calendar.addWorkingDays(new Date('2026-09-30T02:00:00Z'), 10), unit: 'working-days' },
    },
    {
      name: '4 office hours over a weekend',
      deadline: { startedAt: new Date('2026-11-06T09:00:00Z'), dueAt: calendar.addWorkingHours(new Date('2026-11-06T09:00:00Z'), 4), unit: 'working-hours' },
    },
    {
      name: '15 working days over Spring Festival',
      deadline: { startedAt: new Date('2026-02-10T01:00:00Z'), dueAt: calendar.addWorkingDays(new Date('2026-02-10T01:00:00Z'), 15), unit: 'working-days' },
    },
  ];

  it.each(cases)('agrees with deadlineStatus for $name', ({ deadline }) => {
    const warnAt = warningStartsAt(calendar, deadline, DEFAULT_WARNING);

    expect(warnAt.getTime() % SECOND).toBe(0);
    expect(calendar.deadlineStatus(deadline, warnAt, DEFAULT_WARNING).level).toBe('yellow');
    expect(calendar.deadlineStatus(deadline, new Date(warnAt.getTime() - SECOND), DEFAULT_WARNING).level).toBe('normal');
  });

  it('ignores a fixed warning covering the whole limit', () => {
    const startedAt = new Date('2026-11-04T02:00:00Z');
    const deadline: RunningDeadline = { startedAt, dueAt: calendar.addWorkingDays(startedAt, 1), unit: 'working-days' };
    const threshold = { fraction: 0.25, workingDays: 2 };
    const warnAt = warningStartsAt(calendar, deadline, threshold);

    expect(warnAt.getTime()).toBeGreaterThan(startedAt.getTime());
    expect(calendar.deadlineStatus(deadline, startedAt, threshold).level).toBe('normal');
    expect(calendar.deadlineStatus(deadline, warnAt, threshold).level).toBe('yellow');
  });

  it('keeps a 1-day limit from Saturday normal', () => {
    const saturday = new Date('2026-11-07T02:00:00Z');
    const deadline: RunningDeadline = { startedAt: saturday, dueAt: calendar.addWorkingDays(saturday, 1), unit: 'working-days' };
    const warnAt = warningStartsAt(calendar, deadline, DEFAULT_WARNING);

    expect(calendar.deadlineStatus(deadline, saturday, DEFAULT_WARNING).level).toBe('normal');
    // The last quarter of Monday 9 November, the only working day of the limit, is yellow.
    expect(warnAt.getTime()).toBeGreaterThan(new Date('2026-11-09T09:00:00Z').getTime());
    expect(calendar.deadlineStatus(deadline, warnAt, DEFAULT_WARNING).level).toBe('yellow');
  });

  it('starts at once when the whole limit is the warning share', () => {
    const startedAt = new Date('2026-11-04T02:00:00Z');
    const deadline: RunningDeadline = { startedAt, dueAt: calendar.addWorkingDays(startedAt, 1), unit: 'working-days' };

    expect(warningStartsAt(calendar, deadline, { fraction: 1 })).toEqual(startedAt);
  });

  it('never starts after the due date', () => {
    const startedAt = new Date('2026-11-04T02:00:00Z');
    const deadline: RunningDeadline = { startedAt, dueAt: calendar.addWorkingDays(startedAt, 3), unit: 'working-days' };

    expect(warningStartsAt(calendar, deadline, { fraction: 0 }).getTime()).toBeLessThanOrEqual(deadline.dueAt.getTime());
  });
});

describe('escalation cutoff', () => {
  it('escalates two working days after an ordinary due date', () => {
    // Due Monday 2 November; the second working day after it ends at 24:00 on Wednesday 4 November.
    const onWednesday = escalationCutoff(calendar, new Date('2026-11-04T10:00:00Z'), 2);
    const onThursday = escalationCutoff(calendar, new Date('2026-11-04T16:00:01Z'), 2);

    expect(onWednesday).toEqual(new Date('2026-11-01T16:00:00Z'));
    expect(onThursday).toEqual(new Date('2026-11-02T16:00:00Z'));
  });

  it('skips National Day and counts its make-up Saturday', () => {
    // Due 30 September; the working days after it are 8 and 9 October, so it escalates on the 10th.
    const beforeHoliday = new Date('2026-09-30T15:59:59Z');
    const onNinth = escalationCutoff(calendar, new Date('2026-10-09T10:00:00Z'), 2);
    const onTenth = escalationCutoff(calendar, new Date('2026-10-09T16:00:01Z'), 2);

    expect(beforeHoliday.getTime()).toBeGreaterThanOrEqual(onNinth.getTime());
    expect(beforeHoliday.getTime()).toBeLessThan(onTenth.getTime());
  });

  it('moves with the limit', () => {
    const now = new Date('2026-11-13T10:00:00Z');

    expect(escalationCutoff(calendar, now, 5).getTime()).toBeLessThan(escalationCutoff(calendar, now, 1).getTime());
  });
});
