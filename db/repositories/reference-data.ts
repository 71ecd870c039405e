/**
 * The trees that forms and dispatch choose from: case categories and organisation units.
 * Both are returned flat and ordered by code, and a child's `parentId` names its parent.
 */
import type { Database } from '../database';
import { presentCategory, presentOrgUnit, type CategoryRecord, type OrgUnitRecord } from './presenters';

export async function listCategories(db: Database, options: { includeInactive?: boolean } = {}): Promise<CategoryRecord[]> {
  const rows = await db.models.Category.findAll({
    where: options.includeInactive ? {} : { active: true },
    order: [['code', 'ASC']],
  });
  return rows.map(presentCategory);
}

export async function listOrgUnits(db: Database, options: { includeInactive?: boolean } = {}): Promise<OrgUnitRecord[]> {
  const rows = await db.models.OrgUnit.findAll({
    where: options.includeInactive ? {} : { active: true },
    order: [['code', 'ASC']],
  });
  return rows.map(presentOrgUnit);
}
