/**
 * The running clocks of dispatched cases, for the case workflow to call inside its own
 * transactions: start them on dispatch, move the completion due date on an approved extension,
 * stop one when its stage is done and cancel them all when the case leaves the unit. The
 * scheduler (server/scheduler) marks levels and raises supervision notices from these rows.
 */
import { Op, type Transaction } from 'sequelize';
import { CASE_KINDS, type CaseKind } from '../../server/domain/terms';
import { invalidState, notFound } from '../../server/errors';
import { warningStartsAt } from '../../server/scheduler/warning-start';
import { addTimeLimit, computeDueDates, extendDueDate, resolveStageLimits, TIME_LIMIT_STAGES, type TimeLimit, type TimeLimitStage } from '../../server/workflow/time-limits';
import type { DeadlineLevel } from '../../server/workflow/working-calendar';
import type { Database } from '../database';
import type { CaseDeadlineRow, SupervisionResolution } from '../models';
import { cachedTimeLimitInputs, clearTimeLimitCache, type TimeLimitInputs } from './time-limit-cache';
import { loadTimeLimitSettings } from './time-limit-settings';
import { loadWorkingCalendar } from './working-calendar';

export interface CaseDeadlineRecord {
  id: number;
  caseId: number;
  orgUnitId: number | null;
  stage: TimeLimitStage;
  limit: TimeLimit;
  startedAt: string;
  dueAt: string;
  /** Start of the yellow warning. */
  warnAt: string;
  /** Level at the moment of reading; for a met stage, red when it was met late. */
  level: DeadlineLevel;
  metAt: string | null;
}

export interface CaseDueDates {
  /** The current clock of each stage, absent for stages without one (a case never dispatched). */
  dueDates: Partial<Record<TimeLimitStage, CaseDeadlineRecord>>;
  /** The worst level of the stages still running, or null when none runs. */
  deadlineLevel: DeadlineLevel | null;
}

const LEVEL_ORDER: Record<DeadlineLevel, number> = { normal: 0, yellow: 1, red: 2 };

/** Level of a deadline at `now`: red after the due date, yellow from the warning start. */
export function deadlineLevelAt(deadline: { warnAt: Date; dueAt: Date; metAt?: Date | null }, now: Date): DeadlineLevel {
  const at = deadline.metAt ?? now;
  if (at.getTime() > deadline.dueAt.getTime()) return 'red';
  if (deadline.metAt) return 'normal';
  return at.getTime() >= deadline.warnAt.getTime() ? 'yellow' : 'normal';
}

function presentDeadline(row: CaseDeadlineRow, now: Date): CaseDeadlineRecord {
  return {
    id: row.id,
    caseId: row.caseId,
    orgUnitId: row.orgUnitId,
    stage: row.stage,
    limit: { amount: row.limitAmount, unit: row.limitUnit },
    startedAt: row.startedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    warnAt: row.warnAt.toISOString(),
    level: deadlineLevelAt(row, now),
    metAt: row.metAt ? row.metAt.toISOString() : null,
  };
}

/** Runs `work` in `transaction`, or in a new one when none is given. */
function within<T>(db: Database, transaction: Transaction | undefined, work: (transaction: Transaction) => Promise<T>): Promise<T> {
  return transaction ? work(transaction) : db.transaction(work);
}

async function loadTimeLimitInputs(db: Database, transaction: Transaction): Promise<TimeLimitInputs> {
  const { settings } = await loadTimeLimitSettings(db, transaction);
  const calendar = await loadWorkingCalendar(db, transaction);
  const rows = await db.models.Category.findAll({ attributes: ['id', 'code', 'parentId'], transaction });
  return { settings, calendar, categories: new Map(rows.map((row) => [row.id, { code: row.code, parentId: row.parentId ?? null }])) };
}

/** Returns the calendar, settings and categories, reloaded when the case's category is newer than the cache. */
async function timeLimitInputs(db: Database, transaction: Transaction, categoryId: number | null): Promise<TimeLimitInputs> {
  const inputs = await cachedTimeLimitInputs(db, transaction, (tx) => loadTimeLimitInputs(db, tx));
  if (categoryId === null || inputs.categories.has(categoryId)) return inputs;
  clearTimeLimitCache(db);
  return cachedTimeLimitInputs(db, transaction, (tx) => loadTimeLimitInputs(db, tx));
}

/** Codes of the category and its ancestors, from the root down, as resolveStageLimits expects. */
function categoryPath(categories: TimeLimitInputs['categories'], categoryId: number | null): string[] {
  if (categoryId === null) return [];
  const path: string[] = [];
  for (let current = categories.get(categoryId); current && path.length < categories.size; current = current.parentId === null ? undefined : categories.get(current.parentId)) {
    path.unshift(current.code);
  }
  return path;
}

