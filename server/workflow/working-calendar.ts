/**
 * The working-day calendar of mainland China that case time limits run on.
 *
 * Saturdays and Sundays are rest days unless an override lists them as make-up working days
 * (调休上班); listed public holidays are rest days. Every date is taken in China Standard Time
 * (Asia/Shanghai, UTC+8 all year, no daylight saving time), computed from the fixed offset, so the
 * results never depend on the time zone of the machine.
 */
import { validationFailed, type FieldProblem } from '../errors';

/** One admin-maintained day that differs from the plain Monday-to-Friday week. */
export interface CalendarOverride {
  /** Day in Asia/Shanghai, `YYYY-MM-DD`. */
  date: string;
  /** `holiday`: a rest day. `workday`: a Saturday or Sunday worked in exchange for a holiday. */
  kind: 'holiday' | 'workday';
  /** Name shown to admins, such as 春节 or 春节调休上班. */
  name: string;
}

/** Unit a time limit is counted in. */
export type WorkingTimeUnit = 'working-days' | 'working-hours';

/** Office period of a working day, as `HH:MM` in Asia/Shanghai. The `end` minute is not part of it. */
export interface OfficePeriod {
  start: string;
  end: string;
}

/**
 * Office hours that limits in working hours count. A default to be set per site, because each
 * county fixes its own office hours (often with a summer and a winter timetable).
 */
export const DEFAULT_OFFICE_HOURS: readonly OfficePeriod[] = [
  { start: '08:30', end: '12:00' },
  { start: '14:30', end: '18:00' },
];

export type DeadlineLevel = 'normal' | 'yellow' | 'red';
export const DEADLINE_LEVEL_LABELS: Record<DeadlineLevel, string> = {
  normal: '正常',
  yellow: '即将超期',
  red: '已超期',
};

/** Yellow-warning rule of a running limit. The limit turns yellow as soon as one condition is met. */
export interface WarningThreshold {
  /** Yellow once the remaining working time is at most this share (0 to 1) of the whole limit. */
  fraction: number;
  /** Yellow once at most this many working days remain of a limit counted in working days. */
  workingDays?: number;
  /** Yellow once at most this many office hours remain of a limit counted in working hours. */
  workingHours?: number;
}

/**
 * Remaining working time, in milliseconds of the limit's unit, from which a limit of `totalMs`
 * is yellow: the larger of the threshold's share of the limit and its fixed amount. A fixed
 * amount that covers the whole limit (1 working day left of a 1-working-day limit) is ignored,
 * so a clock that has its full working time ahead starts normal unless the share is 1.
 */
export function warningWindowMs(totalMs: number, unit: WorkingTimeUnit, threshold: WarningThreshold): number {
  const amount = unit === 'working-days' ? threshold.workingDays : threshold.workingHours;
  const unitMs = unit === 'working-days' ? DAY_MS : 60 * MINUTE_MS;
  const fixedMs = amount === undefined ? 0 : amount * unitMs;
  return Math.max(threshold.fraction * totalMs, fixedMs < totalMs ? fixedMs : 0);
}

/** A limit that is running: when its clock started, when it falls due and how it is counted. */
export interface RunningDeadline {
  startedAt: Date;
  dueAt: Date;
  unit: WorkingTimeUnit;
}

