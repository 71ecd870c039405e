/**
 * One scheduler pass over every running case deadline, as a handful of set-based statements in
 * one transaction, whatever the number of open cases:
 * 1. clocks past their due date turn red, clocks past their warning start turn yellow;
 * 2. each clock that turned red raises one supervision notice (督办单) to its unit, is recorded
 *    on the case's timeline and puts the case under supervision;
 * 3. notices still open `escalationWorkingDays` working days after the due date escalate
 *    (升级转办), also recorded on the timeline.
 *
 * Several server nodes may run passes at the same time. Every UPDATE only changes rows that
 * still need the change and stamps them with the pass's own id, so each row is claimed by
 * exactly one pass. That pass alone inserts the notices and timeline entries that follow from
 * the row, and reports it. The unique index on (deadline_id, due_at) keeps a second notice out
 * even so.
 */
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../../db/database';
import type { DeadlineLevel } from '../workflow/working-calendar';
import { TIME_LIMIT_STAGE_LABELS, TIME_LIMIT_STAGES, type TimeLimitStage } from '../workflow/time-limits';

export interface DeadlineLevelChange {
  deadlineId: number;
  caseId: number;
  caseNo: string;
  title: string;
  orgUnitId: number | null;
  stage: TimeLimitStage;
  level: Exclude<DeadlineLevel, 'normal'>;
  dueAt: Date;
}

export interface SupervisionNoticeChange {
  noticeId: number;
  caseId: number;
  caseNo: string;
  title: string;
  orgUnitId: number | null;
  stage: TimeLimitStage;
  dueAt: Date;
  status: 'raised' | 'escalated';
}

export interface DeadlinePassResult {
  /** Id the pass stamped on the rows it changed. */
  passId: string;
  at: Date;
  levelChanges: DeadlineLevelChange[];
  notices: SupervisionNoticeChange[];
}

/** `CASE stage WHEN 'sign' THEN … END` over every stage, for per-stage constants in SQL. */
function byStage(column: string, valueOf: (stage: TimeLimitStage) => string): string {
  const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
  return `CASE ${column} ${TIME_LIMIT_STAGES.map((stage) => `WHEN ${quote(stage)} THEN ${quote(valueOf(stage))}`).join(' ')} END`;
}

const RAISED_NOTE = byStage('stage', (stage) => `${TIME_LIMIT_STAGE_LABELS[stage]}时限已超期，系统已向承办单位发出督办单`);
const ESCALATED_NOTE = byStage('stage', (stage) => `${TIME_LIMIT_STAGE_LABELS[stage]}督办单逾期未办结，已升级督办`);
const STAGE_DATA = byStage('stage', (stage) => JSON.stringify({ stage }));

/** Reads a DATE(3) column of a raw query: a Date from mysql2, text such as `2026-01-05 10:00:00.000 +00:00` from SQLite. */
function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/**
 * Runs one pass at `now`. Notices due before `escalationCutoff` escalate (see escalationCutoff).
 * Returns what changed, for the notifications; nothing is reported when the transaction fails.
 */
export async function runDeadlinePass(db: Database, now: Date, escalationCutoff: Date): Promise<DeadlinePassResult> {
  const passId = randomUUID();
  const escalationPassId = randomUUID();

  return db.transaction(async (transaction) => {
    const run = (sql: string, replacements: Record<string, unknown>) => db.sequelize.query(sql, { replacements, transaction });
    const ids = { now, pass: passId, escalation: escalationPassId, cutoff: escalationCutoff };

    await run(
      `UPDATE case_deadlines SET level = 'red', level_changed_at = :now, next_check_at = NULL, pass_id = :pass
       WHERE next_check_at <= :now AND due_at < :now`,
      ids,
    );
    await run(
      `UPDATE case_deadlines SET level = 'yellow', level_changed_at = :now, next_check_at = due_at, pass_id = :pass
       WHERE next_check_at <= :now AND level = 'normal'`,
      ids,
    );

    // A notice that already exists for the same missed due date is skipped rather than failing
    // the pass, which would otherwise fail again on every later pass.
    const insertOrIgnore = db.dialect === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    await run(
      `${insertOrIgnore} INTO supervision_notices (case_id, deadline_id, org_unit_id, stage, due_at, created_at, pass_id)
       SELECT case_id, id, org_unit_id, stage, due_at, :now, :pass FROM case_deadlines WHERE pass_id = :pass AND level = 'red'`,
      ids,
    );
    await insertTimelineEntries(db, transaction, 'supervision-raised', RAISED_NOTE, passId, now);
    // MariaDB runs the IN form as a scan of every case, so it gets the join form, which SQLite lacks.
    await run(
      db.dialect === 'mysql'
        ? `UPDATE cases c JOIN supervision_notices n ON n.case_id = c.id SET c.supervised = TRUE WHERE n.pass_id = :pass AND c.supervised = FALSE`
        : `UPDATE cases SET supervised = TRUE WHERE supervised = FALSE AND id IN (SELECT case_id FROM supervision_notices WHERE pass_id = :pass)`,
      ids,
    );

    await run(
      `UPDATE supervision_notices SET escalated_at = :now, pass_id = :escalation
       WHERE resolved_at IS NULL AND escalated_at IS NULL AND due_at < :cutoff`,
      ids,
    );
    await insertTimelineEntries(db, transaction, 'supervision-escalated', ESCALATED_NOTE, escalationPassId, now);

    const levelChanges = await readLevelChanges(db, transaction, passId);
    const notices = await readNoticeChanges(db, transaction, passId, escalationPassId, now);
    return { passId, at: now, levelChanges, notices };
  });
}

