import { afterAll, describe, expect, it } from 'vitest';
import { CN_CALENDAR_OVERRIDES } from '../../server/workflow/holidays-cn';
import { DEFAULT_TIME_LIMIT_SETTINGS, computeDueDates, resolveStageLimits } from '../../server/workflow/time-limits';
import { WorkingCalendar } from '../../server/workflow/working-calendar';

const originalZone = process.env.TZ;
afterAll(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

/** Due dates of a help request dispatched late on the Friday before the 2026 Spring Festival. */
function dueDatesOfHelpRequest() {
  const calendar = new WorkingCalendar(CN_CALENDAR_OVERRIDES);
  const { limits } = resolveStageLimits(DEFAULT_TIME_LIMIT_SETTINGS, 'help');
  const dueDates = computeDueDates(calendar, limits, new Date('2026-02-13T23:30:00+08:00'));
  return {
    sign: dueDates.sign.toISOString(),
    firstContact: dueDates['first-contact'].toISOString(),
    complete: dueDates.complete.toISOString(),
    fridayIsWorking: calendar.isWorkingDay(new Date('2026-02-13T23:30:00+08:00')),
    sundayIsWorking: calendar.isWorkingDay(new Date('2026-03-01T00:30:00+08:00')),
  };
}

describe('due dates whatever the server time zone', () => {
  // Each zone puts 23:30 in Shanghai on another local day or hour: UTC on Friday afternoon,
  // Los Angeles (with daylight saving time in March) on Friday morning, Kiritimati (UTC+14) on Saturday.
  it.each([
    ['UTC', 0],
    ['America/Los_Angeles', 480],
    ['Pacific/Kiritimati', -840],
    ['Asia/Shanghai', -480],
  ])('computes the same dates in %s', (zone, februaryOffsetMinutes) => {
    process.env.TZ = zone;
    expect(new Date('2026-02-13T12:00:00Z').getTimezoneOffset()).toBe(februaryOffsetMinutes);

    expect(dueDatesOfHelpRequest()).toEqual({
      // 4 office hours from Friday 23:30: Saturday 14 Feb is worked, 08:30 to 12:00 then 14:30 to 15:00.
      sign: '2026-02-14T07:00:00.000Z',
      // 1 working day: Saturday 14 Feb, ending at 23:59:59 Shanghai time.
      firstContact: '2026-02-14T15:59:59.000Z',
      // 5 working days: 14 Feb, then 24 to 27 Feb after the break.
      complete: '2026-02-27T15:59:59.000Z',
      fridayIsWorking: true,
      sundayIsWorking: false,
    });
  });
});
