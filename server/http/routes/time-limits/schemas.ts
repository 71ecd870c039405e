import { z } from 'zod';
import { isDayString } from '../../../workflow/working-calendar';
import type { FieldLabels } from '../../validation';

const year = z.coerce.number().int().min(2000).max(2100);
const day = z.string().refine(isDayString, { error: '日期应为有效的 YYYY-MM-DD 格式，例如 2026-10-01' });
const kind = z.enum(['holiday', 'workday'], { error: '类型应为放假（holiday）或调休上班（workday）' });
const name = z.string().trim().min(1).max(64);

export const calendarQuerySchema = z.strictObject({ year: year.optional() });
export const calendarDateSchema = z.strictObject({ date: day });
export const calendarYearSchema = z.strictObject({ year });

/** Body of `PUT /api/admin/calendar/:date`. */
export const calendarDayBodySchema = z.strictObject({ kind, name });

/** Body of `PUT /api/admin/calendar/years/:year`: every holiday and make-up working day of the year. */
export const calendarYearBodySchema = z.strictObject({
  days: z.array(z.strictObject({ date: day, kind, name })).max(366),
});

export const CALENDAR_LABELS: FieldLabels = { year: '年份', date: '日期', kind: '类型', name: '名称', days: '日期列表' };

const timeLimitShape = z.object({ amount: z.number().int().positive(), unit: z.enum(['working-days', 'working-hours']) });
const stageLimitsShape = z.object({ sign: timeLimitShape, 'first-contact': timeLimitShape, complete: timeLimitShape });

/**
 * Shape of the time-limit settings, for the API document only: the route validates with
 * parseTimeLimitSettings, which also checks the maximum limits and gives Chinese messages.
 */
export const timeLimitSettingsDocSchema = z.object({
  byKind: z.record(z.enum(['consultation', 'help', 'complaint', 'report', 'suggestion']), stageLimitsShape),
  byCategory: z.record(z.string(), stageLimitsShape.partial()),
  warning: z.object({ fraction: z.number().min(0).max(1), workingDays: z.number().min(0).optional(), workingHours: z.number().min(0).optional() }),
});

export const TIME_LIMIT_LABELS: FieldLabels = { byKind: '各类诉求的时限', byCategory: '分类时限', warning: '预警设置', 'warning.fraction': '预警比例' };
