/**
 * Seeding the organisation, the categories and the sample users. Each function creates what
 * is missing, matched by code or username, and leaves existing rows as they are, so seeding
 * twice changes nothing and never overwrites what an admin edited.
 */
import bcrypt from 'bcryptjs';
import type { Database } from '../database';
import { CATEGORIES, parentCategoryCode } from './categories';
import { ORG_UNITS } from './organisation';
import { USERS, type UserSeed } from './users';

const BCRYPT_ROUNDS = 10;

/** Creates the missing org units and returns how many it created. */
export async function seedOrgUnits(db: Database): Promise<number> {
  const { OrgUnit } = db.models;
  return db.transaction(async (transaction) => {
    const idByCode = new Map((await OrgUnit.findAll({ transaction })).map((unit) => [unit.code, unit.id]));
    let created = 0;
    for (const unit of ORG_UNITS) {
      if (idByCode.has(unit.code)) {
        continue;
      }
      const parentId = unit.parentCode === null ? null : idByCode.get(unit.parentCode);
      if (parentId === undefined) {
        throw new Error(`org unit ${unit.code} names parent ${unit.parentCode}, which is not seeded before it`);
      }
      const row = await OrgUnit.create(
        { code: unit.code, name: unit.name, type: unit.type, parentId, dutyPhone: unit.dutyPhone ?? null },
        { transaction },
      );
      idByCode.set(unit.code, row.id);
      created++;
    }
    return created;
  });
}

/** Creates the missing categories and returns how many it created. */
export async function seedCategories(db: Database): Promise<number> {
  const { Category } = db.models;
  return db.transaction(async (transaction) => {
    const idByCode = new Map((await Category.findAll({ transaction })).map((category) => [category.code, category.id]));
    let created = 0;
    for (const category of CATEGORIES) {
      if (idByCode.has(category.code)) {
        continue;
      }
      const parentCode = parentCategoryCode(category.code);
      const parentId = parentCode === null ? null : idByCode.get(parentCode);
      if (parentId === undefined) {
        throw new Error(`category ${category.code} needs parent ${parentCode}, which is not seeded before it`);
      }
      const row = await Category.create({ code: category.code, name: category.name, parentId }, { transaction });
      idByCode.set(category.code, row.id);
      created++;
    }
    return created;
  });
}

/** Returns the sample users that do not exist yet. */
export async function missingUsers(db: Database): Promise<UserSeed[]> {
  const existing = new Set((await db.models.User.findAll({ attributes: ['username'] })).map((user) => user.username));
  return USERS.filter((user) => !existing.has(user.username));
}

/** Creates the given users, with agent profiles for agents, all with `password`. */
export async function createSeedUsers(db: Database, users: UserSeed[], password: string): Promise<number> {
  if (users.length === 0) {
    return 0;
  }
  const passwordHash = await bcrypt.hash(password, BCRYPT_ROUNDS);
  const { OrgUnit, User, AgentProfile } = db.models;

  return db.transaction(async (transaction) => {
    const idByCode = new Map((await OrgUnit.findAll({ transaction })).map((unit) => [unit.code, unit.id]));
    for (const user of users) {
      const orgUnitId = idByCode.get(user.orgUnitCode);
      if (orgUnitId === undefined) {
        throw new Error(`user ${user.username} belongs to org unit ${user.orgUnitCode}, which is not seeded`);
      }
      const row = await User.create(
        { username: user.username, passwordHash, displayName: user.displayName, role: user.role, orgUnitId },
        { transaction },
      );
      if (user.agent) {
        await AgentProfile.create({ userId: row.id, extension: user.agent.extension, skills: user.agent.skills }, { transaction });
      }
    }
    return users.length;
  });
}