async function insertTimelineEntries(db: Database, transaction: Transaction, type: string, note: string, passId: string, now: Date): Promise<void> {
  await db.sequelize.query(
    `INSERT INTO case_events (case_id, type, from_state, to_state, actor_user_id, note, data, created_at)
     SELECT case_id, :type, NULL, NULL, NULL, ${note}, ${STAGE_DATA}, :now FROM supervision_notices WHERE pass_id = :pass ORDER BY id`,
    { replacements: { type, now, pass: passId }, transaction },
  );
}

interface LevelChangeRow {
  id: number;
  case_id: number;
  case_no: string;
  title: string;
  org_unit_id: number | null;
  stage: TimeLimitStage;
  level: 'yellow' | 'red';
  due_at: unknown;
}

async function readLevelChanges(db: Database, transaction: Transaction, passId: string): Promise<DeadlineLevelChange[]> {
  const rows = await db.sequelize.query<LevelChangeRow>(
    `SELECT d.id, d.case_id, c.case_no, c.title, d.org_unit_id, d.stage, d.level, d.due_at
     FROM case_deadlines d JOIN cases c ON c.id = d.case_id WHERE d.pass_id = :pass ORDER BY d.id`,
    { replacements: { pass: passId }, type: QueryTypes.SELECT, transaction },
  );
  return rows.map((row) => ({
    deadlineId: row.id,
    caseId: row.case_id,
    caseNo: row.case_no,
    title: row.title,
    orgUnitId: row.org_unit_id,
    stage: row.stage,
    level: row.level,
    dueAt: toDate(row.due_at),
  }));
}

interface NoticeRow {
  id: number;
  case_id: number;
  case_no: string;
  title: string;
  org_unit_id: number | null;
  stage: TimeLimitStage;
  due_at: unknown;
  created_at: unknown;
  pass_id: string;
}

async function readNoticeChanges(db: Database, transaction: Transaction, passId: string, escalationPassId: string, now: Date): Promise<SupervisionNoticeChange[]> {
  const rows = await db.sequelize.query<NoticeRow>(
    `SELECT n.id, n.case_id, c.case_no, c.title, n.org_unit_id, n.stage, n.due_at, n.created_at, n.pass_id
     FROM supervision_notices n JOIN cases c ON c.id = n.case_id WHERE n.pass_id IN (:pass, :escalation) ORDER BY n.id`,
    { replacements: { pass: passId, escalation: escalationPassId }, type: QueryTypes.SELECT, transaction },
  );

  const changes: SupervisionNoticeChange[] = [];
  for (const row of rows) {
    const change = {
      noticeId: row.id,
      caseId: row.case_id,
      caseNo: row.case_no,
      title: row.title,
      orgUnitId: row.org_unit_id,
      stage: row.stage,
      dueAt: toDate(row.due_at),
    };
    // A notice escalated in the pass that raised it (after the scheduler was down for days) is reported both ways.
    const escalated = row.pass_id === escalationPassId;
    if (!escalated || toDate(row.created_at).getTime() === now.getTime()) changes.push({ ...change, status: 'raised' });
    if (escalated) changes.push({ ...change, status: 'escalated' });
  }
  return changes;
}
