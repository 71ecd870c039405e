/**
 * The platform under benchmark, in a process of its own so that its CPU and memory are
 * measured apart from the simulator and the simulated agents. Started by `run.ts` with the
 * configuration in its environment and the number of bench agents in BENCH_AGENTS; it seeds
 * those agents, listens, reports `{ type: 'ready', url, tokens }` over IPC and answers `usage`
 * requests with its CPU time and memory.
 *
 * The agents' tokens are signed here, as the login route signs them, instead of through
 * hundreds of logins: each login checks a bcrypt hash, which costs the platform tens of CPU
 * seconds per round before any call. A desktop connecting with such a token loads its agent
 * profile as after a login.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';
import { dbOptionsFromConfig } from '../../db/options';
import { seed } from '../../db/seed/index';
import { createSeedUsers } from '../../db/seed/reference';
import { PLATFORM_CODE } from '../../db/seed/organisation';
import { loadConfig } from '../../server/config';
import { createTokenService } from '../../server/auth/tokens';
import { createPlatform } from '../../server/platform';
import { BENCH_PASSWORD, benchAgentExtension, benchAgentUsername, type BenchMessage } from './protocol';

async function main(): Promise<void> {
  const config = loadConfig();
  const agentCount = Number(process.env.BENCH_AGENTS);
  const logger = pino({ level: config.LOG_LEVEL });

  const db = await openDatabase(dbOptionsFromConfig(config, logger));
  await migrate(db);
  await seed(db, { demo: true });
  const agents = Array.from({ length: agentCount }, (_, index) => ({
    username: benchAgentUsername(index),
    displayName: `压测坐席${index + 1}`,
    role: 'agent' as const,
    orgUnitCode: PLATFORM_CODE,
    agent: { extension: benchAgentExtension(index), skills: ['enterprise' as const, 'general' as const] },
  }));
  await createSeedUsers(db, agents, BENCH_PASSWORD);
  const users = await db.models.User.findAll({ where: { username: agents.map((agent) => agent.username) } });
  const userIds = new Map(users.map((user) => [user.username, user.id]));
  await db.close();

  const tokenService = createTokenService({ secret: config.JWT_SECRET, ttlSeconds: config.TOKEN_TTL_S });
  const tokens = agents.map((agent) => tokenService.sign({ userId: userIds.get(agent.username)!, role: 'agent', agentId: agent.username }));

  const platform = await createPlatform({ config, logger, serveRenderer: false });
  const { url } = await platform.listen();
  const cpuAtStart = process.cpuUsage();
  // Restarted at each `usage` request, so the second request of a round reports the round alone.
  let loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();

  const send = (message: BenchMessage) => process.send?.(message);
  process.on('message', (message: BenchMessage) => {
    if (message.type === 'usage') {
      const cpu = process.cpuUsage(cpuAtStart);
      const memory = process.memoryUsage();
      loopDelay.disable();
      send({
        type: 'usage',
        cpuMicros: cpu.user + cpu.system,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        loopDelayMaxMs: loopDelay.max / 1e6,
      });
      loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
    }
    if (message.type === 'stop') {
      void platform.close().then(() => process.exit(0));
    }
  });
  send({ type: 'ready', url, tokens });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench platform failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
