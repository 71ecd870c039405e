/**
 * Case numbers: `MQ` + the date in China Standard Time (`YYYYMMDD`) + a daily sequence of at
 * least 4 digits. The sequence row of the day is locked while a case is saved, and the
 * increment is part of the case's transaction, so numbers are unique and, because a rolled-back
 * save gives its number back, gap-free.
 */
import type { Transaction } from 'sequelize';
import type { Database } from '../database';

export const CASE_NUMBER_PREFIX = 'MQ';

const chinaDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Returns the day `YYYYMMDD` in China Standard Time that numbers the cases saved at `at`. */
export function caseNumberDay(at: Date): string {
  const parts = Object.fromEntries(chinaDate.formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts.year}${parts.month}${parts.day}`;
}

/** Formats a case number. Sequences above 9999 get more digits rather than wrapping. */
export function formatCaseNumber(day: string, sequence: number): string {
  return `${CASE_NUMBER_PREFIX}${day}${String(sequence).padStart(4, '0')}`;
}

/**
 * Makes sure the sequence row of `day` exists. On MySQL this runs outside the case's
 * transaction: if two transactions both inserted the first row of a day and then locked it,
 * InnoDB could pick one of them as a deadlock victim.
 */
export async function ensureSequenceDay(db: Database, day: string, transaction?: Transaction): Promise<void> {
  await db.models.CaseSequence.bulkCreate([{ day, lastValue: 0 }], { ignoreDuplicates: true, transaction });
}

/**
 * Takes the next number of `day` inside `transaction`, holding the row lock until the
 * transaction ends. On SQLite the row lock is not needed, because `Database.transaction`
 * runs one transaction at a time.
 */
export async function takeCaseNumber(db: Database, day: string, transaction: Transaction): Promise<string> {
  const { CaseSequence } = db.models;
  if (db.dialect === 'sqlite') {
    await ensureSequenceDay(db, day, transaction);
  }

  const row = await CaseSequence.findByPk(day, { transaction, lock: transaction.LOCK.UPDATE });
  if (!row) {
    throw new Error(`case sequence row of ${day} is missing; call ensureSequenceDay first`);
  }
  const next = row.lastValue + 1;
  await CaseSequence.update({ lastValue: next }, { where: { day }, transaction });
  return formatCaseNumber(day, next);
}
