/**
 * Seeding a database: the sample Minquan organisation, the category tree, one user per role
 * and, with `demo`, sample enterprises, a call and cases. Every step creates only what is
 * missing, so seeding again changes nothing.
 */
import type { Database } from '../database';
import { seedDemoCases, seedDemoEnterprises } from './demo';
import { createSeedUsers, missingUsers, seedCategories, seedOrgUnits } from './reference';

/** Password of the demo users. Only for demos: a production seed must be given its own. */
export const DEMO_PASSWORD = 'Hotline@2026';

export interface SeedOptions {
  /** Adds the demo enterprises, call and cases, and allows `DEMO_PASSWORD` for new users. */
  demo?: boolean;
  /** Password of every user the seed creates. Required unless `demo` is set. */
  password?: string;
  /** Reference time of the demo data, by default the current time. */
  now?: Date;
}

export interface SeedReport {
  orgUnits: number;
  categories: number;
  users: number;
  enterprises: number;
  cases: number;
}

export class SeedPasswordMissingError extends Error {
  constructor(usernames: string[]) {
    super(`seed must create users ${usernames.join(', ')} but has no password: set SEED_PASSWORD, or seed with --demo`);
    this.name = 'SeedPasswordMissingError';
  }
}

/**
 * Seeds the database (its schema must be migrated) and returns how many rows of each kind it
 * created. Throws `SeedPasswordMissingError`, before writing anything, when users are missing
 * and neither a password nor `demo` is given.
 */
export async function seed(db: Database, options: SeedOptions = {}): Promise<SeedReport> {
  const users = await missingUsers(db);
  const password = options.password || (options.demo ? DEMO_PASSWORD : undefined);
  if (users.length > 0 && !password) {
    throw new SeedPasswordMissingError(users.map((user) => user.username));
  }

  const report: SeedReport = { orgUnits: 0, categories: 0, users: 0, enterprises: 0, cases: 0 };
  report.orgUnits = await seedOrgUnits(db);
  report.categories = await seedCategories(db);
  report.users = await createSeedUsers(db, users, password ?? '');
  if (options.demo) {
    report.enterprises = await seedDemoEnterprises(db);
    report.cases = await seedDemoCases(db, options.now ?? new Date());
  }

  db.logger.info({ ...report, demo: Boolean(options.demo) }, 'database seeded');
  return report;
}