async function resolveNotices(db: Database, deadlineIds: number[], resolution: SupervisionResolution, at: Date, transaction: Transaction): Promise<void> {
  if (deadlineIds.length === 0) return;
  await db.models.SupervisionNotice.update(
    { resolvedAt: at, resolution },
    { where: { deadlineId: { [Op.in]: deadlineIds }, resolvedAt: null }, transaction },
  );
}

const openDeadline = { metAt: null, cancelledAt: null };

/**
 * Starts the sign-for, first-contact and completion clocks of a case at `at` (its dispatch),
 * with the limits of its kind and category from the site's settings, on the working-day
 * calendar. Open clocks of an earlier dispatch are cancelled and their supervision notices
 * resolved. The clocks belong to `options.orgUnitId`, by default the case's lead unit as stored
 * in `transaction`. Throws NOT_FOUND for an unknown case.
 */
export async function startCaseDeadlines(
  db: Database,
  caseId: number,
  at: Date,
  transaction?: Transaction,
  options: { orgUnitId?: number | null } = {},
): Promise<CaseDeadlineRecord[]> {
  return within(db, transaction, async (tx) => {
    const row = await db.models.Case.findByPk(caseId, { attributes: ['id', 'kind', 'categoryId', 'handlingUnitId'], transaction: tx });
    if (!row) throw notFound('工单');
    await cancelOpenDeadlines(db, caseId, at, tx);

    const { settings, calendar, categories } = await timeLimitInputs(db, tx, row.categoryId ?? null);
    const kind: CaseKind = CASE_KINDS.includes(row.kind) ? row.kind : 'consultation';
    const { limits } = resolveStageLimits(settings, kind, categoryPath(categories, row.categoryId ?? null));
    const dueDates = computeDueDates(calendar, limits, at);
    const orgUnitId = options.orgUnitId === undefined ? (row.handlingUnitId ?? null) : options.orgUnitId;

    const created = await db.models.CaseDeadline.bulkCreate(
      TIME_LIMIT_STAGES.map((stage) => {
        const dueAt = dueDates[stage];
        const warnAt = warningStartsAt(calendar, { startedAt: at, dueAt, unit: limits[stage].unit }, settings.warning);
        return {
          caseId,
          orgUnitId,
          stage,
          limitAmount: limits[stage].amount,
          limitUnit: limits[stage].unit,
          startedAt: at,
          dueAt,
          warnAt,
          level: 'normal' as const,
          nextCheckAt: warnAt,
        };
      }),
      { transaction: tx },
    );
    db.logger.debug({ caseId, orgUnitId, dueDates }, 'case deadlines started');
    return created.map((deadline) => presentDeadline(deadline, at));
  });
}

/**
 * Moves the completion due date of a case by an approved extension, counted from the current
 * due date. Open supervision notices of the old due date are resolved as `extended`. A clock
 * that is still overdue afterwards goes red again, with a new notice, on the next scheduler
 * pass. Throws INVALID_STATE when the completion clock is not running.
 */
export async function extendCaseDeadlines(db: Database, caseId: number, extension: TimeLimit, at: Date, transaction?: Transaction): Promise<CaseDeadlineRecord> {
  return within(db, transaction, async (tx) => {
    const deadline = await db.models.CaseDeadline.findOne({ where: { caseId, stage: 'complete', ...openDeadline }, order: [['id', 'DESC']], transaction: tx });
    if (!deadline) throw invalidState('该工单的办结时限没有在计时，无法延期');

    const { settings, calendar } = await timeLimitInputs(db, tx, null);
    const dueAt = extendDueDate(calendar, deadline.dueAt, extension);
    const warnAt = warningStartsAt(calendar, { startedAt: deadline.startedAt, dueAt, unit: deadline.limitUnit }, settings.warning);

    // A level already notified stays until the scheduler reports the next change, so the unit
    // gets no second yellow warning for the same clock. An overdue clock becomes yellow, and the
    // scheduler marks it red again while the new due date is still in the past.
    const live = deadlineLevelAt({ warnAt, dueAt }, at);
    const level: DeadlineLevel = live === 'normal' || deadline.level === 'normal' ? 'normal' : 'yellow';
    await deadline.update({ dueAt, warnAt, level, levelChangedAt: at, nextCheckAt: level === 'normal' ? warnAt : dueAt }, { transaction: tx });
    await db.models.SupervisionNotice.update(
      { resolvedAt: at, resolution: 'extended' },
      { where: { deadlineId: deadline.id, resolvedAt: null, dueAt: { [Op.ne]: dueAt } }, transaction: tx },
    );
    db.logger.debug({ caseId, dueAt, extension }, 'case completion deadline extended');
    return presentDeadline(deadline, at);
  });
}

/**
 * Stops the running clock of `stage` at `at`, because the unit signed for the case, contacted
 * the caller or replied, and resolves its supervision notices as `met`. Returns the stopped
 * clock (level red when it was met late), or null when that stage had no running clock.
 */
