/**
 * The working-day calendar table: reading it into a WorkingCalendar, and the admin edits of
 * public holidays and make-up working days. Every edit is checked with the calendar's own rules
 * (a valid date, a name, make-up working days only on Saturdays and Sundays).
 */
import { Op, type Transaction } from 'sequelize';
import { AppError, notFound, validationFailed } from '../../server/errors';
import { WorkingCalendar, type CalendarOverride } from '../../server/workflow/working-calendar';
import type { Database } from '../database';
import type { CalendarDayRow } from '../models';
import { clearTimeLimitCache } from './time-limit-cache';

export interface CalendarDayRecord extends CalendarOverride {
  updatedById: number | null;
  updatedAt: string;
}

function presentDay(row: CalendarDayRow): CalendarDayRecord {
  return { date: row.day, kind: row.kind, name: row.name, updatedById: row.updatedById, updatedAt: row.updatedAt.toISOString() };
}

/** Builds the calendar from the table. Time limits are computed on it, inside `transaction` when given. */
export async function loadWorkingCalendar(db: Database, transaction?: Transaction): Promise<WorkingCalendar> {
  const rows = await db.models.CalendarDay.findAll({ order: [['day', 'ASC']], transaction });
  return new WorkingCalendar(rows.map((row) => ({ date: row.day, kind: row.kind, name: row.name })));
}

/** Lists the stored days, of one year when `year` is given, in date order. */
export async function listCalendarDays(db: Database, options: { year?: number } = {}): Promise<CalendarDayRecord[]> {
  const where = options.year === undefined ? {} : { day: { [Op.like]: `${options.year}-%` } };
  const rows = await db.models.CalendarDay.findAll({ where, order: [['day', 'ASC']] });
  return rows.map(presentDay);
}

/** Returns the years with at least one stored day, ascending. */
export async function calendarYears(db: Database): Promise<number[]> {
  const rows = await db.models.CalendarDay.findAll({ attributes: ['day'] });
  return [...new Set(rows.map((row) => Number(row.day.slice(0, 4))))].sort((a, b) => a - b);
}

/**
 * Checks overrides with the WorkingCalendar rules and reports problems under `field` (`days`
 * gives `days.2.date`). Throws VALIDATION_FAILED with one Chinese message per problem.
 */
function checkOverrides(overrides: readonly CalendarOverride[], field: (index: number) => string): void {
  try {
    new WorkingCalendar(overrides);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw validationFailed(error.fields.map((problem) => ({ ...problem, field: problem.field.replace(/^overrides\.(\d+)/, (_match, index: string) => field(Number(index))).replace(/^\./, '') })));
  }
}

/** Stores one day, replacing what the table had for that date. Throws VALIDATION_FAILED for an invalid day. */
export async function saveCalendarDay(db: Database, override: CalendarOverride, actorUserId: number): Promise<CalendarDayRecord> {
  checkOverrides([override], () => '');
  const values = { day: override.date, kind: override.kind, name: override.name.trim(), updatedById: actorUserId, updatedAt: new Date() };
  return db.transaction(async (transaction) => {
    await db.models.CalendarDay.upsert(values, { transaction });
    const row = await db.models.CalendarDay.findByPk(override.date, { transaction });
    return presentDay(row!);
  }).finally(() => clearTimeLimitCache(db));
}

/** Removes a stored day, so the date counts as a plain weekday or weekend day again. Throws NOT_FOUND when none is stored. */
export async function deleteCalendarDay(db: Database, date: string): Promise<void> {
  const removed = await db.models.CalendarDay.destroy({ where: { day: date } });
  clearTimeLimitCache(db);
  if (removed === 0) throw notFound(`${date} 的节假日或调休设置`);
}

/**
 * Replaces every stored day of `year` with `overrides`, in one transaction: how an admin enters
 * the State Council's arrangement for a new year. Throws VALIDATION_FAILED (fields `days.N.*`)
 * for an invalid day or a day outside the year.
 */
export async function replaceCalendarYear(db: Database, year: number, overrides: readonly CalendarOverride[], actorUserId: number): Promise<CalendarDayRecord[]> {
  checkOverrides(overrides, (index) => `days.${index}`);
  const outside = overrides.flatMap((override, index) =>
    override.date.startsWith(`${year}-`) ? [] : [{ field: `days.${index}.date`, message: `${override.date} 不在 ${year} 年内` }],
  );
  if (outside.length > 0) throw validationFailed(outside);

  const now = new Date();
  await db.transaction(async (transaction) => {
    await db.models.CalendarDay.destroy({ where: { day: { [Op.like]: `${year}-%` } }, transaction });
    if (overrides.length > 0) {
      await db.models.CalendarDay.bulkCreate(
        overrides.map((override) => ({ day: override.date, kind: override.kind, name: override.name.trim(), updatedById: actorUserId, updatedAt: now })),
        { transaction },
      );
    }
  }).finally(() => clearTimeLimitCache(db));
  return listCalendarDays(db, { year });
}
