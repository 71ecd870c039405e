/**
 * Cache of the inputs every dispatch reads to compute its due dates: the working-day calendar,
 * the time-limit settings and the category tree. They change a few times a year, so each Database keeps them
 * for CACHE_TTL_MS. An edit through this process's repositories clears the copy at once; other
 * server nodes pick it up when their copy expires.
 */
import type { Transaction } from 'sequelize';
import type { TimeLimitSettings } from '../../server/workflow/time-limits';
import type { WorkingCalendar } from '../../server/workflow/working-calendar';
import type { Database } from '../database';

export const CACHE_TTL_MS = 30_000;

export interface TimeLimitInputs {
  calendar: WorkingCalendar;
  settings: TimeLimitSettings;
  /** Every category by id, with its code and parent. */
  categories: Map<number, { code: string; parentId: number | null }>;
}

const cache = new WeakMap<Database, { loadedAt: number; inputs: TimeLimitInputs }>();

/** Returns the cached inputs, or loads them with `load` (inside `transaction`) when missing or expired. */
export async function cachedTimeLimitInputs(
  db: Database,
  transaction: Transaction,
  load: (transaction: Transaction) => Promise<TimeLimitInputs>,
): Promise<TimeLimitInputs> {
  const entry = cache.get(db);
  if (entry && Date.now() - entry.loadedAt < CACHE_TTL_MS) return entry.inputs;

  const inputs = await load(transaction);
  cache.set(db, { loadedAt: Date.now(), inputs });
  return inputs;
}

/** Drops the cached inputs of `db`, after an edit of the calendar, the settings or the categories. */
export function clearTimeLimitCache(db: Database): void {
  cache.delete(db);
}
