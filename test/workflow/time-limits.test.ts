import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors';
import { CN_CALENDAR_OVERRIDES } from '../../server/workflow/holidays-cn';
import {
  DEFAULT_KIND_LIMITS,
  DEFAULT_TIME_LIMIT_SETTINGS,
  addTimeLimit,
  computeDueDates,
  extendCaseDueDates,
  extendDueDate,
  parseTimeLimitSettings,
  resolveStageLimits,
  type TimeLimitSettings,
} from '../../server/workflow/time-limits';
import { WorkingCalendar } from '../../server/workflow/working-calendar';

function shanghai(wallClock: string): Date {
  const [day, time] = wallClock.split(' ');
  return new Date(`${day}T${time.length === 5 ? `${time}:00` : time}+08:00`);
}

const calendar = new WorkingCalendar(CN_CALENDAR_OVERRIDES);

const settings: TimeLimitSettings = {
  ...DEFAULT_TIME_LIMIT_SETTINGS,
  byCategory: {
    // Administrative approval: every matter of the category signs within 2 office hours.
    'approval': { sign: { amount: 2, unit: 'working-hours' } },
    // Its sub-category for business licences also completes within 3 working days.
    'approval.licence': { complete: { amount: 3, unit: 'working-days' } },
    // A deeper setting of the same stage wins over the parent's.
    'approval.licence.urgent': { sign: { amount: 1, unit: 'working-hours' } },
  },
};

describe('resolveStageLimits', () => {
  it('uses the kind defaults without a category', () => {
    const resolved = resolveStageLimits(settings, 'complaint');
    expect(resolved.limits).toEqual(DEFAULT_KIND_LIMITS.complaint);
    expect(resolved.sources).toEqual({ sign: 'kind', 'first-contact': 'kind', complete: 'kind' });
  });

  it('lets a category override one stage', () => {
    const resolved = resolveStageLimits(settings, 'complaint', ['approval']);
    expect(resolved.limits.sign).toEqual({ amount: 2, unit: 'working-hours' });
    expect(resolved.limits.complete).toEqual(DEFAULT_KIND_LIMITS.complaint.complete);
    expect(resolved.sources.sign).toBe('approval');
  });

  it('lets the deepest category win per stage', () => {
    const resolved = resolveStageLimits(settings, 'report', ['approval', 'approval.licence', 'approval.licence.urgent']);
    expect(resolved.limits.sign).toEqual({ amount: 1, unit: 'working-hours' });
    expect(resolved.limits.complete).toEqual({ amount: 3, unit: 'working-days' });
    expect(resolved.limits['first-contact']).toEqual(DEFAULT_KIND_LIMITS.report['first-contact']);
    expect(resolved.sources).toEqual({ sign: 'approval.licence.urgent', 'first-contact': 'kind', complete: 'approval.licence' });
  });

  it('ignores categories without settings', () => {
    expect(resolveStageLimits(settings, 'help', ['public-services']).limits).toEqual(DEFAULT_KIND_LIMITS.help);
  });

  it('does not change the settings', () => {
    resolveStageLimits(settings, 'complaint', ['approval']);
    expect(settings.byKind.complaint.sign).toEqual({ amount: 1, unit: 'working-days' });
  });
});

describe('computeDueDates', () => {
  it('puts a complaint dispatched before the Spring Festival due after it', () => {
    const dueDates = computeDueDates(calendar, DEFAULT_KIND_LIMITS.complaint, shanghai('2026-02-13 10:00'));
    // Sign within 1 working day: Saturday 14 Feb is worked.
    expect(dueDates.sign).toEqual(shanghai('2026-02-14 23:59:59'));
    // First contact within 2: 14 Feb and Tuesday 24 Feb.
    expect(dueDates['first-contact']).toEqual(shanghai('2026-02-24 23:59:59'));
    // Complete within 10: 14, 24 to 28 Feb (28 is worked), 2 to 5 Mar.
    expect(dueDates.complete).toEqual(shanghai('2026-03-05 23:59:59'));
  });

  it('counts a help request sign-for in office hours', () => {
    const dueDates = computeDueDates(calendar, DEFAULT_KIND_LIMITS.help, shanghai('2026-02-13 17:00'));
    expect(dueDates.sign).toEqual(shanghai('2026-02-14 11:30'));
  });

  it('counts a weekend dispatch from Monday', () => {
    const dueDates = computeDueDates(calendar, DEFAULT_KIND_LIMITS.consultation, shanghai('2026-03-07 10:00'));
    expect(dueDates.sign).toEqual(shanghai('2026-03-09 23:59:59'));
    expect(dueDates.complete).toEqual(shanghai('2026-03-11 23:59:59'));
  });

  it('dispatches through addTimeLimit by unit', () => {
    expect(addTimeLimit(calendar, shanghai('2026-03-09 09:00'), { amount: 2, unit: 'working-hours' })).toEqual(shanghai('2026-03-09 11:00'));
    expect(addTimeLimit(calendar, shanghai('2026-03-09 09:00'), { amount: 2, unit: 'working-days' })).toEqual(shanghai('2026-03-11 23:59:59'));
  });
});

