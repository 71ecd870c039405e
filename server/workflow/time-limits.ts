/**
 * Site-settable time limits of a dispatched case: signing for (签收), first contact with the
 * caller (首次联系) and completion (办结). Limits are set per case kind, categories may override
 * them, and the due dates run on the working-day calendar.
 */
import { z } from 'zod';
import { CASE_KINDS, type CaseKind } from '../domain/terms';
import { validationFailed } from '../errors';
import type { WarningThreshold, WorkingCalendar, WorkingTimeUnit } from './working-calendar';

export const TIME_LIMIT_STAGES = ['sign', 'first-contact', 'complete'] as const;
export type TimeLimitStage = (typeof TIME_LIMIT_STAGES)[number];
export const TIME_LIMIT_STAGE_LABELS: Record<TimeLimitStage, string> = {
  sign: '签收',
  'first-contact': '首次联系',
  complete: '办结',
};

export interface TimeLimit {
  amount: number;
  unit: WorkingTimeUnit;
}

export type StageLimits = Record<TimeLimitStage, TimeLimit>;

export interface TimeLimitSettings {
  byKind: Record<CaseKind, StageLimits>;
  /** Overrides keyed by category code; a stage left out falls back to the parent category, then the kind. */
  byCategory: Record<string, Partial<StageLimits>>;
  warning: WarningThreshold;
}

const days = (amount: number): TimeLimit => ({ amount, unit: 'working-days' });
const hours = (amount: number): TimeLimit => ({ amount, unit: 'working-hours' });

/**
 * Defaults a county can start from, to be set per site because each province sets its own.
 * Signing for is a quick check that the case belongs to the unit, so it gets one working day.
 * A request for help signs within 4 office hours because the enterprise is waiting on it.
 * Consultations need facts, not an investigation, so they complete in 3 working days and help in 5.
 * Complaints get 10 because the other side must be heard. Reports and suggestions get 15 because
 * they need an investigation or a decision by the unit's leadership.
 * NOTE: these are design choices for Minquan's first deployment, not figures from a regulation.
 */
export const DEFAULT_KIND_LIMITS: Record<CaseKind, StageLimits> = {
  consultation: { sign: days(1), 'first-contact': days(1), complete: days(3) },
  help: { sign: hours(4), 'first-contact': days(1), complete: days(5) },
  complaint: { sign: days(1), 'first-contact': days(2), complete: days(10) },
  report: { sign: days(1), 'first-contact': days(2), complete: days(15) },
  suggestion: { sign: days(1), 'first-contact': days(3), complete: days(15) },
};

/**
 * Yellow in the last quarter of a limit, on the due day of a limit in working days, and in the
 * last office hour of a limit in working hours: whichever comes first.
 */
export const DEFAULT_WARNING: WarningThreshold = { fraction: 0.25, workingDays: 1, workingHours: 1 };

export const DEFAULT_TIME_LIMIT_SETTINGS: TimeLimitSettings = {
  byKind: DEFAULT_KIND_LIMITS,
  byCategory: {},
  warning: DEFAULT_WARNING,
};

/** Maximum limits accepted (about a year of working days, or a month of office hours), to catch typos. */
const MAX_WORKING_DAYS = 250;
const MAX_WORKING_HOURS = 200;

const timeLimitSchema = z
  .object({
    amount: z.number({ error: '时限必须是数字' }).int({ error: '时限必须是整数' }).positive({ error: '时限必须大于 0' }),
    unit: z.enum(['working-days', 'working-hours'], { error: '时限单位应为工作日（working-days）或工作小时（working-hours）' }),
  })
  .refine((limit) => limit.amount <= (limit.unit === 'working-days' ? MAX_WORKING_DAYS : MAX_WORKING_HOURS), {
    error: `时限过长：最多 ${MAX_WORKING_DAYS} 个工作日或 ${MAX_WORKING_HOURS} 个工作小时`,
  });

const stageLimitsSchema = z.object({
  sign: timeLimitSchema,
  'first-contact': timeLimitSchema,
  complete: timeLimitSchema,
});

