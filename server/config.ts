/**
 * The one configuration module: reads the environment once, validates every setting and
 * reports all problems together. Each setting is documented here and in the README.
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const seconds = z.coerce.number().int().min(0);
const port = z.coerce.number().int().min(0).max(65535);

/** Environment variables, their defaults and their checks. */
const schema = z.object({
  /** Address the HTTP and Socket.IO server listens on. */
  HOST: z.string().default('127.0.0.1'),
  /** Port of the HTTP and Socket.IO server; 0 picks a free port. */
  PORT: port.default(3000),
  /** `debug`, `info`, `warn` or `error`. */
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),

  /** `sqlite` (embedded default) or `mysql` (MySQL 8 or MariaDB through mysql2). */
  DB_DIALECT: z.enum(['sqlite', 'mysql']).default('sqlite'),
  /** SQLite file; `:memory:` keeps the database in memory. */
  DB_STORAGE: z.string().default('data/hotline.sqlite'),
  DB_HOST: z.string().default('127.0.0.1'),
  DB_PORT: port.default(3306),
  DB_NAME: z.string().default('hotline'),
  DB_USER: z.string().default('root'),
  DB_PASSWORD: z.string().default(''),

  /** Secret that signs login tokens; required, at least 32 characters. */
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters'),
  /** Lifetime of a login token in seconds; an agent's shift is up to 12 hours. */
  TOKEN_TTL_S: seconds.default(12 * 3600),

  /** Base URL of Asterisk's HTTP server (ARI lives under /ari). */
  ARI_URL: z.string().url().default('http://127.0.0.1:8088'),
  ARI_USER: z.string().default('hotline'),
  ARI_PASSWORD: z.string().default(''),
  /** Name of the Stasis application the dialplan sends calls to. */
  ARI_APP: z.string().regex(/^[A-Za-z0-9_-]+$/).default('hotline'),

  /** Set to false to run without the AMI link. */
  AMI_ENABLED: bool.default(true),
  AMI_HOST: z.string().default('127.0.0.1'),
  AMI_PORT: port.default(5038),
  AMI_USER: z.string().default('hotline'),
  AMI_SECRET: z.string().default(''),
  /** Time-out of one AMI action in milliseconds. */
  AMI_ACTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),

  /** Dial string of an agent's phone; `{extension}` is replaced. `Local/{extension}@agent-phones` works too. */
  AGENT_DIAL_TEMPLATE: z.string().includes('{extension}').default('PJSIP/{extension}'),
  /** Dial string of a department's on-duty number; `{number}` is replaced. */
  DEPT_DIAL_TEMPLATE: z.string().includes('{number}').default('PJSIP/{number}@carrier'),
  /** Caller ID shown on calls the platform places to departments. */
  OUTBOUND_CALLER_ID: z.string().default('037012345'),

  /** Seconds the IVR waits for a menu key after the prompt. */
  MENU_TIMEOUT_S: seconds.default(5),
  /** How often the menu repeats after no or a wrong key, before the call goes to an agent. */
  MENU_RETRIES: seconds.default(2),
  /** Seconds an agent's phone rings before the next agent is tried and this one set not ready. */
  AGENT_RING_TIMEOUT_S: seconds.min(1).default(15),
  /** Seconds a call waits for an agent with the chosen skill before any ready agent may take it. */
  SKILL_FALLBACK_S: seconds.default(30),
  /** Seconds between announcements of the caller's queue position. */
  QUEUE_ANNOUNCE_INTERVAL_S: seconds.min(5).default(30),
  /** Music-on-hold class for the queue and for calls on hold. */
  MOH_CLASS: z.string().default('default'),
  /** Language of the prompts (Asterisk sound folder). */
  PROMPT_LANGUAGE: z.string().default('zh'),
  /** Format of call recordings. */
  RECORDING_FORMAT: z.enum(['wav', 'gsm', 'ulaw', 'alaw']).default('wav'),
  /** Seconds of wrap-up after each call before the agent is offered the next one. */
  WRAP_UP_S: seconds.default(30),
  /** A caller who called within this many days counts as a repeat caller. */
  REPEAT_CALLER_DAYS: seconds.min(1).default(7),

  /** Seconds between passes of the time-limit scheduler (yellow and red marks, supervision notices); 0 turns it off on this node. */
  SCHEDULER_INTERVAL_S: seconds.default(60),
  /** Working days after a missed due date until an open supervision notice (督办单) escalates. */
  ESCALATION_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(2),

  /** Folder where case attachments are stored; relative paths start at the working directory. */
  ATTACHMENTS_DIR: z.string().default('data/attachments'),
  /** Largest accepted attachment, in MiB. */
  ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),

  /** Cases one address may submit through the public web form per hour. */
  PUBLIC_INTAKE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Progress lookups one address may make on the public progress page per hour. */
  PUBLIC_PROGRESS_LIMIT: z.coerce.number().int().min(1).default(60),
  /** Seconds between passes of the worker that pushes dispatched cases to units' systems; 0 turns it off. */
  DEPARTMENT_PUSH_INTERVAL_S: seconds.default(5),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the configuration from `env` (the process environment by default).
 * Throws `ConfigError` listing every invalid or missing setting at once.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`));
  }
  return result.data;
}

const DB_KEYS = {
  DB_DIALECT: true,
  DB_STORAGE: true,
  DB_HOST: true,
  DB_PORT: true,
  DB_NAME: true,
  DB_USER: true,
  DB_PASSWORD: true,
} as const;

/** The database settings alone, for tools such as the migration CLI that start no server. */
export type DbConfig = Pick<Config, keyof typeof DB_KEYS>;

/** Reads and validates only the `DB_*` settings; throws `ConfigError` like `loadConfig`. */
export function loadDbConfig(env: Record<string, string | undefined> = process.env): DbConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.pick(DB_KEYS).safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`));
  }
  return result.data;
}

/** The documented settings, for the README test. */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof Config)[];
