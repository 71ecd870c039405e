import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors';
import { CN_CALENDAR_OVERRIDES, CN_HOLIDAY_NOTICES } from '../../server/workflow/holidays-cn';
import { WorkingCalendar, shanghaiDay, startOfShanghaiDay, type CalendarOverride } from '../../server/workflow/working-calendar';

/** Parses Asia/Shanghai wall-clock time, `YYYY-MM-DD HH:MM[:SS]`, into an instant. */
function shanghai(wallClock: string): Date {
  const [day, time] = wallClock.split(' ');
  return new Date(`${day}T${time.length === 5 ? `${time}:00` : time}+08:00`);
}

const HOUR = 3_600_000;
const calendar = new WorkingCalendar(CN_CALENDAR_OVERRIDES);

describe('working days of the seeded calendar', () => {
  it.each([
    ['2026-02-13', true, 'Friday before the Spring Festival'],
    ['2026-02-14', true, 'Saturday worked for the Spring Festival'],
    ['2026-02-15', false, 'first day of the Spring Festival'],
    ['2026-02-18', false, 'Wednesday inside the Spring Festival'],
    ['2026-02-23', false, 'Monday, last day of the Spring Festival'],
    ['2026-02-24', true, 'Tuesday after the Spring Festival'],
    ['2026-02-28', true, 'second Saturday worked for the Spring Festival'],
    ['2026-03-01', false, 'plain Sunday'],
    ['2026-03-07', false, 'plain Saturday'],
    ['2026-03-04', true, 'plain Wednesday'],
    ['2026-09-20', true, 'Sunday worked for National Day'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-10', true, 'Saturday worked for National Day'],
    ['2025-10-08', false, 'last day of the 2025 National Day and Mid-Autumn break'],
    ['2025-10-11', true, 'Saturday worked in 2025'],
    ['2024-02-18', true, 'Sunday worked in 2024'],
  ])('%s is working day: %s (%s)', (day, expected) => {
    expect(calendar.isWorkingDay(day)).toBe(expected);
  });

  it('reads an instant as its day in Shanghai', () => {
    // 2026-03-06 00:30 in Shanghai is still Thursday 2026-03-05 in UTC.
    expect(shanghaiDay(shanghai('2026-03-06 00:30'))).toBe('2026-03-06');
    expect(calendar.isWorkingDay(shanghai('2026-03-07 00:30'))).toBe(false);
    expect(startOfShanghaiDay('2026-03-06').toISOString()).toBe('2026-03-05T16:00:00.000Z');
  });

  it('names the override of a day', () => {
    expect(calendar.overrideOf('2026-02-14')).toEqual({ date: '2026-02-14', kind: 'workday', name: '春节调休上班' });
    expect(calendar.overrideOf('2026-02-16')?.name).toBe('春节');
    expect(calendar.overrideOf('2026-03-04')).toBeUndefined();
  });

  it('lists the years it covers', () => {
    expect(calendar.yearsCovered()).toEqual([2024, 2025, 2026]);
  });
});

describe('addWorkingDays', () => {
  it('crosses the Spring Festival and both make-up Saturdays', () => {
    // Fri 13 Feb is the start day and does not count. Sat 14 (worked) is day 1, the break runs
    // from 15 to 23 Feb, then Tue 24 to Fri 27 are days 2 to 5.
    const due = calendar.addWorkingDays(shanghai('2026-02-13 10:00'), 5);
    expect(due.toISOString()).toBe(shanghai('2026-02-27 23:59:59').toISOString());
  });

  it('counts the make-up Saturday after the break', () => {
    // Sat 28 Feb is worked, Sun 1 Mar is not.
    expect(calendar.addWorkingDays(shanghai('2026-02-27 16:00'), 3)).toEqual(shanghai('2026-03-03 23:59:59'));
  });

  it('crosses National Day onto a make-up Saturday', () => {
    expect(calendar.addWorkingDays(shanghai('2026-09-29 09:00'), 3)).toEqual(shanghai('2026-10-09 23:59:59'));
    expect(calendar.addWorkingDays(shanghai('2026-09-29 09:00'), 4)).toEqual(shanghai('2026-10-10 23:59:59'));
  });

  it('skips a plain weekend', () => {
    expect(calendar.addWorkingDays(shanghai('2026-03-06 14:00'), 1)).toEqual(shanghai('2026-03-09 23:59:59'));
  });

  it('starts counting after a weekend start day', () => {
    expect(calendar.addWorkingDays(shanghai('2026-03-07 11:00'), 5)).toEqual(shanghai('2026-03-13 23:59:59'));
  });

  it('uses the Shanghai day around midnight', () => {
    // 23:30 on Thursday in Shanghai: day 1 is Friday.
    expect(calendar.addWorkingDays(shanghai('2026-03-05 23:30'), 1)).toEqual(shanghai('2026-03-06 23:59:59'));
    // 00:30 on Friday in Shanghai is Thursday in UTC: day 1 is still Monday.
    expect(calendar.addWorkingDays(shanghai('2026-03-06 00:30'), 1)).toEqual(shanghai('2026-03-09 23:59:59'));
  });

  it('returns whole seconds', () => {
    expect(calendar.addWorkingDays(new Date(Date.parse('2026-03-02T09:15:42.123+08:00')), 2).getMilliseconds()).toBe(0);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects %s working days', (days) => {
    expect(() => calendar.addWorkingDays(shanghai('2026-03-02 09:00'), days)).toThrow(RangeError);
  });

  it('rejects an invalid start', () => {
    expect(() => calendar.addWorkingDays(new Date('not a date'), 1)).toThrow(RangeError);
  });
});

describe('addWorkingHours', () => {
  it('starts the clock at the next office period', () => {
    expect(calendar.addWorkingHours(shanghai('2026-03-06 20:00'), 2)).toEqual(shanghai('2026-03-09 10:30'));
  });

  it('skips the lunch break', () => {
    expect(calendar.addWorkingHours(shanghai('2026-03-09 11:00'), 2)).toEqual(shanghai('2026-03-09 15:30'));
  });

  it('ends at the end of a period', () => {
    expect(calendar.addWorkingHours(shanghai('2026-03-09 10:00'), 2)).toEqual(shanghai('2026-03-09 12:00'));
  });

  it('works on a make-up Saturday before a holiday', () => {
    // One hour on Friday 13 Feb, then three on Saturday 14 Feb, which is worked.
    expect(calendar.addWorkingHours(shanghai('2026-02-13 17:00'), 4)).toEqual(shanghai('2026-02-14 11:30'));
  });

  it('resumes after the whole Spring Festival', () => {
    expect(calendar.addWorkingHours(shanghai('2026-02-14 17:00'), 2)).toEqual(shanghai('2026-02-24 09:30'));
  });

  it('counts fractions of an hour', () => {
    expect(calendar.addWorkingHours(shanghai('2026-03-09 09:00'), 0.5)).toEqual(shanghai('2026-03-09 09:30'));
  });

  it('follows site office hours', () => {
    const site = new WorkingCalendar([], { officeHours: [{ start: '09:00', end: '17:00' }] });
    expect(site.addWorkingHours(shanghai('2026-03-06 16:00'), 2)).toEqual(shanghai('2026-03-09 10:00'));
  });

  it.each([0, -2, Number.POSITIVE_INFINITY])('rejects %s working hours', (hours) => {
    expect(() => calendar.addWorkingHours(shanghai('2026-03-02 09:00'), hours)).toThrow(RangeError);
  });

  it.each([
    [[{ start: '12:00', end: '08:00' }], 'a period that ends before it starts'],
    [[{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }], 'overlapping periods'],
    [[{ start: '8h', end: '12:00' }], 'a malformed time'],
    [[], 'no period'],
  ])('rejects office hours with %j (%s)', (officeHours) => {
    expect(() => new WorkingCalendar([], { officeHours })).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the days after the first up to the last', () => {
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-27')).toBe(5);
  });

  it('is negative backwards and zero on the same day', () => {
    expect(calendar.workingDaysBetween('2026-02-27', '2026-02-13')).toBe(-5);
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-13')).toBe(0);
  });

  it('agrees with addWorkingDays', () => {
    const start = shanghai('2026-09-18 15:00');
    for (const days of [1, 2, 5, 10, 15]) {
      expect(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, days))).toBe(days);
    }
  });

  it('rejects a malformed day', () => {
    expect(() => calendar.workingDaysBetween('2026-2-3', '2026-02-13')).toThrow(RangeError);
    expect(() => calendar.workingDaysBetween('2026-02-30', '2026-03-13')).toThrow(RangeError);
  });
});

