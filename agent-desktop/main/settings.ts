/**
 * The desktop's one setting: the URL of the platform server whose renderer the window loads.
 * Sources in order: the `--server-url=` argument, the HOTLINE_SERVER_URL environment variable,
 * `serverUrl` in settings.json in Electron's userData folder, then the default.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:3000';
export const SETTINGS_FILE_NAME = 'settings.json';
const ARGUMENT_PREFIX = '--server-url=';

export interface SettingSources {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** Parsed settings.json, or undefined when the file does not exist. */
  settingsFile: unknown;
}

export interface ResolvedServerUrl {
  serverUrl: string;
  source: 'argument' | 'environment' | 'settings-file' | 'default';
  /** Sources that were set but invalid and therefore skipped, for the log. */
  problems: string[];
}

/** Returns the URL without a trailing slash, or null unless it is an absolute http(s) URL. */
export function normalizeServerUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href.replace(/\/+$/, '');
}

export function resolveServerUrl(sources: SettingSources): ResolvedServerUrl {
  const problems: string[] = [];
  const fileValue = (sources.settingsFile as { serverUrl?: unknown } | undefined)?.serverUrl;
  const candidates: [ResolvedServerUrl['source'], unknown][] = [
    ['argument', sources.argv.find((arg) => arg.startsWith(ARGUMENT_PREFIX))?.slice(ARGUMENT_PREFIX.length)],
    ['environment', sources.env.HOTLINE_SERVER_URL],
    ['settings-file', fileValue],
  ];

  for (const [source, value] of candidates) {
    if (value === undefined || value === '') continue;
    const serverUrl = typeof value === 'string' ? normalizeServerUrl(value) : null;
    if (serverUrl) return { serverUrl, source, problems };
    problems.push(`${source}: ${JSON.stringify(value)} is not an http(s) URL`);
  }
  return { serverUrl: DEFAULT_SERVER_URL, source: 'default', problems };
}

/**
 * Reads settings.json from `userDataDir`. Returns undefined when the file is missing and throws,
 * naming the file, when it is not valid JSON.
 */
export function readSettingsFile(userDataDir: string): unknown {
  const file = path.join(userDataDir, SETTINGS_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** True when `url` has the same origin as the server, so the window may navigate to it. */
export function isServerOrigin(url: string, serverUrl: string): boolean {
  try {
    return new URL(url).origin === new URL(serverUrl).origin;
  } catch {
    return false;
  }
}
