/**
 * Query codes (查询码): the short secret that, with the case number, opens a case's progress
 * on the public page. Only a salted scrypt hash of a code is stored.
 */
import { createHmac, hkdfSync, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Digits and capitals without 0, 1, I, L and O, which people misread. */
export const QUERY_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const QUERY_CODE_LENGTH = 8;

const SCRYPT_OPTIONS: ScryptOptions = { N: 16384, r: 8, p: 1 };
const SALT_BYTES = 16;
const HASH_BYTES = 32;

/** Compares the hash of a typed code against this when the case number is unknown, so both failures take as long. */
const UNKNOWN_CASE_HASH = `scrypt$${Buffer.alloc(SALT_BYTES).toString('base64')}$${Buffer.alloc(HASH_BYTES).toString('base64')}`;

/** Trims the code, removes spaces and hyphens and converts it to capitals. */
export function normalizeQueryCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** Returns a new random code of `QUERY_CODE_LENGTH` characters (about 39 bits). */
export function generateQueryCode(): string {
  return encode(randomBytes(16));
}

/**
 * Returns the code derived from `secret` and `label`, the same on every call. The intake API
 * uses it, so that a retried request returns the code of the first one without storing it.
 */
export function deriveQueryCode(secret: string, label: string): string {
  const key = Buffer.from(hkdfSync('sha256', secret, 'minquan-12345', 'query-code', 32));
  return encode(createHmac('sha256', key).update(label).digest().subarray(0, 16));
}

/** Returns `scrypt$<salt>$<hash>` for storing. */
export async function hashQueryCode(code: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(normalizeQueryCode(code), salt);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Checks a typed code against a stored hash. With a null hash (unknown case) it still runs one
 * scrypt, so the response time does not tell whether the case number exists.
 */
export async function verifyQueryCode(code: string, stored: string | null): Promise<boolean> {
  const [scheme, salt, expected] = (stored ?? UNKNOWN_CASE_HASH).split('$');
  if (scheme !== 'scrypt' || !salt || !expected) return false;

  const actual = await scryptAsync(normalizeQueryCode(code), Buffer.from(salt, 'base64'));
  const expectedBytes = Buffer.from(expected, 'base64');
  return stored !== null && expectedBytes.length === actual.length && timingSafeEqual(actual, expectedBytes);
}

/** Maps 128 random bits to code characters; the bias of the last digits of base 31 is negligible. */
function encode(bytes: Buffer): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  const base = BigInt(QUERY_CODE_ALPHABET.length);
  let code = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i++) {
    code += QUERY_CODE_ALPHABET[Number(value % base)];
    value /= base;
  }
  return code;
}

function scryptAsync(code: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(code, salt, HASH_BYTES, SCRYPT_OPTIONS, (error, hash) => (error ? reject(error) : resolve(hash)));
  });
}
