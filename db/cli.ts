/**
 * Command line for the database. `migrate` applies pending migrations, and `seed` applies them
 * too and then seeds. The database comes from the `DB_*` settings (see server/config.ts).
 *
 *   npm run db:migrate
 *   SEED_PASSWORD='…' npm run db:seed            sample organisation, categories, users
 *   npm run db:seed -- --demo                    also demo data, users get DEMO_PASSWORD
 */
import { pino } from 'pino';
import { ConfigError, loadDbConfig } from '../server/config';
import { openDatabase } from './database';
import { migrate } from './migrate';
import { dbOptionsFromConfig } from './options';
import { seed, SeedPasswordMissingError } from './seed';

const USAGE = `usage: tsx db/cli.ts migrate
       tsx db/cli.ts seed [--demo]

seed creates missing users with the password in SEED_PASSWORD; with --demo and no
SEED_PASSWORD they get the demo password Hotline@2026.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  const unknownFlags = flags.filter((flag) => flag !== '--demo');
  if ((command !== 'migrate' && command !== 'seed') || unknownFlags.length > 0 || (command === 'migrate' && flags.length > 0)) {
    console.error(USAGE);
    return 2;
  }

  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const db = await openDatabase(dbOptionsFromConfig(loadDbConfig(), logger));
  try {
    const applied = await migrate(db);
    logger.info({ applied }, applied.length > 0 ? 'migrations applied' : 'schema is up to date');
    if (command === 'seed') {
      await seed(db, { demo: flags.includes('--demo'), password: process.env.SEED_PASSWORD });
    }
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof SeedPasswordMissingError) {
      console.error(error.message);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  },
);