const settingsSchema = z.object({
  byKind: z.object(Object.fromEntries(CASE_KINDS.map((kind) => [kind, stageLimitsSchema])) as Record<CaseKind, typeof stageLimitsSchema>),
  byCategory: z.record(z.string().min(1, { error: '分类代码不能为空' }), stageLimitsSchema.partial()),
  warning: z.object({
    fraction: z.number({ error: '预警比例必须是数字' }).min(0, { error: '预警比例应在 0 到 1 之间' }).max(1, { error: '预警比例应在 0 到 1 之间' }),
    workingDays: z.number().min(0, { error: '提前预警的工作日数不能为负数' }).optional(),
    workingHours: z.number().min(0, { error: '提前预警的工作小时数不能为负数' }).optional(),
  }),
});

/**
 * Checks settings that an admin edited, such as a JSON body or a stored row. Returns them typed,
 * or throws VALIDATION_FAILED with one Chinese message per invalid field (`byKind.help.sign.amount`).
 */
export function parseTimeLimitSettings(input: unknown): TimeLimitSettings {
  const result = settingsSchema.safeParse(input);
  if (!result.success) {
    throw validationFailed(result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })));
  }
  return result.data;
}

/** Limits that apply to one case, with where each came from: `kind`, or the category code that set it. */
export interface ResolvedLimits {
  limits: StageLimits;
  sources: Record<TimeLimitStage, 'kind' | string>;
}

/**
 * Resolves the limits of a case of `kind` in the category whose codes from the root down to the
 * case's own category are `categoryPath`. For each stage the deepest category that sets it wins,
 * and the kind's limit applies where no category on the path sets one.
 */
export function resolveStageLimits(settings: TimeLimitSettings, kind: CaseKind, categoryPath: readonly string[] = []): ResolvedLimits {
  const limits = { ...settings.byKind[kind] };
  const sources: Record<TimeLimitStage, string> = { sign: 'kind', 'first-contact': 'kind', complete: 'kind' };

  for (const code of categoryPath) {
    const override = settings.byCategory[code];
    if (!override) continue;
    for (const stage of TIME_LIMIT_STAGES) {
      const limit = override[stage];
      if (limit) {
        limits[stage] = limit;
        sources[stage] = code;
      }
    }
  }
  return { limits, sources };
}

/** Returns the moment a limit that starts at `start` falls due (see WorkingCalendar for the counting rules). */
export function addTimeLimit(calendar: WorkingCalendar, start: Date, limit: TimeLimit): Date {
  return limit.unit === 'working-days' ? calendar.addWorkingDays(start, limit.amount) : calendar.addWorkingHours(start, limit.amount);
}

export type CaseDueDates = Record<TimeLimitStage, Date>;

/**
 * Computes the three due dates of a case from the moment it was dispatched. All three count from
 * dispatch, so a unit that signs late does not gain time to complete. A re-dispatch (after a
 * return, or to another unit) starts the clocks again from the new dispatch moment.
 */
export function computeDueDates(calendar: WorkingCalendar, limits: StageLimits, dispatchedAt: Date): CaseDueDates {
  return {
    sign: addTimeLimit(calendar, dispatchedAt, limits.sign),
    'first-contact': addTimeLimit(calendar, dispatchedAt, limits['first-contact']),
    complete: addTimeLimit(calendar, dispatchedAt, limits.complete),
  };
}

/**
 * Moves a due date by an approved extension (延期), counted from the current due date rather than
 * from the approval. An extension of 5 working days on a case due at the end of Friday makes it
 * due at the end of the next Friday (without holidays), however early the approval came.
 */
export function extendDueDate(calendar: WorkingCalendar, dueAt: Date, extension: TimeLimit): Date {
  return addTimeLimit(calendar, dueAt, extension);
}

/** Applies an approved extension to the completion limit of a case; the other stages keep their dates. */
export function extendCaseDueDates(calendar: WorkingCalendar, dueDates: CaseDueDates, extension: TimeLimit): CaseDueDates {
  return { ...dueDates, complete: extendDueDate(calendar, dueDates.complete, extension) };
}
