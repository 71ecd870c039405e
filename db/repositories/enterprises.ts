/**
 * Finding enterprises: by a caller's phone number (screen pop), by credit code, by name.
 */
import { Op, type WhereOptions } from 'sequelize';
import { normalizeCreditCode } from '../../server/domain/credit-code';
import type { Database } from '../database';
import type { EnterpriseRow } from '../models';
import { normalizePhoneNumber } from './phone-number';
import { presentEnterprise, type EnterpriseSummary } from './presenters';
import { columnContains } from './text-search';

export const MAX_SEARCH_LIMIT = 50;

/**
 * Returns the enterprise that registered this phone number, or null. When several enterprises
 * share the number, the one most recently updated is returned.
 */
export async function findEnterpriseByPhone(db: Database, phone: string): Promise<EnterpriseSummary | null> {
  const number = normalizePhoneNumber(phone);
  if (!number) {
    return null;
  }
  const { Enterprise, EnterpriseContact, OrgUnit } = db.models;
  const row = await Enterprise.findOne({
    include: [
      { model: EnterpriseContact, as: 'contacts', where: { phone: number }, attributes: [], required: true },
      { model: OrgUnit, as: 'township' },
    ],
    order: [
      ['updatedAt', 'DESC'],
      ['id', 'DESC'],
    ],
    subQuery: false,
  });
  return row ? presentEnterprise(row) : null;
}

export async function findEnterpriseByCreditCode(db: Database, creditCode: string): Promise<EnterpriseSummary | null> {
  const row = await db.models.Enterprise.findOne({
    where: { creditCode: normalizeCreditCode(creditCode) },
    include: [{ model: db.models.OrgUnit, as: 'township' }],
  });
  return row ? presentEnterprise(row) : null;
}

/** Finds enterprises whose name contains `q` or whose credit code starts with it, by name. */
export async function searchEnterprises(db: Database, query: { q: string; limit: number }): Promise<EnterpriseSummary[]> {
  const q = query.q.trim();
  if (!q) {
    return [];
  }
  const matches: WhereOptions<EnterpriseRow>[] = [columnContains(db.sequelize, 'Enterprise.name', q)];
  const codePrefix = normalizeCreditCode(q);
  // Only letters and digits, so the prefix contains no LIKE wildcard.
  if (/^[0-9A-Z]+$/.test(codePrefix)) {
    matches.push({ creditCode: { [Op.startsWith]: codePrefix } });
  }

  const rows = await db.models.Enterprise.findAll({
    where: { [Op.or]: matches },
    include: [{ model: db.models.OrgUnit, as: 'township' }],
    order: [
      ['name', 'ASC'],
      ['id', 'ASC'],
    ],
    limit: Math.min(Math.max(query.limit, 1), MAX_SEARCH_LIMIT),
  });
  return rows.map(presentEnterprise);
}
