/**
 * `npm run demo`: the whole platform on embedded defaults in one process. A SQLite database
 * with the sample county data, the Asterisk simulator in place of Asterisk, agent phones that
 * pick up a few seconds after they start ringing, and a stream of simulated enterprise calls.
 *
 * Settings come from the environment like `npm start`, except those the demo must own: the
 * Asterisk addresses and credentials, the login secret (random per run) and, unless set, the
 * SQLite file `data/demo.sqlite`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pino } from 'pino';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { dbOptionsFromConfig } from '../db/options';
import { seed, DEMO_PASSWORD } from '../db/seed/index';
import { DEMO_CALLER_NUMBER } from '../db/seed/demo-data';
import { startTraffic } from '../test/load/traffic';
import { startSimulator } from '../test/sim/index';
import { ConfigError, loadConfig, type Config } from './config';
import { createPlatform } from './platform';

/** Extensions of the seeded agents; their simulated phones answer by themselves. */
const DEMO_EXTENSIONS = ['8001', '8002', '8003'];
/** Seconds a simulated agent phone rings before it picks up. */
const DEMO_PICKUP_SECONDS = 4;

async function main(): Promise<void> {
  const secret = randomBytes(16).toString('hex');
  const bootLogger = pino({ level: process.env.LOG_LEVEL ?? 'info' });

  const sim = await startSimulator({ ariUser: 'hotline', ariPassword: secret, amiUser: 'hotline', amiSecret: secret });
  for (const extension of DEMO_EXTENSIONS) {
    sim.addPhone({ extension, answer: 'auto', answerAfterMs: DEMO_PICKUP_SECONDS * 1000 });
  }

  let config: Config;
  try {
    config = loadConfig({
      DB_STORAGE: 'data/demo.sqlite',
      WRAP_UP_S: '15',
      ...process.env,
      DB_DIALECT: process.env.DB_DIALECT ?? 'sqlite',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ARI_URL: sim.ariUrl,
      ARI_USER: 'hotline',
      ARI_PASSWORD: secret,
      AMI_PORT: String(sim.amiPort),
      AMI_USER: 'hotline',
      AMI_SECRET: secret,
      AGENT_DIAL_TEMPLATE: 'PJSIP/{extension}',
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      await sim.stop();
      process.exit(1);
    }
    throw error;
  }
  const logger = pino({ level: config.LOG_LEVEL });

  // Seed before the platform starts, so that it loads the seeded agents' profiles.
  if (config.DB_DIALECT === 'sqlite' && config.DB_STORAGE !== ':memory:') mkdirSync(dirname(config.DB_STORAGE), { recursive: true });
  const db = await openDatabase(dbOptionsFromConfig(config, logger));
  await migrate(db);
  await seed(db, { demo: true });
  await db.close();

  const platform = await createPlatform({ config, logger, scheduler: true });
  const { url } = await platform.listen();

  const traffic = startTraffic(sim, {
    meanIntervalSeconds: 20,
    maxConcurrentCalls: 3,
    knownNumbers: [DEMO_CALLER_NUMBER, '13937000202', '13937000303'],
    patienceSeconds: [60, 120],
    talkSeconds: [20, 60],
    logger: logger.child({ component: 'demo-traffic' }),
  });

  bootLogger.info({ url }, 'demo is running');
  process.stdout.write(
    [
      '',
      `  民权县12345企业服务110平台 演示环境已启动 / demo running at ${url}`,
      `  登录 / log in: agent1 (或 agent2, agent3)  密码 / password: ${DEMO_PASSWORD}`,
      '  点击“就绪”后，模拟来电会在几秒内振铃弹屏；按 Ctrl+C 退出。',
      '  Press 就绪 (ready) and simulated calls ring within seconds; Ctrl+C stops the demo.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.info('demo stopping');
    await traffic.stop();
    await platform.close();
    await sim.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
