/**
 * `npm start`: reads the configuration from the environment, starts the platform and stops it
 * cleanly on SIGINT or SIGTERM. An invalid configuration prints every problem and exits with 1.
 */
import { pino } from 'pino';
import { ConfigError, loadConfig, type Config } from './config';
import { createPlatform, type Platform } from './platform';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = pino({ level: config.LOG_LEVEL });

  let platform: Platform;
  try {
    platform = await createPlatform({ config, logger, scheduler: true, departmentPush: true });
  } catch (error) {
    logger.fatal({ err: error }, 'platform failed to start');
    process.exit(1);
  }

  const { url } = await platform.listen();
  logger.info({ url }, 'platform listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown, exiting at once');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    platform
      .close()
      .then(() => {
        logger.info('platform stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