export async function markStageMet(db: Database, caseId: number, stage: TimeLimitStage, at: Date, transaction?: Transaction): Promise<CaseDeadlineRecord | null> {
  return within(db, transaction, async (tx) => {
    const deadline = await db.models.CaseDeadline.findOne({ where: { caseId, stage, ...openDeadline }, order: [['id', 'DESC']], transaction: tx });
    if (!deadline) return null;
    await deadline.update({ metAt: at, nextCheckAt: null }, { transaction: tx });
    await resolveNotices(db, [deadline.id], 'met', at, tx);
    return presentDeadline(deadline, at);
  });
}

/**
 * Starts a new clock of one stage at `at`, for a case sent back to its unit after that stage was
 * met (rework after review, a dissatisfied caller, a reopening). The limit is the stage's limit
 * for the case's kind and category, counted from `at`. An open clock of the stage is cancelled
 * first. The clock belongs to the case's lead unit. Throws NOT_FOUND for an unknown case.
 */
export async function restartCaseStage(db: Database, caseId: number, stage: TimeLimitStage, at: Date, transaction?: Transaction): Promise<CaseDeadlineRecord> {
  return within(db, transaction, async (tx) => {
    const row = await db.models.Case.findByPk(caseId, { attributes: ['id', 'kind', 'categoryId', 'handlingUnitId'], transaction: tx });
    if (!row) throw notFound('工单');

    const open = await db.models.CaseDeadline.findAll({ where: { caseId, stage, ...openDeadline }, attributes: ['id'], transaction: tx });
    if (open.length > 0) {
      const ids = open.map((deadline) => deadline.id);
      await db.models.CaseDeadline.update({ cancelledAt: at, nextCheckAt: null }, { where: { id: { [Op.in]: ids } }, transaction: tx });
      await resolveNotices(db, ids, 'cancelled', at, tx);
    }

    const { settings, calendar, categories } = await timeLimitInputs(db, tx, row.categoryId ?? null);
    const kind: CaseKind = CASE_KINDS.includes(row.kind) ? row.kind : 'consultation';
    const limit = resolveStageLimits(settings, kind, categoryPath(categories, row.categoryId ?? null)).limits[stage];
    const dueAt = addTimeLimit(calendar, at, limit);
    const warnAt = warningStartsAt(calendar, { startedAt: at, dueAt, unit: limit.unit }, settings.warning);
    const created = await db.models.CaseDeadline.create(
      { caseId, orgUnitId: row.handlingUnitId ?? null, stage, limitAmount: limit.amount, limitUnit: limit.unit, startedAt: at, dueAt, warnAt, level: 'normal', nextCheckAt: warnAt },
      { transaction: tx },
    );
    db.logger.debug({ caseId, stage, dueAt }, 'case deadline restarted');
    return presentDeadline(created, at);
  });
}

async function cancelOpenDeadlines(db: Database, caseId: number, at: Date, transaction: Transaction): Promise<number> {
  const open = await db.models.CaseDeadline.findAll({ where: { caseId, ...openDeadline }, attributes: ['id'], transaction });
  if (open.length === 0) return 0;
  const ids = open.map((row) => row.id);
  await db.models.CaseDeadline.update({ cancelledAt: at, nextCheckAt: null }, { where: { id: { [Op.in]: ids } }, transaction });
  await resolveNotices(db, ids, 'cancelled', at, transaction);
  return ids.length;
}

/**
 * Cancels every running clock of a case at `at`, for when the case leaves the unit (a return
 * accepted, a closure, a merge), and resolves their supervision notices. Returns how many stopped.
 */
export async function cancelCaseDeadlines(db: Database, caseId: number, at: Date, transaction?: Transaction): Promise<number> {
  return within(db, transaction, (tx) => cancelOpenDeadlines(db, caseId, at, tx));
}

/** Returns the current clock of each stage of a case and the worst running level, at `options.now`. */
export async function getCaseDueDates(db: Database, caseId: number, options: { now?: Date; transaction?: Transaction } = {}): Promise<CaseDueDates> {
  const now = options.now ?? new Date();
  const rows = await db.models.CaseDeadline.findAll({ where: { caseId, cancelledAt: null }, order: [['id', 'ASC']], transaction: options.transaction });
  const dueDates: CaseDueDates['dueDates'] = {};
  for (const row of rows) dueDates[row.stage] = presentDeadline(row, now);

  let deadlineLevel: DeadlineLevel | null = null;
  for (const deadline of Object.values(dueDates)) {
    if (deadline.metAt !== null) continue;
    if (deadlineLevel === null || LEVEL_ORDER[deadline.level] > LEVEL_ORDER[deadlineLevel]) deadlineLevel = deadline.level;
  }
  return { dueDates, deadlineLevel };
}