describe('workingTimeBetween', () => {
  it('counts whole working days in working-days mode', () => {
    expect(calendar.workingTimeBetween(shanghai('2026-03-06 12:00'), shanghai('2026-03-09 12:00'), 'working-days')).toBe(24 * HOUR);
  });

  it('counts office hours in working-hours mode', () => {
    expect(calendar.workingTimeBetween(shanghai('2026-03-06 12:00'), shanghai('2026-03-09 12:00'), 'working-hours')).toBe(7 * HOUR);
  });

  it('is zero across a holiday and negative backwards', () => {
    expect(calendar.workingTimeBetween(shanghai('2026-02-15 00:00'), shanghai('2026-02-24 00:00'), 'working-days')).toBe(0);
    expect(calendar.workingTimeBetween(shanghai('2026-03-09 12:00'), shanghai('2026-03-06 12:00'), 'working-hours')).toBe(-7 * HOUR);
  });
});

describe('deadlineStatus', () => {
  // Five working days from Monday 09:00: due at the end of the next Monday.
  const startedAt = shanghai('2026-03-02 09:00');
  const fiveDays = { startedAt, dueAt: calendar.addWorkingDays(startedAt, 5), unit: 'working-days' as const };
  const threshold = { fraction: 0.25, workingDays: 1, workingHours: 1 };

  it('is normal early on', () => {
    const status = calendar.deadlineStatus(fiveDays, shanghai('2026-03-06 10:00'), threshold);
    expect(status.level).toBe('normal');
    expect(status.remainingMs).toBe(38 * HOUR - 1000);
  });

  it('turns yellow in the last quarter', () => {
    // 28 hours of working time remain out of 135, less than a quarter.
    expect(calendar.deadlineStatus(fiveDays, shanghai('2026-03-06 20:00'), threshold).level).toBe('yellow');
  });

  it('turns yellow on the due day by the day rule alone', () => {
    const daysOnly = { fraction: 0, workingDays: 1 };
    expect(calendar.deadlineStatus(fiveDays, shanghai('2026-03-06 20:00'), daysOnly).level).toBe('normal');
    expect(calendar.deadlineStatus(fiveDays, shanghai('2026-03-09 00:00'), daysOnly).level).toBe('yellow');
  });

  it('stays yellow at the due second and turns red after it', () => {
    expect(calendar.deadlineStatus(fiveDays, fiveDays.dueAt, threshold).level).toBe('yellow');
    const overdue = calendar.deadlineStatus(fiveDays, shanghai('2026-03-10 09:00'), threshold);
    expect(overdue.level).toBe('red');
    expect(overdue.remainingMs).toBeLessThan(0);
  });

  it('measures a limit in hours in office hours', () => {
    const signStart = shanghai('2026-03-09 09:00');
    const fourHours = { startedAt: signStart, dueAt: calendar.addWorkingHours(signStart, 4), unit: 'working-hours' as const };
    expect(fourHours.dueAt).toEqual(shanghai('2026-03-09 15:30'));
    expect(calendar.deadlineStatus(fourHours, shanghai('2026-03-09 11:00'), threshold).level).toBe('normal');
    expect(calendar.deadlineStatus(fourHours, shanghai('2026-03-09 13:00'), threshold).level).toBe('yellow');
    expect(calendar.deadlineStatus(fourHours, shanghai('2026-03-09 15:31'), threshold).level).toBe('red');
    expect(calendar.deadlineStatus(fourHours, shanghai('2026-03-09 11:00'), threshold).totalMs).toBe(4 * HOUR);
  });
});

