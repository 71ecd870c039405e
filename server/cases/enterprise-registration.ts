/**
 * Finds the enterprise of a new case by its credit code, or registers it when it is new.
 * TODO: move into db/repositories/enterprises.ts once the database layer has a create function.
 */
import { UniqueConstraintError } from 'sequelize';
import type { Database } from '../../db/database';
import { findEnterpriseByCreditCode, type EnterpriseSummary } from '../../db/repositories';

export interface NewEnterprise {
  name: string;
  /** Checked and normalized (trimmed, capitals). */
  creditCode: string;
  address?: string;
}

/** Returns the stored enterprise with the credit code, creating it from `enterprise` when there is none. */
export async function findOrRegisterEnterprise(db: Database, enterprise: NewEnterprise): Promise<EnterpriseSummary> {
  const known = await findEnterpriseByCreditCode(db, enterprise.creditCode);
  if (known) return known;

  try {
    await db.models.Enterprise.create({ name: enterprise.name, creditCode: enterprise.creditCode, address: enterprise.address || null });
  } catch (error) {
    // Another request registered the same code in the meantime; use that row.
    if (!(error instanceof UniqueConstraintError)) throw error;
  }

  const stored = await findEnterpriseByCreditCode(db, enterprise.creditCode);
  if (!stored) throw new Error(`enterprise ${enterprise.creditCode} missing right after it was registered`);
  return stored;
}
