/**
 * The site's time-limit settings: one JSON row that admins edit. Until an admin saves settings,
 * the built-in defaults apply.
 */
import type { Transaction } from 'sequelize';
import { validationFailed } from '../../server/errors';
import { DEFAULT_TIME_LIMIT_SETTINGS, parseTimeLimitSettings, type TimeLimitSettings } from '../../server/workflow/time-limits';
import type { Database } from '../database';
import { clearTimeLimitCache } from './time-limit-cache';

const SETTINGS_ROW_ID = 1;

export interface StoredTimeLimitSettings {
  settings: TimeLimitSettings;
  /** True while no admin has saved settings and the built-in defaults apply. */
  isDefault: boolean;
  updatedById: number | null;
  updatedAt: string | null;
}

/** Reads the settings, inside `transaction` when given. */
export async function loadTimeLimitSettings(db: Database, transaction?: Transaction): Promise<StoredTimeLimitSettings> {
  const row = await db.models.TimeLimitSetting.findByPk(SETTINGS_ROW_ID, { transaction });
  if (!row) return { settings: DEFAULT_TIME_LIMIT_SETTINGS, isDefault: true, updatedById: null, updatedAt: null };
  return {
    settings: parseTimeLimitSettings(JSON.parse(row.settings)),
    isDefault: false,
    updatedById: row.updatedById,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Validates and stores the settings. Category overrides must name existing category codes.
 * Throws VALIDATION_FAILED with one Chinese message per invalid field. Running deadlines keep
 * their due dates: new settings apply from the next dispatch.
 */
export async function saveTimeLimitSettings(db: Database, input: unknown, actorUserId: number): Promise<StoredTimeLimitSettings> {
  const settings = parseTimeLimitSettings(input);
  const codes = Object.keys(settings.byCategory);
  if (codes.length > 0) {
    const known = new Set((await db.models.Category.findAll({ attributes: ['code'] })).map((row) => row.code));
    const unknown = codes.filter((code) => !known.has(code));
    if (unknown.length > 0) {
      throw validationFailed(unknown.map((code) => ({ field: `byCategory.${code}`, message: `诉求分类代码“${code}”不存在` })));
    }
  }

  await db.models.TimeLimitSetting.upsert({ id: SETTINGS_ROW_ID, settings: JSON.stringify(settings), updatedById: actorUserId, updatedAt: new Date() });
  clearTimeLimitCache(db);
  return loadTimeLimitSettings(db);
}