describe('calendar overrides', () => {
  function problemsOf(overrides: CalendarOverride[]) {
    try {
      new WorkingCalendar(overrides);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).fields;
    }
    throw new Error('expected the overrides to be rejected');
  }

  it('rejects a malformed date', () => {
    expect(problemsOf([{ date: '2026/02/15', kind: 'holiday', name: '春节' }])).toEqual([
      { field: 'overrides.0.date', message: '日期“2026/02/15”无效，应为 YYYY-MM-DD 格式' },
    ]);
  });

  it('rejects a make-up working day on a weekday', () => {
    expect(problemsOf([{ date: '2026-02-16', kind: 'workday', name: '春节调休上班' }])[0].message).toBe(
      '2026-02-16 是周一至周五，本就是工作日，调休上班日只能是周六或周日',
    );
  });

  it('rejects a duplicate day, an unknown kind and a blank name', () => {
    const problems = problemsOf([
      { date: '2026-02-15', kind: 'holiday', name: '春节' },
      { date: '2026-02-15', kind: 'workday', name: '春节调休上班' },
      { date: '2026-02-16', kind: 'rest' as 'holiday', name: ' ' },
    ]);
    expect(problems.map((problem) => problem.field)).toEqual(['overrides.1.date', 'overrides.2.kind', 'overrides.2.name']);
  });

  it('rejects a calendar without a working day for ten years', () => {
    const holidays: CalendarOverride[] = [];
    for (let day = new Date('2030-01-01T00:00:00Z'); day.getUTCFullYear() < 2041; day.setUTCDate(day.getUTCDate() + 1)) {
      holidays.push({ date: day.toISOString().slice(0, 10), kind: 'holiday', name: '测试' });
    }
    const closed = new WorkingCalendar(holidays);
    expect(() => closed.addWorkingDays(shanghai('2030-01-01 09:00'), 1)).toThrow(/no working day/);
    expect(() => closed.addWorkingHours(shanghai('2030-01-01 09:00'), 1)).toThrow(/no office hours/);
  });
});

describe('seeded holiday notices', () => {
  it('names the notice of each year', () => {
    for (const notice of CN_HOLIDAY_NOTICES) {
      expect(notice.title).toBe(`国务院办公厅关于${notice.year}年部分节假日安排的通知`);
      expect(notice.issuedOn < `${notice.year}-01-01`).toBe(true);
    }
  });

  it.each([
    [2024, 28, 8],
    [2025, 28, 5],
    [2026, 33, 6],
  ])('has the holidays and make-up days of %i', (year, holidays, workdays) => {
    const ofYear = CN_CALENDAR_OVERRIDES.filter((override) => override.date.startsWith(`${year}-`));
    expect(ofYear.filter((override) => override.kind === 'holiday')).toHaveLength(holidays);
    expect(ofYear.filter((override) => override.kind === 'workday')).toHaveLength(workdays);
  });

  it('leaves out years it cannot confirm', () => {
    expect(CN_CALENDAR_OVERRIDES.some((override) => override.date.startsWith('2027-'))).toBe(false);
  });
});