describe('extensions', () => {
  it('moves a due date by working days from the old due date', () => {
    expect(extendDueDate(calendar, shanghai('2026-03-05 23:59:59'), { amount: 5, unit: 'working-days' })).toEqual(
      shanghai('2026-03-12 23:59:59'),
    );
  });

  it('moves a due date across National Day', () => {
    // 8 and 9 Oct are working days and Saturday 10 Oct is worked.
    expect(extendDueDate(calendar, shanghai('2026-09-30 23:59:59'), { amount: 3, unit: 'working-days' })).toEqual(
      shanghai('2026-10-10 23:59:59'),
    );
  });

  it('moves a due date in office hours', () => {
    expect(extendDueDate(calendar, shanghai('2026-03-09 12:00'), { amount: 1, unit: 'working-hours' })).toEqual(shanghai('2026-03-09 15:30'));
  });

  it('moves only the completion due date of a case', () => {
    const dueDates = computeDueDates(calendar, DEFAULT_KIND_LIMITS.complaint, shanghai('2026-02-13 10:00'));
    const extended = extendCaseDueDates(calendar, dueDates, { amount: 5, unit: 'working-days' });
    expect(extended.sign).toEqual(dueDates.sign);
    expect(extended['first-contact']).toEqual(dueDates['first-contact']);
    expect(extended.complete).toEqual(shanghai('2026-03-12 23:59:59'));
  });

  it('turns a red case normal again when the extension is long enough', () => {
    const startedAt = shanghai('2026-03-02 09:00');
    const dueAt = calendar.addWorkingDays(startedAt, 3);
    const now = shanghai('2026-03-06 10:00');
    expect(calendar.deadlineStatus({ startedAt, dueAt, unit: 'working-days' }, now, settings.warning).level).toBe('red');

    const extendedDue = extendDueDate(calendar, dueAt, { amount: 10, unit: 'working-days' });
    expect(calendar.deadlineStatus({ startedAt, dueAt: extendedDue, unit: 'working-days' }, now, settings.warning).level).toBe('normal');
  });
});

describe('parseTimeLimitSettings', () => {
  function problemsOf(input: unknown) {
    try {
      parseTimeLimitSettings(input);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('VALIDATION_FAILED');
      return (error as AppError).fields;
    }
    throw new Error('expected the settings to be rejected');
  }

  it('accepts the defaults and category overrides', () => {
    expect(parseTimeLimitSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings);
  });

  it('rejects a zero limit with the field path', () => {
    const input = structuredClone(settings) as unknown as { byKind: { help: { sign: { amount: number } } } };
    input.byKind.help.sign.amount = 0;
    expect(problemsOf(input)).toEqual([{ field: 'byKind.help.sign.amount', message: '时限必须大于 0' }]);
  });

  it('rejects an unknown unit, a typo-sized limit and a fraction above 1', () => {
    const input = structuredClone(settings) as unknown as Record<string, any>;
    input.byKind.report.complete = { amount: 15, unit: 'days' };
    input.byKind.complaint.complete = { amount: 900, unit: 'working-days' };
    input.warning.fraction = 2;
    const fields = problemsOf(input).map((problem) => problem.field);
    expect(fields).toContain('byKind.report.complete.unit');
    expect(fields).toContain('byKind.complaint.complete');
    expect(fields).toContain('warning.fraction');
  });

  it('rejects settings without a kind', () => {
    const input = structuredClone(settings) as unknown as Record<string, any>;
    delete input.byKind.suggestion;
    expect(problemsOf(input).map((problem) => problem.field)).toEqual(['byKind.suggestion']);
  });
});
