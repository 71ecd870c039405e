/**
 * Fills a bench database fast with multi-row INSERTs through mysql2: `total` cases spread over
 * the two years before `now`, the newest `open` of them still at a unit, and the running clocks
 * of those open cases, as a live system would have them when a scheduler pass starts.
 */
import type { Connection } from 'mysql2/promise';

const ROWS_PER_INSERT = 2000;
const DAY_MS = 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
const OPEN_STATES = ['dispatched', 'signed', 'in-progress'] as const;
const CLOSED_STATES = ['closed', 'archived'] as const;
const KINDS = ['consultation', 'help', 'complaint', 'report', 'suggestion'] as const;
const CHANNELS = ['phone', 'web', 'wechat', 'letter'] as const;

export interface BulkLoadOptions {
  total: number;
  open: number;
  now: Date;
  createdById: number;
  categoryIds: number[];
  unitIds: number[];
}

export interface BulkLoadReport {
  cases: number;
  deadlines: number;
  seconds: number;
}

/** MySQL DATETIME(3) literal in UTC, as the platform's connection (timezone +00:00) writes it. */
function sqlTime(instant: Date): string {
  return instant.toISOString().replace('T', ' ').replace('Z', '');
}

/** A small deterministic generator, so every run loads the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function insertRows(connection: Connection, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  await connection.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows]);
}

/**
 * Inserts the cases, oldest first. Case numbers use the day of creation and a daily sequence,
 * like real ones. Every day lies before `now`'s day, so they never collide with new cases.
 * At most 4999 cases a day fit, which limits `total` to about 3.6 million.
 * Returns the ids of the open cases.
 */
async function loadCases(connection: Connection, options: BulkLoadOptions): Promise<number[]> {
  const next = random(12345);
  const spanDays = 730;
  const perDay = Math.ceil(options.total / spanDays);
  const firstOpen = options.total - options.open;
  const columns = ['case_no', 'channel', 'kind', 'category_id', 'caller_name', 'caller_number', 'title', 'content', 'state', 'created_by_id', 'handling_unit_id', 'created_at', 'updated_at'];

  const [before] = (await connection.query('SELECT COALESCE(MAX(id), 0) AS id FROM cases')) as unknown as [{ id: number }[]];
  let batch: unknown[][] = [];
  for (let index = 0; index < options.total; index += 1) {
    const dayOffset = spanDays - Math.floor(index / perDay);
    // The number's day comes from the group, not from createdAt, which may cross midnight.
    const groupStart = options.now.getTime() - dayOffset * DAY_MS;
    const createdAt = new Date(groupStart + (index % perDay) * 1000);
    const day = new Date(groupStart).toISOString().slice(0, 10).replace(/-/g, '');
    const open = index >= firstOpen;
    const state = open ? OPEN_STATES[index % OPEN_STATES.length] : CLOSED_STATES[index % CLOSED_STATES.length];
    batch.push([
      // Sequences from 5001 keep clear of the demo seed's cases on the same days.
      `MQ${day}${String((index % perDay) + 5001).padStart(4, '0')}`,
      CHANNELS[index % CHANNELS.length],
      KINDS[index % KINDS.length],
      options.categoryIds[Math.floor(next() * options.categoryIds.length)],
      '压测来电人',
      `139${String(Math.floor(next() * 1e8)).padStart(8, '0')}`,
      `压测工单 ${index + 1}`,
      '企业反映的问题，供性能测试使用。',
      state,
      options.createdById,
      options.unitIds[index % options.unitIds.length],
      sqlTime(createdAt),
      sqlTime(createdAt),
    ]);
    if (batch.length === ROWS_PER_INSERT) {
      await insertRows(connection, 'cases', columns, batch);
      batch = [];
    }
  }
  await insertRows(connection, 'cases', columns, batch);

  // Ids are consecutive because this connection alone inserts, in one auto-increment sequence.
  const firstOpenId = before[0].id + firstOpen + 1;
  return Array.from({ length: options.open }, (_, offset) => firstOpenId + offset);
}

/**
 * Inserts three clocks per open case. Most open cases were dispatched up to 12 days ago: their
 * sign-for and first-contact clocks are met after the first and second day, and a 14-day
 * completion clock with a 3.5-day warning runs. One in twenty is 14 to 30 days old and overdue.
 * All levels are still `normal`, as if the scheduler had not run: the first pass catches up.
 * NOTE: the clocks use calendar days, not the working-day calendar, which only the due dates'
 * spread and not the cost of a pass depends on.
 */
async function loadDeadlines(connection: Connection, caseIds: number[], options: BulkLoadOptions): Promise<number> {
  const next = random(67890);
  const columns = ['case_id', 'org_unit_id', 'stage', 'limit_amount', 'limit_unit', 'started_at', 'due_at', 'warn_at', 'level', 'next_check_at', 'met_at'];
  let batch: unknown[][] = [];
  let count = 0;
  const now = options.now.getTime();

  for (const [index, caseId] of caseIds.entries()) {
    const overdue = index % 20 === 0;
    const startedAt = now - (overdue ? 14 + next() * 16 : next() * 12) * DAY_MS;
    const unitId = options.unitIds[index % options.unitIds.length];
    const clocks: [string, number, number][] = [
      ['sign', 1, 2 * HOUR_MS],
      ['first-contact', 2, 20 * HOUR_MS],
      ['complete', 14, Number.POSITIVE_INFINITY],
    ];
    for (const [stage, days, metAfterMs] of clocks) {
      const dueAt = startedAt + days * DAY_MS;
      const warnAt = dueAt - Math.min(3.5, days / 4 + 0.75) * DAY_MS;
      const metAt = startedAt + metAfterMs <= now ? startedAt + metAfterMs : null;
      batch.push([
        caseId,
        unitId,
        stage,
        days,
        'working-days',
        sqlTime(new Date(startedAt)),
        sqlTime(new Date(dueAt)),
        sqlTime(new Date(warnAt)),
        'normal',
        metAt === null ? sqlTime(new Date(warnAt)) : null,
        metAt === null ? null : sqlTime(new Date(metAt)),
      ]);
      count += 1;
    }
    if (batch.length >= ROWS_PER_INSERT) {
      await insertRows(connection, 'case_deadlines', columns, batch);
      batch = [];
    }
  }
  await insertRows(connection, 'case_deadlines', columns, batch);
  return count;
}

/**
 * Loads the cases and clocks in one transaction, with the foreign-key and unique checks of this
 * session off, as bulk loads into InnoDB usually run: the generator keeps the keys valid and unique.
 */
export async function bulkLoadCases(connection: Connection, options: BulkLoadOptions): Promise<BulkLoadReport> {
  const started = performance.now();
  await connection.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
  await connection.beginTransaction();
  try {
    const openIds = await loadCases(connection, options);
    const deadlines = await loadDeadlines(connection, openIds, options);
    await connection.commit();
    return { cases: options.total, deadlines, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await connection.rollback();
    throw error;
  } finally {
    await connection.query('SET SESSION foreign_key_checks = 1, unique_checks = 1');
  }
}