export interface DeadlineStatus {
  level: DeadlineLevel;
  /** Working time left in milliseconds, in the deadline's unit, and negative once overdue. */
  remainingMs: number;
  /** Working time from start to due in milliseconds, in the deadline's unit. */
  totalMs: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** China Standard Time is UTC+8 all year, without daylight saving time. */
const SHANGHAI_OFFSET_MS = 8 * 60 * MINUTE_MS;
/** Stop searching after ten years without a working day: the override table must be wrong then. */
const MAX_SEARCH_DAYS = 3660;

/** A `YYYY-MM-DD` day or an instant, which is read as its day in Asia/Shanghai. */
export type DayInput = string | Date;

/** Returns the Asia/Shanghai day (`YYYY-MM-DD`) that contains `instant`. */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Returns the instant at which `day` starts in Asia/Shanghai (00:00 +08:00). */
export function startOfShanghaiDay(day: string): Date {
  return new Date(dayNumber(day) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** True for a real calendar day written as `YYYY-MM-DD`. */
export function isDayString(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` string. */
function dayNumber(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

function dayFromNumber(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

function toDay(input: DayInput): string {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new RangeError('invalid Date');
    return shanghaiDay(input);
  }
  if (!isDayString(input)) throw new RangeError(`invalid day "${input}", expected YYYY-MM-DD`);
  return input;
}

function parseClock(value: string, field: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!(minutes <= 24 * 60)) throw new RangeError(`invalid ${field} "${value}", expected HH:MM`);
  return minutes;
}

function isWeekend(day: string): boolean {
  // 1970-01-01 was a Thursday, so (days + 4) % 7 is 0 on Sundays and 6 on Saturdays.
  const weekday = (((dayNumber(day) + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

/** Checks admin-entered overrides and returns one Chinese problem per invalid field. */
function checkOverrides(overrides: readonly CalendarOverride[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  overrides.forEach((override, index) => {
    const field = `overrides.${index}`;
    if (typeof override.date !== 'string' || !isDayString(override.date)) {
      problems.push({ field: `${field}.date`, message: `日期“${String(override.date)}”无效，应为 YYYY-MM-DD 格式` });
      return;
    }
    if (override.kind !== 'holiday' && override.kind !== 'workday') {
      problems.push({ field: `${field}.kind`, message: `${override.date} 的类型无效，应为放假（holiday）或调休上班（workday）` });
    }
    if (typeof override.name !== 'string' || override.name.trim() === '') {
      problems.push({ field: `${field}.name`, message: `${override.date} 缺少名称，例如“春节”或“春节调休上班”` });
    }
    if (override.kind === 'workday' && !isWeekend(override.date)) {
      problems.push({ field: `${field}.date`, message: `${override.date} 是周一至周五，本就是工作日，调休上班日只能是周六或周日` });
    }
    if (seen.has(override.date)) {
      problems.push({ field: `${field}.date`, message: `${override.date} 重复出现，每个日期只能设置一次` });
    }
    seen.add(override.date);
  });
  return problems;
}

/**
 * Working days and working hours of one site. Build it from the admin table of holidays and
 * make-up working days. It does not change afterwards, so build a new one after an edit.
 */
export class WorkingCalendar {
  private readonly overrides = new Map<string, CalendarOverride>();
  /** Office periods in minutes after midnight, sorted and not overlapping. */
  private readonly officePeriods: readonly { start: number; end: number }[];

  /**
   * Throws VALIDATION_FAILED (with one Chinese message per invalid field) for an invalid override, and
   * RangeError for invalid office hours, which come from configuration rather than from users.
   */
  constructor(overrides: readonly CalendarOverride[], options: { officeHours?: readonly OfficePeriod[] } = {}) {
    const problems = checkOverrides(overrides);
    if (problems.length > 0) throw validationFailed(problems);
    for (const override of overrides) this.overrides.set(override.date, { ...override, name: override.name.trim() });

    const periods = (options.officeHours ?? DEFAULT_OFFICE_HOURS).map((period) => ({
      start: parseClock(period.start, 'office hours start'),
      end: parseClock(period.end, 'office hours end'),
    }));
    periods.sort((a, b) => a.start - b.start);
    periods.forEach((period, index) => {
      if (period.end <= period.start) throw new RangeError('each office period must end after it starts');
      if (index > 0 && period.start < periods[index - 1].end) throw new RangeError('office periods must not overlap');
    });
    if (periods.length === 0) throw new RangeError('office hours need at least one period');
    this.officePeriods = periods;
  }

  isWorkingDay(day: DayInput): boolean {
    const key = toDay(day);
    const override = this.overrides.get(key);
    if (override) return override.kind === 'workday';
    return !isWeekend(key);
  }

  /** Returns the override of `day`, or undefined when it is a plain weekday or weekend day. */
  overrideOf(day: DayInput): CalendarOverride | undefined {
    return this.overrides.get(toDay(day));
  }

  /**
   * Returns the years that have at least one override, ascending. A year missing here counts only
   * weekends as rest days, so the admin screen should warn before such a year begins.
   */
  yearsCovered(): number[] {
    const years = new Set([...this.overrides.keys()].map((day) => Number(day.slice(0, 4))));
    return [...years].sort((a, b) => a - b);
  }

  /**
   * Returns the due moment of a limit of `days` working days that starts at `start`: the last
   * second (23:59:59 Asia/Shanghai) of the `days`-th working day after the day of `start`.
   * The start day never counts, even when it is a working day and the case came in at 08:00,
   * because the Civil Code counts a period in days from the next day (art. 201) and ends it at
   * 24:00 of its last day (art. 203). A case registered on a Saturday with a 5-day limit is due
   * at the end of Friday. The instant is whole seconds, so a MySQL DATETIME column stores it exactly.
   * Throws RangeError unless `days` is a positive integer.
   */
  addWorkingDays(start: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 1) throw new RangeError(`working days must be a positive integer, got ${days}`);

    let current = dayNumber(toDay(start));
    let counted = 0;
    for (let step = 0; counted < days; step += 1) {
      if (step > MAX_SEARCH_DAYS) throw new RangeError('no working day found within ten years; check the calendar overrides');
      current += 1;
      if (this.isWorkingDay(dayFromNumber(current))) counted += 1;
    }
    return new Date(startOfShanghaiDay(dayFromNumber(current + 1)).getTime() - 1000);
  }

  /**
   * Returns the moment at which `hours` office hours have passed after `start`. The clock runs only
   * inside office periods of working days: a case registered at 20:00 on Friday with a 2-hour
   * limit is due at 10:30 on Monday with the default office hours. A limit that ends exactly at the
   * end of a period is due then (12:00), not at the start of the next one.
   * Throws RangeError unless `hours` is positive; fractions are rounded to whole minutes.
   */
  addWorkingHours(start: Date, hours: number): Date {
    if (!Number.isFinite(hours) || hours <= 0) throw new RangeError(`working hours must be positive, got ${hours}`);

    let remainingMs = Math.max(1, Math.round(hours * 60)) * MINUTE_MS;
    let day = toDay(start);
    for (let step = 0; step <= MAX_SEARCH_DAYS; step += 1) {
      if (this.isWorkingDay(day)) {
        for (const [periodStart, periodEnd] of this.periodInstants(day)) {
          const from = Math.max(periodStart, start.getTime());
          if (from >= periodEnd) continue;
          if (periodEnd - from >= remainingMs) return new Date(from + remainingMs);
          remainingMs -= periodEnd - from;
        }
      }
      day = dayFromNumber(dayNumber(day) + 1);
    }
    throw new RangeError('no office hours found within ten years; check the calendar overrides');
  }

  /**
   * Counts the working days after `from` up to and including `to`, on the same rule as
   * addWorkingDays: workingDaysBetween(day of start, day of due) equals the limit in days.
   * Returns a negative count when `to` is before `from`, and 0 for the same day.
   */
  workingDaysBetween(from: DayInput, to: DayInput): number {
    const start = dayNumber(toDay(from));
    const end = dayNumber(toDay(to));
    const sign = end >= start ? 1 : -1;
    let count = 0;
    for (let current = Math.min(start, end) + 1; current <= Math.max(start, end); current += 1) {
      if (this.isWorkingDay(dayFromNumber(current))) count += 1;
    }
    return sign * count;
  }

  /**
   * Measures the working time between two instants in milliseconds: every moment of a working
   * day for `working-days`, office hours of working days for `working-hours`. Negative when `to`
   * is before `from`.
   */
  workingTimeBetween(from: Date, to: Date, unit: WorkingTimeUnit): number {
    if (to.getTime() < from.getTime()) return -this.workingTimeBetween(to, from, unit);

    let total = 0;
    const lastDay = dayNumber(shanghaiDay(to));
    for (let current = dayNumber(shanghaiDay(from)); current <= lastDay; current += 1) {
      const day = dayFromNumber(current);
      if (!this.isWorkingDay(day)) continue;

      const dayStart = startOfShanghaiDay(day).getTime();
      const windows = unit === 'working-days' ? [[dayStart, dayStart + DAY_MS]] : this.periodInstants(day);
      for (const [windowStart, windowEnd] of windows) {
        total += Math.max(0, Math.min(windowEnd, to.getTime()) - Math.max(windowStart, from.getTime()));
      }
    }
    return total;
  }

  /**
   * Rates a running limit at `now`: red once `now` is after `dueAt`, yellow once the remaining
   * working time reaches the threshold, normal before. Remaining and total time are measured in
   * the deadline's own unit, so a night or a weekend does not use up a limit in working hours.
   */
  deadlineStatus(deadline: RunningDeadline, now: Date, threshold: WarningThreshold): DeadlineStatus {
    const totalMs = this.workingTimeBetween(deadline.startedAt, deadline.dueAt, deadline.unit);
    const remainingMs = this.workingTimeBetween(now, deadline.dueAt, deadline.unit);
    if (now.getTime() > deadline.dueAt.getTime()) return { level: 'red', remainingMs, totalMs };

    const yellow = remainingMs <= warningWindowMs(totalMs, deadline.unit, threshold);
    return { level: yellow ? 'yellow' : 'normal', remainingMs, totalMs };
  }

  /** Office periods of `day` as [start, end) instants in epoch milliseconds. */
  private periodInstants(day: string): [number, number][] {
    const dayStart = startOfShanghaiDay(day).getTime();
    return this.officePeriods.map((period) => [dayStart + period.start * MINUTE_MS, dayStart + period.end * MINUTE_MS]);
  }
}
