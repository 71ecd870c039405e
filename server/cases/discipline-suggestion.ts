/**
 * Conduct and discipline matters (行风、政风、违纪违规) go to the county discipline commission
 * (县纪委监委) rather than to the department complained about, so the platform suggests it as the
 * lead unit for cases in these categories.
 */
import type { Database } from '../../db/database';

/** Seeded codes of the conduct categories: 工作作风, 干预插手, 不作为慢作为, 吃拿卡要. */
export const CONDUCT_CATEGORY_CODES: readonly string[] = ['E02', 'E03', 'E04', 'E05'];
/** Names that mark a conduct category on sites that renumbered the tree. */
export const CONDUCT_CATEGORY_NAMES: readonly string[] = ['工作作风', '干预插手', '不作为慢作为', '吃拿卡要', '违纪违规', '行风政风'];

export interface UnitSuggestion {
  orgUnitId: number;
  name: string;
  /** Chinese explanation shown beside the suggestion. */
  reason: string;
}

export function isConductCategory(category: { code: string; name: string } | null): boolean {
  if (!category) return false;
  return CONDUCT_CATEGORY_CODES.some((code) => category.code === code || category.code.startsWith(code)) || CONDUCT_CATEGORY_NAMES.includes(category.name);
}

/** Returns the discipline commission as the suggested unit for a conduct case, or null. */
export async function suggestUnit(db: Database, categoryId: number | null): Promise<UnitSuggestion | null> {
  if (categoryId === null) return null;
  const category = await db.models.Category.findByPk(categoryId, { attributes: ['code', 'name'] });
  if (!isConductCategory(category)) return null;

  const commission = await db.models.OrgUnit.findOne({ where: { type: 'discipline', active: true }, order: [['code', 'ASC']] });
  if (!commission) return null;
  return {
    orgUnitId: commission.id,
    name: commission.name,
    reason: `“${category!.name}”属于作风纪律问题，建议转${commission.name}办理`,
  };
}
