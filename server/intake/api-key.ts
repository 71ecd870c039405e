/**
 * API keys of the intake front ends: `mqk_` and 43 characters of base64url (256 random bits).
 * The key is shown once when it is created; the database stores its SHA-256 and a prefix.
 */
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'mqk_';
/** Characters of the key kept in clear, so admins can tell keys apart. */
const SHOWN_PREFIX_LENGTH = 12;

export interface NewApiKey {
  key: string;
  keyPrefix: string;
  keyHash: string;
}

export function generateApiKey(): NewApiKey {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, keyPrefix: key.slice(0, SHOWN_PREFIX_LENGTH), keyHash: hashApiKey(key) };
}

/** SHA-256 in hex. A fast hash is enough, because keys are random and 256 bits long. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** True when `key` has the shape of our keys, so obviously wrong headers cost no database query. */
export function looksLikeApiKey(key: string): boolean {
  return /^mqk_[A-Za-z0-9_-]{43}$/.test(key);
}
