/**
 * The database layer: open a database, migrate its schema, seed it, and the repositories
 * that are the server's only access to it.
 *
 *   const db = await openDatabase(dbOptionsFromConfig(config, logger));
 *   await migrate(db);
 *   const summary = await createCase(db, input, { userId });
 *   await db.close();
 */
export { openDatabase } from './database';
export type { Database } from './database';
export { dbOptionsFromConfig } from './options';
export type { DbOptions, MysqlOptions, SqliteOptions } from './options';
export { migrate, migrateDown, pendingMigrations } from './migrate';
export { DEMO_PASSWORD, seed, SeedPasswordMissingError } from './seed';
export type { SeedOptions, SeedReport } from './seed';
export * from './repositories';
